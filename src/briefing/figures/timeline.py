"""The timeline page: every dated event in one view, and the counts its prose quotes.

Dates are drawn as precisely as the data give them, never more: an event known to the day is a dot
at that day; one known only to the month is a bar across the whole month; one known only to the
year is a dashed bar across its January row. Events recorded as scheduled or expected (their text
starts "Scheduled" or "Expected") are hollow: they had not been confirmed to happen.

The counting helpers (``theme_counts``, ``month_counts``, ``timeline_numbers`` …) are what the
notebook glues into its prose, so the text and the chart always agree with the data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..text import long_date
from . import THEME_LABELS, THEMES, finish

STATUSES = ("verified", "reported", "contested", "unverified")
SCHEDULED_PREFIXES = ("Scheduled", "Expected")  # event text that marks a date not confirmed to happen
GAP_YEARS = 3  # events this far before the rest are left off the chart (and counted in its subtitle)
DAY_WIDTH = 4  # days: two dots closer than this in one cell are stacked, not overlapped

# chart geometry, in data units (one unit of y is one stacking level)
_COLUMN = 0.8  # width of the drawn part of a theme column (of 1 unit)
_INCH_PER_LEVEL = 0.15
_EMPTY_ROW = 1.2  # height of a row that stands for a run of months without events (room for its label)
_ROW_PAD = 0.7  # extra height of a month row beyond its stacking levels


# ---------------------------------------------------------------------------------------------
# Data helpers


def themes_of(events: pd.DataFrame) -> pd.Series:
    """Each event's themes as a list (the data hold them ';'-separated)."""
    return events["themes"].astype(str).str.split(";")


def is_scheduled(events: pd.DataFrame) -> pd.Series:
    """True for rows that record a scheduled or expected date, not something known to have happened."""
    text = events["event"].astype(str)
    return text.str.startswith(SCHEDULED_PREFIXES)


def period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Last day of each date's period: the day itself, the month's last day or the year's."""
    precision = precision.astype(str)
    month_end = dates + pd.offsets.MonthEnd(0)
    year_end = dates + pd.offsets.YearEnd(0)
    return dates.where(precision == "day", month_end.where(precision == "month", year_end))


def flagged(events: pd.DataFrame) -> pd.DataFrame:
    """The events with the columns the page needs: ``theme_list``, ``scheduled``, ``end`` (last
    day of the date's period) and ``when`` (the date in words, as precise as the data)."""
    rows = events.copy()
    rows["theme_list"] = themes_of(rows)
    rows["scheduled"] = is_scheduled(rows)
    rows["end"] = period_end(rows["date"], rows["date_precision"])
    rows["when"] = [long_date(d, str(p)) for d, p in zip(rows["date"], rows["date_precision"], strict=True)]
    return rows


def theme_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events carrying each theme (an event with two themes counts in both)."""
    exploded = themes_of(events).explode()
    return exploded.value_counts().reindex(list(THEMES), fill_value=0).astype(int)


def country_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events per country of the actor, most first (ties in the schema's order)."""
    counts = events["country"].value_counts(sort=False)
    counts = counts[counts > 0].astype(int)
    order = sorted(range(len(counts)), key=lambda i: -counts.iloc[i])
    return counts.iloc[order]


def status_counts(events: pd.DataFrame) -> pd.Series:
    """Number of rows per status, every status listed (zero included)."""
    return events["status"].astype(str).value_counts().reindex(list(STATUSES), fill_value=0).astype(int)


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


