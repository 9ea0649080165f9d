"""Edits to a copy of the repository: the book follows its data and code, stops on bad data,
and shows markup in the data as text.

The book never shows numbers older than its data or its code.

On a temporary copy of the repository (with its current build), edit a data row, and separately a
function of the briefing package, run the same steps as `make book`, and check the page changed.
"""

from __future__ import annotations

import csv
import io

from helpers import build_book, serve

SIGNING_DAY_ROW = "2025-10-26,day,"


def page_text(root):
    """The chapter's text with tags removed, as a reader sees it."""
    import re

    html = (root / "_build" / "html" / "notebooks" / "01_mou_text.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_editing_a_data_row_changes_the_number_in_the_book(repo_copy):
    path = repo_copy / "data" / "events.csv"
    on_the_day = sum(SIGNING_DAY_ROW in line for line in path.read_text(encoding="utf-8").splitlines())
    before = page_text(repo_copy)
    assert f"{on_the_day} dated events" in before

    lines = path.read_text(encoding="utf-8").splitlines()
    template = next(line for line in lines if SIGNING_DAY_ROW in line)
    new_id = f"E{max(int(line[1:4]) for line in lines[1:]) + 1:03d}"
    lines.append(new_id + template[4:])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "executed notebooks/01_mou_text.ipynb" in result.stdout
    assert f"{on_the_day + 1} dated events" in page_text(repo_copy)


def test_editing_a_package_function_changes_the_book(repo_copy):
    path = repo_copy / "src" / "briefing" / "text.py"
    source = path.read_text(encoding="utf-8")
    old = 'return f"{value.day} {value:%B} {value.year}"'
    assert old in source
    path.write_text(
        source.replace(old, 'return f"{value.day} {value:%B} {value.year} (edited)"'), encoding="utf-8"
    )
    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "(edited)" in page_text(repo_copy)


def test_nothing_changed_means_nothing_re_executed(repo_copy):
    result = build_book(repo_copy)
    assert result.returncode == 0
    assert "executed " not in result.stdout.replace("up to date", "")


def test_bad_data_stops_the_build_with_a_clear_error(repo_copy):
    path = repo_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",2025-10-26,day,", ",2025-10-32,day,", 1), encoding="utf-8")
    try:
        result = build_book(repo_copy)
    finally:
        path.write_text(text, encoding="utf-8")
    assert result.returncode != 0
    assert "data/events.csv, line" in result.stderr and "field 'date'" in result.stderr


PAYLOAD = '<script>window.__pwned = 1</script><b class="injected">bold</b>'


def test_markup_in_a_data_field_is_escaped_and_inert(repo_copy, browser):
    path = repo_copy / "data" / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    target = next(r for r in rows[1:] if r[header.index("date")] == "2025-10-26")
    target[header.index("event")] = f"Injected {PAYLOAD} text."
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = build_book(repo_copy)  # the copy is not restored: this is the last test to use it
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
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
