"""The timeline page's charts: the key events as a labelled story timeline, and every dated event
in one view.

Dates are drawn as precisely as the data give them, never more: an event known to the day is a dot
at that day; one known only to the month is a bar across the whole month; one known only to the
year is a dashed bar across its January row. Events recorded as scheduled or expected (``timing``)
are hollow: they had not been confirmed to happen. The rows and counts come from
:mod:`briefing.analysis.timeline`; this module only lays them out and draws.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..analysis import china as china_analysis
from ..analysis import timeline
from ..text import short_date
from . import finish, stacked_rows

DAY_WIDTH = 4  # days: two dots closer than this in one cell are stacked, not overlapped

# chart geometry, in data units (one unit of y is one stacking level)
_COLUMN = 0.8  # width of the drawn part of a theme column (of 1 unit)
_INCH_PER_LEVEL = 0.15
_EMPTY_ROW = 1.2  # height of a row that stands for a run of months without events (room for its label)
_ROW_PAD = 0.7  # extra height of a month row beyond its stacking levels


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
    rows = timeline.flagged(events)
    start = timeline.axis_start(events)
    shown = rows[rows["date"] >= start].copy()
    shown["month"] = shown["date"].dt.to_period("M")
    long = timeline.by_theme(shown)
    themes = timeline.themes()
    names = timeline.theme_labels()
    totals = timeline.theme_counts(events)  # column headers count every event, drawn or not
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
    for i, theme in enumerate(themes):
        ax.axvspan(i, i + 0.9, color="#F3F3F3" if i % 2 == 0 else "#FAFAFA", zorder=0, lw=0)
        ax.text(
            i + 0.45,
            -0.4,
            f"{names[theme]} ({int(totals[theme])})",
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
        return themes.index(theme) + 0.05 + _COLUMN * (day - 1) / 30

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
    ax.set_xlim(x_left, len(themes) - 0.05)
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

    months_top, top = timeline.densest_months(events)
    one = len(months_top) == 1
    title = (
        f"{timeline.month_names(months_top)} {'was' if one else 'were'} the busiest "
        f"{'month' if one else 'months'}: {top} of the {len(events)} dated events"
    )
    subtitle = (
        "One column per theme (an event with two themes appears in both), one row per month; "
        "dot = exact day (its position in the row), bar = month only. Colour = actor's country."
    )
    off = timeline.off_axis(events)
    if len(off):
        years = ", ".join(sorted({str(d.year) for d in off["date"]}))
        subtitle += f" Not drawn: {len(off)} earlier event{'s' if len(off) > 1 else ''} ({years})."
    return finish(fig, ax, title, subtitle, rows["source_id"].astype(str), "events")


# --- the story timeline ------------------------------------------------------------------------

DUE_LABEL = "due, not known to have happened"


def _the(country: str) -> str:
    return f"the {country}" if country.startswith("United") else country


def story_chart(events: pd.DataFrame, agreements: pd.DataFrame) -> Figure:
    """The key events (``analysis.timeline.story_rows``), one row each in date order, labelled with
    their ``short_label``: the date on the left, a marker coloured by the actor's country (black:
    several countries or both sides), a circle for an event dated to the day and a square for one
    dated only to the month; filled if it took place, hollow if it was only due (scheduled,
    suspended or without a recorded outcome). The title counts the key events after the signing
    of the US–Malaysia MoU (its date in ``agreements``) by the actor's country."""
    signing = china_analysis.us_malaysia_agreement(agreements, "mou")["date"]
    rows = timeline.story_rows(events)
    texts, positions, y = stacked_rows(rows["short_label"], 30, 0.55)
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 3.4 + 0.62 * y), layout="constrained")  # 3.4 in: titles, key
    ax = fig.add_subplot()
    x = 0.3
    ax.axvline(x, color="#DDDDDD", linewidth=1, zorder=1)
    for pos, label, row in zip(positions, texts, rows.itertuples(), strict=True):
        colour = _colour(str(row.country))
        done = bool(row.happened)
        ax.scatter(
            [x],
            [pos],
            s=60,
            zorder=3,
            marker="o" if str(row.date_precision) == "day" else "s",
            color=colour if done else "white",
            edgecolors=colour,
            linewidths=1.5,
            gid="event",
        )
        ax.text(x + 0.035, pos, label, va="center", linespacing=1.1)
        when = short_date(row.date, str(row.date_precision))
        ax.text(0.0, pos, when, va="center", color=style.MUTED)
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.1, -0.2)
    ax.axis("off")

    countries = list(dict.fromkeys(rows["country"].astype(str)))
    order = ["Malaysia", "United States", "China", "International"]
    countries = [c for c in order if c in countries] + [c for c in countries if c not in order]
    names = {"International": "both sides or several countries"}
    handles = [
        Line2D([], [], ls="", marker="o", ms=6, color=_colour(c), label=names.get(c, c)) for c in countries
    ]
    handles += [
        Line2D([], [], ls="", marker="o", ms=6, mfc=style.MUTED, mec=style.MUTED, label="dated to the day"),
        Line2D([], [], ls="", marker="s", ms=6, mfc=style.MUTED, mec=style.MUTED, label="dated to the month"),
        Line2D([], [], ls="", marker="o", ms=6, mfc="white", mec=style.MUTED, label=DUE_LABEL),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, 0.0),
        ncol=1,  # at 11 pt, two of the keys side by side are wider than a phone-sized chart
        handletextpad=0.4,
        columnspacing=0.9,
        borderaxespad=0.2,
        frameon=False,
    )
    counts = timeline.story_counts(rows, signing)
    by = counts["by_country"]
    top, n_top = str(by.index[0]), int(by.iloc[0])
    title = (
        f"After the {signing.day} {signing:%B %Y} signing, {n_top} of the {counts['n_after']} key events "
        f"were {'joint moves' if top == 'International' else 'moves by ' + _the(top)}"
    )
    subtitle = (
        "Key events of the deal's first year, with the actor's country (colour) "
        "and how precisely each is dated (shape)"
    )
    if counts["n_due"]:
        subtitle += f"; hollow: {counts['n_due']} dates that were due, not known to have been met"
    return finish(fig, ax, title, subtitle, rows["source_id"].astype(str), "events")
