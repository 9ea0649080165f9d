"""The timeline explorer: filter dated events by theme and country."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

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
        self.events = events
        themes = sorted({t for themes in events["themes"] for t in themes})
        self.theme = widgets.Dropdown(options=[ALL, *themes], value=ALL, description="Theme")
        countries = [c for c in events["country"].cat.categories if c in set(events["country"])]
        self.country = widgets.Dropdown(options=[ALL, *countries], value=ALL, description="Country")
        self.output = widgets.HTML()
        for control in (self.theme, self.country):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.events
        if self.theme.value != ALL:
            has_theme = rows["themes"].apply(lambda themes: self.theme.value in themes)
            rows = rows[has_theme]
        if self.country.value != ALL:
            rows = rows[rows["country"] == self.country.value]
        return rows

    def refresh(self, *_):
        rows = self.selected()
        self.output.value = f"<p>{len(rows)} events</p>" + to_html(rows, EVENT_COLUMNS)

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.theme, self.country]), self.output])
