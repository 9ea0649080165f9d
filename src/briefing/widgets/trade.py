"""The commitments explorer: the Agreement on Reciprocal Trade, filtered by party and area."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import loaders
from ..analysis.trade import commitment_rows
from ..tables import to_html
from . import ALL, InPageFilters, PageFilters

DEFAULT_AREA = "critical_minerals"  # the chapter's focus; the book shows this view
COLUMNS = {
    "commitment_id": "Id",
    "party": "Party",
    "area_label": "Area",
    "article": "Article",
    "commitment": "Commitment",
    "amount_text": "Amount",
    "source_id": "Source",
    "status": "Status",
}


def columns_for(party: str = ALL, area: str = ALL) -> dict[str, str]:
    """The table's columns, without one a filter has fixed (narrower tables read better on phones)."""
    fixed = {"party"} if party != ALL else set()
    fixed |= {"area_label"} if area != ALL else set()
    return {name: title for name, title in COLUMNS.items() if name not in fixed}


def _chosen(value: str) -> str | None:
    return None if value == ALL else value


class CommitmentExplorer(InPageFilters):
    """Filter the ART's commitments by party and area; optionally only those with an amount."""

    page_filters = PageFilters(
        noun=("commitment", "commitments"),
        row_id="commitment_id",
        choices=("party", "area"),
        flags=("amounts_only",),
    )

    def __init__(self, commitments: pd.DataFrame):
        self.commitments = commitments
        self.area_labels = loaders.labels("art_commitments", "area")
        parties = [p for p in commitments["party"].cat.categories if p in set(commitments["party"])]
        self.party = widgets.Dropdown(options=[ALL, *parties], value=ALL, description="Party")
        areas = [a for a in commitments["area"].cat.categories if a in set(commitments["area"])]
        self.area = widgets.Dropdown(
            options=[(ALL, ALL), *((self.area_labels[a], a) for a in areas)],
            value=DEFAULT_AREA if DEFAULT_AREA in areas else ALL,
            description="Area",
        )
        self.amounts_only = widgets.Checkbox(value=False, description="Only with an amount")
        self.output = widgets.HTML()
        for control in (self.party, self.area, self.amounts_only):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        return commitment_rows(
            self.commitments,
            self.area_labels,
            _chosen(self.party.value),
            _chosen(self.area.value),
            self.amounts_only.value,
        )

    def columns(self) -> dict[str, str]:
        return columns_for(self.party.value, self.area.value)

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows and columns the default controls select (the book's static view)."""
        return self.selected(), self.columns()

    def refresh(self, *_):
        rows = self.selected()
        noun = "commitment" if len(rows) == 1 else "commitments"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, self.columns())

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.party, self.area, self.amounts_only]), self.output])
