"""The outlook explorer: the indicators to watch, filtered by theme and by whether their due date
has passed (computed from the data's as-of date, not the clock, in
:mod:`briefing.analysis.outlook`)."""

from __future__ import annotations

from datetime import date

import ipywidgets as widgets
import pandas as pd

from ..analysis import outlook
from ..tables import to_html
from . import ALL, InPageFilters, PageFilters

COLUMNS = {
    "indicator": "Indicator",
    "theme_text": "Theme",
    "due_cell": "Due (timing)",
    "signal": "What it would signal",
    "status_text": "Status and what happened",
    "sources": "Source",
}


class OutlookExplorer(InPageFilters):
    """Filter the indicators by theme and timing (past, due now, upcoming, no date set)."""

    page_filters = PageFilters(
        noun=("indicator", "indicators"),
        row_id="indicator_id",
        choices=("theme", "timing"),
        sort_by={"due_cell": "due_start"},
    )

    link_sources = True  # the book's table links each source id to its entry on the Sources page

    def __init__(self, indicators: pd.DataFrame, as_of: date):
        self.rows = outlook.with_timing(indicators, as_of)
        present = set(self.rows["theme"].astype(str))
        themes = [(label, t) for t, label in outlook.theme_labels().items() if t in present]
        self.theme = widgets.Dropdown(
            options=[(ALL, ALL), *themes],
            value=ALL,
            description="Theme",
        )
        timings = [t for t in outlook.TIMINGS if t in set(self.rows["timing"])]
        self.timing = widgets.Dropdown(options=[ALL, *timings], value=ALL, description="Timing")
        self.output = widgets.HTML()
        for control in (self.theme, self.timing):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        theme = None if self.theme.value == ALL else self.theme.value
        timing = None if self.timing.value == ALL else self.timing.value
        return outlook.select(self.rows, theme=theme, timing=timing)

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows the controls select, in table order, and the table's columns."""
        return self.selected(), COLUMNS

    def refresh(self, *_):
        rows = self.selected()
        noun = "indicator" if len(rows) == 1 else "indicators"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, COLUMNS)

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.theme, self.timing]), self.output])
