"""Text from the data is shown as text: HTML or a script in a data field never runs on a page."""

from __future__ import annotations

import csv
import io

from helpers import build_book, serve

PAYLOAD = '<script>window.__pwned = 1</script><b class="injected">bold</b>'


def test_markup_in_a_data_field_is_escaped_and_inert(repo_copy, browser):
    path = repo_copy / "data" / "events.csv"
    original = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(original)))
    header = rows[0]
    target = next(r for r in rows[1:] if r[header.index("date")] == "2025-10-26")
    target[header.index("event")] = f"Injected {PAYLOAD} text."
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        result = build_book(repo_copy)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        html = (repo_copy / "_build" / "html" / "notebooks" / "01_mou_text.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
        assert PAYLOAD not in html
        with serve(repo_copy / "_build" / "html") as url:
            page = browser.new_page()
            page.goto(f"{url}/notebooks/01_mou_text.html", wait_until="networkidle")
            assert page.evaluate("() => window.__pwned === undefined")
            assert page.locator("b.injected").count() == 0
            assert "<script>window.__pwned = 1</script>" in page.inner_text("main")
            page.close()
    finally:
        path.write_text(original, encoding="utf-8")
        build_book(repo_copy)  # leave the copy built from its original data for the next tests
