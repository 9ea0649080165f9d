"""Charts for the chapter on China's response: the value chain, mine production and concentration,
and the timeline of Chinese measures against the US–Malaysia milestones.

The arithmetic (shares, the concentration index, which edition of USGS to read) lives in
``briefing.analysis.market``, the timeline's rows (events with a short label, by lane) in
``briefing.analysis.china``, the stage names in the data package's descriptor; these functions draw.
Each returns a matplotlib Figure in house style (``new_figure``/``finish``: the title states the finding, the
subtitle the measure and units, the source line sits under the chart).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import StrMethodFormatter

from .. import style
from ..analysis import china as china_analysis
from ..analysis import market
from ..loaders import labels
from ..text import share_range_text, short_date
from . import finish, stacked_rows, wrap

CHINA = "China"
MALAYSIA = "Malaysia"

# The producers drawn separately in the production chart; the rest are summed.
LEADING_PRODUCERS = ("China", "United States", "Burma", "Australia")


# ---------------------------------------------------------------------------------------------
# Value chain


def value_chain_chart(shares: pd.DataFrame, production: pd.DataFrame) -> Figure:
    """China's share of each stage (latest reported year, the range where sources differ), with
    Malaysia's share where the data hold one and China's share of USGS mine output for comparison.

    ``shares`` is ``load_value_chain_shares()``, ``production`` is ``load_ree_production()``."""
    china = market.latest_stage_shares(shares, CHINA)
    malaysia = market.latest_stage_shares(shares, MALAYSIA).set_index("stage")
    stage_labels = labels("value_chain_shares", "stage")
    usgs = market.concentration_by_year(production).iloc[-1]
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 4.8), layout="constrained")
    ax = fig.add_subplot()
    rows = list(china.itertuples())
    for i, row in enumerate(rows):
        y = i
        ax.barh(
            y,
            row.share_high,
            height=0.5,
            color=style.colour(CHINA),
            alpha=0.35 if row.share_low < row.share_high else 1,
        )
        ax.barh(y, row.share_low, height=0.5, color=style.colour(CHINA))
        ax.text(
            row.share_high + 1.5,
            y,
            f"China {share_range_text(row.share_low, row.share_high)} ({row.year})",
            va="center",
        )
        if row.stage in malaysia.index:
            mrow = malaysia.loc[row.stage]
            ax.barh(y + 0.38, mrow["share_high"], height=0.22, color=style.ACCENT)
            label = f"Malaysia {share_range_text(mrow['share_low'], mrow['share_high'])} ({mrow['year']})"
            ax.text(mrow["share_high"] + 1.5, y + 0.38, label, va="center", color=style.ACCENT)
        if row.stage == "mining":
            ax.plot([usgs["country_share_pct"]], [y - 0.38], marker="D", color=style.INK, markersize=6)
            label = f"USGS {usgs['country_share_pct']:.0f}% ({usgs['year']})"  # the subtitle explains it
            ax.text(usgs["country_share_pct"] + 2.5, y - 0.38, label, va="center")
    ax.set_yticks(range(len(rows)), [wrap(stage_labels[r.stage], 12) for r in rows])
    ax.set_ylim(len(rows) - 0.4, -0.7)
    ax.set_xlim(0, 175)  # room right of the longest bar for its label
    ax.set_xticks(range(0, 101, 25))
    ax.set_xlabel("Per cent of the world total")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    first, last = rows[0], rows[-1]
    title = (
        f"China's share rises along the chain: {share_range_text(first.share_low, first.share_high)} of "
        f"{stage_labels[first.stage].lower()}, {share_range_text(last.share_low, last.share_high)} of "
        f"{stage_labels[last.stage].lower()}"
    )
    sources = [*_split_ids(china["sources"]), *_split_ids(malaysia["sources"])]
    sources += _edition_sources(production, int(usgs["year"]))
    subtitle = (
        "Share of world capacity or output by stage, % (IEA figures as reported); diamond: USGS mine data"
    )
    return finish(fig, ax, title, subtitle, sources, "value_chain_shares")


def _split_ids(joined: pd.Series) -> list[str]:
    return [s for value in joined for s in str(value).split(";") if s]


def _edition_sources(production: pd.DataFrame, year: int | None = None) -> list[str]:
    rows = market.production_by_year(production)
    if year is not None:
        rows = rows[rows["year"] == year]
    return list(dict.fromkeys(rows["source_id"].astype(str)))


# ---------------------------------------------------------------------------------------------
# Mine production and concentration


def production_table(production: pd.DataFrame, edition_policy: str = "latest") -> pd.DataFrame:
    """The chart's stacks: tonnes by year for LEADING_PRODUCERS and 'All others' (other named
    countries plus USGS's 'Other' line), one edition per year; a producer without a row stacks 0."""
    table = market.production_table(production, LEADING_PRODUCERS, edition_policy, others=True)
    return table.rename(columns={"others": "All others"}).fillna(0.0)


