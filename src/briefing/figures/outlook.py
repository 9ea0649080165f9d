"""The outlook page's chart: the dated indicators on a time axis, against the data's as-of date.

Which indicators are past, due now or upcoming, and their due periods, come from
:mod:`briefing.analysis.outlook`; this module only lays them out and draws.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke

from .. import style
from ..analysis import outlook
from ..text import long_date
from . import finish, wrap

_LABEL_CHARS = 44  # wrap width of the label printed above each indicator's row (11 pt, 4.8 in)
_LINE = 0.53  # height of one label line, in row units (0.36 in each)
_MARK = 0.75  # height of the marker line under a label


def indicator_chart(indicators: pd.DataFrame, as_of: date) -> Figure:
    """The dated indicators on a time axis, one row each in due-date order, its name printed above
    it (full width, so the chart stays legible on a phone): a dot for a day, a bar across a month
    or a year for a coarser date; solid = past, light = upcoming; colour = theme."""
    rows = outlook.with_timing(indicators, as_of)
    dated = outlook.dated(rows)
    labels = [wrap(str(t), _LABEL_CHARS) for t in dated["indicator"]]
    tops, marks, y = [], [], 0.35
    for label in labels:
        tops.append(y)
        y += _LINE * (label.count("\n") + 1)
        marks.append(y + _MARK / 2 - 0.05)
        y += _MARK + 0.15
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 4.2 + 0.36 * y), layout="constrained")  # 4.2 in: titles, key
    ax = fig.add_subplot()
    day = pd.Timestamp(as_of)
    left = min(dated["due_start"].min(), day) - pd.Timedelta(days=40)
    right = max(dated["due_end"].max(), day) + pd.Timedelta(days=40)
    ax.axvspan(left, day, color="#EFEFEF", zorder=0, lw=0)
    ax.axvline(day, color=style.INK, lw=1, zorder=1)
    ax.text(day, 0.0, f" as of {long_date(day)}", va="bottom", ha="left", color=style.INK)
    ax.text(left, 0.0, " passed", va="bottom", ha="left", color=style.MUTED)
    for top, mark_y, label, row in zip(tops, marks, labels, dated.itertuples(), strict=True):
        colour = style.theme_colour(str(row.theme))
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
            mark = outlook.record_labels().get(str(row.recorded), "") if row.recorded else ""
            mark = mark or ("outcome sourced" if pd.notna(row.outcome) else "no sourced outcome")
            mark = mark[0].lower() + mark[1:]
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
    ax.xaxis.set_major_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(DateFormatter("%b\n%Y"))
    ax.spines["left"].set_visible(False)

    present = set(dated["theme"].astype(str))
    handles = [
        Patch(color=style.theme_colour(code), label=label)
        for code, label in outlook.theme_labels().items()
        if code in present
    ]
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
    outcome_words = "none has a sourced outcome" if n_out == 0 else f"{n_out} with a sourced outcome"
    title = f"{len(past)} of {len(dated)} dated indicators have fallen due; {outcome_words}"
    undated = int((rows["timing"] == "no date set").sum())
    subtitle = (
        f"Due date of each indicator with a sourced date, as precise as the source (dot: a day; "
        f"bar: a month or a year); colour = theme; solid = passed, light = upcoming. "
        f"{undated} more have no set date."
    )
    sources = list(dated["source_id"].astype(str)) + [str(s) for s in dated["outcome_source_id"].dropna()]
    return finish(fig, ax, title, subtitle, sources, "watch_indicators")
