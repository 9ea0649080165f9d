"""The policy explorer: Malaysia's rare-earth policy instruments by value-chain stage, type and status.

The default view lists every instrument without its detail text (a compact table for the book); the
"Show details" box adds the detail column."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..loaders import labels
from ..tables import to_html
from ..text import long_date
from . import ALL, InPageFilters, PageFilters

POLICY_COLUMNS = {
    "when": "When",
    "name": "Instrument",
    "classification": "Stage; type; status",
    "source_id": "Source",
}
DETAIL_COLUMNS = {
    "when": "When",
    "name": "Instrument",
    "detail": "Detail",
    "classification": "Stage; type; status",
    "source_id": "Source",
}


def policy_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as the reader sees them: dates as precise as the data, codes as words, oldest first."""
    shown = rows.sort_values(["date", "instrument_id"]).copy()
    shown["when"] = [
        long_date(d, str(p)) for d, p in zip(shown["date"], shown["date_precision"], strict=True)
    ]
    shown["stage"] = (
        shown["value_chain_stage"].astype(str).map(labels("malaysia_policy", "value_chain_stage"))
    )
    shown["type"] = shown["instrument_type"].astype(str).map(labels("malaysia_policy", "instrument_type"))
    shown["status_label"] = (
        shown["instrument_status"].astype(str).map(labels("malaysia_policy", "instrument_status"))
    )
    shown["classification"] = (
        shown["stage"] + "; " + shown["type"].str.lower() + "; " + shown["status_label"].str.lower()
    )
    return shown.reset_index(drop=True)


def _options(codes: list[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(ALL, ALL)] + [(labels[c], c) for c in codes]


class PolicyExplorer(InPageFilters):
    """Filter the policy instruments by value-chain stage, instrument type and status."""

    page_filters = PageFilters(
        noun=("instrument", "instruments"),
        row_id="instrument_id",
        choices=("stage", "kind", "status"),
        sort_by={"when": "date"},
    )

    def __init__(self, policy: pd.DataFrame):
        self.policy = policy
        present = {name: set(policy[name].astype(str)) for name in policy.columns}

        def codes(column: str) -> list[str]:  # in the schema's order, only those in the data
            return [c for c in policy[column].cat.categories if c in present[column]]

        self.stage = widgets.Dropdown(
            options=_options(codes("value_chain_stage"), labels("malaysia_policy", "value_chain_stage")),
            value=ALL,
            description="Stage",
        )
        self.kind = widgets.Dropdown(
            options=_options(codes("instrument_type"), labels("malaysia_policy", "instrument_type")),
            value=ALL,
            description="Type",
        )
        self.status = widgets.Dropdown(
            options=_options(codes("instrument_status"), labels("malaysia_policy", "instrument_status")),
            value=ALL,
            description="Status",
        )
        self.details = widgets.Checkbox(value=False, description="Show details", indent=False)
        self.output = widgets.HTML()
        for control in (self.stage, self.kind, self.status, self.details):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.policy
        for control, column in (
            (self.stage, "value_chain_stage"),
            (self.kind, "instrument_type"),
            (self.status, "instrument_status"),
        ):
            if control.value != ALL:
                rows = rows[rows[column].astype(str) == control.value]
        return policy_table(rows)

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows the default controls select (every instrument, no details), as the book shows them."""
        return self.selected(), DETAIL_COLUMNS if self.details.value else POLICY_COLUMNS

    def refresh(self, *_):
        rows = self.selected()
        noun = "instrument" if len(rows) == 1 else "instruments"
        if rows.empty:
            self.output.value = "<p>0 instruments match these filters.</p>"
            return
        columns = DETAIL_COLUMNS if self.details.value else POLICY_COLUMNS
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, columns)

    def widget(self) -> widgets.Widget:
        controls = widgets.HBox([self.stage, self.kind, self.status, self.details])
        return widgets.VBox([controls, self.output])
