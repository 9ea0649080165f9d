"""The deals explorer: pick deals and clauses, read each cell of the clause matrix with its detail
and source. A cell is 'present' or 'absent' only where a sourced row says so; without a row it is
'not known', and the default view leaves those out (tick the box to list them too)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..figures.deals import PROVISION_LABELS, PROVISIONS, STATES, cells, deals
from ..tables import Facet, explorer_table, to_html
from . import choice_matches, default_of, unfiltered

CELL_COLUMNS = {
    "label": "Deal",
    "clause": "Clause",
    "state": "State",
    "detail": "What the source says",
    "source_id": "Source",
    "status": "How sure",
}


class DealExplorer:
    """Choose deals and clauses (several of each: Ctrl/Cmd-click); by default every deal and every
    clause, sourced cells only."""

    def __init__(self, agreements: pd.DataFrame, provisions: pd.DataFrame):
        self.cells = cells(agreements, provisions)
        labels = list(deals(agreements)["label"])
        self.deals = widgets.SelectMultiple(
            options=labels, value=tuple(labels), rows=min(len(labels), 8), description="Deals"
        )
        self.clauses = widgets.SelectMultiple(
            options=[(PROVISION_LABELS[p], p) for p in PROVISIONS],
            value=PROVISIONS,
            rows=min(len(PROVISIONS), 8),
            description="Clauses",
        )
        self.unknown = widgets.Checkbox(value=False, description="Also list cells not known", indent=False)
        self.output = widgets.HTML()
        for control in (self.deals, self.clauses, self.unknown):
            control.observe(self.refresh, names="value")
        self.refresh()

    def chosen(self) -> pd.DataFrame:
        """Every chosen cell, whatever its state (deals in date order, clauses in schema order)."""
        rows = self.cells[
            self.cells["label"].isin(self.deals.value) & self.cells["provision"].isin(self.clauses.value)
        ]
        return rows.reset_index(drop=True)

    def selected(self) -> pd.DataFrame:
        """The cells the table lists: sourced ones, plus the not-known ones if the box is ticked."""
        rows = self.chosen()
        if not self.unknown.value:
            rows = rows[rows["state"] != "not known"]
        return rows.reset_index(drop=True)

    def summary(self) -> str:
        chosen = self.chosen()
        tally = chosen["state"].value_counts()
        parts = ", ".join(f"{int(tally.get(s, 0))} {s}" for s in STATES)
        return f"{len(chosen)} cells: {parts}"

    def refresh(self, *_):
        rows = self.selected()
        head = f"<p>{self.summary()}</p>"
        if rows.empty:
            self.output.value = (
                head + "<p>No sourced cell for this choice: every chosen clause is not known.</p>"
            )
            return
        shown = rows.assign(detail=rows["detail"].where(rows["detail"] != "", "—"))
        self.output.value = head + to_html(shown, CELL_COLUMNS)

    def page_table(self) -> str:
        """Every sourced cell, as the book shows it: a table the page filters by deal and clause
        like this explorer (cells not known are left out, as in the explorer's default view)."""
        filters = (self.deals, self.clauses)
        with unfiltered(filters):
            rows = self.selected()
        ids = list(rows["label"] + "|" + rows["provision"])

        def row_ids():
            chosen = self.selected()
            return chosen["label"] + "|" + chosen["provision"]

        facets = []
        for key, control, label in (("deal", self.deals, "Deal"), ("clause", self.clauses, "Clause")):
            options, matches = choice_matches(control, ids, row_ids, filters)
            facets.append(Facet(key, label, options, matches, default=default_of(control)))
        shown = rows.assign(detail=rows["detail"].where(rows["detail"] != "", "—"))
        return explorer_table(shown, CELL_COLUMNS, facets, ("cell", "cells"))

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.deals, self.clauses]), self.unknown, self.output])
