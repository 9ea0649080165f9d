"""Charts for the chapter on Malaysia's domestic rare-earth policy: draw only.

The frames come from ``briefing.analysis.domestic`` (which value-chain share to show for each stage,
Malaysia's USGS rows, the instruments on the timeline); labels come from the data package's
descriptor. Each function returns a matplotlib Figure in house style.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..analysis import domestic, market
from ..loaders import labels
from ..text import long_date, share_range_text, share_text
from . import finish, new_figure

MALAYSIA = domestic.MALAYSIA
CHINA = domestic.CHINA

# Colours of the instrument types drawn on the timeline (analysis.domestic.TIMELINE_TYPES).
TYPE_COLOURS = {
    "export_ban": style.ACCENT,
    "regulation": "#CC79A7",
    "licence": "#009E73",
    "institution": "#0072B2",
    "plan": "#E69F00",
}

# Type sizes inside this chapter's charts: none below the house minimum (briefing.style), so they
# stay legible at a phone's width.
TEXT = 11  # points, labels inside the charts
SMALL = style.MIN_FONT_PT  # points, notes inside the charts: as small as a phone allows


def value_chain_figure(table: pd.DataFrame) -> Figure:
    """Bars of China's and Malaysia's share at each stage, in value-chain order; 'no data' shown.
    ``table`` is ``analysis.domestic.value_chain_table``; where sources give a range, the bar is
    solid to the low end and pale to the high end."""
    stage_labels = labels("value_chain_shares", "stage")
    stages = list(dict.fromkeys(table["stage"]))
    fig, ax = new_figure(height=6.6)
    step = 2.0  # vertical room per stage: a heading, a note and two bars
    for index, key in enumerate(stages):
        stage_rows = table[table["stage"] == key].set_index("country")
        base = index * step
        note = "no data for either country" if not stage_rows["known"].any() else _stage_note(stage_rows)
        ax.text(
            0, base - 0.8, f"{index + 1}. {stage_labels[key]}", fontsize=TEXT, fontweight="bold", va="center"
        )
        ax.text(0, base - 0.42, note, fontsize=SMALL, color=style.MUTED, va="center")
        for offset, country in ((0, CHINA), (0.45, MALAYSIA)):
            y = base + offset
            row = stage_rows.loc[country]
            if not row["known"]:
                ax.text(
                    0.5,
                    y,
                    f"{country}: no data",
                    va="center",
                    fontsize=TEXT,
                    color=style.MUTED,
                    style="italic",
                )
                continue
            low, high = float(row["share_low"]), float(row["share_high"])
            if high > low:
                ax.barh(y, high, height=0.38, color=style.colour(country), alpha=0.35, zorder=3)
            ax.barh(y, low, height=0.38, color=style.colour(country), zorder=3)
            ax.text(high + 1.5, y, f"{country} {share_range_text(low, high)}", va="center", fontsize=TEXT)
    ax.set_ylim((len(stages) - 1) * step + 0.75, -1.1)
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    malaysia = table[table["country"] == MALAYSIA].set_index("stage")["share_high"]
    title = (
        f"Malaysia has a foothold in refining ({share_text(malaysia['separation_refining'])} of world "
        f"output) but almost none in mining ({share_text(malaysia['mining'])})"
    )
    sources = [s for value in table["sources"] for s in str(value).split(";") if s]
    return finish(
        fig,
        ax,
        title,
        "Share of world output at each stage, per cent",
        sources,
        "value_chain_shares.csv and ree_production",
    )


def _stage_note(stage_rows: pd.DataFrame) -> str:
    years = sorted({int(y) for y in stage_rows["year"].dropna()})
    known = stage_rows[stage_rows["known"]]
    bases = sorted(
        {
            f"USGS {e}, mine output" if b == "USGS" else "IEA figures as reported"
            for b, e in zip(known["basis"], known["edition"], strict=True)
        }
    )
    return f"{', '.join(str(y) for y in years)}, {'; '.join(bases)}"


# ---------------------------------------------------------------------------------------------
# Malaysia's mine output, by USGS edition


def production_figure(production: pd.DataFrame) -> Figure:
    """Malaysia's mine output as each USGS edition gives it; hollow markers are USGS estimates."""
    rows = domestic.malaysia_production(production)
    edition, year = market.latest_production(production)
    latest = rows[(rows["edition"] == edition) & (rows["year"] == year)].iloc[0]
    shares = market.shares_of_world(market.production_by_year(production))
    share = float(shares.loc[(shares["country"] == MALAYSIA) & (shares["year"] == year), "share_pct"].iloc[0])
    fig, ax = new_figure(height=4.8)
    editions = sorted(rows["edition"].unique())
    shades = ["#A0A0A0", style.MUTED, style.ACCENT]  # older editions in grey, the newest in the accent
    colours = dict(zip(editions, shades[-len(editions) :], strict=True))
    top = rows.groupby("year")["production_t"].transform("max")
    for name in editions:
        one = rows[rows["edition"] == name]
        colour = colours[name]
        ax.plot(
            one["year"].astype(int),
            one["production_t"].astype(float),
            color=colour,
            lw=2,
            zorder=2,
            label=name,
        )
        for point, highest in zip(one.itertuples(), top[one.index] == one["production_t"], strict=True):
            estimated = bool(point.estimated) if not pd.isna(point.estimated) else False
            ax.scatter(
                [int(point.year)],
                [float(point.production_t)],
                s=70,
                zorder=3,
                facecolor="white" if estimated else colour,
                edgecolor=colour,
                linewidth=2,
            )
            ax.annotate(
                f"{float(point.production_t):,.0f}",
                (int(point.year), float(point.production_t)),
                textcoords="offset points",
                xytext=(0, 9) if highest else (0, -17),
                ha="center",
                fontsize=SMALL,
                color=colour,
                fontweight="bold",
            )
    years = sorted(rows["year"].astype(int).unique())
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_ylim(0, float(rows["production_t"].max()) * 1.3)
    ax.set_ylabel("Tonnes of REO")
    ax.grid(axis="x", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    flags = rows["estimated"].fillna(False).astype(bool)
    if flags.any():
        handles.append(
            Line2D([], [], marker="o", ls="", mfc="white", mec=style.MUTED, mew=2, label="estimated by USGS")
        )
    if not flags.all():
        handles.append(Line2D([], [], marker="o", ls="", mfc=style.MUTED, mec=style.MUTED, label="reported"))
    ax.legend(handles=handles, loc="upper right", fontsize=SMALL)
    title = (
        f"Malaysia mined an estimated {float(latest['production_t']):,.0f} tonnes of rare earths in {year}, "
        f"{share_text(share)} of world output"
    )
    return finish(
        fig,
        ax,
        title,
        "Tonnes of rare-earth oxide (REO), by USGS edition",
        rows["source_id"].astype(str),
        "ree_production",
    )


# ---------------------------------------------------------------------------------------------
# The policy timeline


def short_date(value: pd.Timestamp, precision: str) -> str:
    """'Sep 2023' for day or month precision, '2021' for year precision (charts only)."""
    if str(precision) == "year":
        return f"{value.year}"
    return f"{value:%b} {value.year}"


def timeline_figure(policy: pd.DataFrame) -> Figure:
    """One row per policy instrument, oldest at the top; colour = type, hollow = not yet in effect."""
    rows = domestic.timeline_rows(policy)
    ban = domestic.ban_in_force(policy)
    type_labels = labels("malaysia_policy", "instrument_type")
    fig, ax = new_figure(height=2.4 + 0.5 * len(rows))
    ax.plot([0.25, 0.25], [0, len(rows) - 1], color="#D0D0D0", lw=2, zorder=1)
    for row in rows.itertuples():
        colour = TYPE_COLOURS[str(row.instrument_type)]
        in_effect = bool(row.in_effect)
        ax.scatter(
            [0.25],
            [row.Index],
            s=90,
            zorder=3,
            facecolor=colour if in_effect else "white",
            edgecolor=colour,
            lw=2,
        )
        when = short_date(row.date, row.date_precision)
        ax.text(0.21, row.Index, when, ha="right", va="center", fontsize=SMALL, color=style.MUTED)
        label = "\n".join(textwrap.wrap(str(row.name), 38)[:2])
        ax.text(0.3, row.Index, label, va="center", fontsize=SMALL, linespacing=1.1)
    ax.set_xlim(0, 1.3)
    ax.set_ylim(len(rows) - 0.5, -0.6)
    ax.axis("off")
    used = [t for t in domestic.TIMELINE_TYPES if t in set(rows["instrument_type"].astype(str))]
    handles = [
        Line2D([], [], marker="o", ls="", mfc=TYPE_COLOURS[t], mec=TYPE_COLOURS[t], label=type_labels[t])
        for t in used
    ]
    handles.append(
        Line2D([], [], marker="o", ls="", mfc="white", mec=style.MUTED, mew=2, label="not yet in effect")
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        fontsize=SMALL,
        handletextpad=0.3,
        columnspacing=0.8,
    )
    title = (
        f"A ban on raw exports, in force since {long_date(ban['date'], str(ban['date_precision']))}, "
        f"anchors {len(rows)} policy steps"
    )
    return finish(
        fig,
        ax,
        title,
        "Policy instruments by date; colour = type",
        rows["source_id"].astype(str),
        "malaysia_policy",
    )
