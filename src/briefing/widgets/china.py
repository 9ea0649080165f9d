"""The China-response explorer: the timeline filtered by actor, theme and date range."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pandas as pd

from ..analysis.timeline import with_sentences
from ..tables import to_html
from . import ALL, InPageFilters, PageFilters

COLUMNS = {
    "date": "Date",
    "actor": "Actor",
    "event": "Event",
    "status": "How sure",
    "source_id": "Source",
}
DEFAULT_THEME = "china"

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def actor_names(actor: str) -> list[str]:
    """The names in one ``actor`` field: 'MITI (Tengku Zafrul)' -> ['MITI'];
    'Trump; Anwar Ibrahim' -> ['Trump', 'Anwar Ibrahim']."""
    names = (_PARENTHESES.sub("", part).strip() for part in str(actor).split(";"))
    return [name for name in names if name]


def months(events: pd.DataFrame) -> list[tuple[str, pd.Timestamp]]:
    """(label, first day) for every month from the earliest to the latest event."""
    first = events["date"].min().to_period("M")
    last = events["date"].max().to_period("M")
    return [(f"{p.to_timestamp():%b %Y}", p.to_timestamp()) for p in pd.period_range(first, last, freq="M")]


def as_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as the table shows them: dates only as precise as the data ('2025-04' for a month)."""
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    shown = rows.copy()
    shown["date"] = [
        f"{date:{formats[str(precision)]}}"
        for date, precision in zip(rows["date"], rows["date_precision"], strict=True)
    ]
    return shown


class ChinaExplorer(InPageFilters):
    """Filter the timeline by actor (any event whose actor field mentions the name), theme and a
    range of months (both ends included). Opens on the 'china' theme over the whole period."""

    page_filters = PageFilters(
        noun=("event", "events"),
        row_id="event_id",
        choices=("actor", "theme"),
        period=("dates", "date", None),
    )

    def __init__(self, events: pd.DataFrame):
        self.events = with_sentences(events).sort_values(["date", "event_id"])
        names = sorted({n for actor in events["actor"].dropna() for n in actor_names(actor)}, key=str.lower)
        self.actor = widgets.Dropdown(options=[ALL, *names], value=ALL, description="Actor")
        themes = sorted({t for themes in events["themes"] for t in themes})
        self.theme = widgets.Dropdown(
            options=[ALL, *themes],
            value=DEFAULT_THEME if DEFAULT_THEME in themes else ALL,
            description="Theme",
        )
        options = months(events)
        self.dates = widgets.SelectionRangeSlider(
            options=options,
            index=(0, len(options) - 1),
            description="Months",
            layout=widgets.Layout(width="95%"),
        )
        self.output = widgets.HTML()
        for control in (self.actor, self.theme, self.dates):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.events
        if self.actor.value != ALL:
            rows = rows[rows["actor"].astype(str).str.contains(self.actor.value, regex=False)]
        if self.theme.value != ALL:
            rows = rows[rows["themes"].apply(lambda themes: self.theme.value in themes)]
        start, end = self.dates.value
        rows = rows[(rows["date"] >= start) & (rows["date"] < end + pd.offsets.MonthBegin(1))]
        return rows

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows the default controls select, as the book shows them."""
        return as_shown(self.selected()), COLUMNS

    def summary(self, rows: pd.DataFrame) -> str:
        start, end = self.dates.value
        return f"<p>{len(rows)} events, {start:%b %Y} to {end:%b %Y}</p>"

    def refresh(self, *_):
        rows = self.selected()
        self.output.value = self.summary(rows) + to_html(as_shown(rows), COLUMNS)

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.actor, self.theme]), self.dates, self.output])
