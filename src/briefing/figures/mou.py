"""Charts and the numbers behind them for the chapter on the MoU text (notebooks/01_mou_text).

Every function takes the loaders' DataFrames and returns either a small table of counts (tested)
or a matplotlib Figure drawn from that same table, so a chart can never disagree with its data.
"""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import style
from . import finish, new_figure

WORDINGS = ("verbatim", "paraphrase", "reconstructed")
WORDING_LABELS = {
    "verbatim": "Verbatim (the MoU's words, quoted)",
    "paraphrase": "Paraphrase (a source's summary)",
    "reconstructed": "Reconstructed (our inference)",
}
WORDING_COLOURS = {"verbatim": style.ACCENT, "paraphrase": "#A8A8A8", "reconstructed": "#FFFFFF"}

VERBS = ("will", "intend", "expect", "good_faith", "may", "none")  # strongest first, as in the schema
VERB_LABELS = {
    "will": "will",
    "intend": "intend",
    "expect": "expect",
    "good_faith": "good\nfaith",
    "may": "may",
    "none": "no verb\non record",
}
VERB_PHRASES = {
    "will": "will",
    "intend": "intend",
    "expect": "expect",
    "good_faith": "will work in good faith",
    "may": "may",
}

CATEGORY_LABELS = {
    "purpose": "Purpose",
    "exploration_to_recycling": "Exploration–recycling",
    "technical_assistance": "Technical assistance",
    "project_selection": "Project selection",
    "investment_priority": "US investment priority",
    "asset_sale_review": "Review of asset sales",
    "permitting": "Permitting, regulation",
    "non_market_pricing": "Non-market, pricing",
    "forms_of_cooperation": "Forms of cooperation",
    "implementation": "Meetings",
    "legal_status": "Legal status",
    "funding": "Funding",
    "commencement": "Commencement",
    "discontinuation": "Discontinuation",
}
CATEGORY_PHRASES = {
    "purpose": "the statement of purpose",
    "exploration_to_recycling": "the exploration-to-recycling scope",
    "technical_assistance": "technical assistance",
    "project_selection": "project selection",
    "investment_priority": "the priority for US investment in asset sales",
    "asset_sale_review": "the review of asset sales",
    "permitting": "permitting and regulatory practice",
    "non_market_pricing": "protection from non-market policies",
    "forms_of_cooperation": "the forms of cooperation",
    "implementation": "the meetings",
    "legal_status": "legal status",
    "funding": "funding",
    "commencement": "commencement",
    "discontinuation": "discontinuation",
}

# The nearest relatives of the MoU: (partner, legal form) -> column title.
NEAREST = {
    ("Malaysia", "mou"): "Malaysia\nMoU",
    ("Malaysia", "trade_agreement"): "Malaysia\nART",
    ("Thailand", "mou"): "Thailand\nMoU",
    ("Japan", "framework"): "Japan\nframework",
    ("Australia", "framework"): "Australia\nframework",
}
PROVISION_LABELS = {
    "price_floor": "Price floors",
    "stockpiling": "Stockpiling",
    "investment_amount": "Money committed",
    "asset_sale_priority": "Asset-sale priority",
    "export_restriction": "Export-ban pledge",
    "permitting": "Permitting",
    "recycling": "Recycling",
    "foreign_acquisition_review": "Acquisition review",
    "deadline": "Deadline",
    "value_addition": "Value addition",
    "non_market_policies": "Non-market policies",
}
PROVISION_PHRASES = {
    "price_floor": "price floor",
    "stockpiling": "stockpiling",
    "investment_amount": "committed money",
    "asset_sale_priority": "asset-sale priority",
    "export_restriction": "export pledge",
    "permitting": "permitting clause",
    "recycling": "recycling clause",
    "foreign_acquisition_review": "asset-sale review",
    "deadline": "deadline",
    "value_addition": "value-addition objective",
    "non_market_policies": "non-market clause",
}


def _and(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or another conjunction)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def part(section: str) -> str:
    """The part of the MoU a section belongs to: 'Areas of cooperation 3' -> 'Areas of cooperation'."""
    return re.sub(r"\s*(\d+|\([^)]*\))$", "", str(section)).strip()


# ---------------------------------------------------------------------------------------------
# Wording origin


def wording_counts(provisions: pd.DataFrame) -> pd.DataFrame:
    """Provisions by part of the MoU (rows, in text order) and origin of the wording (columns)."""
    parts = provisions["section"].map(part)
    order = list(dict.fromkeys(parts))
    table = pd.crosstab(pd.Categorical(parts, categories=order), provisions["wording"].astype(str))
    table = table.reindex(columns=list(WORDINGS), fill_value=0).astype(int)
    table.index = pd.Index(order, name="part")
    table.columns.name = "wording"
    return table