def production_chart(production: pd.DataFrame, edition_policy: str = "latest") -> Figure:
    """Top: mine production by country, stacked, thousand tonnes, with China's share of the world
    total on each bar. Bottom: the Herfindahl–Hirschman index over named countries, with the
    values for one producer and for two equal producers as reference lines."""
    conc = market.concentration_by_year(production, edition_policy)
    table = production_table(production, edition_policy)
    by_year = market.production_by_year(production, edition_policy)
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 7.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[3, 2], sharex=True)
    years = list(table.index)
    base = pd.Series(0.0, index=table.index)
    for name in table.columns:
        colour = (
            style.colour(name)
            if name in style.PALETTE
            else ("#B9B9B9" if name == "All others" else "#8C8C8C")
        )
        if name == "Burma":
            colour = "#56B4E9"
        top.bar(years, table[name] / 1000, bottom=base / 1000, color=colour, width=0.6, label=name)
        base = base + table[name]
    for row in conc.itertuples():
        top.text(
            row.year,
            row.country_t / 2000,
            f"{row.country_share_pct:.0f}%",
            ha="center",
            va="center",
            color="white",
            fontweight="bold",
        )
        top.plot([row.year - 0.33, row.year + 0.33], [row.world_t / 1000] * 2, color=style.INK, linewidth=1.2)
    top.set_ylabel("Thousand tonnes REO")
    top.set_ylim(0, conc["world_t"].max() / 1000 * 1.6)  # room for the key and the note above the bars
    top.legend(ncols=3, loc="upper left", handlelength=1, columnspacing=0.8, handletextpad=0.4)
    top.grid(axis="x", visible=False)
    top.set_axisbelow(True)
    bottom.grid(axis="x", visible=False)
    shares = market.shares_of_world(by_year)
    last = conc.iloc[-1]
    malaysia = shares[(shares["country"] == MALAYSIA) & (shares["year"] == int(last["year"]))]
    if len(malaysia):
        mine = malaysia.iloc[0]
        note = (
            f"Malaysia, {int(last['year'])}: {mine['production_t']:,.0f} t "
            f"({mine['share_pct']:.2f}% of world)"
        )
        top.text(0.99, 0.71, note, transform=top.transAxes, ha="right", va="top", color=style.ACCENT)
    bottom.plot(conc["year"], conc["hhi"], marker="o", color=style.colour(CHINA), linewidth=2)
    for row in conc.itertuples():
        bottom.text(row.year, row.hhi + 500, f"{row.hhi:,.0f}", ha="center")
    for ref, label in ((market.hhi([100]), "one producer"), (market.hhi([50, 50]), "two equal producers")):
        bottom.axhline(ref, color=style.MUTED, linestyle="--", linewidth=0.9)
        bottom.text(years[0] - 0.45, ref - 250, label, color=style.MUTED, va="top")
    bottom.set_ylim(0, market.hhi([100]) * 1.05)
    bottom.set_ylabel("HHI (0–10,000)")
    bottom.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    bottom.set_xticks(years, [f"{y}\n{e}" for y, e in zip(conc["year"], conc["edition"], strict=True)])
    bottom.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    latest = conc.iloc[-1]
    title = (
        f"China mined {latest['country_share_pct']:.0f}% of the world's rare earths "
        f"in {int(latest['year'])}; "
        f"the concentration index, {latest['hhi']:,.0f}, is that of about "
        f"{market.equivalent_producers(latest['hhi']):.0f} equal producers"
    )
    subtitle = (
        "Mine production by country, thousand tonnes REO (black line: USGS world total). "
        "Below: Herfindahl–Hirschman index over named countries"
    )
    return finish(fig, top, title, subtitle, _edition_sources(production), "ree_production")


# ---------------------------------------------------------------------------------------------
# Timeline


# How each row's ``timing`` is drawn: (marker, filled). An event that happened is a filled dot; a
# date that was only due is hollow, its shape saying what became of it.
TIMING_MARKERS = {
    "happened": ("o", True),
    "lapsed": ("o", True),
    "scheduled": ("o", False),
    "suspended": ("s", False),
    "superseded": ("^", False),
    "no_outcome_found": ("D", False),
}
MORE_THAN_ONE = "International"  # events.country for events of more than one country: drawn in ink


