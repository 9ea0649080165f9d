"""Edits to a copy of the repository: the book follows its data and its code, re-executes only the
notebooks an edit touches, stops on bad data, and shows markup in the data as text.

The copy (``repo_copy``) was built from clean; each test here runs the same steps as `make book`
after its edit, and the edits accumulate in file order.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest
from helpers import build_book, serve

SIGNING_DAY = "2025-10-26"
# An item scheduled after the edition's as-of date, added to the copy to watch its tense follow the clock.
DUE_DAY, DUE_SUBJECT = "2026-12-15", "The test copy's temporary waiver"
PAYLOAD = '<script>window.__pwned = 1</script><b class="injected">bold</b>'


def page_text(root, page="01_mou_text"):
    """A page's text with tags removed, as a reader sees it."""
    html = (root / "_build" / "html" / "notebooks" / f"{page}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def executed(result) -> set[str]:
    return set(re.findall(r"executed notebooks/(\S+)\.ipynb", result.stdout))


ADDED_PLEDGE = "Malaysia will buy a test quantity of widgets"
ADDED_PROVISION = "A provision added by the tests"


def _append_copy(path, key: str, prefix: str, marker: str, **values: str) -> None:
    """Append a copy of the file's last row with the next free id and ``values`` changed."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    new = dict(rows[-1], **values)
    new[key] = f"{prefix}{max(int(r[key][1:]) for r in rows) + 1:02d}"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, new])
    path.write_text(out.getvalue(), encoding="utf-8")
    assert marker in path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def events_edited(repo_copy):
    """One edit of events.csv, built once: a new event on the signing day, markup in the text of
    another event of that day, and an item scheduled a fortnight after the as-of date (for the
    clock test). Returns the build result and the day's count before the edit."""
    path = repo_copy / "data" / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    on_the_day = [r for r in rows[1:] if r[header.index("date")] == SIGNING_DAY]
    assert f"{len(on_the_day)} dated events" in page_text(repo_copy)

    added = list(on_the_day[0])
    added[header.index("event_id")] = f"E{max(int(r[0][1:]) for r in rows[1:]) + 1:03d}"
    on_the_day[1][header.index("event")] = f"Injected {PAYLOAD} text."
    rows.append(added)
    due = dict(zip(header, on_the_day[0], strict=True))
    due.update(
        event_id=f"E{max(int(r[0][1:]) for r in rows[1:]) + 1:03d}",
        date=DUE_DAY,
        date_precision="day",
        event=DUE_SUBJECT,
        timing="scheduled",
        action="expire",
        outcome_id="",
        outcome_searched="",
        short_label="",
        charts="",
        elements="",
        threshold_pct="",
        themes="trade",
    )
    rows.append([due[name] for name in header])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    # Adding a row never needs a code change: a new trade pledge and a new MoU provision too.
    _append_copy(
        repo_copy / "data" / "art_commitments.csv",
        "commitment_id",
        "T",
        ADDED_PLEDGE,
        amount="1",
        unit="usd_bn",
        headline="false",
        short_label="A pledge added in a test",
        glue="",
        horizon_glue="",
        commitment=ADDED_PLEDGE,
    )
    _append_copy(
        repo_copy / "data" / "mou_provisions.csv",
        "provision_id",
        "M",
        ADDED_PROVISION,
        text=ADDED_PROVISION,
        wording="paraphrase",
        verb_strength="none",
    )

    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result, len(on_the_day)


def test_added_rows_appear_without_a_code_change(events_edited, repo_copy):
    """A new event, trade pledge and MoU provision, added to the data only: the book builds, the
    pages that read them re-run, and the tables that list every row show them."""
    result, _ = events_edited
    assert {"01_mou_text", "02_trade_deal", "timeline"} <= executed(result)
    assert ADDED_PROVISION in page_text(repo_copy, "01_mou_text")
    assert DUE_SUBJECT in page_text(repo_copy, "timeline")


def test_editing_a_data_row_changes_the_number_in_the_book(events_edited, repo_copy):
    result, before = events_edited
    assert "01_mou_text" in executed(result)
    assert f"{before + 1} dated events" in page_text(repo_copy)


def test_a_data_edit_re_executes_only_the_notebooks_that_load_that_file(events_edited, repo_copy):
    result, _ = events_edited
    from briefing.publish.run.execute import read_manifest

    loads_events = {
        key.removeprefix("notebooks/").removesuffix(".ipynb")
        for key, record in read_manifest(repo_copy).items()
        if "data/events.csv" in record["inputs"]
    }
    assert loads_events
    assert executed(result) == loads_events  # (every page happens to read the timeline today)


def test_the_tense_follows_the_clock_and_an_edition_needs_every_outcome(events_edited, repo_copy):
    """Before its date the scheduled item 'is due to expire'; stamping an edition after that date is
    refused until the data say what became of it; once they do, the rebuilt page says 'was due'."""

    def timeline_text():
        return page_text(repo_copy, "timeline")

    assert f"{DUE_SUBJECT} is due to expire on 15 December 2026." in timeline_text()
    stamp = [sys.executable, "-m", "briefing", "edition", "--as-of", "2026-12-20"]
    env = {**os.environ, "PYTHONPATH": str(repo_copy / "src")}
    refused = subprocess.run(stamp, cwd=repo_copy, env=env, capture_output=True, text=True)
    assert refused.returncode == 1, refused.stdout
    assert "falls due" in refused.stdout and "scheduled-past-due" in refused.stdout
    assert "Not stamped" in refused.stdout

    path = repo_copy / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    row = next(r for r in rows if DUE_SUBJECT in r)
    row[header.index("timing")], row[header.index("outcome_searched")] = "no_outcome_found", "2026-12-20"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    stamped = subprocess.run(stamp, cwd=repo_copy, env=env, capture_output=True, text=True)
    assert stamped.returncode == 0, stamped.stdout + stamped.stderr
    result = build_book(repo_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (
        f"{DUE_SUBJECT} was due to expire on 15 December 2026; we found no report of what followed by "
        "20 December 2026." in timeline_text()
    )
    assert "Information as of 20 December 2026" in page_text(repo_copy, "01_mou_text")


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
    from briefing.publish.run.execute import read_manifest

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
