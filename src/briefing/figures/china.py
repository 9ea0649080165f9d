"""Charts for the chapter on China's response: the value chain, mine production and concentration,
and the timeline of Chinese measures against the US–Malaysia milestones.

The arithmetic (shares, the concentration index, which edition of USGS to read) lives in
``briefing.market``; these functions only choose what to show and draw it. Each returns a
matplotlib Figure in house style (``new_figure``/``finish``: the title states the finding, the
subtitle the measure and units, the source line sits under the chart).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .. import market, style
from . import finish, wrap

CHINA = "China"
MALAYSIA = "Malaysia"

STAGE_LABELS = {
    "mining": "Mining",
    "separation_refining": "Separation and refining",
    "magnets": "Magnet making",
}

# The producers drawn separately in the production chart; the rest are summed.
LEADING_PRODUCERS = ("China", "United States", "Burma", "Australia")

# The timeline: events with the 'china' theme form one lane; the other lane holds these US–Malaysia
# milestones (the signing, the trade agreement's progress and Malaysia's statements about it).
US_MALAYSIA_MILESTONES = ("E021", "E030", "E031", "E035", "E050", "E052", "E054", "E062")
TIMELINE_START = "2025-04-01"
SIGNING_EVENT = "E030"  # the MoU signing, the date the title counts from
# Events left off the chart because another row tells the same story (they stay in the explorer).
TIMELINE_SKIP = ("E401", "E049")

# Short labels for the timeline (own words; identifiers only, no quantities). An event without a
# label here is drawn with the start of its own text.
SHORT_LABELS = {
    "E013": "Xi visits Malaysia, offers help with processing",
    "E015": "Announcement No. 18: licensing of medium and heavy rare earths",
    "E021": "EO 14326 sets Malaysia's US tariff rate",
    "E022": "Johari: no rare-earth MoU signed with China",
    "E025": "Liew: talks with China, the US and others on processing",
    "E027": "Reuters: Khazanah–Chinese state firm refinery talks",
    "E028": "October package: more elements, Chinese-content rule, technology controls",
    "E030": "US–Malaysia critical minerals MoU signed",
    "E031": "Agreement on Reciprocal Trade signed",
    "E035": "Zafrul: raw rare-earth export ban stays",
    "E037": "Trump–Xi meeting in Busan",
    "E041": "Announcement No. 70 suspends the October package",
    "E043": "MITI officials explain the ART to MOFCOM in Beijing",
    "E044": "MOFCOM voices concerns about the ART",
    "E045": "Zafrul: China told Malaysia in advance; wants an MoU",
    "E046": "Zafrul: China has proposed an MoU (preliminary)",
    "E050": "Anwar: ART not implemented, assurances sought",
    "E052": "Malaysia at the Critical Minerals Ministerial",
    "E054": "Kurup: ART not in force; raw-export ban continues",
    "E062": "MITI: ART and MoU do not change Lynas's conditions",
    "E065": "Suspension under No. 70 due to expire",
    "E400": "Chinese-content rule was due to start (suspended)",
}


def _pct(low: float, high: float) -> str:
    return f"{low:.0f}%" if round(low) == round(high) else f"{low:.0f}–{high:.0f}%"


# ---------------------------------------------------------------------------------------------
# Value chain


def value_chain_chart(shares: pd.DataFrame, production: pd.DataFrame) -> Figure:
    """China's share of each stage (latest reported year, the range where sources differ), with
    Malaysia's share where the data hold one and China's share of USGS mine output for comparison.

    ``shares`` is ``load_value_chain_shares()``, ``production`` is ``load_ree_production()``."""
    china = market.china_share_by_stage(shares, CHINA)
    malaysia = market.china_share_by_stage(shares, MALAYSIA).set_index("stage")
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
            f"China {_pct(row.share_low, row.share_high)} ({row.year})",
            va="center",
        )
        if row.stage in malaysia.index:
            mrow = malaysia.loc[row.stage]
            ax.barh(y + 0.38, mrow["share_high"], height=0.22, color=style.ACCENT)
            label = f"Malaysia {_pct(mrow['share_low'], mrow['share_high'])} ({mrow['year']})"
            ax.text(mrow["share_high"] + 1.5, y + 0.38, label, va="center", color=style.ACCENT)
        if row.stage == "mining":
            ax.plot([usgs["country_share_pct"]], [y - 0.38], marker="D", color=style.INK, markersize=6)
            label = f"USGS {usgs['country_share_pct']:.0f}% ({usgs['year']})"  # the subtitle explains it
            ax.text(usgs["country_share_pct"] + 2.5, y - 0.38, label, va="center")
    ax.set_yticks(range(len(rows)), [wrap(STAGE_LABELS[r.stage], 12) for r in rows])
    ax.set_ylim(len(rows) - 0.4, -0.7)
    ax.set_xlim(0, 175)  # room right of the longest bar for its label
    ax.set_xticks(range(0, 101, 25))
    ax.set_xlabel("Per cent of the world total")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    first, last = rows[0], rows[-1]
    title = (
        f"China's share rises along the chain: {_pct(first.share_low, first.share_high)} of "
        f"{STAGE_LABELS[first.stage].lower()}, {_pct(last.share_low, last.share_high)} of "
        f"{STAGE_LABELS[last.stage].lower()}"
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
    """Tonnes by year for the leading producers and 'All others' (other named countries plus the
    USGS 'Other' line), one edition per year; columns in LEADING_PRODUCERS order."""
    rows = market.production_by_year(production, edition_policy)
    rows = rows[rows["country"] != "World"]
    group = rows["country"].where(rows["country"].isin(LEADING_PRODUCERS), "All others")
    table = rows.groupby([rows["year"], group])["production_t"].sum().unstack(fill_value=0.0)
    return table[[c for c in (*LEADING_PRODUCERS, "All others") if c in table.columns]]


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
    top.set_ylim(0, conc["world_t"].max() / 1000 * 1.6)  # room for the legend and note above the bars
    top.legend(ncols=3, loc="upper left", handlelength=1, columnspacing=0.8, handletextpad=0.4)
    top.grid(axis="x", visible=False)
    top.set_axisbelow(True)
    bottom.grid(axis="x", visible=False)
    malaysia = by_year[by_year["country"] == MALAYSIA].set_index("year")["production_t"]
    last = conc.iloc[-1]
    if int(last["year"]) in malaysia.index:
        tonnes = malaysia[int(last["year"])]
        note = (
            f"Malaysia, {int(last['year'])}: {tonnes:,.0f} t ({100 * tonnes / last['world_t']:.2f}% of world)"
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


def timeline_rows(events: pd.DataFrame, start: str = TIMELINE_START) -> pd.DataFrame:
    """The events on the timeline chart, with a ``lane`` column: 'China' for events with the
    'china' theme, 'US–Malaysia' for the milestones in US_MALAYSIA_MILESTONES; and a ``scheduled``
    flag for dates that were scheduled or expected, not events that had happened."""
    themes = events["themes"].astype(str).str.split(";")
    is_china = themes.apply(lambda t: "china" in t)
    is_milestone = events["event_id"].astype(str).isin(US_MALAYSIA_MILESTONES)
    keep = (is_china | is_milestone) & (events["date"] >= pd.Timestamp(start))
    keep &= ~events["event_id"].astype(str).isin(TIMELINE_SKIP)
    rows = events[keep].copy()
    rows["lane"] = is_china[keep].map({True: "China", False: "US–Malaysia"})
    text = rows["event"].astype(str)
    rows["scheduled"] = text.str.startswith("Scheduled date") | text.str.startswith("Expected")
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)


def _date_label(date: pd.Timestamp, precision: str) -> str:
    if precision == "month":
        return f"{date:%b %Y}"
    if precision == "year":
        return f"{date.year}"
    return f"{date.day} {date:%b %Y}"


def timeline_chart(events: pd.DataFrame, start: str = TIMELINE_START) -> Figure:
    """Two lanes, one row per event in date order: Chinese measures and statements (and Malaysia's
    dealings with China) on the left, US–Malaysia milestones on the right; dot colour = country
    of the actor; hollow dots mark scheduled dates that had not happened when recorded."""
    rows = timeline_rows(events, start)
    labels = [wrap(SHORT_LABELS.get(str(r.event_id), str(r.event)[:60]), 20) for r in rows.itertuples()]
    heights = [0.5 + 0.4 * label.count("\n") for label in labels]
    positions, y = [], 0.0
    for h in heights:
        positions.append(y + h / 2)
        y += h
    style.apply()
    fig = Figure(figsize=(style.CHART_WIDTH, 2.3 + 0.5 * y), layout="constrained")
    ax = fig.add_subplot()
    lane_x = {"China": 0.24, "US–Malaysia": 0.62}
    for pos, label, row in zip(positions, labels, rows.itertuples(), strict=True):
        x = lane_x[row.lane]
        scheduled = bool(row.scheduled)
        colour = style.colour(str(row.country)) if str(row.country) != "International" else style.INK
        ax.scatter(
            [x],
            [pos],
            s=60,
            zorder=3,
            color="white" if scheduled else colour,
            edgecolors=colour,
            linewidths=1.5,
        )
        ax.text(x + 0.022, pos, label, va="center", linespacing=1.1)
        ax.text(0.0, pos, _date_label(row.date, str(row.date_precision)), va="center", color=style.MUTED)
    for lane, x in lane_x.items():
        ax.text(
            x,
            -0.35,
            "China" if lane == "China" else "US–Malaysia",
            fontweight="bold",
        )
        ax.axvline(x, color="#DDDDDD", linewidth=1, zorder=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(y + 0.1, -0.8)
    ax.axis("off")
    signing = rows.loc[rows["event_id"] == SIGNING_EVENT, "date"].iloc[0]
    china = rows[(rows["lane"] == "China") & ~rows["scheduled"]]
    before, after = int((china["date"] < signing).sum()), int((china["date"] > signing).sum())
    title = (
        f"China acted on both sides of the {signing.day} {signing:%B %Y} signing: "
        f"{before} China-related events before it and {after} after"
    )
    subtitle = (
        "Dot colour: China blue, Malaysia orange, United States green, black both sides; "
        "hollow: scheduled date"
    )
    return finish(fig, ax, title, subtitle, rows["source_id"].astype(str), "events")


def concentration_numbers(production: pd.DataFrame, reserves: pd.DataFrame) -> dict[str, object]:
    """The numbers the chapter's text glues about mine production, concentration (HHI), USGS
    revisions, Malaysia's output and China's reserves, computed with briefing.market."""
    conc = market.concentration_by_year(production).set_index("year")
    first = market.concentration_by_year(production, "first").set_index("year")
    year = int(conc.index[-1])
    last = conc.loc[year].to_dict()
    revised = max(
        y for y in conc.index if y in first.index and conc.at[y, "edition"] != first.at[y, "edition"]
    )
    rev_first, rev_latest = first.loc[revised].to_dict(), conc.loc[revised].to_dict()
    mine = market.production_by_year(production)
    my_t = float(mine[(mine["country"] == "Malaysia") & (mine["year"] == year)]["production_t"].item())
    china_reserves = market.reserves_share(reserves, last["edition"])
    return dict(
        usgs_first_year=int(conc.index[0]),
        usgs_last_year=year,
        usgs_last_edition=last["edition"],
        china_share_last=last["country_share_pct"],
        china_share_min=float(conc["country_share_pct"].min()),
        china_share_max=float(conc["country_share_pct"].max()),
        hhi_last=f"{last['hhi']:,.0f}",
        hhi_min=f"{conc['hhi'].min():,.0f}",
        hhi_max=f"{conc['hhi'].max():,.0f}",
        n_equal=market.equivalent_producers(last["hhi"]),
        residual_effect_max=float((conc["hhi_upper"] - conc["hhi"]).max()),
        named_share_max=float(conc["named_share_pct"].max()),
        rev_year=int(revised),
        rev_first_edition=rev_first["edition"],
        rev_latest_edition=rev_latest["edition"],
        rev_world_first=f"{rev_first['world_t']:,.0f}",
        rev_world_latest=f"{rev_latest['world_t']:,.0f}",
        rev_china_first=rev_first["country_share_pct"],
        rev_china_latest=rev_latest["country_share_pct"],
        my_t=f"{my_t:,.0f}",
        my_share=100 * my_t / last["world_t"],
        cn_reserves=f"{china_reserves['country_t']:,.0f}",
        world_reserves=f"{china_reserves['world_t']:,.0f}",
        cn_reserves_share=china_reserves["share_pct"],
    )
