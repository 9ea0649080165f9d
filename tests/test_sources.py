"""The source registry: every source graded, no development or staging hosts, no duplicate
addresses, and author–year labels that tell same-author-same-year sources apart.

Bad-input tests break one thing in a copy of the real data and check the message a contributor
sees (file, line, field and rule), as in test_bad_input.py.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlsplit

import pytest

import briefing
from briefing.errors import DataValidationError

DEV_WORDS = re.compile(r"(dev|staging|stage|test|uat|preview)\d*")
KEPT_ON_DEV_HOST = "no stored copy at the public host found"  # what the note must say to keep one


def _host(url: str) -> str:
    return urlsplit(url if "://" in url else "https://" + url).hostname or ""


def is_dev_host(url: str) -> bool:
    """A development or staging host: one of the host's dot- or dash-separated words is dev,
    staging, stage, test, uat or preview (``dev-v4.example.com``, ``x-dev.staging.ws``)."""
    return any(DEV_WORDS.fullmatch(word) for label in _host(url).split(".") for word in label.split("-"))


def test_the_dev_host_rule_itself():
    assert is_dev_host("https://dev-v4.freemalaysiatoday.com/category/nation/x")
    assert is_dev_host("https://seaisi-dev.staging.ws/details/1")
    assert is_dev_host("http://stage.internationaltradetoday.com/article/x")
    assert not is_dev_host("https://www.devdiscourse.com/article/x")
    assert not is_dev_host("https://www.freemalaysiatoday.com/category/nation/2025/10/29/dev-stage")
    assert not is_dev_host("pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf")


def test_every_source_has_a_grade():
    sources = briefing.load_sources()
    grades = briefing.labels("sources", "grade")
    assert sources["grade"].notna().all(), list(sources.loc[sources["grade"].isna(), "source_id"])
    assert set(sources["grade"]) <= set(grades)
    assert list(grades) == ["official_text", "record", "established", "trade_press", "weak"]


def test_a_repost_is_graded_weak():
    sources = briefing.load_sources()
    reposts = sources[sources["repost_of"].notna()]
    assert len(reposts) > 0
    assert (reposts["grade"] == "weak").all(), list(reposts.loc[reposts["grade"] != "weak", "source_id"])


def test_no_source_url_points_at_a_dev_or_staging_host():
    """Every address is the publisher's public one. The only exception: the publisher's own text on
    its development host, kept because no stored copy at the public host exists, as its note says."""
    sources = briefing.load_sources()
    on_dev = sources[sources["url"].map(lambda url: isinstance(url, str) and is_dev_host(url))]
    unexplained = on_dev[~on_dev["note"].fillna("").str.contains(KEPT_ON_DEV_HOST, regex=False)]
    assert unexplained.empty, f"dev/staging host: {list(unexplained['source_id'])}"
    explained = sources[sources["note"].fillna("").str.contains(KEPT_ON_DEV_HOST, regex=False)]
    assert set(explained["source_id"]) == set(on_dev["source_id"]), "a note keeps a host that is not dev"


def test_no_two_sources_share_a_url():
    urls = briefing.load_sources()["url"].dropna()
    assert not urls[urls.duplicated()].tolist()


def _set_cell(path, column: str, value: str, row: int) -> int:
    """Put ``value`` in ``column`` of data row ``row`` (1 = first); return the file line it is on."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return row + 1


def _cell(path, column: str, row: int) -> str:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return rows[row][rows[0].index(column)]


@pytest.mark.parametrize(
    "same",
    [lambda url: url, lambda url: url.replace("https://www.", "http://").rstrip("/") + "/"],
    ids=["identical", "other-scheme-no-www-trailing-slash"],
)
def test_two_sources_with_the_same_url_are_refused(data_copy, same):
    path = data_copy / "sources.csv"
    url = _cell(path, "url", 2)  # S2, an https://www. address
    line = _set_cell(path, "url", same(url), 6)
    with pytest.raises(DataValidationError) as caught:
        briefing.load("sources")
    found = [p for p in caught.value.problems if p.rule == "unique-url"]
    assert len(found) == 1, caught.value
    problem = found[0]
    assert (problem.file, problem.line, problem.field) == ("data/sources.csv", line, "url")
    assert "line 3" in problem.message and "merge" in problem.message
    assert f"data/sources.csv, line {line}, field 'url'" in str(problem)


def test_an_unknown_grade_is_refused(data_copy):
    line = _set_cell(data_copy / "sources.csv", "grade", "gossip", 1)
    with pytest.raises(DataValidationError) as caught:
        briefing.load("sources")
    problem = next(p for p in caught.value.problems if p.rule == "enum")
    assert (problem.line, problem.field) == (line, "grade") and "'gossip'" in problem.message


def test_a_missing_grade_is_refused(data_copy):
    line = _set_cell(data_copy / "sources.csv", "grade", "", 1)
    with pytest.raises(DataValidationError) as caught:
        briefing.load("sources")
    problem = next(p for p in caught.value.problems if p.rule == "required")
    assert (problem.line, problem.field) == (line, "grade")


