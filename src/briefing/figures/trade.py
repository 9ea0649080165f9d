"""Chapter 02, the trade deal: its three charts, drawn from frames that :mod:`briefing.analysis.trade`
shapes (the numbers behind each chart are tested there, since nbval never compares chart images).

* :func:`tariff_chart` — the US tariff on most Malaysian goods as a step line (rates in force) with
  the rates that were announced but never applied as hollow markers (``tariff_rates``).
* :func:`pledge_chart` — Malaysia's purchase and investment pledges, in US$ billion, with their
  horizons (``art_commitments``).
* :func:`trade_chart` — US–Malaysia goods trade in US$ billion by year; a year without a sourced
  figure stays empty (``trade``). Nothing is interpolated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import loaders, style
from ..analysis import trade as analysis
from ..text import long_date
from . import finish, new_figure, plain

FLOW_COLOURS = {
    "us_imports": style.ACCENT,
    "us_exports": style.PALETTE["United States"],
    "us_balance": style.INK,
}


def _pct(value: float) -> str:
    return f"{value:.0f}%"


# --- tariff rates ---------------------------------------------------------------------------------


def tariff_chart(
    rates: pd.DataFrame, markers: pd.DataFrame | None = None, until=None, kept: float | None = None
) -> Figure:
    """Step chart of the US tariff on most Malaysian goods; hollow markers = announced rates.

    ``markers``: optional events (date, label) drawn as thin vertical lines
    (:func:`briefing.analysis.trade.chart_marks`); ``until``: right end of the time axis (default:
    :func:`briefing.analysis.trade.chart_end`); ``kept``: the rate the deal kept, named in the title
    (:func:`briefing.analysis.trade.kept_rate`; default: the current rate).
    """
    segments = analysis.in_force_segments(rates)
    announced = analysis.announced_rates(rates)
    as_of = loaders.as_of("tariff_rates")
    right = pd.Timestamp(until) if until is not None else analysis.chart_end(rates, as_of)
    left = rates["date"].min() - pd.Timedelta(days=20)

    fig, ax = new_figure(5.6)  # room above the axes for the events' names
    for seg in segments.itertuples():
        end = seg.end if not pd.isna(seg.end) else right
        ax.plot(
            [seg.start, end], [seg.rate_pct] * 2, color=style.ACCENT, lw=3, solid_capstyle="butt", zorder=3
        )
        if not pd.isna(seg.end):  # a vertical riser only where the next segment starts at once
            nxt = segments[segments["start"] == seg.end]
            if len(nxt):
                ax.plot([seg.end] * 2, [seg.rate_pct, nxt.iloc[0]["rate_pct"]], color=style.ACCENT, lw=1.5)
        if (end - seg.start).days >= 45:
            ax.text(
                seg.start + (end - seg.start) / 2,
                seg.rate_pct + 0.8,
                _pct(seg.rate_pct),
                ha="center",
                va="bottom",
                fontweight="bold",
                color=style.ACCENT,
            )
    open_end = segments[segments["end"].isna()]
    if len(open_end):
        ax.annotate(
            "no later change\nin the sources",
            xy=(right, open_end.iloc[0]["rate_pct"]),
            xytext=(-4, -8),
            textcoords="offset points",
            ha="right",
            va="top",
            color=style.MUTED,
        )
    ax.scatter(
        announced["date"],
        announced["rate_pct"].astype(float),
        s=60,
        facecolors="white",
        edgecolors=style.INK,
        linewidths=1.3,
        zorder=4,
    )
    for row in announced[~announced["applied"]].itertuples():  # an applied rate needs no second label
        ax.annotate(
            _pct(float(row.rate_pct)),
            xy=(row.date, float(row.rate_pct)),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
        )
    if markers is not None:
        # Each event's name above the axes, ending at its line, on a row of its own, the earliest
        # lowest: upright at 11 pt a name is taller than the axes, and side by side two collide.
        # A dotted stem joins each name to its line; every later line lies to the right of the
        # names below it, so no stem crosses a name.
        for row, mark in enumerate(markers.sort_values("date").itertuples()):
            ax.axvline(mark.date, color=style.MUTED, lw=0.8, ls=":", zorder=1)
            ax.annotate(
                f"{mark.label} ",
                xy=(date2num(mark.date), 1.0),  # a blended transform takes numbers, not dates
                xycoords=ax.get_xaxis_transform(),
                xytext=(0, 4 + 18 * row),
                textcoords="offset points",
                ha="right",
                va="bottom",
                color=style.MUTED,
                arrowprops={
                    "arrowstyle": "-",
                    "color": style.MUTED,
                    "lw": 0.8,
                    "ls": ":",
                    "shrinkA": 0,
                    "shrinkB": 0,
                    "relpos": (1, 0),
                },
            )
    ax.set_xlim(left, right)
    ax.set_ylim(0, 30)  # room under the event names for an announced rate's label
    ax.set_ylabel("Per cent ad valorem")
    ax.xaxis.set_major_locator(_quarters())
    ax.xaxis.set_major_formatter(_month_year())
    # no legend: at 11 pt it covers the rates; the subtitle names the marks instead
    events = "; dotted lines: events" if markers is not None and len(markers) else ""
    current = analysis.current_segment(segments)
    art_rate = float(current["rate_pct"]) if kept is None else kept
    kept_seg = segments[(segments["rate_pct"] - art_rate).abs() < 0.01]
    kept_from = long_date(analysis.start_of(segments, art_rate), "month")
    kept_to = (
        f" to {long_date(kept_seg.iloc[-1]['end'], 'month')}"
        if len(kept_seg) and not pd.isna(kept_seg.iloc[-1]["end"])
        else ""
    )
    named = markers[markers["date"] == current["start"]] if markers is not None else markers
    basis = f" ({named.iloc[0]['label']})" if named is not None and len(named) else ""
    title = (
        f"The {_pct(art_rate)} rate the deal kept applied from {kept_from}{kept_to};"
        f" {_pct(current['rate_pct'])}{basis} since {long_date(current['start'], 'month')}"
    )
    return finish(
        fig,
        ax,
        (title),
        f"Extra US duty on most Malaysian goods, per cent. Line: applied; hollow circles: announced{events}",
        rates["source_id"].astype(str),
        "tariff_rates",
    )


def _quarters():
    from matplotlib.dates import MonthLocator

    return MonthLocator(bymonth=[1, 4, 7, 10])


def _month_year():
    from matplotlib.dates import DateFormatter

    return DateFormatter("%b\n%Y")


# --- purchase and investment pledges --------------------------------------------------------------


def pledge_chart(commitments: pd.DataFrame) -> Figure:
    """Bars with their category written above them (no y-axis labels eating the width)."""
    table = analysis.pledge_table(commitments)
    top = analysis.headline(commitments)
    headline = float(top["amount"])
    lump = analysis.lump_sum(table)
    fig, ax = new_figure(4.9)
    y = np.arange(len(table)) * 1.25
    colours = [style.ACCENT if not p else "white" for p in table["per_year"]]
    ax.barh(y, table["usd_bn"], color=colours, edgecolor=style.ACCENT, height=0.5, zorder=3)
    for yi, row in zip(y, table.itertuples(), strict=True):
        ax.text(0, yi - 0.33, plain(row.label), va="bottom", fontweight="bold")
        ax.text(row.usd_bn + 3, yi, plain(analysis.pledge_label(row)), va="center")
    ax.set_yticks([])
    ax.set_ylim(y[-1] + 0.5, -1.0)
    ax.axvline(headline, color=style.INK, ls="--", lw=1)
    ax.text(
        headline - 3,
        y[-1] + 0.3,
        plain(f"headline:\nover {analysis.money_text(headline)}"),
        ha="right",
    )
    ax.set_xlim(0, headline * 1.04)
    ax.set_xlabel(plain("US$ billion"))
    # no legend: at 11 pt it covers the bars' labels; the subtitle names the marks instead
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    return finish(
        fig,
        ax,
        f"Itemised sums total US${analysis.lump_text(lump)} bn;"
        f" the headline is 'over {analysis.money_text(headline)}'",
        "US$ billion. Filled bars: sums, counted in the total; hollow bars: per year, no end date; "
        "dashed line: the headline pledge",
        [*table["source_id"], str(top["source_id"])],
        "art_commitments",
    )


# --- goods trade ----------------------------------------------------------------------------------


def trade_chart(trade: pd.DataFrame) -> Figure:
    table = analysis.trade_usd_table(trade)
    names = loaders.labels("trade", "flow")
    fig, ax = new_figure(5.8)  # room below the axes for the key
    for first, last in analysis.missing_runs(table):
        ax.axvspan(first - 0.5, last + 0.5, color="#F2F2F2", zorder=0)
        ax.text(
            (first + last) / 2,
            2,
            plain("no sourced\nfigures"),
            ha="center",
            color=style.MUTED,
        )
    for flow in analysis.FLOWS:
        colour = FLOW_COLOURS[flow]
        for reporter in ("US", "Malaysia"):  # a line never joins a gap, nor two statistical sources
            same = table[flow].where(table[f"{flow}_reporter"] == reporter)
            ax.plot(table["year"], same, color=colour, lw=2, zorder=3)
        for mine in (False, True):
            sel = table[(table[f"{flow}_reporter"] == "Malaysia") == mine]
            ax.scatter(
                sel["year"],
                sel[flow],
                s=42,
                zorder=4,
                facecolors="white" if mine else colour,
                edgecolors=colour,
                linewidths=1.5,
            )
    ax.axhline(0, color=style.MUTED, lw=0.8)
    ax.set_xlim(table["year"].min() - 0.6, table["year"].max() + 0.6)
    last = int(table["year"].max())
    ax.set_xticks(list(range(last, int(table["year"].min()) - 1, -2)))
    ax.set_ylabel(plain("US$ billion"))
    ax.legend(  # the flows only, under the axes: at 11 pt the key is wider than the years without figures
        handles=[Line2D([], [], color=FLOW_COLOURS[f], lw=2, label=names[f]) for f in analysis.FLOWS],
        loc="upper left",
        bbox_to_anchor=(-0.02, -0.1),
        handlelength=1.5,
    )
    before, after = analysis.deficit_before_and_after_gap(table)
    title = (
        f"The US goods deficit with Malaysia was US${-before['us_balance']:.1f} bn in {before['year']}"
        f" and US${-after['us_balance']:.1f} bn in {after['year']}"
    )
    sources = [s for flow in analysis.FLOWS for s in table[f"{flow}_source"].dropna()]
    return finish(
        fig,
        ax,
        (title),
        "US$ billion a year. Filled dots: US statistics; hollow dots: Malaysian statistics; "
        "shaded years: no sourced figure",
        sources,
        "trade",
    )
