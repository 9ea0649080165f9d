"""The timeline page's explorer: every event, filtered by theme, country, status and a range of
months, and sorted by date, theme, actor or country. Dates are shown as precisely as the data give
them ("October 2025" for an event known only to the month). The rows come from
:mod:`briefing.analysis.timeline`."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..analysis import timeline
from ..tables import to_html
from . import ALL, InPageFilters, PageFilters

COLUMNS = {
    "when": "Date",
    "theme_text": "Themes",
    "who": "Who (country)",
    "event": "Event",
    "source_status": "Source (status)",
}

SORTS = {"Date": "date", "Theme": "theme", "Actor": "actor", "Country": "country"}


def _chosen(value):
    return None if value == ALL else value


def _preset(control: widgets.Dropdown, wanted: str) -> None:
    """Set a dropdown from a label or a value, case-insensitively; refuse what it does not offer."""
    for label, value in zip(control._options_labels, control._options_values, strict=True):
        if str(wanted).casefold() in (str(label).casefold(), str(value).casefold()):
            control.value = value
            return
    known = ", ".join(control._options_labels)
    raise ValueError(f"{control.description} {wanted!r} is not in the data; choose one of: {known}")


class TimelineExplorer(InPageFilters):
    """Filter the whole timeline by theme, country, status and months; sort it four ways.

    Start on a view by naming it: ``TimelineExplorer(data.events, country="China")``,
    ``theme="Trade"`` (the label as shown, or its code), ``status="contested"``, ``sort="actor"``.
    A value the data does not hold is refused with the list of those it does."""

    page_filters = PageFilters(
        noun=("event", "events"),
        row_id="event_id",
        choices=("theme", "country", "status"),
        period=("months", "date", "end"),
        sort_by={"when": "date"},
    )

    link_sources = True  # the book's table links each source id to its entry on the Sources page

    def __init__(
        self,
        events: pd.DataFrame,
        *,
        theme: str | None = None,
        country: str | None = None,
        status: str | None = None,
        sort: str | None = None,
    ):
        self.events = timeline.flagged(events)
        present = {t for themes in self.events["theme_list"] for t in themes}
        themes = [(label, t) for t, label in timeline.theme_labels().items() if t in present]
        self.theme = widgets.Dropdown(
            options=[(ALL, ALL), *themes],
            value=ALL,
            description="Theme",
        )
        countries = [c for c in self.events["country"].cat.categories if c in set(self.events["country"])]
        self.country = widgets.Dropdown(options=[ALL, *countries], value=ALL, description="Country")
        statuses = [s for s in timeline.statuses() if s in set(self.events["status"].astype(str))]
        self.status = widgets.Dropdown(options=[ALL, *statuses], value=ALL, description="Status")
        months = timeline.month_range(self.events)
        self.months = widgets.SelectionRangeSlider(
            options=[(f"{m.to_timestamp():%b %Y}", m) for m in months],
            index=(0, len(months) - 1),
            description="Months",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
        )
        self.sort = widgets.Dropdown(options=list(SORTS.items()), value="date", description="Sort by")
        self.output = widgets.HTML()
        for control, preset in (
            (self.theme, theme),
            (self.country, country),
            (self.status, status),
            (self.sort, sort),
        ):
            if preset is not None:
                _preset(control, preset)
        for control in (self.theme, self.country, self.status, self.months, self.sort):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = timeline.select(
            self.events,
            theme=_chosen(self.theme.value),
            country=_chosen(self.country.value),
            status=_chosen(self.status.value),
            months=self.months.value,
        )
        return timeline.sort_rows(rows, self.sort.value)

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows the controls select, in the table's words, and the table's columns."""
        return timeline.table_rows(self.selected()), COLUMNS

    def refresh(self, *_):
        rows = self.selected()
        if rows.empty:
            self.output.value = f"<p>{self.why_empty()}</p>"
            return
        noun = "event" if len(rows) == 1 else "events"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(timeline.table_rows(rows), COLUMNS)

    def why_empty(self) -> str:
        """What to change when no event matches: the filters that are set, and the way out."""
        chosen = [
            f"{control.description.lower()} {control.label}"
            for control in (self.theme, self.country, self.status)
            if control.value != ALL
        ]
        first, last = self.months.label
        filters = ", ".join([*chosen, f"months {first} to {last}"])
        return (
            f"No event in the data matches all of: {filters}. Set a filter back to {ALL} "
            "or widen the months to see more."
        )

    def widget(self) -> widgets.Widget:
        controls = widgets.HBox(
            [self.theme, self.country, self.status, self.sort], layout={"flex_flow": "row wrap"}
        )
        return widgets.VBox([controls, self.months, self.output])
