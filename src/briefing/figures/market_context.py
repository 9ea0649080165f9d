"""Charts and tables for the market-context page (notebooks/market_context); its numbers are in
``briefing.chapters.market_context``.

Every number comes from ``briefing.analysis.market`` (one USGS edition per year, shares against the same
edition's world total, the concentration index, reserves by edition); these functions only choose
what to show and draw it. Each chart returns a matplotlib Figure in house style (``new_figure`` /
``finish``: the title states the finding, the subtitle the measure and units, the source line
sits under the chart).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from .. import style
from ..analysis import market
from ..loaders import labels
from ..text import share_text
from . import finish, new_figure, wrap

CHINA, UNITED_STATES, MALAYSIA = "China", "United States", "Malaysia"
FOCUS = (CHINA, UNITED_STATES, MALAYSIA)  # the three countries the page follows at every stage

# The producers drawn as lines (the rest are in the explorer); World is drawn as a dashed line.
PRODUCERS = ("China", "United States", "Australia", "Burma", "Thailand", "Malaysia")
EXTRA_COLOURS = {"Burma": "#CC79A7", "Thailand": "#999933"}

# The stage the chart adds for USGS mine output, beside the value-chain table's own stages.
USGS_STAGE_LABEL = "Mining (USGS mine output)"


def stage_labels() -> dict[str, str]:
    """Reader-facing stage names (the descriptor's), with USGS mine output and, beside it, the
    value-chain table's mining figures marked as IEA's."""
    found = labels("value_chain_shares", "stage")
    return {market.USGS_MINING: USGS_STAGE_LABEL, **found, "mining": f"{found['mining']} (IEA, as reported)"}


def _stage_tick(stage: str) -> str:
    """A stage's name for the chart's axis: wrapped, with its basis in brackets on a line of its own."""
    head, bracket, tail = stage_labels().get(stage, stage).partition(" (")
    return wrap(head, 13) + (f"\n({tail}" if bracket else "")


TEXT = 11  # points: labels inside the charts, legible when a phone scales them down
SMALL = style.MIN_FONT_PT  # points: notes inside the charts, as small as a phone allows


def _colour(country: str) -> str:
    return EXTRA_COLOURS.get(country, style.colour(country))


def tonnes(value: float) -> str:
    """'270,000' (whole tonnes, thousands separated)."""
    return f"{value:,.0f}"


# ---------------------------------------------------------------------------------------------
# Mine production by country over time


def production_table(production: pd.DataFrame, edition_policy: str = "latest") -> pd.DataFrame:
    """The chart's lines: tonnes by year for PRODUCERS and World, one edition per year, plus an
    ``edition`` column naming the edition each year comes from. Missing stays missing."""
    table = market.production_table(production, PRODUCERS, edition_policy, world=True)
    editions = market.concentration_by_year(production, edition_policy).set_index("year")["edition"]
    table["edition"] = editions.reindex(table.index)
    return table


def _spread(values: dict[str, float], gap: float) -> dict[str, float]:
    """Label positions (log10 units) at least ``gap`` apart, as close to the values as possible."""
    order = sorted(values, key=values.get)
    placed: dict[str, float] = {}
    for name in order:
        y = values[name]
        if placed:
            y = max(y, max(placed.values()) + gap)
        placed[name] = y
    shift = max(0.0, max(placed.values()) - max(values.values()) - gap / 2)
    return {name: y - shift for name, y in placed.items()}


def production_chart(production: pd.DataFrame, edition_policy: str = "latest") -> Figure:
    """Mine production of the leading producers and Malaysia, log scale, one USGS edition per
    year (the edition is named under each year); the world total as a dashed line."""
    import numpy as np

    table = production_table(production, edition_policy)
    conc = market.concentration_by_year(production, edition_policy).set_index("year")
    years = list(table.index)
    last = years[-1]
    fig, ax = new_figure(height=6.0)
    ends: dict[str, float] = {}
    for name in [c for c in table.columns if c != "edition"]:
        series = table[name].dropna()
        if series.empty:
            continue
        world = name == "World"
        colour = style.INK if world else _colour(name)
        ax.plot(
            series.index,
            series.to_numpy(dtype=float),
            color=colour,
            lw=1.4 if world else (3 if name == MALAYSIA else 2.2),
            ls="--" if world else "-",
            marker=None if world else "o",
            markersize=5,
            zorder=3 if name == MALAYSIA else 2,
        )
        ends[name] = float(series.iloc[-1])
    labels = _spread({n: float(np.log10(v)) for n, v in ends.items()}, gap=0.24)
    for name, y in labels.items():
        shown = "World total" if name == "World" else name
        colour = style.INK if name == "World" else _colour(name)
        ax.text(
            last + 0.12,
            10**y,
            f"{shown} {tonnes(ends[name])}",
            va="center",
            fontsize=SMALL if name == "World" else TEXT,
            color=colour,
            fontweight="bold" if name == MALAYSIA else "normal",
        )
    ax.set_yscale("log")
    ticks = [100, 1_000, 10_000, 100_000, 1_000_000]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticks(ticks, ["100", "1,000", "10,000", "100,000", "1 million"])
    low = min(ends.values()) if ends else 100
    ax.set_ylim(min(50, low / 2), 1_500_000)
    editions = [str(table.loc[y, "edition"]).replace(" ", "\n") for y in years]  # narrow: 'MCS\n2026'
    ax.set_xticks(years, [f"{y}\n{edition}" for y, edition in zip(years, editions, strict=True)])
    ax.set_xlim(years[0] - 0.25, last + 2.6)  # room for the labels at the lines' ends
    ax.spines["bottom"].set_bounds(years[0] - 0.25, last + 0.25)
    ax.set_ylabel("Tonnes of REO (log scale)")
    ax.grid(axis="x", visible=False)
    share = float(conc.loc[last, "country_share_pct"])
    mine = market.shares_of_world(market.production_by_year(production, edition_policy))
    my = mine[(mine["country"] == MALAYSIA) & (mine["year"] == last)]["share_pct"]
    title = f"China mined {share_text(share)} of the world's rare earths in {last}"
    if len(my):
        title += f"; Malaysia {share_text(float(my.iloc[0]))}"
    used = market.production_by_year(production, edition_policy)["source_id"].astype(str)
    return finish(
        fig,
        ax,
        title,
        "Mine production, tonnes of rare-earth oxide (REO) equivalent, log scale; each year from the "
        "latest USGS edition that reports it (named under the year)",
        used,
        "ree_production",
    )


# ---------------------------------------------------------------------------------------------
# Concentration over time (a table)

CONCENTRATION_COLUMNS = {
    "year": "Year",
    "edition": "Edition",
    "world": "World (t)",
    "china_share": "China",
    "hhi": "HHI",
    "equal": "Equal producers",
}


def concentration_table(production: pd.DataFrame, edition_policy: str = "latest") -> pd.DataFrame:
    """The concentration index by year, as the page shows it (text columns, CONCENTRATION_COLUMNS):
    narrow enough for a phone."""
    conc = market.concentration_by_year(production, edition_policy)
    return pd.DataFrame(
        {
            "year": conc["year"].astype(str),
            "edition": conc["edition"],
            "world": conc["world_t"].map(tonnes),
            "china_share": conc["country_share_pct"].map(lambda v: f"{v:.1f}%"),
            "hhi": conc["hhi"].map(lambda v: f"{v:,.0f}"),
            "equal": conc["hhi"].map(lambda v: f"{market.equivalent_producers(v):.1f}"),
        }
    )


# ---------------------------------------------------------------------------------------------
# Reserves by country, latest edition


def _reserve_label(value: float, qualifier: str) -> str:
    if pd.isna(value):
        return "not available (NA)"
    mark = "more than " if qualifier == "greater_than" else ""
    if value >= 1e7 and value % 1e6 == 0:
        return f"{mark}{value / 1e6:.0f} Mt"
    return f"{mark}{value / 1e6:.1f} Mt" if value >= 1e6 else f"{mark}{value / 1e6:.2f} Mt"


def reserves_chart(reserves: pd.DataFrame, edition: str | None = None) -> Figure:
    """Reserves of each named country in one edition (the latest by default), largest first;
    countries USGS lists as NA are named under the bars with no bar (never as zero); a '>' value
    is labelled 'more than'. The world total, often a lower bound, is stated in the subtitle."""
    table = market.reserves_by_country(reserves, edition)
    edition = str(table["edition"].iloc[0])
    world = market.world_reserves(reserves, edition)
    valued = table[table["reserves_t"].notna()].reset_index(drop=True)
    missing = table[table["reserves_t"].isna()]
    fig, ax = new_figure(height=3.2 + 0.36 * len(valued))
    for i, row in valued.iterrows():
        colour = style.ACCENT if row["country"] == MALAYSIA else _colour(row["country"])
        if row["country"] not in (CHINA, MALAYSIA, UNITED_STATES):
            colour = "#9A9A9A"
        ax.barh(i, row["reserves_t"] / 1e6, height=0.68, color=colour, zorder=3)
        ax.text(
            row["reserves_t"] / 1e6 + 0.6,
            i,
            _reserve_label(row["reserves_t"], row["qualifier"]),
            va="center",
            fontsize=SMALL,
            color=style.ACCENT if row["country"] == MALAYSIA else style.INK,
            fontweight="bold" if row["country"] == MALAYSIA else "normal",
        )
    ax.set_yticks(range(len(valued)), list(valued["country"]))
    for tick in ax.get_yticklabels():
        if tick.get_text() == MALAYSIA:
            tick.set_color(style.ACCENT)
            tick.set_fontweight("bold")
    ax.set_ylim(len(valued) - 0.4, -0.6)
    top = float(valued["reserves_t"].max()) / 1e6
    ax.set_xlim(0, top * 1.45)  # room for the label of the longest bar
    ax.set_xlabel("Million tonnes of REO")
    ax.grid(axis="y", visible=False)
    if len(missing):
        names = wrap("Not available (NA) in USGS's table, no bar: " + ", ".join(missing["country"]), 40)
        ax.text(
            0, 1.0, names, transform=ax.transAxes, fontsize=SMALL, color=style.MUTED, va="bottom", ha="left"
        )
    china = valued[valued["country"] == CHINA].iloc[0]
    bound = "at most " if china["share_bound"] == "at_most" else ""
    title = f"China holds {bound}{share_text(china['share_pct'])} of world rare-earth reserves"
    mine = table[table["country"] == MALAYSIA]
    if len(mine) and pd.notna(mine["reserves_t"].iloc[0]):
        run = market.not_available_before(reserves, MALAYSIA, edition)
        held = f"{tonnes(mine['reserves_t'].iloc[0])} t"
        editions = f"{len(run)} USGS edition{'s' if len(run) > 1 else ''}"
        title += f"; Malaysia has {held}" + (f", after {editions} without a figure" if run else "")
    world_text = _reserve_label(world["reserves_t"], world["qualifier"])
    subtitle = f"Reserves by country, USGS {edition}, million tonnes (Mt) of REO. World: {world_text}"
    if world["lower_bound"]:
        subtitle += " (USGS gives a lower bound, so every share is an upper bound)"
    return finish(fig, ax, title, subtitle, table["source_id"].astype(str), "ree_reserves")


# ---------------------------------------------------------------------------------------------
# China, the United States and Malaysia at each stage


def stage_title(table: pd.DataFrame) -> str:
    """'China leads at every stage with data; the US's largest share is in mining (13%), Malaysia's
    in separation and refining (5%)', computed from ``market.stage_table``."""
    known = table[table["known"]]
    leaders = set(known.loc[known.groupby("stage", sort=False)["share_high"].idxmax(), "country"])
    head = (
        "China leads at every stage with data" if leaders == {CHINA} else "No one country leads every stage"
    )
    parts = []
    for country, owner in ((UNITED_STATES, "the US's"), (MALAYSIA, "Malaysia's")):
        mine = known[known["country"] == country]
        if len(mine):
            best = mine.loc[mine["share_high"].idxmax()]
            phrase = labels("value_chain_shares", "stage").get(best["stage"], "mining").lower()
            parts.append(f"{owner} in {phrase} ({best['share_text']})")
    if not parts:
        return head
    parts[0] = parts[0].replace("'s in ", "'s largest share is in ", 1)
    return head + "; " + ", ".join(parts)


def stage_chart(shares: pd.DataFrame, production: pd.DataFrame) -> Figure:
    """A grid: stages (rows, value-chain order) by country (columns). Each known share is a circle
    whose area is proportional to the share, with the figure printed beside it; 'no data' where the
    book's data hold no figure."""
    table = market.stage_table(shares, production, FOCUS)
    stages = list(dict.fromkeys(table["stage"]))
    fig, ax = new_figure(height=2.6 + 1.1 * len(stages))
    xs = {country: i for i, country in enumerate(FOCUS)}
    for y, stage in enumerate(stages):
        if y % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#F4F4F4", zorder=0)
        for row in table[table["stage"] == stage].itertuples():
            x = xs[row.country]
            if not row.known:
                ax.text(
                    x,
                    y,
                    "no data",
                    ha="center",
                    va="center",
                    fontsize=SMALL,
                    color=style.MUTED,
                    style="italic",
                )
                continue
            # the circle above its figure: beside it, a wide figure would reach the next column
            ax.scatter([x], [y - 0.2], s=9 * row.share_high + 5, color=_colour(row.country), zorder=3)
            ax.text(
                x,
                y + 0.25,
                f"{row.share_text}\n({row.year})",
                va="center",
                ha="center",
                fontsize=SMALL,
                linespacing=1.0,
                color=style.INK,
            )
    ax.set_xticks(
        range(len(FOCUS)), [c.replace("United States", "United\nStates") for c in FOCUS], fontsize=TEXT
    )
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", length=0)
    for tick, country in zip(ax.get_xticklabels(), FOCUS, strict=True):
        tick.set_color(_colour(country))
        tick.set_fontweight("bold")
    ax.set_yticks(range(len(stages)), [_stage_tick(s) for s in stages])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(-0.55, len(FOCUS) - 0.45)
    ax.set_ylim(len(stages) - 0.5, -0.5)
    ax.grid(False)
    ax.spines[["left", "bottom", "top", "right"]].set_visible(False)
    sources = [s for value in table["sources"] for s in str(value).split(";") if s]
    return finish(
        fig,
        ax,
        stage_title(table),
        "Share of world output at each stage, per cent (circle area ~ share); data year in brackets. "
        "USGS: computed from mine output; other rows: IEA figures as reported in the press",
        sources,
        "value_chain_shares",
    )