def test_same_publisher_and_year_get_letters_in_date_order():
    from briefing.publish.pages.bib import author_year

    rows = [
        {"source_id": "S9", "publisher": "The Star", "author": None, "date_published": "2025-10-26"},
        {"source_id": "S10", "publisher": "The Star", "author": None, "date_published": "2025-10"},
        {"source_id": "S2", "publisher": "The Star", "author": None, "date_published": "2025-10-26"},
        {"source_id": "S4", "publisher": "The Star", "author": None, "date_published": "2024-01-01"},
        {"source_id": "S5", "publisher": None, "author": "A. Writer", "date_published": None},
        {"source_id": "S6", "publisher": None, "author": None, "date_published": None},
        {"source_id": "S7", "publisher": None, "author": None, "date_published": None},
    ]
    labels = author_year(rows)
    assert labels["S10"] == ("The Star", "2025a")  # month only: the earliest it can be
    assert labels["S2"] == ("The Star", "2025b")  # same day as S9: the lower id first
    assert labels["S9"] == ("The Star", "2025c")
    assert labels["S4"] == ("The Star", "2024")  # alone in its year: no letter
    assert labels["S5"] == ("A. Writer", "n.d.")
    assert (labels["S6"], labels["S7"]) == (("Unattributed", "n.d.-a"), ("Unattributed", "n.d.-b"))
    assert author_year(reversed(rows)) == labels  # the order of the registry does not matter


def test_every_citation_label_is_unique_and_the_credit_lines_agree_with_the_bibliography():
    from briefing import sources
    from briefing.paths import data_dir
    from briefing.publish.pages import bib
    from briefing.validate import validated_package

    labels = sources.citation_labels()
    assert labels == bib.author_year(validated_package(data_dir())["sources"].rows)
    assert len(set(labels.values())) == len(labels), "two sources share an author-year label"
    star = sorted(
        (year, sid) for sid, (who, year) in labels.items() if who == "The Star" and year[:4] == "2025"
    )
    assert len(star) > 1 and all(year[4:] for year, _ in star)  # "The Star, 2025" is no longer ambiguous
    text = bib.render()
    for source_id, (who, year) in labels.items():
        assert sources.credit(source_id) == f"{who} ({year})"
        entry = text[text.index(f"@misc{{{source_id},\n") :].split("\n}\n", 1)[0]
        assert f"  author = {{{{{bib.escape(who)}}}}},\n" in entry and f"  year = {{{year}}},\n" in entry


def test_the_bibliography_names_no_seed_file():
    from briefing.publish.pages import bib

    text = bib.render()
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", text)
    assert "seed article" not in text
    assert text.count("one of the five articles the book started from") == 5


def test_the_sources_page_lists_entries_in_id_order_led_by_id_and_grade():
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    from briefing.publish.pages import bib
    from briefing.publish.site import bibstyle
    from briefing.sources import citation_labels

    bibstyle.register()
    style = find_plugin("pybtex.style.formatting", "briefing")()
    plain = find_plugin("pybtex.backends", "plaintext")()
    entries = list(style.format_entries(parse_string(bib.render(), "bibtex").entries.values()))
    keys = [entry.key for entry in entries]
    assert keys == sorted(keys, key=bibstyle.id_number)
    assert [entry.label for entry in entries] == keys  # the label is the id: "[S11]"
    registry = briefing.load_sources().set_index("source_id")
    grades = briefing.labels("sources", "grade")
    who, year = citation_labels()["S6"]
    for entry in entries:
        text = entry.text.render(plain)
        row = registry.loc[entry.key]
        lead = grades[row["grade"]] + (" · repost" if isinstance(row["repost_of"], str) else "")
        assert text.startswith(lead + " · "), (entry.key, text[:80])
        assert ".txt" not in text
    s6 = next(entry for entry in entries if entry.key == "S6").text.render(plain)
    assert f"{who} ({year})." in s6


def test_the_sources_list_filters_by_grade():
    import html
    import json

    from briefing.publish.site.pagehtml import explore_sources

    body = '<div class="citation-list">\n<div class="citation" id="cite-s1">\n<p>A</p></div></div>'
    entries = {
        "cite-s1": {"kind": "news", "grade": "weak", "year": "2025", "date": "2025-10", "publisher": "X"}
    }
    grades = {"official_text": "Official text", "weak": "Weak source"}
    out = explore_sources(body, entries, {"news": "News report"}, grades)
    assert 'data-f-grade="weak" data-f-kind="news"' in out
    config = json.loads(html.unescape(re.search(r"data-explorer='([^']*)'", out).group(1)))
    assert config["facets"][0] == {
        "key": "grade",
        "label": "Grade of source",
        "kind": "choice",
        "options": [["weak", "Weak source"]],
        "default": "",
    }
