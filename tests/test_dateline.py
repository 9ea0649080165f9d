"""The dateline: information as of, searches run to, newest source; and where the record thins."""

from __future__ import annotations

import csv
import json

import pytest

import briefing
from briefing import dateline as editions
from briefing.errors import DataValidationError


def rows(folder):
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(folder, table):
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def test_the_dateline_has_three_dates_in_one_sentence():
    dates = editions.edition_dates()
    line = dates["dateline"]
    assert line.startswith(f"Information as of {dates['edition_date']}")
    assert f"searches run to {dates['searched_to']}" in line
    assert f"newest source {dates['sources_reviewed_to']}" in line


def test_a_source_dated_by_year_counts_by_the_newest_content_it_records(data_copy):
    table = rows(data_copy)
    dated_by_year = next(row for row in table if len(row["date_published"]) == 4)
    for row in table:
        row["content_to"] = ""
    dated_by_year["content_to"] = "2026-11-30"
    write(data_copy, table)
    assert editions.sources_reviewed_to(data_copy)[0].isoformat() == "2026-11-30"


def test_a_source_newer_than_the_search_stops_the_build(data_copy):
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["x_searched_to"] = "2026-01-01"
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        briefing.load("sources")
    problem = next(p for p in caught.value.problems if p.rule == "after-search")
    assert problem.file == "data/sources.csv" and problem.field in ("date_published", "content_to")
    assert "2026-01-01" in problem.message


def test_the_record_thins_after_the_last_month_with_enough_sources():
    start, count = editions.record_thins()
    assert start.day == 1 and count >= 0
    months = {}
    for row in briefing.load_sources().to_dict("records"):
        text = row.get("content_to") if isinstance(row.get("content_to"), str) else row["date_published"]
        if isinstance(text, str) and len(text) >= 7:
            months[text[:7]] = months.get(text[:7], 0) + 1
    later = [month for month in months if month >= start.isoformat()[:7]]
    assert all(months[month] < editions.THIN_BELOW for month in later)
