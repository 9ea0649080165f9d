"""Who held which office when (the who's-who page): terms, chronologies, counts and gaps, in pure pandas.

A row of ``people`` is one term of one person in one office, or one company or fund. ``from_date``
and ``to_date`` are partial dates (YYYY, YYYY-MM or YYYY-MM-DD) whose meaning ``from_basis`` and
``to_basis`` state: a start the sources give ("took office", "named") or only the earliest date they
show the person in office ("in office by"). An empty ``to_date`` means no end was found, not that
the term is known to continue: ``confirmed_on`` is the latest date a source shows the person there.
"""

from __future__ import annotations

import pandas as pd

PERSON, BODY = "person", "body"


def partial_start(text: object) -> pd.Timestamp:
    """The first day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; NaT when empty."""
    if text is None or pd.isna(text) or str(text) == "":
        return pd.NaT
    parts = str(text).split("-")
    return pd.Timestamp(
        int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    )


def precision(text: object) -> str | None:
    """'day', 'month' or 'year' for a partial date; None when empty."""
    if text is None or pd.isna(text) or str(text) == "":
        return None
    return {1: "year", 2: "month", 3: "day"}[len(str(text).split("-"))]


def terms(people: pd.DataFrame) -> pd.DataFrame:
    """One row per term of office (people only), with ``start``, ``end`` (NaT: no end found),
    ``seen_to`` (the end, or the last confirmation when no end was found) and the precision of each
    date; ordered by country (descriptor order), office (descriptor order) and start."""
    frame = people[people["kind"] == PERSON].copy()
    frame["start"] = frame["from_date"].map(partial_start)
    frame["end"] = frame["to_date"].map(partial_start)
    frame["start_precision"] = frame["from_date"].map(precision)
    frame["end_precision"] = frame["to_date"].map(precision)
    frame["seen_to"] = frame["end"].fillna(frame["confirmed_on"])
    frame["open"] = frame["end"].isna()
    return frame.sort_values(["country", "office", "start"], kind="stable").reset_index(drop=True)


def bodies(people: pd.DataFrame) -> pd.DataFrame:
    """The companies and funds, in file order."""
    return people[people["kind"] == BODY].reset_index(drop=True)


def holders_between(
    people: pd.DataFrame, office: str, start: pd.Timestamp, end: pd.Timestamp
) -> pd.DataFrame:
    """Terms in ``office`` that overlap [start, end] (an open term runs to ``end``), in order."""
    table = terms(people)
    table = table[table["office"] == office]
    runs_to = table["end"].fillna(end)
    return table[(table["start"] <= end) & (runs_to >= start)].reset_index(drop=True)


def gaps(people: pd.DataFrame, office: str) -> pd.DataFrame:
    """Days between one holder's end and the next holder's start in ``office`` when nobody the
    sources name held it: columns ``before`` and ``after`` (short names), ``ended``, ``next_from``,
    ``days`` (whole days with no named holder)."""
    table = terms(people)
    table = table[table["office"] == office].sort_values("start").reset_index(drop=True)
    rows = []
    for first, second in zip(table.itertuples(), table.iloc[1:].itertuples(), strict=False):
        if pd.notna(first.end) and second.start > first.end:
            rows.append(
                {
                    "before": first.short_name,
                    "after": second.short_name,
                    "ended": first.end,
                    "next_from": second.start,
                    "days": int((second.start - first.end).days) - 1,
                }
            )
    return pd.DataFrame(rows, columns=["before", "after", "ended", "next_from", "days"])


def named_together(people: pd.DataFrame) -> pd.DataFrame:
    """Dates on which two or more people were named to posts (a reshuffle), with the names:
    columns ``date``, ``names`` (list of short names), ``offices`` (list of office codes)."""
    table = terms(people)
    named = table[table["from_basis"] == "named"]
    grouped = named.groupby("start", sort=True)
    rows = [
        {"date": day, "names": list(group["short_name"]), "offices": list(group["office"].astype(str))}
        for day, group in grouped
        if len(group) > 1
    ]
    return pd.DataFrame(rows, columns=["date", "names", "offices"])


def stand_in_rows(people: pd.DataFrame) -> pd.DataFrame:
    """Rows whose cited source is a stand-in that does not itself show the fact (status
    ``unverified``); their notes name the report that does."""
    return people[people["status"] == "unverified"].reset_index(drop=True)


def latest_confirmation(people: pd.DataFrame, country: str) -> pd.Timestamp:
    """The latest date any source in the book shows a person of ``country`` in office."""
    table = terms(people)
    return table.loc[table["country"] == country, "seen_to"].max()