def _actor_colour(country: str) -> str:
    return style.INK if country == MORE_THAN_ONE else style.colour(country)


def _actor_label(country: str) -> str:
    return "More than one country" if country == MORE_THAN_ONE else country


def _timing_label(timing: str, names: dict[str, str]) -> str:
    """'Happened'; for a date that was only due, 'Due date: suspended' and the like."""
    _, filled = TIMING_MARKERS[timing]
    return names[timing] if filled else f"Due date: {names[timing][0].lower()}{names[timing][1:]}"


def timeline_chart(events: pd.DataFrame, agreements: pd.DataFrame) -> Figure:
    """Two lanes, one row per event in date order: Chinese measures and statements (and Malaysia's
    dealings with China) on the left, US–Malaysia milestones on the right. Dot colour = country of
    the actor; a filled dot is an event that happened, a hollow one a date that was only due, its
    shape saying what became of it (``timing``: scheduled, suspended, no sourced outcome …); a
    legend under the chart names every colour and shape drawn. The rows are
    ``analysis.china.timeline_rows`` (events whose ``charts`` name this chart); the title counts
    from the US–Malaysia MoU's signing (``agreements``)."""
    rows = china_analysis.timeline_rows(events)
    texts, positions, y = stacked_rows(rows["short_label"], 20, 0.5)
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 3.4 + 0.5 * y), layout="constrained")
    ax = fig.add_subplot()
    lane_x = {china_analysis.CHINA_LANE: 0.24, china_analysis.US_MALAYSIA_LANE: 0.62}
    for pos, label, row in zip(positions, texts, rows.itertuples(), strict=True):
        x = lane_x[row.lane]
        marker, filled = TIMING_MARKERS[str(row.timing)]
        colour = _actor_colour(str(row.country))
        ax.scatter(
            [x],
            [pos],
            s=60,
            marker=marker,
            zorder=3,
            color=colour if filled else "white",
            edgecolors=colour,
            linewidths=1.5,
        )
        ax.text(x + 0.022, pos, label, va="center", linespacing=1.1)
        ax.text(0.0, pos, short_date(row.date, str(row.date_precision)), va="center", color=style.MUTED)
    for lane, x in lane_x.items():
        ax.text(
            x,
            -0.35,
            lane,
            fontweight="bold",
        )
        ax.axvline(x, color="#DDDDDD", linewidth=1, zorder=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.1, -0.8)
    ax.axis("off")
    # The legends: every colour and every shape drawn, in the data's order.
    countries = list(dict.fromkeys(rows["country"].astype(str)))
    countries = sorted(countries, key=lambda c: c == MORE_THAN_ONE)
    colour_handles = [
        Line2D([], [], linestyle="", marker="o", markersize=7, color=_actor_colour(c), label=_actor_label(c))
        for c in countries
    ]
    names = labels("events", "timing")
    timings = [t for t in TIMING_MARKERS if t in set(rows["timing"].astype(str))]
    shape_handles = []
    for timing in dict.fromkeys(_timing_label(t, names) for t in timings):
        code = next(t for t in timings if _timing_label(t, names) == timing)
        marker, filled = TIMING_MARKERS[code]
        shape_handles.append(
            Line2D(
                [], [], linestyle="", marker=marker, markersize=7, markeredgewidth=1.5,
                color=style.INK, markerfacecolor=style.INK if filled else "white",
                label=wrap(timing, 20),  # the two keys side by side fit a phone-sized chart
            )
        )  # fmt: skip
    legend_style = dict(title_fontsize=style.MIN_FONT_PT, frameon=False, handletextpad=0.3, borderaxespad=0)
    who = ax.legend(
        handles=colour_handles, title="Who acted", loc="upper left", bbox_to_anchor=(0.0, 0.0),
        alignment="left", **legend_style,
    )  # fmt: skip
    ax.add_artist(who)
    ax.legend(
        handles=shape_handles, title="What became of it", loc="upper left", bbox_to_anchor=(0.5, 0.0),
        alignment="left", **legend_style,
    )  # fmt: skip
    signing = china_analysis.us_malaysia_agreement(agreements, "mou")["date"]
    before, after = china_analysis.china_events_around(rows, signing)
    title = (
        f"China acted on both sides of the {signing.day} {signing:%B %Y} signing: "
        f"{before} China-related events before it and {after} after"
    )
    subtitle = (
        "One row per event, in date order. Filled dots: events that happened; hollow: dates that were "
        "due, by what became of them"
    )
    return finish(fig, ax, title, subtitle, rows["source_id"].astype(str), "events")
