"""The outlook explorer: the indicators to watch, filtered by theme and by whether their due date
has passed (computed from the data's as-of date, not the clock)."""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets
import pandas as pd

from ..figures.outlook import THEME_LABELS, THEMES, TIMINGS, with_timing
from ..tables import Facet, explorer_table, to_html
from . import ALL, choice_matches, default_of, unfiltered

COLUMNS = {
    "indicator": "Indicator",
    "theme_text": "Theme",
    "due_cell": "Due (timing)",
    "signal": "What it would signal",
    "outcome_text": "What happened",
    "sources": "Source",
}


def as_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in table order: due date first (undated last), then id; text columns as plain str."""
    shown = rows.sort_values(["due_start", "indicator_id"], na_position="last").copy()
    for name in ("indicator", "signal"):
        shown[name] = shown[name].astype(str)
    shown["due_cell"] = [
        text if timing == "no date set" else f"{text} ({timing})"
        for text, timing in zip(shown["due_text"], shown["timing"], strict=True)
    ]
    return shown


class OutlookExplorer:
    """Filter the indicators by theme and timing (past, due now, upcoming, no date set)."""

    def __init__(self, indicators: pd.DataFrame, as_of: date):
        self.rows = with_timing(indicators, as_of)
        present = set(self.rows["theme"].astype(str))
        self.theme = widgets.Dropdown(
            options=[(ALL, ALL), *[(THEME_LABELS[t], t) for t in THEMES if t in present]],
            value=ALL,
            description="Theme",
        )
        timings = [t for t in TIMINGS if t in set(self.rows["timing"])]
        self.timing = widgets.Dropdown(options=[ALL, *timings], value=ALL, description="Timing")
        self.output = widgets.HTML()
        for control in (self.theme, self.timing):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.rows
        if self.theme.value != ALL:
            rows = rows[rows["theme"].astype(str) == self.theme.value]
        if self.timing.value != ALL:
            rows = rows[rows["timing"] == self.timing.value]
        return as_shown(rows)

    def refresh(self, *_):
        rows = self.selected()
        noun = "indicator" if len(rows) == 1 else "indicators"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, COLUMNS)

    def page_table(self) -> str:
        """Every indicator, as the book shows it: a table the page filters like this explorer."""
        filters = (self.theme, self.timing)
        with unfiltered(filters):
            rows = self.selected()
        ids = list(rows["indicator_id"].astype(str))

        def row_ids():
            return self.selected()["indicator_id"].astype(str)

        facets = []
        for key, control in (("theme", self.theme), ("timing", self.timing)):
            options, matches = choice_matches(control, ids, row_ids, filters)
            facets.append(Facet(key, control.description, options, matches, default=default_of(control)))
        due = [f"{d:%Y-%m-%d}" if pd.notna(d) else "9999" for d in rows["due_start"]]
        return explorer_table(rows, COLUMNS, facets, ("indicator", "indicators"), {"due_cell": due})

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.theme, self.timing]), self.output])