def wording_chart(provisions: pd.DataFrame) -> Figure:
    """Stacked bars: how many provisions of each part are known verbatim, by paraphrase, or rebuilt."""
    counts = wording_counts(provisions)
    total = int(counts.to_numpy().sum())
    verbatim = int(counts["verbatim"].sum())
    fig, ax = new_figure(height=2.3 + 0.5 * len(counts))
    left = pd.Series(0, index=counts.index)
    for wording in WORDINGS:
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
            label=WORDING_LABELS[wording],
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
                    fontsize=11,
                    color=ink,
                    bbox=box,
                )
        left = left + values
    ax.set_yticks(range(len(counts)), counts.index, fontsize=11.5)
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set_xlabel("Number of provisions", fontsize=11)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.legend(
        [w.capitalize() for w in WORDINGS],
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


def verb_counts(provisions: pd.DataFrame) -> pd.DataFrame:
    """Provisions by subject (rows, schema order, only those present) and verb strength (columns)."""
    categories = [c for c in provisions["category"].cat.categories if c in set(provisions["category"])]
    table = pd.crosstab(provisions["category"].astype(str), provisions["verb_strength"].astype(str))
    table = table.reindex(index=categories, columns=list(VERBS), fill_value=0).astype(int)
    table.index.name, table.columns.name = "category", "verb_strength"
    return table


def quoted_verbs(provisions: pd.DataFrame) -> list[str]:
    """Verb strengths found in verbatim provisions, strongest first ('none' left out)."""
    found = set(provisions.loc[provisions["wording"] == "verbatim", "verb_strength"].astype(str))
    return [v for v in VERBS if v in found and v != "none"]


def verb_title(provisions: pd.DataFrame) -> str:
    verbs = quoted_verbs(provisions)
    said = _and([f"'{VERB_PHRASES[v]}'" for v in verbs])
    if verbs and verbs[0] != "will":
        return f"Quoted verbs are {said}; none is a plain 'will'"
    return f"Verbs quoted word for word: {said}" if verbs else "No operative verb is quoted word for word"


def verb_chart(provisions: pd.DataFrame) -> Figure:
    """Dot matrix: one dot per provision, placed by subject and verb strength, coloured by origin."""
    counts = verb_counts(provisions)
    categories = list(counts.index)
    fig, ax = new_figure(height=2.6 + 0.36 * len(categories))
    ax.axvspan(len(VERBS) - 1.5, len(VERBS) - 0.5, color="#F3F3F3", zorder=0)
    for (category, verb), rows in provisions.groupby(
        [provisions["category"].astype(str), provisions["verb_strength"].astype(str)], sort=False
    ):
        y, x = categories.index(category), VERBS.index(verb)
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
    ax.set_xticks(range(len(VERBS)), [VERB_LABELS[v].replace("\n", " ") for v in VERBS])
    ax.tick_params(axis="x", length=0, pad=4, labelrotation=90)
    ax.set_yticks(range(len(categories)), [CATEGORY_LABELS.get(c, c) for c in categories])
    ax.set_xlim(-0.5, len(VERBS) - 0.5)
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.grid(True, color="#EBEBEB")
    ax.spines[["left", "bottom"]].set_visible(False)
    return finish(
        fig,
        ax,
        verb_title(provisions),
        "One dot per provision, by subject and verb strength (strongest left). Orange: verbatim; "
        "grey: paraphrase; hatched: reconstructed",
        provisions["source_id"].astype(str),
        "mou_provisions",
    )


# ---------------------------------------------------------------------------------------------
# Nearest relatives


def nearest(agreements: pd.DataFrame) -> pd.DataFrame:
    """The MoU, the ART and the nearest relatives, one row each, in NEAREST order, with a label."""
    rows = []
    for (partner, form), label in NEAREST.items():
        match = agreements[(agreements["partner"] == partner) & (agreements["legal_form"] == form)]
        if len(match):
            row = match.iloc[0].copy()
            row["label"] = label
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def presence(agreements: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """'present', 'absent' or '' (not known) for each provision (rows) and instrument (columns)."""
    chosen = nearest(agreements)
    rows = provisions[provisions["agreement_id"].isin(chosen["agreement_id"])]
    order = [p for p in provisions["provision"].cat.categories if p in set(rows["provision"])]
    table = rows.pivot(index="provision", columns="agreement_id", values="presence").astype("object")
    table.index = table.index.astype(str)
    table = table.reindex(index=order, columns=list(chosen["agreement_id"])).fillna("").astype(str)
    table.columns = [label.replace("\n", " ") for label in chosen["label"]]
    table.index.name, table.columns.name = "provision", "instrument"
    return table


def mou_lacks(agreements: pd.DataFrame, provisions: pd.DataFrame) -> list[str]:
    """Provisions a source says Malaysia's MoU lacks, in schema order."""
    table = presence(agreements, provisions)
    return [
        p for p in table.index if table.loc[p, NEAREST[("Malaysia", "mou")].replace("\n", " ")] == "absent"
    ]


def presence_chart(agreements: pd.DataFrame, provisions: pd.DataFrame) -> Figure:
    """Grid: which provisions each of the nearest instruments is reported to hold."""
    table = presence(agreements, provisions)
    chosen = nearest(agreements)
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
    ax.set_xticks(range(len(chosen)), [label.replace("\n", " ") for label in chosen["label"]])
    ax.tick_params(axis="x", length=0, pad=4, labelrotation=90)
    ax.set_yticks(range(len(table)), [PROVISION_LABELS.get(p, p) for p in table.index])
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
    ax.legend(  # above the grid: below it the tall column labels are in the way
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        borderaxespad=0.3,
        ncols=3,
        columnspacing=0.9,
        handletextpad=0.3,
    )
    lacks = [f"no {PROVISION_PHRASES[p]}" for p in mou_lacks(agreements, provisions)]
    title = f"Malaysia's MoU has {_and(lacks)}" if lacks else "What each instrument is reported to hold"
    used = provisions[provisions["agreement_id"].isin(chosen["agreement_id"])]["source_id"].astype(str)
    return finish(
        fig,
        ax,
        title,
        "Provisions reported in the MoU, the trade agreement (ART) and the nearest relatives",
        used,
        "agreement_provisions",
    )


# ---------------------------------------------------------------------------------------------
# Numbers for the prose


def headline_numbers(
    provisions: pd.DataFrame, agreements: pd.DataFrame, agreement_provisions: pd.DataFrame
) -> dict:
    """Every number and computed phrase the chapter's prose needs, by glue name."""
    wording = provisions["wording"].astype(str).value_counts()
    verbs = provisions["verb_strength"].astype(str).value_counts()
    verbatim = provisions[provisions["wording"] == "verbatim"]
    quoted = quoted_verbs(provisions)
    table = presence(agreements, agreement_provisions)
    relatives = [c for c in table.columns if not c.startswith("Malaysia")]
    with_deadline = [c.split(" ")[0] for c in relatives if table.loc["deadline", c] == "present"]
    with_money = [c.split(" ")[0] for c in relatives if table.loc["investment_amount", c] == "present"]
    will_rows = provisions[provisions["verb_strength"] == "will"]
    numbers = {
        "n_provisions": len(provisions),
        "n_verbatim": int(wording.get("verbatim", 0)),
        "n_paraphrase": int(wording.get("paraphrase", 0)),
        "n_reconstructed": int(wording.get("reconstructed", 0)),
        "n_with_thai": int(provisions["thai_text"].notna().sum()),
        "n_verbatim_with_verb": int((verbatim["verb_strength"] != "none").sum()),
        "n_no_verb": int(verbs.get("none", 0)),
        "n_will": len(will_rows),
        "n_will_verbatim": int((will_rows["wording"] == "verbatim").sum()),
        "n_soft_verb": int(sum(verbs.get(v, 0) for v in ("intend", "expect", "good_faith", "may"))),
        "n_may": int(verbs.get("may", 0)),
        "quoted_verbs": _and([f"“{VERB_PHRASES[v]}”" for v in quoted]),
        "will_verbatim_word": str(int((will_rows["wording"] == "verbatim").sum()) or "none"),
        "will_subjects": _and(
            list(dict.fromkeys(CATEGORY_PHRASES[c] for c in will_rows["category"].astype(str)))
        ),
        "n_relatives": len(relatives),
        "relatives_with_deadline": _and(with_deadline),
        "relatives_with_money": _and(with_money),
        "mou_lacks": _and([PROVISION_PHRASES[p] for p in mou_lacks(agreements, agreement_provisions)], "or"),
    }
    return numbers


def _detail(agreement_provisions: pd.DataFrame, agreement_id: str, provision: str) -> str:
    """A provision's detail as a clause for running text: first letter lower-case, no final stop."""
    rows = agreement_provisions[
        (agreement_provisions["agreement_id"] == agreement_id)
        & (agreement_provisions["provision"] == provision)
    ]
    if not len(rows):
        return ""
    text = str(rows["detail"].iloc[0]).strip().rstrip(".")
    return text[:1].lower() + text[1:]


def relative_details(agreements: pd.DataFrame, agreement_provisions: pd.DataFrame) -> dict:
    """Dates and reported terms of the Japan and Australia frameworks, for the prose."""
    from ..text import long_date

    chosen = nearest(agreements).set_index("partner")
    details = {}
    for partner, key in (("Japan", "japan"), ("Australia", "australia")):
        if partner not in chosen.index:
            continue
        row = chosen.loc[partner]
        details[f"{key}_date"] = long_date(row["date"], str(row["date_precision"]))
        details[f"{key}_place"] = str(row["place"])
        details[f"{key}_deadline"] = _detail(agreement_provisions, row["agreement_id"], "deadline")
        details[f"{key}_money"] = _detail(agreement_provisions, row["agreement_id"], "investment_amount")
    return {name: value for name, value in details.items() if value}
