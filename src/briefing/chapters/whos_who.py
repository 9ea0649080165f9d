"""The who's-who page (notebooks/whos_who): every value its prose glues."""

from __future__ import annotations

import pandas as pd

from .. import loaders
from ..analysis import mou
from ..analysis import people as analysis
from ..text import long_date
from .row_values import event_days

MITI, NRES = "miti_minister", "nres_minister"


def names_text(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date(value: pd.Timestamp, text: object) -> str:
    return long_date(value, analysis.precision(text) or "day")


def numbers(data) -> dict[str, object]:
    people, events = data.people, data.events
    signed = mou.malaysian_mou(data.agreements)["date"]
    as_of = pd.Timestamp(loaders.as_of("people"))
    terms = analysis.terms(people)
    miti = analysis.holders_between(people, MITI, signed, as_of)
    miti = miti[~miti["acting"]]
    gap = analysis.gaps(people, MITI).iloc[0]
    nres = terms[terms["office"] == NRES]
    reshuffle = analysis.named_together(people).iloc[-1]
    labels = loaders.labels("people", "office")
    result = {
        "n_people": int(terms["name"].nunique()),
        "n_terms": len(terms),
        "n_bodies": int((people["kind"] == analysis.BODY).sum()),
        "n_stand_in": len(analysis.stand_in_rows(people)),
        "n_miti_since_signing": len(miti),
        "miti_names_since_signing": names_text(list(miti["name"])),
        "miti_gap_before": str(gap["before"]),
        "miti_gap_after": str(gap["after"]),
        "miti_gap_ended": long_date(gap["ended"]),
        "miti_gap_next": long_date(gap["next_from"]),
        "miti_gap_days": int(gap["days"]),
        "n_nres_terms": len(nres),
        "n_nres_acting": int(nres["acting"].sum()),
        "nres_names": names_text(list(dict.fromkeys(nres["name"]))),
        "reshuffle_date": long_date(reshuffle["date"]),
        "reshuffle_names": names_text(reshuffle["names"]),
        "reshuffle_offices": names_text([labels[o] for o in reshuffle["offices"]]),
    }
    for country, key in (("Malaysia", "my"), ("United States", "us"), ("China", "cn")):
        result[f"{key}_latest"] = long_date(analysis.latest_confirmation(people, country))
        result[f"{key}_n_terms"] = int((terms["country"] == country).sum())
    return {**result, **event_days(events)}
