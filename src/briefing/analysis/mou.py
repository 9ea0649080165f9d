"""The MoU's text in pure pandas: where its wording comes from, how strong its verbs are, and what it
holds beside its nearest relatives.

Vocabulary comes from the descriptor: reader-facing labels (``x_labels``) and the phrases running
text uses (``x_phrases``) of ``mou_provisions.wording``, ``.verb_strength``, ``.category`` and
``agreement_provisions.provision``. The nearest relatives are the agreements with a
``relative_order``, in that order.
"""

from __future__ import annotations

import pandas as pd

from .. import loaders
from ..text import long_date


def vocabulary(dataset: str, field: str, key: str = "x_labels") -> dict[str, str]:
    """A coded field's words from the descriptor (``x_labels``, ``x_phrases``, ``x_short_labels``...),
    in the descriptor's order; a code without one reads as itself for labels, and is left out
    otherwise."""
    if key == "x_labels":
        return loaders.labels(dataset, field)
    spec = next(f for f in loaders.metadata(dataset)["schema"]["fields"] if f["name"] == field)
    return dict(spec.get(key, {}))


def codes(dataset: str, field: str) -> tuple[str, ...]:
    """A coded field's values in schema order (strongest verb first, text order of categories...)."""
    return tuple(loaders.labels(dataset, field))


def join(items, conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or another conjunction)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


# --- wording origin -------------------------------------------------------------------------------


def wording_counts(provisions: pd.DataFrame) -> pd.DataFrame:
    """Provisions by part of the MoU (rows, in text order) and origin of the wording (columns)."""
    parts = provisions["part"].astype(str)
    order = list(dict.fromkeys(parts))
    table = pd.crosstab(pd.Categorical(parts, categories=order), provisions["wording"].astype(str))
    table = table.reindex(columns=list(codes("mou_provisions", "wording")), fill_value=0).astype(int)
    table.index = pd.Index(order, name="part")
    table.columns.name = "wording"
    return table


# --- verb strength --------------------------------------------------------------------------------


def verb_counts(provisions: pd.DataFrame) -> pd.DataFrame:
    """Provisions by subject (rows, schema order, only those present) and verb strength (columns)."""
    categories = [c for c in provisions["category"].cat.categories if c in set(provisions["category"])]
    table = pd.crosstab(provisions["category"].astype(str), provisions["verb_strength"].astype(str))
    verbs = list(codes("mou_provisions", "verb_strength"))
    table = table.reindex(index=categories, columns=verbs, fill_value=0).astype(int)
    table.index.name, table.columns.name = "category", "verb_strength"
    return table


def quoted_verbs(provisions: pd.DataFrame) -> list[str]:
    """Verb strengths found in verbatim provisions, strongest first ('none' left out)."""
    found = set(provisions.loc[provisions["wording"] == "verbatim", "verb_strength"].astype(str))
    return [v for v in codes("mou_provisions", "verb_strength") if v in found and v != "none"]


def verb_phrases(verbs) -> list[str]:
    phrases = vocabulary("mou_provisions", "verb_strength", "x_phrases")
    return [phrases[v] for v in verbs]


def verb_title(provisions: pd.DataFrame) -> str:
    """The verb chart's title: which verbs are quoted word for word."""
    verbs = quoted_verbs(provisions)
    said = join([f"'{p}'" for p in verb_phrases(verbs)])
    if verbs and verbs[0] != "will":
        return f"Quoted verbs are {said}; none is a plain 'will'"
    return f"Verbs quoted word for word: {said}" if verbs else "No operative verb is quoted word for word"


# --- nearest relatives ----------------------------------------------------------------------------


def nearest(agreements: pd.DataFrame) -> pd.DataFrame:
    """The MoU, the ART and the nearest relatives (agreements with a ``relative_order``), in that
    order, with a ``label`` of partner and short legal form ('Malaysia\\nMoU')."""
    rows = agreements[agreements["relative_order"].notna()].sort_values("relative_order").copy()
    forms = vocabulary("agreements", "legal_form", "x_short_labels")
    rows["label"] = [
        f"{partner}\n{forms.get(str(form), str(form))}"
        for partner, form in zip(rows["partner"].astype(str), rows["legal_form"], strict=True)
    ]
    return rows.reset_index(drop=True)


def malaysian_mou(agreements: pd.DataFrame) -> pd.Series:
    """Malaysia's critical-minerals MoU: the first of the nearest relatives."""
    return nearest(agreements).iloc[0]


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
    mou = table.columns[0]
    return [p for p in table.index if table.loc[p, mou] == "absent"]


