"""The deals explorer: pick deals and clauses, read each cell of the clause matrix with its detail
and source. A cell is 'present' or 'absent' only where a sourced row says so; without a row it is
'not known', and the default view leaves those out (tick the box to list them too)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..analysis.deals import STATES, cells, clause_labels, deals, provisions_compared
from ..tables import to_html
from . import InPageFilters, PageFilters

CELL_COLUMNS = {
    "label": "Deal",
    "clause": "Clause",
    "state": "State",
    "detail": "What the source says",
    "source_id": "Source",
    "status": "How sure",
}


class DealExplorer(InPageFilters):
    """Choose deals and clauses (several of each: Ctrl/Cmd-click); by default every deal and every
    clause, sourced cells only."""

    page_filters = PageFilters(
        noun=("cell", "cells"),
        row_id=("label", "provision"),
        choices=("deals", "clauses"),
        labels={"deals": "Deal", "clauses": "Clause"},
    )

    def __init__(self, agreements: pd.DataFrame, provisions: pd.DataFrame):
        self.cells = cells(agreements, provisions)
        labels = list(deals(agreements)["label"])
        self.deals = widgets.SelectMultiple(
            options=labels, value=tuple(labels), rows=min(len(labels), 8), description="Deals"
        )
        clauses, labels_of = provisions_compared(), clause_labels()
        self.clauses = widgets.SelectMultiple(
            options=[(labels_of[p], p) for p in clauses],
            value=clauses,
            rows=min(len(clauses), 8),
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
        self.output.value = head + to_html(*self.static_table())

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The cells the controls select (by default every sourced cell), a dash for an empty detail."""
        rows = self.selected()
        return rows.assign(detail=rows["detail"].where(rows["detail"] != "", "—")), CELL_COLUMNS

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.deals, self.clauses]), self.unknown, self.output])
