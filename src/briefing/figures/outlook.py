"""The outlook page: dated, checkable indicators, which of them have fallen due and what happened.

Whether an indicator is past or upcoming is computed from the data's as-of date, never from the
clock: an indicator is *past* when the whole period of its due date (the day, the month or the
year) ended before the as-of date, *upcoming* when it starts after it, *due now* otherwise, and
*no date set* when no source gives one.

``due_date`` may lie after the as-of date (the schema allows it for this field alone); its
precision (day, month or year) says how much of the date is known.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from .. import style
from ..text import long_date
from . import THEME_LABELS, THEMES, finish, wrap

# Okabe–Ito, as the house palette; domestic (Malaysia's own policy) takes Malaysia's accent colour.
THEME_COLOURS = {
    "mou": "#E69F00",
    "trade": "#009E73",
    "china": "#0072B2",
    "domestic": style.ACCENT,
    "market": "#CC79A7",
    "deals": "#56B4E9",
}
TIMINGS = ("past", "due now", "upcoming", "no date set")
NO_OUTCOME = "No sourced outcome found"
NOT_DUE = "Not yet due"


def due_periods(indicators: pd.DataFrame) -> pd.DataFrame:
    """``due_start``, ``due_end`` and ``due_prec`` of each indicator (NaT/empty when no date)."""
    starts, precisions = [], []
    for row in indicators.itertuples():
        known = pd.notna(row.due_date)
        starts.append(row.due_date if known else pd.NaT)
        precisions.append((str(row.due_precision) if pd.notna(row.due_precision) else "day") if known else "")
    start = pd.Series(pd.to_datetime(starts), index=indicators.index)
    prec = pd.Series(precisions, index=indicators.index, dtype="object")
    end = start.where(prec != "month", start + pd.offsets.MonthEnd(0))
    end = end.where(prec != "year", start + pd.offsets.YearEnd(0))
    return pd.DataFrame({"due_start": start, "due_end": end, "due_prec": prec})


def with_timing(indicators: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The indicators with their due period, ``timing`` (past, due now, upcoming, no date set)
    and the texts the table shows: ``due_text``, ``theme_text``, ``outcome_text``, ``sources``."""
    rows = pd.concat([indicators, due_periods(indicators)], axis=1)
    day = pd.Timestamp(as_of)
    timing = []
    for start, end in zip(rows["due_start"], rows["due_end"], strict=True):
        if pd.isna(start):
            timing.append("no date set")
        elif end < day:
            timing.append("past")
        elif start > day:
            timing.append("upcoming")
        else:
            timing.append("due now")
    rows["timing"] = timing
    rows["due_text"] = [
        long_date(s, p) if pd.notna(s) else "No date set"
        for s, p in zip(rows["due_start"], rows["due_prec"], strict=True)
    ]
    rows["theme_text"] = [THEME_LABELS[str(t)] for t in rows["theme"]]
    rows["outcome_text"] = [_outcome_text(r) for r in rows.itertuples()]
    rows["sources"] = [
        str(r.source_id) + (f"; outcome: {r.outcome_source_id}" if pd.notna(r.outcome_source_id) else "")
        for r in rows.itertuples()
    ]
    return rows


def _outcome_text(row) -> str:
    if pd.notna(row.outcome):
        when = f" ({long_date(row.outcome_date)})" if pd.notna(row.outcome_date) else ""
        return f"{str(row.outcome).rstrip('.')}{when}."
    return NOT_DUE if row.timing == "upcoming" else NO_OUTCOME


def outlook_numbers(indicators: pd.DataFrame, as_of: date) -> dict[str, object]:
    """Every count and date the outlook page glues into its prose."""
    rows = with_timing(indicators, as_of)
    counts = rows["timing"].value_counts()
    past = rows[rows["timing"] == "past"]
    dated = rows[rows["timing"] != "no date set"]
    numbers: dict[str, object] = {
        "n_indicators": len(rows),
        "n_dated": len(dated),
        "n_past": int(counts.get("past", 0)),
        "n_due_now": int(counts.get("due now", 0)),
        "n_upcoming": int(counts.get("upcoming", 0)),
        "n_undated": int(counts.get("no date set", 0)),
        "n_past_with_outcome": int(past["outcome"].notna().sum()),
        "n_with_outcome": int(rows["outcome"].notna().sum()),
        "n_themes": int(rows["theme"].astype(str).nunique()),
    }
    for row in rows.itertuples():
        numbers[f"due_{row.indicator_id}"] = row.due_text
        numbers[f"timing_{row.indicator_id}"] = row.timing
    return numbers


_LABEL_CHARS = 44  # wrap width of the label printed above each indicator's row
_LINE = 0.53  # height of one label line, in row units (0.36 in each)
_MARK = 0.75  # height of the marker line under a label


