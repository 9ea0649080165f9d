"""Turn source ids into the short credit lines printed under figures and tables, and say how recent
the book's sources are."""

from __future__ import annotations

from collections.abc import Iterable

from .loaders import load_sources

MAX_NAMED = 4  # more than this and a credit line stops being readable under a chart


def sources_reviewed_to() -> str:
    """The date the book's sources run to, in words, as the pages, the cover and the In Focus brief
    print it ('27 June 2026'). Decided in one place, :func:`briefing.editions.sources_reviewed_to`."""
    from .editions import edition_dates

    return edition_dates()["sources_reviewed_to"]


def credit(source_id: str) -> str:
    """'The Star (2025a)' — who and year, as the book's citations and the Sources page print them:
    sources that share publisher and year carry a, b, c … (:func:`briefing.bib.author_year`)."""
    labels = citation_labels()
    if source_id not in labels:
        raise KeyError(f"Unknown source id {source_id!r}: add it to data/sources.csv")
    who, year = labels[source_id]
    return f"{who} ({year})"


def citation_labels() -> dict[str, tuple[str, str]]:
    """Every source id -> (who, year label), e.g. ("The Star", "2025a")."""
    from .bib import author_year

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
