"""Charts, tables and numbers for the market-context page (notebooks/market_context).

Every number comes from ``briefing.market`` (one USGS edition per year, shares against the same
edition's world total, the concentration index, reserves by edition); these functions only choose
what to show and draw it. Each chart returns a matplotlib Figure in house style (``new_figure`` /
``finish``: the title states the finding, the subtitle the measure and units, the source line
sits under the chart).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from .. import market, style
from ..text import share_text
from . import finish, new_figure, wrap

CHINA, UNITED_STATES, MALAYSIA = "China", "United States", "Malaysia"
FOCUS = (CHINA, UNITED_STATES, MALAYSIA)  # the three countries the page follows at every stage

# The producers drawn as lines (the rest are in the explorer); World is drawn as a dashed line.
PRODUCERS = ("China", "United States", "Australia", "Burma", "Thailand", "Malaysia")
EXTRA_COLOURS = {"Burma": "#CC79A7", "Thailand": "#999933"}

STAGE_LABELS = {
    market.USGS_MINING: "Mining\n(USGS mine output)",
    "mining": "Mining\n(IEA, as reported)",
    "separation_refining": "Separation\nand refining",
    "metal": "Metal making",
    "magnets": "Magnet making",
}
STAGE_PHRASES = {
    market.USGS_MINING: "mining",
    "mining": "mining",
    "separation_refining": "separation and refining",
    "metal": "metal making",
    "magnets": "magnet making",
}

TEXT = 11  # points: labels inside the charts, legible when a phone scales them down
SMALL = style.MIN_FONT_PT  # points: notes inside the charts, as small as a phone allows


def _colour(country: str) -> str:
    return EXTRA_COLOURS.get(country, style.colour(country))


def tonnes(value: float) -> str:
    """'270,000' (whole tonnes, thousands separated)."""
    return f"{value:,.0f}"


def _and(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------------
# Mine production by country over time


def production_table(production: pd.DataFrame, edition_policy: str = "latest") -> pd.DataFrame:
    """Tonnes by year (rows) for PRODUCERS and World (columns), one edition per year, plus an
    ``edition`` column naming the edition each year comes from. A producer without a row in a year
    is missing, not zero."""
    rows = market.production_by_year(production, edition_policy)
    table = rows.pivot(index="year", columns="country", values="production_t")
    keep = [c for c in (*PRODUCERS, "World") if c in table.columns]
    table = table[keep]
    table["edition"] = rows.groupby("year")["edition"].first()
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
        before = market.country_reserves(reserves, MALAYSIA)
        earlier = before[before["edition"].map(market.edition_year) < market.edition_year(edition)]
        run: list[str] = []
        for name, qualifier in zip(earlier["edition"][::-1], earlier["qualifier"][::-1], strict=True):
            if qualifier != "not_available":
                break
            run.insert(0, str(name))
        held = f"{tonnes(mine['reserves_t'].iloc[0])} t"
        title += f"; Malaysia, NA in {_and(run)}, now has {held}" if run else f"; Malaysia has {held}"
    world_text = _reserve_label(world["reserves_t"], world["qualifier"])
    subtitle = f"Reserves by country, USGS {edition}, million tonnes (Mt) of REO. World: {world_text}"
    if world["lower_bound"]:
        subtitle += " (USGS gives a lower bound, so every share is an upper bound)"
    return finish(fig, ax, title, subtitle, table["source_id"].astype(str), "ree_reserves")


# ---------------------------------------------------------------------------------------------
# China, the United States and Malaysia at each stage


def stage_table(shares: pd.DataFrame, production: pd.DataFrame) -> pd.DataFrame:
    """``market.stage_positions`` for FOCUS, with a printable share ('91–92%', 'no data')."""
    table = market.stage_positions(shares, production, FOCUS)
    table["share_text"] = [
        "no data"
        if not known
        else (share_text(low) if round(low) == round(high) or low < 1 else f"{low:.0f}–{high:.0f}%")
        for known, low, high in zip(table["known"], table["share_low"], table["share_high"], strict=True)
    ]
    return table


def stage_title(table: pd.DataFrame) -> str:
    """'China leads at every stage with data; the US's largest share is in mining (13%), Malaysia's
    in separation and refining (5%)', computed from ``stage_table``."""
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
            parts.append(f"{owner} in {STAGE_PHRASES[best['stage']]} ({best['share_text']})")
    if not parts:
        return head
    parts[0] = parts[0].replace("'s in ", "'s largest share is in ", 1)
    return head + "; " + ", ".join(parts)


