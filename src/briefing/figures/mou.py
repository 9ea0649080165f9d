"""Charts for the chapter on the MoU text (notebooks/01_mou_text), drawn from the tables that
:mod:`briefing.analysis.mou` computes (and tests), so a chart can never disagree with its data.
Labels come from the descriptor (``x_labels``); colours and marks are the house style's.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import loaders, style
from ..analysis import mou as analysis
from . import finish, new_figure

WORDING_COLOURS = {"verbatim": style.ACCENT, "paraphrase": "#A8A8A8", "reconstructed": "#FFFFFF"}


# ---------------------------------------------------------------------------------------------
# Wording origin


def wording_chart(provisions: pd.DataFrame) -> Figure:
    """Stacked bars: how many provisions of each part are known verbatim, by paraphrase, or rebuilt."""
    counts = analysis.wording_counts(provisions)
    wordings = list(counts.columns)
    total = int(counts.to_numpy().sum())
    verbatim = int(counts["verbatim"].sum())
    fig, ax = new_figure(height=2.3 + 0.5 * len(counts))
    left = pd.Series(0, index=counts.index)
    for wording in wordings:
        values = counts[wording]
        ax.barh(
            range(len(counts)),
            values,
            left=left,
            color=WORDING_COLOURS[wording],
            edgecolor=style.INK if wording == "reconstructed" else "white",
            hatch="///" if wording == "reconstructed" else None,
            linewidth=0.8,
            height=0.62,
            label=loaders.labels("mou_provisions", "wording")[wording],
        )
        for y, (value, start) in enumerate(zip(values, left, strict=True)):
            if value:
                ink = "white" if wording == "verbatim" else style.INK
                box = (
                    {"facecolor": "white", "edgecolor": "none", "pad": 1}
                    if wording == "reconstructed"
                    else None
                )
                ax.text(
                    start + value / 2,
                    y,
                    str(value),
                    ha="center",
                    va="center",
                    color=ink,
                    bbox=box,
                )
        left = left + values
    ax.set_yticks(range(len(counts)), counts.index)
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel("Number of provisions")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.legend(
        [w.capitalize() for w in wordings],
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        borderaxespad=3.4,
        ncols=2,  # three keys side by side are wider than the axes on a phone-sized chart
        handlelength=1.2,
        columnspacing=0.9,
        handletextpad=0.4,
    )
    return finish(
        fig,
        ax,
        f"Only {verbatim} of the {total} provisions on record are known in the MoU's own words",
        "Provisions by part of the MoU and by the origin of the wording used",
        provisions["source_id"].astype(str),
        "mou_provisions",
    )


# ---------------------------------------------------------------------------------------------
# Verb strength


def verb_chart(provisions: pd.DataFrame) -> Figure:
    """Dot matrix: one dot per provision, placed by subject and verb strength, coloured by origin."""
    counts = analysis.verb_counts(provisions)
    categories, verbs = list(counts.index), list(counts.columns)
    verb_labels = loaders.labels("mou_provisions", "verb_strength")
    category_labels = loaders.labels("mou_provisions", "category")
    fig, ax = new_figure(height=2.6 + 0.36 * len(categories))
    ax.axvspan(len(verbs) - 1.5, len(verbs) - 0.5, color="#F3F3F3", zorder=0)
    for (category, verb), rows in provisions.groupby(
        [provisions["category"].astype(str), provisions["verb_strength"].astype(str)], sort=False
    ):
        y, x = categories.index(category), verbs.index(verb)
        offsets = [(i - (len(rows) - 1) / 2) * 0.15 for i in range(len(rows))]
        for dx, wording in zip(offsets, rows["wording"].astype(str), strict=True):
            ax.scatter(
                x + dx,
                y,
                s=62,
                color=WORDING_COLOURS[wording],
                edgecolor=style.INK if wording != "verbatim" else style.ACCENT,
                hatch="////" if wording == "reconstructed" else None,
                linewidth=0.8,
                zorder=3,
            )
    # upright labels: at 11 pt, side by side, the verbs of neighbouring columns run into each other
    ax.set_xticks(range(len(verbs)), [verb_labels[v] for v in verbs])
    ax.tick_params(axis="x", length=0, pad=4, labelrotation=90)
    ax.set_yticks(range(len(categories)), [category_labels[c] for c in categories])
    ax.set_xlim(-0.5, len(verbs) - 0.5)
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.grid(True, color="#EBEBEB")
    ax.spines[["left", "bottom"]].set_visible(False)
    return finish(
        fig,
        ax,
        analysis.verb_title(provisions),
        "One dot per provision, by subject and verb strength (strongest left). Orange: verbatim; "
        "grey: paraphrase; hatched: reconstructed",
        provisions["source_id"].astype(str),
        "mou_provisions",
    )


# ---------------------------------------------------------------------------------------------
# Nearest relatives


def presence_chart(agreements: pd.DataFrame, provisions: pd.DataFrame) -> Figure:
    """Grid: which provisions each of the nearest instruments is reported to hold."""
    table = analysis.presence(agreements, provisions)
    chosen = analysis.nearest(agreements)
    provision_labels = loaders.labels("agreement_provisions", "provision")
    fig, ax = new_figure(height=2.8 + 0.38 * len(table))
    for x, (column, partner) in enumerate(zip(table.columns, chosen["partner"], strict=True)):
        colour = style.colour(str(partner))
        for y, value in enumerate(table[column]):
            if value == "present":
                ax.scatter(x, y, s=120, color=colour, edgecolor=style.INK, linewidth=0.6, zorder=3)
            elif value == "absent":
                ax.scatter(x, y, s=120, facecolor="white", edgecolor=style.INK, linewidth=1.2, zorder=3)
                ax.scatter(x, y, s=45, marker="x", color=style.INK, linewidth=1.2, zorder=4)
            else:
                ax.scatter(x, y, s=10, color="#BDBDBD", zorder=2)
    # upright labels: at 11 pt, side by side, the instruments' names run into each other
    ax.set_xticks(range(len(chosen)), list(chosen["label"]))
    ax.tick_params(axis="x", length=0, pad=4, labelrotation=90)
    ax.set_yticks(range(len(table)), [provision_labels[p] for p in table.index])
    ax.set_xlim(-0.5, len(chosen) - 0.5)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.grid(True, color="#EBEBEB")
    ax.spines[["left", "bottom"]].set_visible(False)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="#777777",
               markeredgecolor=style.INK, label="present"),
        Line2D([], [], marker="x", linestyle="", markersize=7, color=style.INK,
               label="absent"),
        Line2D([], [], marker="o", linestyle="", markersize=4, color="#BDBDBD", label="not known"),
    ]  # fmt: skip
    ax.legend(  # above the grid (below it, the tall column labels are in the way), flush right:
        handles=handles,  # centred over the narrow grid it would reach past the figure's edge
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        borderaxespad=0.3,
        ncols=3,
        columnspacing=0.9,
        handletextpad=0.3,
    )
    lacks = [f"no {p}" for p in analysis.provision_phrases(analysis.mou_lacks(agreements, provisions))]
    title = (
        f"Malaysia's MoU has {analysis.join(lacks)}" if lacks else "What each instrument is reported to hold"
    )
    used = provisions[provisions["agreement_id"].isin(chosen["agreement_id"])]["source_id"].astype(str)
    return finish(
        fig,
        ax,
        title,
        "Provisions reported in the MoU, the trade agreement (ART) and the nearest relatives",
        used,
        "agreement_provisions",
    )
