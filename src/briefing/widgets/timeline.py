"""The timeline explorer: filter dated events by theme and country (rows from
:mod:`briefing.analysis.timeline`)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..analysis import timeline
from ..tables import to_html
from . import ALL

EVENT_COLUMNS = {
    "date": "Date",
    "actor": "Actor",
    "country": "Country",
    "event": "Event",
    "source_id": "Source",
}


class EventExplorer:
    """Filter the timeline by theme and country."""

    def __init__(self, events: pd.DataFrame):
        self.events = timeline.flagged(events)
        themes = sorted({t for themes in events["themes"] for t in themes})
        self.theme = widgets.Dropdown(options=[ALL, *themes], value=ALL, description="Theme")
        countries = [c for c in events["country"].cat.categories if c in set(events["country"])]
        self.country = widgets.Dropdown(options=[ALL, *countries], value=ALL, description="Country")
        self.output = widgets.HTML()
        for control in (self.theme, self.country):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        return timeline.select(
            self.events,
            theme=None if self.theme.value == ALL else self.theme.value,
            country=None if self.country.value == ALL else self.country.value,
        )

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows the controls select and the table's columns."""
        return self.selected(), EVENT_COLUMNS

    def refresh(self, *_):
        rows = self.selected()
        self.output.value = f"<p>{len(rows)} events</p>" + to_html(rows, EVENT_COLUMNS)

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.theme, self.country]), self.output])
