"""The timeline: every dated event, its themes, its period and the counts the book quotes.

Dates are as precise as the data give them, never more: ``date_precision`` says whether an event is
known to the day, the month (the date is then the 1st) or the year (1 January). Whether an event had
happened or was only scheduled or expected when recorded is the typed ``timing`` column, never read
from the event's text. Themes, statuses and their order come from the data package's descriptor.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .. import clock
from ..loaders import as_of as loaders_as_of
from ..loaders import labels, metadata
from ..text import long_date

GAP_YEARS = 3  # events this far before the rest are left off the chart's axis (and counted)


def theme_labels() -> dict[str, str]:
    """Theme code -> reader-facing label, in the book's reading order (``events.themes``)."""
    return labels("events", "themes")


def themes() -> list[str]:
    """The theme codes, in the book's reading order."""
    return list(theme_labels())


def statuses() -> list[str]:
    """The sourcing statuses, firmest first (the descriptor's order)."""
    return list(labels("events", "status"))


def is_scheduled(events: pd.DataFrame) -> pd.Series:
    """True for rows recording a date something was due on, not something known to have happened:
    ``timing`` is scheduled, suspended, superseded or no_outcome_found (briefing.clock.DUE). A
    period that lapsed as scheduled did happen."""
    return events["timing"].astype(str).isin(clock.DUE)


def period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Last day of each date's period: the day itself, the month's last day or the year's."""
    precision = precision.astype(str)
    month_end = dates + pd.offsets.MonthEnd(0)
    year_end = dates + pd.offsets.YearEnd(0)
    return dates.where(precision == "day", month_end.where(precision == "month", year_end))


def when(events: pd.DataFrame) -> pd.Series:
    """Each event's date in words, as precise as the data ('26 October 2025', 'April 2026')."""
    return pd.Series(
        [long_date(d, str(p)) for d, p in zip(events["date"], events["date_precision"], strict=True)],
        index=events.index,
        dtype="object",
    )


def event_days(events: pd.DataFrame) -> dict[str, str]:
    """Every event's date in words, by event id (the prose cites events by their dates)."""
    return dict(zip(events["event_id"].astype(str), when(events), strict=True))


def verb_forms(dataset: str = "events") -> dict[str, dict[str, str]]:
    """Each ``action``'s verb forms (due / done / was_due), from the descriptor."""
    spec = next(f for f in metadata(dataset)["schema"]["fields"] if f["name"] == "action")
    return spec["x_verb_forms"]


def verb_phrases(events: pd.DataFrame, as_of: date | None = None) -> dict[str, str]:
    """Every dated item that was or is due (timing other than happened), by event id: its verb
    phrase as of ``as_of`` (default: the events' as-of date), e.g. 'was due to expire on
    10 November 2026; no outcome has been reported' (see briefing.clock)."""
    as_of = as_of or _as_of(events)
    forms = verb_forms()
    due = events[(events["timing"].astype(str) != "happened") & events["action"].notna()]
    return {str(row["event_id"]): clock.phrase_for(row, as_of, forms) for _, row in due.iterrows()}