def happened(events: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Events recorded as having happened by ``as_of`` (not scheduled, period ended by then)."""
    rows = flagged(events)
    return rows[~rows["scheduled"] & (rows["end"] <= pd.Timestamp(as_of))]


def timeline_numbers(events: pd.DataFrame, as_of: date) -> dict[str, object]:
    """Every value the timeline page glues into its prose."""
    rows = flagged(events).sort_values(["date", "event_id"])
    themes = theme_counts(events)
    countries = country_counts(events)
    statuses = status_counts(events)
    months, top = densest_months(events)
    first = rows.iloc[0]
    done = happened(events, as_of).sort_values(["date", "event_id"])
    last = done.iloc[-1]
    scheduled = rows[rows["scheduled"]]
    latest = rows.iloc[-1]
    precision = events["date_precision"].astype(str).value_counts()
    signing_month = rows.loc[rows["event_id"] == "E030", "date"]
    numbers: dict[str, object] = {
        "n_events": len(events),
        "n_themes_used": int((themes > 0).sum()),
        "n_countries": len(countries),
        "top_country": str(countries.index[0]),
        "n_top_country": int(countries.iloc[0]),
        "n_day": int(precision.get("day", 0)),
        "n_month": int(precision.get("month", 0)),
        "n_year": int(precision.get("year", 0)),
        "n_scheduled": len(scheduled),
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
        "n_off_axis": int((rows["date"] < axis_start(events)).sum()),
        "off_axis_text": _off_axis_text(rows[rows["date"] < axis_start(events)]),
        "axis_start_year": int(axis_start(events).year),
    }
    for theme in THEMES:
        numbers[f"n_theme_{theme}"] = int(themes[theme])
    for status in STATUSES:
        numbers[f"n_status_{status}"] = int(statuses[status])
    for name, key in (
        ("Malaysia", "malaysia"),
        ("United States", "us"),
        ("China", "china"),
        ("International", "international"),
    ):
        numbers[f"n_country_{key}"] = int(countries.get(name, 0))
    named = ("Malaysia", "United States", "China", "International")
    numbers["n_country_other"] = int(countries[[c not in named for c in countries.index]].sum())
    if len(signing_month):
        month = signing_month.iloc[0].to_period("M")
        numbers["n_signing_month"] = int(month_counts(events).get(month, 0))
    return numbers


def _off_axis_text(off: pd.DataFrame) -> str:
    """Caption sentence naming the events left off the chart's axis ('' when none)."""
    if off.empty:
        return ""
    if len(off) == 1:
        return f"The earliest event, from {off['when'].iloc[0]}, is left off the axis."
    return f"The {len(off)} earliest events, from {off['when'].iloc[0]} on, are left off the axis."


def theme_country_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events per theme, in total and by the actor's country (the four most frequent countries,
    the rest as 'Other'). An event with two themes counts in both rows."""
    rows = events.assign(theme=themes_of(events)).explode("theme")
    countries = list(country_counts(events).index[:4])
    rows["who"] = rows["country"].astype(str).where(rows["country"].astype(str).isin(countries), "Other")
    table = pd.crosstab(rows["theme"], rows["who"]).reindex(list(THEMES), fill_value=0)
    columns = [c for c in [*countries, "Other"] if c in table.columns]
    table = table[columns]
    table.insert(0, "Events", theme_counts(events))
    table.index = [THEME_LABELS[t] for t in table.index]
    table.columns.name = None
    table = table.reset_index().rename(columns={"index": "Theme"})
    return table


# ---------------------------------------------------------------------------------------------
# The chart


def _colour(country: str) -> str:
    return style.INK if country == "International" else style.colour(country)


def _levels(cell: pd.DataFrame) -> dict[str, int]:
    """Stack the events of one month-and-theme cell: month-wide bars first, each on its own level,
    then dots, each on the lowest level where no dot lies within ``DAY_WIDTH`` days."""
    taken: dict[int, list[tuple[float, float]]] = defaultdict(list)
    levels = {}
    wide = cell["date_precision"].astype(str) != "day"
    ordered = pd.concat([cell[wide], cell[~wide].sort_values("date")])
    for row in ordered.itertuples():
        if str(row.date_precision) == "day":
            span = (row.date.day - DAY_WIDTH / 2, row.date.day + DAY_WIDTH / 2)
        else:
            span = (0.0, 32.0)
        level = 0
        while any(lo < span[1] and span[0] < hi for lo, hi in taken[level]):
            level += 1
        taken[level].append(span)
        levels[str(row.event_id)] = level
    return levels


def _rows_of(months: pd.PeriodIndex, busy: set[pd.Period]) -> list[tuple[str, list[pd.Period]]]:
    """Chart rows: one per month with events, one per run of empty months."""
    rows: list[tuple[str, list[pd.Period]]] = []
    for month in months:
        kind = "month" if month in busy else "gap"
        if kind == "gap" and rows and rows[-1][0] == "gap":
            rows[-1][1].append(month)
        else:
            rows.append((kind, [month]))
    return rows


def _row_label(kind: str, months: list[pd.Period]) -> str:
    first, last = months[0].to_timestamp(), months[-1].to_timestamp()
    if kind == "month":
        return f"{first:%b %Y}"
    if len(months) == 1:
        return f"{first:%b %Y}: none"
    if first.year == last.year:
        return f"{first:%b}–{last:%b %Y}: none"
    return f"{first:%b %Y}–{last:%b %Y}: none"


def strip_chart(events: pd.DataFrame, as_of: date) -> Figure:
    """Every dated event from the axis start to ``as_of``: one column per theme, one row per month
    (runs of empty months folded into one row). Within a month's cell the horizontal position is
    the day of the month; colour is the actor's country."""
    rows = flagged(events)
    start = axis_start(events)
    shown = rows[rows["date"] >= start].copy()
    shown["month"] = shown["date"].dt.to_period("M")
    long = shown.explode("theme_list").rename(columns={"theme_list": "theme"})
    totals = theme_counts(events)  # column headers count every event, drawn or not
    months = pd.period_range(start, pd.Timestamp(as_of), freq="M")
    chart_rows = _rows_of(months, set(long["month"]))

    levels: dict[tuple[str, str], int] = {}
    depth: dict[pd.Period, int] = defaultdict(lambda: 1)
    for (month, theme), cell in long.groupby(["month", "theme"], sort=True):
        for event_id, level in _levels(cell).items():
            levels[(event_id, str(theme))] = level
            depth[month] = max(depth[month], level + 1)

    # y position (top of each row) going down
    tops, heights, y = {}, {}, 0.0
    for kind, span in chart_rows:
        height = depth[span[0]] + _ROW_PAD if kind == "month" else _EMPTY_ROW
        tops[span[0]], heights[span[0]] = y, height
        y += height

    style.apply()
    header = 9.0  # levels above the first row: the column titles stand upright, to fit six across
    fig = Figure(figsize=(style.CHART_WIDTH, 3.6 + (y + header) * _INCH_PER_LEVEL), layout="constrained")
    ax = fig.add_subplot()
    x_left = -1.35  # room for the month names
    for i, theme in enumerate(THEMES):
        ax.axvspan(i, i + 0.9, color="#F3F3F3" if i % 2 == 0 else "#FAFAFA", zorder=0, lw=0)
        n = int(totals[theme])
        ax.text(
            i + 0.45,
            -0.4,
            f"{THEME_LABELS[theme]} ({n})",
            ha="center",
            va="bottom",
            rotation=90,
            fontweight="bold",
        )
    for kind, span in chart_rows:
        top, height = tops[span[0]], heights[span[0]]
        ax.axhline(top + height, color="white", lw=0.8, zorder=1)
        ax.text(
            x_left,
            top + height / 2,
            _row_label(kind, span),
            va="center",
            color=style.INK if kind == "month" else style.MUTED,
            fontstyle="normal" if kind == "month" else "italic",
        )

    def x_of(theme: str, day: float) -> float:
        return THEMES.index(theme) + 0.05 + _COLUMN * (day - 1) / 30

    for row in long.itertuples():
        theme = str(row.theme)
        level = levels[(str(row.event_id), theme)]
        yy = tops[row.month] + _ROW_PAD / 2 + level + 0.5
        colour = _colour(str(row.country))
        precision = str(row.date_precision)
        if precision == "day":
            ax.scatter(
                [x_of(theme, row.date.day)],
                [yy],
                s=22,
                zorder=3,
                gid="event",
                linewidths=1.1,
                color="white" if row.scheduled else colour,
                edgecolors=colour,
            )
        else:
            ax.plot(
                [x_of(theme, 1), x_of(theme, 31)],
                [yy, yy],
                color=colour,
                lw=2.2,
                zorder=3,
                solid_capstyle="butt",
                gid="event",
                linestyle=(0, (2, 1.2)) if (row.scheduled or precision == "year") else "-",
            )
    ax.set_xlim(x_left, len(THEMES) - 0.05)
    ax.set_ylim(y + 0.1, -header)
    ax.axis("off")

    countries = set(long["country"].astype(str))
    named = [c for c in style.PALETTE if c in countries and c != "other"]
    order = ["Malaysia", "United States", "China"]
    named = [c for c in order if c in named] + [c for c in named if c not in order]
    if "International" in countries:
        named.append("International")
    handles = [Line2D([], [], ls="", marker="o", ms=5, color=_colour(c), label=c) for c in named]
    if countries - set(named):  # countries without a colour of their own share the neutral one
        handles.append(
            Line2D([], [], ls="", marker="o", ms=5, color=style.colour("other"), label="other countries")
        )
    handles += [
        Line2D([], [], ls="-", lw=2.2, color=style.MUTED, label="month only"),
        Line2D([], [], ls="", marker="o", ms=5, mfc="white", mec=style.MUTED, label="scheduled"),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 0.0),
        ncol=2,  # four keys a row are wider than a phone-sized chart
        handletextpad=0.5,
        handlelength=1.4,
        columnspacing=0.9,
        borderaxespad=0.2,
    )

    months_top, top = densest_months(events)
    total = len(events)
    title = (
        f"{month_names(months_top)} {'was' if len(months_top) == 1 else 'were'} the busiest "
        f"{'month' if len(months_top) == 1 else 'months'}: {top} of the {total} dated events"
    )
    off = rows[rows["date"] < start]
    subtitle = (
        "One column per theme (an event with two themes appears in both), one row per month; "
        "dot = exact day (its position in the row), bar = month only. Colour = actor's country."
    )
    if len(off):
        years = ", ".join(sorted({str(d.year) for d in off["date"]}))
        subtitle += f" Not drawn: {len(off)} earlier event{'s' if len(off) > 1 else ''} ({years})."
    return finish(fig, ax, title, subtitle, rows["source_id"].astype(str), "events")
