"""The timeline page's explorer: every event, filtered by theme, country, status and a range of
months, and sorted by date, theme, actor or country. Dates are shown as precisely as the data give
them ("October 2025" for an event known only to the month)."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..figures.timeline import STATUSES, THEME_LABELS, THEMES, flagged
from ..tables import Facet, explorer_table, to_html
from . import ALL, choice_matches, default_of, unfiltered

COLUMNS = {
    "when": "Date",
    "theme_text": "Themes",
    "who": "Who (country)",
    "event": "Event",
    "source_status": "Source (status)",
}

SORTS = {"Date": "date", "Theme": "theme", "Actor": "actor", "Country": "country"}


def as_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns of the table, in words (``rows`` from ``flagged``)."""
    shown = rows.copy()
    shown["theme_text"] = [", ".join(THEME_LABELS[t] for t in themes) for themes in shown["theme_list"]]
    shown["who"] = shown["actor"].astype(str) + " (" + shown["country"].astype(str) + ")"
    shown["event"] = shown["event"].astype(str)
    shown["source_status"] = shown["source_id"].astype(str) + " (" + shown["status"].astype(str) + ")"
    return shown


def sort_rows(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sort by date (then id), or by theme, actor or country first and date within each."""
    keys = ["date", "event_id"]
    frame = rows.assign(
        _theme=[min(THEMES.index(t) for t in themes) for themes in rows["theme_list"]],
        _actor=rows["actor"].astype(str).str.lower(),
        _country=rows["country"].astype(str),
    )
    first = {"date": [], "theme": ["_theme"], "actor": ["_actor"], "country": ["_country"]}[by]
    return frame.sort_values([*first, *keys], kind="stable").drop(columns=["_theme", "_actor", "_country"])


class TimelineExplorer:
    """Filter the whole timeline by theme, country, status and months; sort it four ways."""

    def __init__(self, events: pd.DataFrame):
        self.events = flagged(events)
        present = {t for themes in self.events["theme_list"] for t in themes}
        self.theme = widgets.Dropdown(
            options=[(ALL, ALL), *[(THEME_LABELS[t], t) for t in THEMES if t in present]],
            value=ALL,
            description="Theme",
        )
        countries = [c for c in self.events["country"].cat.categories if c in set(self.events["country"])]
        self.country = widgets.Dropdown(options=[ALL, *countries], value=ALL, description="Country")
        statuses = [s for s in STATUSES if s in set(self.events["status"].astype(str))]
        self.status = widgets.Dropdown(options=[ALL, *statuses], value=ALL, description="Status")
        months = pd.period_range(self.events["date"].min(), self.events["end"].max(), freq="M")
        self.months = widgets.SelectionRangeSlider(
            options=[(f"{m.to_timestamp():%b %Y}", m) for m in months],
            index=(0, len(months) - 1),
            description="Months",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
        )
        self.sort = widgets.Dropdown(options=list(SORTS.items()), value="date", description="Sort by")
        self.output = widgets.HTML()
        for control in (self.theme, self.country, self.status, self.months, self.sort):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.events
        if self.theme.value != ALL:
            rows = rows[rows["theme_list"].apply(lambda themes: self.theme.value in themes)]
        if self.country.value != ALL:
            rows = rows[rows["country"] == self.country.value]
        if self.status.value != ALL:
            rows = rows[rows["status"] == self.status.value]
        low, high = self.months.value
        # keep an event whose period (its day, month or year) overlaps the chosen months
        rows = rows[(rows["end"] >= low.start_time) & (rows["date"] <= high.end_time)]
        return sort_rows(rows, self.sort.value)

    def refresh(self, *_):
        rows = self.selected()
        noun = "event" if len(rows) == 1 else "events"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(as_shown(rows), COLUMNS)

    def page_table(self) -> str:
        """Every event, as the book shows it: a table the page filters like this explorer."""
        filters = (self.theme, self.country, self.status, self.months)
        with unfiltered(filters):
            rows = self.selected()
        ids = list(rows["event_id"])

        def row_ids():
            return self.selected()["event_id"]

        facets = []
        for key, control in (("theme", self.theme), ("country", self.country), ("status", self.status)):
            options, matches = choice_matches(control, ids, row_ids, filters)
            facets.append(Facet(key, control.description, options, matches, default=default_of(control)))
        months = [(f"{m:%Y-%m}", label) for label, m in self.months.options]
        periods = [[f"{d:%Y-%m}", f"{e:%Y-%m}"] for d, e in zip(rows["date"], rows["end"], strict=True)]
        facets.append(Facet("months", self.months.description, months, periods, kind="period"))
        dates = [f"{d:%Y-%m-%d}" for d in rows["date"]]
        return explorer_table(as_shown(rows), COLUMNS, facets, ("event", "events"), {"when": dates})

    def widget(self) -> widgets.Widget:
        controls = widgets.HBox(
            [self.theme, self.country, self.status, self.sort], layout={"flex_flow": "row wrap"}
        )
        return widgets.VBox([controls, self.months, self.output])
