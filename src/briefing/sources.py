"""Turn source ids into the short credit lines printed under figures and tables, and say how recent
the book's sources are."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .loaders import load_sources

MAX_NAMED = 4  # more than this and a credit line stops being readable under a chart


def sources_reviewed_to() -> str:
    """The date the book's sources run to, in words, as the pages, the cover and the In Focus brief
    print it ('27 June 2026'). Decided in one place, :func:`briefing.dateline.sources_reviewed_to`."""
    from .dateline import edition_dates

    return edition_dates()["sources_reviewed_to"]


def credit(source_id: str) -> str:
    """'The Star (2025a)' — who and year, as the book's citations and the Sources page print them:
    sources that share publisher and year carry a, b, c … (:func:`author_year`)."""
    labels = citation_labels()
    if source_id not in labels:
        raise KeyError(f"Unknown source id {source_id!r}: add it to data/sources.csv")
    who, year = labels[source_id]
    return f"{who} ({year})"


def citation_labels() -> dict[str, tuple[str, str]]:
    """Every source id -> (who, year label), e.g. ("The Star", "2025a")."""
    sources = load_sources()
    rows = sources[["source_id", "publisher", "author", "date_published"]].astype(object)
    return author_year(rows.where(rows.notna(), None).to_dict("records"))


def source_line(source_ids: Iterable[str], dataset: str | None = None) -> str:
    """'Source: A (2025); B (2026). Data: events.csv' — every distinct source once, in first-use order."""
    seen = list(dict.fromkeys(source_ids))
    if len(seen) > MAX_NAMED:
        line = f"Source: compiled by the authors from {len(seen)} sources, cited row by row."
    else:
        line = "Source: " + "; ".join(credit(s) for s in seen) + "."
    if dataset:
        line += f" Data: {dataset}.csv in this book's data package."
    return line


def who(source: Mapping[str, Any]) -> str:
    """Who a citation names: the publisher, else the author, else "Unattributed". The same rule
    gives the author–year labels of the Sources page and the credit lines under charts."""
    return source.get("publisher") or source.get("author") or "Unattributed"


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the suffix that tells same-author-same-year sources apart."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def author_year(sources: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str]]:
    """Each source id -> (who, year label), unambiguous: sources that share who and year get a, b,
    c … in order of publication date, then of id number ("The Star", "2025a"); a source alone in
    its group gets the bare year. Undated sources are "n.d." ("n.d.-a" when there are several).
    Deterministic: the same registry always gives the same labels."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for source in sources:
        year = (source.get("date_published") or "")[:4] or "n.d."
        groups.setdefault((who(source), year), []).append(source)
    labels = {}
    for (name, year), members in groups.items():
        if len(members) == 1:
            labels[members[0]["source_id"]] = (name, year)
            continue
        members = sorted(members, key=lambda s: (s.get("date_published") or "", _id_number(s["source_id"])))
        for index, source in enumerate(members):
            suffix = _letters(index)
            labels[source["source_id"]] = (name, f"{year}-{suffix}" if year == "n.d." else year + suffix)
    return labels


def _id_number(source_id: str) -> int:
    digits = re.search(r"\d+", source_id)
    return int(digits.group()) if digits else 0