def with_sentences(events: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """The events with ``event`` as a reader sees it: a row that was or is due holds only its
    subject in the data, and gets the verb phrase the as-of date calls for."""
    phrases = verb_phrases(events, as_of)
    rows = events.copy()
    ids = rows["event_id"].astype(str)
    rows["event"] = [
        f"{subject} {phrases[i]}." if i in phrases else subject
        for i, subject in zip(ids, rows["event"].astype(str), strict=True)
    ]
    return rows


def _as_of(events: pd.DataFrame) -> date:
    return events.attrs.get("as_of") or loaders_as_of("events")


def flagged(events: pd.DataFrame) -> pd.DataFrame:
    """The events with the columns the page needs: ``theme_list``, ``scheduled``, ``end`` (last
    day of the date's period) and ``when`` (the date in words, as precise as the data)."""
    rows = with_sentences(events)
    rows["theme_list"] = rows["themes"]
    rows["scheduled"] = is_scheduled(rows)
    rows["end"] = period_end(rows["date"], rows["date_precision"])
    rows["when"] = when(rows)
    return rows


def theme_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events carrying each theme (an event with two themes counts in both)."""
    return events["themes"].explode().value_counts().reindex(themes(), fill_value=0).astype(int)


def country_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events per country of the actor, most first (ties in the schema's order)."""
    counts = events["country"].value_counts(sort=False)
    counts = counts[counts > 0].astype(int)
    order = sorted(range(len(counts)), key=lambda i: -counts.iloc[i])
    return counts.iloc[order]


def status_counts(events: pd.DataFrame) -> pd.Series:
    """Number of rows per status, every status listed (zero included)."""
    return events["status"].astype(str).value_counts().reindex(statuses(), fill_value=0).astype(int)


def month_counts(events: pd.DataFrame) -> pd.Series:
    """Events per calendar month (day- and month-precision rows; a year-only date has no month)."""
    dated = events[events["date_precision"].astype(str) != "year"]
    return dated["date"].dt.to_period("M").value_counts().sort_index().astype(int)


def densest_months(events: pd.DataFrame) -> tuple[list[pd.Period], int]:
    """The month(s) with the most events, in date order, and that number."""
    counts = month_counts(events)
    top = int(counts.max())
    return [m for m, n in counts.items() if n == top], top


def month_names(months: list[pd.Period]) -> str:
    """'October 2025' or 'October 2025 and February 2026'."""
    names = [f"{m.to_timestamp():%B} {m.year}" for m in months]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def axis_start(events: pd.DataFrame) -> pd.Timestamp:
    """First day of the chart: January of the earliest year after the last gap of more than
    ``GAP_YEARS`` years between consecutive events (an isolated early event would squash the rest)."""
    dates = events["date"].sort_values().reset_index(drop=True)
    start = dates.iloc[0]
    for before, after in zip(dates.iloc[:-1], dates.iloc[1:], strict=True):
        if (after - before).days > 365.25 * GAP_YEARS:
            start = after
    return pd.Timestamp(year=start.year, month=1, day=1)


def off_axis(events: pd.DataFrame) -> pd.DataFrame:
    """The events before the chart's axis start (``flagged`` rows, oldest first)."""
    rows = flagged(events).sort_values(["date", "event_id"])
    return rows[rows["date"] < axis_start(events)]


def off_axis_text(events: pd.DataFrame) -> str:
    """Caption sentence naming the events left off the chart's axis ('' when none)."""
    off = off_axis(events)
    if off.empty:
        return ""
    if len(off) == 1:
        return f"The earliest event, from {off['when'].iloc[0]}, is left off the axis."
    return f"The {len(off)} earliest events, from {off['when'].iloc[0]} on, are left off the axis."


def happened(events: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Events recorded as having happened by ``as_of`` (not scheduled, period ended by then)."""
    rows = flagged(events)
    return rows[~rows["scheduled"] & (rows["end"] <= pd.Timestamp(as_of))]


def by_theme(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per event and theme (``flagged`` rows), the theme in ``theme``."""
    return rows.explode("theme_list").rename(columns={"theme_list": "theme"})


def theme_country_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events per theme, in total and by the actor's country (the four most frequent countries,
    the rest as 'Other'). An event with two themes counts in both rows."""
    rows = events.assign(theme=events["themes"]).explode("theme")
    countries = list(country_counts(events).index[:4])
    rows["who"] = rows["country"].astype(str).where(rows["country"].astype(str).isin(countries), "Other")
    table = pd.crosstab(rows["theme"], rows["who"]).reindex(themes(), fill_value=0)
    columns = [c for c in [*countries, "Other"] if c in table.columns]
    table = table[columns]
    table.insert(0, "Events", theme_counts(events))
    table.index = [theme_labels()[t] for t in table.index]
    table.columns.name = None
    return table.reset_index().rename(columns={"index": "Theme"})


# The countries the prose names one by one (glue ``n_country_<key>``); the rest count as 'other'.
NAMED_COUNTRIES = (
    ("Malaysia", "malaysia"),
    ("United States", "us"),
    ("China", "china"),
    ("International", "international"),
)


def timeline_numbers(events: pd.DataFrame, as_of: date) -> dict[str, object]:
    """Every count and date the timeline page glues into its prose (besides each event's date)."""
    rows = flagged(events).sort_values(["date", "event_id"])
    theme_totals = theme_counts(events)
    countries = country_counts(events)
    status_totals = status_counts(events)
    months, top = densest_months(events)
    first, latest = rows.iloc[0], rows.iloc[-1]
    last = happened(events, as_of).sort_values(["date", "event_id"]).iloc[-1]
    precision = events["date_precision"].astype(str).value_counts()
    start = axis_start(events)
    numbers: dict[str, object] = {
        "n_events": len(events),
        "n_themes_used": int((theme_totals > 0).sum()),
        "n_countries": len(countries),
        "top_country": str(countries.index[0]),
        "n_top_country": int(countries.iloc[0]),
        "n_day": int(precision.get("day", 0)),
        "n_month": int(precision.get("month", 0)),
        "n_year": int(precision.get("year", 0)),
        "n_scheduled": int(rows["scheduled"].sum()),
        "densest_month": month_names(months),
        "n_densest": top,
        "n_densest_months": len(months),
        "first_date": first["when"],
        "first_actor": str(first["actor"]),
        "last_date": last["when"],
        "last_actor": str(last["actor"]),
        "last_status": str(last["status"]),
        "latest_date": latest["when"],
        "latest_is_scheduled": "a scheduled date" if bool(latest["scheduled"]) else "an event",
        "n_off_axis": len(off_axis(events)),
        "off_axis_text": off_axis_text(events),
        "axis_start_year": int(start.year),
    }
    for theme in themes():
        numbers[f"n_theme_{theme}"] = int(theme_totals[theme])
    for status in statuses():
        numbers[f"n_status_{status}"] = int(status_totals[status])
    for name, key in NAMED_COUNTRIES:
        numbers[f"n_country_{key}"] = int(countries.get(name, 0))
    named = [name for name, _ in NAMED_COUNTRIES]
    numbers["n_country_other"] = int(countries[[c not in named for c in countries.index]].sum())
    return numbers


# --- the table of every event ---------------------------------------------------------------------


def table_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``flagged`` rows with the table's columns in words: ``theme_text``, ``who`` (actor and
    country), ``event`` and ``source_status`` (source and status)."""
    shown = rows.copy()
    names = theme_labels()
    shown["theme_text"] = [", ".join(names.get(t, t) for t in row) for row in shown["theme_list"]]
    shown["who"] = shown["actor"].astype(str) + " (" + shown["country"].astype(str) + ")"
    shown["event"] = shown["event"].astype(str)
    shown["source_status"] = shown["source_id"].astype(str) + " (" + shown["status"].astype(str) + ")"
    return shown


def sort_rows(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sort by date (then id), or by theme (its first theme in reading order), actor or country
    first and date within each."""
    order = themes()
    keys = ["date", "event_id"]
    frame = rows.assign(
        _theme=[min(order.index(t) if t in order else len(order) for t in row) for row in rows["theme_list"]],
        _actor=rows["actor"].astype(str).str.lower(),
        _country=rows["country"].astype(str),
    )
    first = {"date": [], "theme": ["_theme"], "actor": ["_actor"], "country": ["_country"]}[by]
    return frame.sort_values([*first, *keys], kind="stable").drop(columns=["_theme", "_actor", "_country"])


def select(
    rows: pd.DataFrame,
    theme: str | None = None,
    country: str | None = None,
    status: str | None = None,
    months: tuple[pd.Period, pd.Period] | None = None,
) -> pd.DataFrame:
    """``flagged`` rows with a theme, a country, a status (None: any) and whose period (its day,
    month or year) overlaps the months from ``months[0]`` to ``months[1]``."""
    if theme is not None:
        rows = rows[rows["theme_list"].apply(lambda row: theme in row)]
    if country is not None:
        rows = rows[rows["country"] == country]
    if status is not None:
        rows = rows[rows["status"] == status]
    if months is not None:
        low, high = months
        rows = rows[(rows["end"] >= low.start_time) & (rows["date"] <= high.end_time)]
    return rows


def month_range(rows: pd.DataFrame) -> pd.PeriodIndex:
    """Every month from the first event's to the end of the last event's period."""
    return pd.period_range(rows["date"].min(), rows["end"].max(), freq="M")


# --- the story timeline: the key events, labelled ----------------------------------------------

STORY = "story_timeline"  # the events.charts value that puts an event on the page's story timeline


def story_rows(events: pd.DataFrame) -> pd.DataFrame:
    """The key events the story timeline draws (``charts`` names it; each has a ``short_label``),
    ``flagged`` and in reading order: by the end of the date's period, so an event known only to the
    month is placed after the events dated to a day of that month, never ahead of them. Adds
    ``happened`` (``timing`` is happened or lapsed: the thing took place; otherwise it was only due)."""
    drawn = events["charts"].map(lambda charts: STORY in charts)
    rows = flagged(events[drawn])
    rows["happened"] = ~rows["scheduled"]
    return rows.sort_values(["end", "date", "event_id"], kind="stable").reset_index(drop=True)


def story_counts(rows: pd.DataFrame, since: pd.Timestamp) -> dict[str, object]:
    """For the story timeline's title: the key events that happened after ``since``, by the actor's
    country (most first), and the number of items that were due and have no recorded outcome."""
    after = rows[(rows["date"] > since) & rows["happened"]]
    countries = after["country"].astype(str).value_counts(sort=False)
    order = sorted(range(len(countries)), key=lambda i: -countries.iloc[i])
    return {
        "n_after": len(after),
        "by_country": countries.iloc[order],
        "n_due": int((~rows["happened"]).sum()),
    }
