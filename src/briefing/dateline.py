"""The edition's dateline, the same words on every page, the PDF cover and the In Focus brief:
information as of the edition date, searches run to, newest source, and where the record thins.

It is content, computed from the data (the descriptor's dates and the source registry), so pages,
figures and the publishing wing all read it from here.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .paths import data_dir


def _descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


# The record "thins" after the last month in which at least this many of the book's sources were
# published: later developments rest on few sources, and the dateline says so.
THIN_BELOW = 5


def _source_dates(folder: Path | None = None) -> list[tuple[date, str]]:
    """Each source's date as the book counts it, with its precision: the newest content it holds
    (``content_to``) where the registry records one — a source dated only by year, say, whose content
    runs to August — else its publication date."""
    from .validate import partial_date_start, validated_package

    found = []
    for row in validated_package(folder or data_dir())["sources"].rows:
        text = row.get("content_to") or row["date_published"] or ""
        start, _ = partial_date_start(text) if text else (None, None)
        if start:
            found.append((start, {4: "year", 7: "month"}.get(len(text), "day")))
    return found


def sources_reviewed_to(folder: Path | None = None) -> tuple[date, str]:
    """The newest source the book consulted (see :func:`_source_dates`): its date and that date's
    precision (day, month or year, as the registry gives it)."""
    return max(_source_dates(folder), default=(date.min, "year"), key=lambda found: found[0])


def searched_to(folder: Path | None = None) -> date:
    """The date the sources were last searched (``x_searched_to`` in the descriptor; the edition date
    when it is not recorded)."""
    descriptor = _descriptor(folder or data_dir())
    return date.fromisoformat(descriptor.get("x_searched_to") or descriptor["x_as_of"])


def record_thins(folder: Path | None = None) -> tuple[date, int] | None:
    """Where the record thins: the first day of the month after the last month in which at least
    THIN_BELOW sources were published, and how many sources are dated from then on; None when the
    record does not thin before the edition date."""
    dates = [day for day, precision in _source_dates(folder) if precision != "year"]
    months: dict[tuple[int, int], int] = {}
    for day in dates:
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + 1
    full = [month for month, count in months.items() if count >= THIN_BELOW]
    if not full:
        return None
    year, month = max(full)
    start = date(year + (month == 12), month % 12 + 1, 1)
    edition = date.fromisoformat(_descriptor(folder or data_dir())["x_as_of"])
    if start > edition:
        return None
    return start, sum(day >= start for day in dates)


def edition_dates(folder: Path | None = None) -> dict[str, str]:
    """The dateline every page, the PDF cover and the In Focus brief print, in the same words: the
    information is as of the edition date; the searches ran to a date; the newest source is of a
    date. With it, where the record thins (``currency_note``), in plain words."""
    from .text import long_date

    folder = folder or data_dir()
    edition = date.fromisoformat(_descriptor(folder)["x_as_of"])
    newest, precision = sources_reviewed_to(folder)
    searched = searched_to(folder)
    dateline = (
        f"Information as of {long_date(edition)} · searches run to {long_date(searched)} · "
        f"newest source {long_date(newest, precision)}"
    )
    thin = record_thins(folder)
    note = ""
    if thin is not None:
        start, count = thin
        note = (
            f"Our sources thin out from {long_date(start, 'month')} ({count} are dated from then on); "
            "what this edition could not confirm is listed as not covered."
        )
    return {
        "edition_date": long_date(edition),
        "searched_to": long_date(searched),
        "sources_reviewed_to": long_date(newest, precision),
        "dateline": dateline,
        "currency_note": note,
    }