def stage_chart(shares: pd.DataFrame, production: pd.DataFrame) -> Figure:
    """A grid: stages (rows, value-chain order) by country (columns). Each known share is a circle
    whose area is proportional to the share, with the figure printed beside it; 'no data' where the
    book's data hold no figure."""

    table = stage_table(shares, production)
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
    ax.set_yticks(range(len(stages)), [STAGE_LABELS.get(s, s) for s in stages])
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


# ---------------------------------------------------------------------------------------------
# Numbers for the prose


def page_numbers(production: pd.DataFrame, reserves: pd.DataFrame, shares: pd.DataFrame) -> dict:
    """Every number and computed phrase the page's prose glues, by name."""
    conc = market.concentration_by_year(production).set_index("year")
    first = market.concentration_by_year(production, "first").set_index("year")
    years = list(conc.index)
    last_year = int(years[-1])
    last = conc.loc[last_year]
    by_year = market.production_by_year(production)
    shares_latest = market.shares_of_world(by_year)
    latest_rows = shares_latest[shares_latest["year"] == last_year].set_index("country")
    revisions = market.production_revisions(production).set_index(["country", "year"])
    world_rev = revisions.loc["World"]
    big = world_rev.loc[world_rev["change_t"].abs().idxmax()]
    big_year = int(world_rev["change_t"].abs().idxmax())
    my_rev = revisions.loc[MALAYSIA]
    my_big_year = int(my_rev["change_pct"].abs().idxmax())
    my_big = my_rev.loc[my_big_year]
    largest_cut = revisions.reset_index()
    largest_cut = largest_cut[~largest_cut["country"].isin(market.AGGREGATES)]
    cut = largest_cut.loc[largest_cut["change_t"].idxmin()]
    n_revised = int((revisions["change_t"] != 0).sum())
    n_pairs = len(revisions)
    latest_res_edition = market.latest_edition(reserves)
    eds = market.editions(reserves)
    prev_res_edition = eds[-2]
    res = market.reserves_by_country(reserves, latest_res_edition).set_index("country")
    world_res = market.world_reserves(reserves, latest_res_edition)
    world_prev = market.world_reserves(reserves, prev_res_edition)
    changes = market.reserve_revisions(reserves, prev_res_edition, latest_res_edition).set_index("country")
    my_res = market.country_reserves(reserves, MALAYSIA)
    my_na = list(my_res[my_res["qualifier"] == "not_available"]["edition"])
    named_changes = changes[~changes.index.isin(market.AGGREGATES)]
    stage = stage_table(shares, production).set_index(["stage", "country"])

    def stage_share(stage_key: str, country: str) -> str:
        return str(stage.loc[(stage_key, country), "share_text"])

    def stage_year(stage_key: str, country: str) -> str:
        value = stage.loc[(stage_key, country), "year"]
        return "" if pd.isna(value) else str(int(value))

    first_year = int(years[0])
    two_reports = None  # a year in which two reports of the IEA's mining share for China differ
    for year in sorted({int(y) for y in shares["year"].dropna()}):
        found = market.china_share_by_stage(shares[shares["year"] == year])
        found = found.set_index("stage") if len(found) else found
        if "mining" in found.index and found.at["mining", "share_low"] < found.at["mining", "share_high"]:
            two_reports = found.loc["mining"]
    numbers = {
        # production and shares
        "usgs_first_year": first_year,
        "usgs_last_year": last_year,
        "usgs_last_edition": str(last["edition"]),
        "usgs_editions": _and(market.editions(production)),
        "n_editions": len(market.editions(production)),
        "world_last_t": tonnes(last["world_t"]),
        "world_first_t": tonnes(conc.loc[first_year, "world_t"]),
        "world_growth_pct": 100 * (last["world_t"] / conc.loc[first_year, "world_t"] - 1),
        "china_last_t": tonnes(last["country_t"]),
        "china_share_last": float(last["country_share_pct"]),
        "china_share_min": float(conc["country_share_pct"].min()),
        "china_share_max": float(conc["country_share_pct"].max()),
        "us_last_t": tonnes(latest_rows.loc[UNITED_STATES, "production_t"]),
        "us_share_last": float(latest_rows.loc[UNITED_STATES, "share_pct"]),
        "us_first_t": tonnes(
            by_year[(by_year["country"] == UNITED_STATES) & (by_year["year"] == first_year)][
                "production_t"
            ].iloc[0]
        ),
        "my_last_t": tonnes(latest_rows.loc[MALAYSIA, "production_t"]),
        "my_share_last": share_text(float(latest_rows.loc[MALAYSIA, "share_pct"])),
        "n_producers_last": int(last["producers"]),
        # concentration
        "hhi_last": f"{last['hhi']:,.0f}",
        "hhi_min": f"{conc['hhi'].min():,.0f}",
        "hhi_max": f"{conc['hhi'].max():,.0f}",
        "hhi_upper_gap_max": float((conc["hhi_upper"] - conc["hhi"]).max()),
        "n_equal_last": float(market.equivalent_producers(last["hhi"])),
        "hhi_monopoly": f"{market.hhi([100]):,.0f}",
        "hhi_two_equal": f"{market.hhi([50, 50]):,.0f}",
        # edition policy and revisions
        "n_revision_pairs": n_pairs,
        "n_revised": n_revised,
        "rev_world_year": big_year,
        "rev_world_first_ed": str(big["first_edition"]),
        "rev_world_first_t": tonnes(big["first_t"]),
        "rev_world_latest_ed": str(big["latest_edition"]),
        "rev_world_latest_t": tonnes(big["latest_t"]),
        "rev_china_first": float(first.loc[big_year, "country_share_pct"]),
        "rev_china_latest": float(conc.loc[big_year, "country_share_pct"]),
        "rev_cut_country": str(cut["country"]),
        "rev_cut_year": int(cut["year"]),
        "rev_cut_first_t": tonnes(cut["first_t"]),
        "rev_cut_latest_t": tonnes(cut["latest_t"]),
        "rev_cut_first_ed": str(cut["first_edition"]),
        "rev_cut_latest_ed": str(cut["latest_edition"]),
        "rev_my_year": my_big_year,
        "rev_my_first_t": tonnes(my_big["first_t"]),
        "rev_my_latest_t": tonnes(my_big["latest_t"]),
        "rev_my_first_ed": str(my_big["first_edition"]),
        "rev_my_latest_ed": str(my_big["latest_edition"]),
        # reserves
        "res_edition": latest_res_edition,
        "res_prev_edition": prev_res_edition,
        "world_res_mt": f"{world_res['reserves_t'] / 1e6:.0f}",
        "world_res_prev_mt": f"{world_prev['reserves_t'] / 1e6:.0f}",
        "cn_res_mt": f"{res.loc[CHINA, 'reserves_t'] / 1e6:.0f}",
        "cn_res_share": float(res.loc[CHINA, "share_pct"]),
        "us_res_mt": f"{res.loc[UNITED_STATES, 'reserves_t'] / 1e6:.1f}",
        "us_res_share": float(res.loc[UNITED_STATES, "share_pct"]),
        "my_res_t": tonnes(res.loc[MALAYSIA, "reserves_t"]),
        "my_res_share": share_text(float(res.loc[MALAYSIA, "share_pct"])),
        "my_res_na_editions": _and(my_na),
        "n_res_named": len(res),
        "n_res_na": int(res["reserves_t"].isna().sum()),
        "res_na_countries": _and(list(res[res["reserves_t"].isna()].index)),
        "n_res_changes": len(named_changes),
        "res_now_na": _and(list(named_changes[named_changes["change"] == "now NA"].index)),
        "brazil_res_old_mt": f"{changes.loc['Brazil', 'old_t'] / 1e6:.0f}"
        if "Brazil" in changes.index
        else "",
        "brazil_res_new_mt": f"{changes.loc['Brazil', 'new_t'] / 1e6:.0f}"
        if "Brazil" in changes.index
        else "",
        # stages
        "st_cn_mining_usgs": stage_share(market.USGS_MINING, CHINA),
        "st_us_mining_usgs": stage_share(market.USGS_MINING, UNITED_STATES),
        "st_my_mining_usgs": stage_share(market.USGS_MINING, MALAYSIA),
        "st_cn_mining": stage_share("mining", CHINA),
        "st_cn_mining_year": stage_year("mining", CHINA),
        "st_us_mining": stage_share("mining", UNITED_STATES),
        "st_us_mining_year": stage_year("mining", UNITED_STATES),
        "st_cn_sep": stage_share("separation_refining", CHINA),
        "st_cn_sep_year": stage_year("separation_refining", CHINA),
        "st_my_sep": stage_share("separation_refining", MALAYSIA),
        "st_my_sep_year": stage_year("separation_refining", MALAYSIA),
        "st_cn_magnets": stage_share("magnets", CHINA),
        "st_cn_magnets_year": stage_year("magnets", CHINA),
        "next_edition": f"MCS {market.edition_year(market.latest_edition(production)) + 1}",
        "n_stage_cells": len(stage),
        "n_stage_known": int(stage["known"].sum()),
    }
    if two_reports is not None:
        numbers |= {
            "cn_mining_two_year": int(two_reports["year"]),
            "cn_mining_two_low": f"{two_reports['share_low']:.0f}%",
            "cn_mining_two_high": f"{two_reports['share_high']:.0f}%",
        }
    return numbers