def indicator_chart(indicators: pd.DataFrame, as_of: date) -> Figure:
    """The dated indicators on a time axis, one row each in due-date order, its name printed above
    it (full width, so the chart stays legible on a phone): a dot for a day, a bar across a month
    or a year for a coarser date; solid = past, light = upcoming; colour = theme."""
    rows = with_timing(indicators, as_of)
    dated = (
        rows[rows["timing"] != "no date set"]
        .sort_values(["due_start", "indicator_id"])
        .reset_index(drop=True)
    )
    labels = [wrap(str(t), _LABEL_CHARS) for t in dated["indicator"]]
    tops, marks, y = [], [], 0.35
    for label in labels:
        tops.append(y)
        y += _LINE * (label.count("\n") + 1)
        marks.append(y + _MARK / 2 - 0.05)
        y += _MARK + 0.15
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 4.2 + 0.36 * y), layout="constrained")  # 4.2 in: titles, legend
    ax = fig.add_subplot()
    day = pd.Timestamp(as_of)
    left = min(dated["due_start"].min(), day) - pd.Timedelta(days=40)
    right = max(dated["due_end"].max(), day) + pd.Timedelta(days=40)
    ax.axvspan(left, day, color="#EFEFEF", zorder=0, lw=0)
    ax.axvline(day, color=style.INK, lw=1, zorder=1)
    ax.text(day, 0.0, f" as of {long_date(day)}", va="bottom", ha="left", color=style.INK)
    ax.text(left, 0.0, " passed", va="bottom", ha="left", color=style.MUTED)
    for top, mark_y, label, row in zip(tops, marks, labels, dated.itertuples(), strict=True):
        colour = THEME_COLOURS[str(row.theme)]
        past = row.timing == "past"
        alpha = 1.0 if past else 0.55
        ax.text(
            left + pd.Timedelta(days=8),
            top + 0.05,
            label,
            va="top",
            ha="left",
            color=style.INK,
            linespacing=1.05,
            zorder=4,
            path_effects=[withStroke(linewidth=2.5, foreground="white")],  # legible across the as-of line
        )
        if row.due_prec == "day":
            ax.scatter(
                [row.due_start], [mark_y], s=60, color=colour, zorder=3, alpha=alpha, edgecolors=colour
            )
        else:
            ax.plot(
                [row.due_start, row.due_end + pd.Timedelta(days=1)],
                [mark_y, mark_y],
                color=colour,
                lw=8,
                solid_capstyle="butt",
                alpha=alpha,
                zorder=3,
            )
        if past:
            mark = "outcome sourced" if pd.notna(row.outcome) else "no sourced outcome"
            ax.text(
                row.due_end + pd.Timedelta(days=14),
                mark_y,
                mark,
                va="center",
                color=style.MUTED,
                fontstyle="italic",
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9},
            )
    ax.set_yticks([])
    ax.set_ylim(y, -0.1)
    ax.set_xlim(left, right)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(_quarters())
    ax.xaxis.set_major_formatter(_quarter_format())
    ax.spines["left"].set_visible(False)

    themes = [t for t in THEMES if t in set(dated["theme"].astype(str))]
    handles = [Patch(color=THEME_COLOURS[t], label=THEME_LABELS[t]) for t in themes]
    handles += [
        Line2D([], [], ls="", marker="o", ms=6, color=style.MUTED, label="due on a day"),
        Line2D([], [], ls="-", lw=6, color=style.MUTED, label="due in a month or year"),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(-0.02, -0.1),
        ncol=2,  # three keys a row are wider than a phone-sized chart
        handletextpad=0.5,
        handlelength=1.4,
        columnspacing=0.9,
    )
    past = dated[dated["timing"] == "past"]
    n_out = int(past["outcome"].notna().sum())
    outcome = "none has a sourced outcome" if n_out == 0 else f"{n_out} with a sourced outcome"
    title = f"{len(past)} of {len(dated)} dated indicators have fallen due; {outcome}"
    undated = int((rows["timing"] == "no date set").sum())
    subtitle = (
        f"Due date of each indicator with a sourced date, as precise as the source (dot: a day; "
        f"bar: a month or a year); colour = theme; solid = passed, light = upcoming. "
        f"{undated} more have no set date."
    )
    sources = list(dated["source_id"].astype(str)) + [str(s) for s in dated["outcome_source_id"].dropna()]
    return finish(fig, ax, title, subtitle, sources, "watch_indicators")


def _quarters():
    from matplotlib.dates import MonthLocator

    return MonthLocator(bymonth=(1, 4, 7, 10))


def _quarter_format():
    from matplotlib.dates import DateFormatter

    return DateFormatter("%b\n%Y")