def provision_phrases(provisions) -> list[str]:
    phrases = vocabulary("agreement_provisions", "provision", "x_phrases")
    return [phrases[p] for p in provisions]


def curly_quotes(text: str) -> str:
    """Straight single quotes as typographic ones ('Within six months' -> ‘Within six months’), as
    the book's own pages print them; done here so a phrase glued onto another page (where Sphinx no
    longer converts quotes) reads the same there."""
    out = []
    for i, char in enumerate(text):
        if char == "'":
            opening = i == 0 or text[i - 1] in " ([“"
            char = "‘" if opening else "’"
        out.append(char)
    return "".join(out)


def detail_clause(agreement_provisions: pd.DataFrame, agreement_id: str, provision: str) -> str:
    """A provision's detail as a clause for running text: first letter lower-case, no final stop."""
    rows = agreement_provisions[
        (agreement_provisions["agreement_id"] == agreement_id)
        & (agreement_provisions["provision"] == provision)
    ]
    if not len(rows):
        return ""
    text = str(rows["detail"].iloc[0]).strip().rstrip(".")
    return curly_quotes(text[:1].lower() + text[1:])


def relative_details(agreements: pd.DataFrame, agreement_provisions: pd.DataFrame) -> dict:
    """Dates, places and reported terms of the Japan and Australia frameworks, for the prose."""
    chosen = nearest(agreements).set_index("partner")
    details = {}
    for partner, key in (("Japan", "japan"), ("Australia", "australia")):
        if partner not in chosen.index:
            continue
        row = chosen.loc[partner]
        details[f"{key}_date"] = long_date(row["date"], str(row["date_precision"]))
        details[f"{key}_place"] = str(row["place"])
        details[f"{key}_deadline"] = detail_clause(agreement_provisions, row["agreement_id"], "deadline")
        details[f"{key}_money"] = detail_clause(
            agreement_provisions, row["agreement_id"], "investment_amount"
        )
    return {name: value for name, value in details.items() if value}


def headline_numbers(
    provisions: pd.DataFrame, agreements: pd.DataFrame, agreement_provisions: pd.DataFrame
) -> dict:
    """Every count and computed phrase about the MoU's text and its relatives, by glue name."""
    wording = provisions["wording"].astype(str).value_counts()
    verbs = provisions["verb_strength"].astype(str).value_counts()
    verbatim = provisions[provisions["wording"] == "verbatim"]
    table = presence(agreements, agreement_provisions)
    chosen = nearest(agreements)
    relatives = [
        (column, str(partner))
        for column, partner in zip(table.columns, chosen["partner"], strict=True)
        if partner != chosen.iloc[0]["partner"]
    ]
    with_deadline = [p for c, p in relatives if table.loc["deadline", c] == "present"]
    with_money = [p for c, p in relatives if table.loc["investment_amount", c] == "present"]
    will_rows = provisions[provisions["verb_strength"] == "will"]
    soft = [v for v in codes("mou_provisions", "verb_strength") if v not in ("will", "none")]
    subjects = vocabulary("mou_provisions", "category", "x_phrases")
    return {
        "n_provisions": len(provisions),
        "n_verbatim": int(wording.get("verbatim", 0)),
        "n_paraphrase": int(wording.get("paraphrase", 0)),
        "n_reconstructed": int(wording.get("reconstructed", 0)),
        "n_with_thai": int(provisions["thai_text"].notna().sum()),
        "n_verbatim_with_verb": int((verbatim["verb_strength"] != "none").sum()),
        "n_no_verb": int(verbs.get("none", 0)),
        "n_will": len(will_rows),
        "n_will_verbatim": int((will_rows["wording"] == "verbatim").sum()),
        "n_soft_verb": int(sum(verbs.get(v, 0) for v in soft)),
        "n_may": int(verbs.get("may", 0)),
        "quoted_verbs": join([f"“{p}”" for p in verb_phrases(quoted_verbs(provisions))]),
        "will_verbatim_word": str(int((will_rows["wording"] == "verbatim").sum()) or "none"),
        "will_subjects": join(list(dict.fromkeys(subjects[c] for c in will_rows["category"].astype(str)))),
        "n_relatives": len(relatives),
        "relatives_with_deadline": join(with_deadline),
        "relatives_with_money": join(with_money),
        "mou_lacks": join(provision_phrases(mou_lacks(agreements, agreement_provisions)), "or"),
    }
