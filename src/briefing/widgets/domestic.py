"""The policy explorer: Malaysia's rare-earth policy instruments by value-chain stage, type and status.

The default view lists every instrument without its detail text (a compact table for the book); the
"Show details" box adds the detail column."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..figures.domestic import TYPE_LABELS
from ..tables import Facet, explorer_table, to_html
from ..text import long_date
from . import ALL, choice_matches, default_of, unfiltered

# Readable names for the dataset's codes (the explorer's choices and its table show these).
STAGE_LABELS = {
    "resource": "Resource (in the ground)",
    "mining": "Mining",
    "separation": "Separation and refining",
    "metal": "Metal making",
    "magnet": "Magnet making",
    "cross_cutting": "Cross-cutting",
}
STATUS_LABELS = {
    "in_force": "In force",
    "announced": "Announced",
    "proposed": "Proposed",
    "under_discussion": "Under discussion",
    "completed": "Completed",
    "estimate": "Estimate",
}
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
    shown["stage"] = shown["value_chain_stage"].astype(str).map(STAGE_LABELS)
    shown["type"] = shown["instrument_type"].astype(str).map(TYPE_LABELS)
    shown["status_label"] = shown["instrument_status"].astype(str).map(STATUS_LABELS)
    shown["classification"] = (
        shown["stage"] + "; " + shown["type"].str.lower() + "; " + shown["status_label"].str.lower()
    )
    return shown.reset_index(drop=True)


def _options(codes: list[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(ALL, ALL)] + [(labels[c], c) for c in codes]


class PolicyExplorer:
    """Filter the policy instruments by value-chain stage, instrument type and status."""

    def __init__(self, policy: pd.DataFrame):
        self.policy = policy
        present = {name: set(policy[name].astype(str)) for name in policy.columns}

        def codes(column: str) -> list[str]:  # in the schema's order, only those in the data
            return [c for c in policy[column].cat.categories if c in present[column]]

        self.stage = widgets.Dropdown(
            options=_options(codes("value_chain_stage"), STAGE_LABELS), value=ALL, description="Stage"
        )
        self.kind = widgets.Dropdown(
            options=_options(codes("instrument_type"), TYPE_LABELS), value=ALL, description="Type"
        )
        self.status = widgets.Dropdown(
            options=_options(codes("instrument_status"), STATUS_LABELS), value=ALL, description="Status"
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

    def refresh(self, *_):
        rows = self.selected()
        noun = "instrument" if len(rows) == 1 else "instruments"
        if rows.empty:
            self.output.value = "<p>0 instruments match these filters.</p>"
            return
        columns = DETAIL_COLUMNS if self.details.value else POLICY_COLUMNS
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, columns)

    def page_table(self) -> str:
        """Every instrument, as the book shows it: a table the page filters like this explorer."""
        filters = (self.stage, self.kind, self.status)
        with unfiltered(filters):
            rows = self.selected()
        ids = list(rows["instrument_id"].astype(str))

        def row_ids():
            return self.selected()["instrument_id"].astype(str)

        facets = []
        for key, control in (("stage", self.stage), ("type", self.kind), ("status", self.status)):
            options, matches = choice_matches(control, ids, row_ids, filters)
            facets.append(Facet(key, control.description, options, matches, default=default_of(control)))
        dates = [f"{d:%Y-%m-%d}" for d in rows["date"]]
        return explorer_table(rows, POLICY_COLUMNS, facets, ("instrument", "instruments"), {"when": dates})

    def widget(self) -> widgets.Widget:
        controls = widgets.HBox([self.stage, self.kind, self.status, self.details])
        return widgets.VBox([controls, self.output])
