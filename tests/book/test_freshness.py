"""Edits to a copy of the repository: the book follows its data and its code, re-executes only the
notebooks an edit touches, stops on bad data, and shows markup in the data as text.

The copy (``repo_copy``) was built from clean; each test here runs the same steps as `make book`
after its edit, and the edits accumulate in file order.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from helpers import build_book, serve

SIGNING_DAY = "2025-10-26"
PAYLOAD = '<script>window.__pwned = 1</script><b class="injected">bold</b>'


def page_text(root, page="01_mou_text"):
    """A page's text with tags removed, as a reader sees it."""
    html = (root / "_build" / "html" / "notebooks" / f"{page}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def executed(result) -> set[str]:
    return set(re.findall(r"executed notebooks/(\S+)\.ipynb", result.stdout))


@pytest.fixture(scope="module")
def events_edited(repo_copy):
    """One edit of events.csv, built once: a new event on the signing day, and markup in the text
    of another event of that day. Returns the build result and the day's count before the edit."""
    path = repo_copy / "data" / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    on_the_day = [r for r in rows[1:] if r[header.index("date")] == SIGNING_DAY]
    assert f"{len(on_the_day)} dated events" in page_text(repo_copy)

    added = list(on_the_day[0])
    added[header.index("event_id")] = f"E{max(int(r[0][1:]) for r in rows[1:]) + 1:03d}"
    on_the_day[1][header.index("event")] = f"Injected {PAYLOAD} text."
    rows.append(added)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")

    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result, len(on_the_day)


def test_editing_a_data_row_changes_the_number_in_the_book(events_edited, repo_copy):
    result, before = events_edited
    assert "01_mou_text" in executed(result)
    assert f"{before + 1} dated events" in page_text(repo_copy)


def test_a_data_edit_re_executes_only_the_notebooks_that_load_that_file(events_edited, repo_copy):
    result, _ = events_edited
    from briefing.execute import read_manifest

    loads_events = {
        key.removeprefix("notebooks/").removesuffix(".ipynb")
        for key, record in read_manifest(repo_copy).items()
        if "data/events.csv" in record["inputs"]
    }
    assert loads_events
    assert executed(result) == loads_events  # (every page happens to read the timeline today)


def test_markup_in_a_data_field_is_escaped_and_inert(events_edited, repo_copy, browser):
    html = (repo_copy / "_build" / "html" / "notebooks" / "timeline.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert PAYLOAD not in html
    with serve(repo_copy / "_build" / "html") as url:
        page = browser.new_page()
        page.goto(f"{url}/notebooks/timeline.html", wait_until="networkidle")
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.locator("b.injected").count() == 0
        assert "<script>window.__pwned = 1</script>" in page.inner_text("main")
        page.close()


def test_editing_a_package_function_changes_only_the_pages_that_use_it(repo_copy):
    """chapters/trade_deal.py is imported by the trade chapter alone: only that notebook re-runs."""
    path = repo_copy / "src" / "briefing" / "chapters" / "trade_deal.py"
    source = path.read_text(encoding="utf-8")
    old = '"gap_first": str(gap[0]),'
    assert old in source
    new = '"gap_first": str(gap[0]) + " (edited)",'
    path.write_text(source.replace(old, new), encoding="utf-8")
    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(result) == {"02_trade_deal"}
    assert " (edited)" in page_text(repo_copy, "02_trade_deal")


def test_nothing_changed_means_nothing_re_executed(repo_copy):
    result = build_book(repo_copy)
    assert result.returncode == 0
    assert executed(result) == set()


def test_an_edit_that_changes_no_output_rewrites_no_notebook(repo_copy):
    """A package module only one page imports gets a comment: that page re-executes (its inputs
    changed) but, its outputs being the same, neither the notebook nor the book changes."""
    from briefing.execute import read_manifest

    records = read_manifest(repo_copy)
    users: dict[str, list[str]] = {}
    for key, record in records.items():
        for name in record["inputs"]:
            if name.startswith("src/briefing/"):
                users.setdefault(name, []).append(key)
    module, (page,) = next((m, keys) for m, keys in sorted(users.items()) if len(keys) == 1)
    notebooks = {p: p.read_bytes() for p in (repo_copy / "notebooks").glob("*.ipynb")}
    path = repo_copy / module
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment changes no output\n", encoding="utf-8")
    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert executed(result) == {page.removeprefix("notebooks/").removesuffix(".ipynb")}
    assert "outputs unchanged; notebook not rewritten" in result.stdout
    assert {p: p.read_bytes() for p in notebooks} == notebooks
    assert read_manifest(repo_copy)[page] != records[page]


def test_bad_data_stops_the_build_with_a_clear_error(repo_copy):
    path = repo_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f",{SIGNING_DAY},day,", ",2025-10-32,day,", 1), encoding="utf-8")
    try:
        result = build_book(repo_copy)
    finally:
        path.write_text(text, encoding="utf-8")
    assert result.returncode != 0
    assert "data/events.csv, line" in result.stderr and "field 'date'" in result.stderr
