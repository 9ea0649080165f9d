"""What the print editions rest on, without building the book: the sources-reviewed-to date and the
shipped CJK font."""

from __future__ import annotations

import re
from datetime import date

from helpers import ROOT, rewrite

import briefing
from briefing.publish.print import fonts
from briefing.text import long_date


def newest_full_date() -> str:
    """The newest day-precise date a source counts by: its content date where recorded, else its
    publication date."""
    sources = briefing.load_sources()
    counted = sources["content_to"].fillna(sources["date_published"])
    return max(d for d in counted.dropna() if len(d) == 10)


def test_sources_reviewed_to_is_the_newest_publication_date():
    assert briefing.sources_reviewed_to() == long_date(date.fromisoformat(newest_full_date()))


def test_sources_reviewed_to_counts_a_month_from_its_first_day(data_copy):
    """A source dated only to the month after the newest day is newer, and is printed as a month;
    sources dated only to a year (the data hold one for the newest year) do not win."""
    newest = newest_full_date()
    year, month = int(newest[:4]), int(newest[5:7])
    later = f"{year + (month == 12)}-{month % 12 + 1:02d}"
    path = data_copy / "sources.csv"
    rewrite(path, f",{newest},", f",{later},", count=-1)
    descriptor = data_copy / "datapackage.json"  # the search must reach the new source's month
    rewrite(descriptor, '"x_searched_to": "2026-12-06"', f'"x_searched_to": "{later}-28"')
    assert briefing.sources_reviewed_to() == long_date(date.fromisoformat(later + "-01"), "month")


def test_shipped_font_covers_every_cjk_character_the_sources_use():
    missing = fonts.book_characters(ROOT) - fonts.covered(fonts.font_dir(ROOT) / fonts.FONT_NAME)
    assert not missing, f"run `make fonts`: the shipped CJK font lacks {''.join(sorted(missing))}"
    assert (fonts.font_dir(ROOT) / fonts.LICENCE_NAME).read_text(encoding="utf-8").count("OPEN FONT LICENSE")


def test_css_unicode_range_matches_the_font_module():
    css = (ROOT / "_static" / "briefing.css").read_text(encoding="utf-8")
    declared = re.search(r"unicode-range:([^;]+);", css).group(1)
    ranges = [tuple(int(x, 16) for x in part.strip()[2:].split("-")) for part in declared.split(",")]
    assert ranges == list(fonts.CJK_RANGES)
    assert fonts.cjk_characters("ETNet (經濟通), 嚴正關切 and Latin") == set("經濟通嚴正關切")


def test_printing_is_skipped_with_one_clear_line_without_a_browser(monkeypatch, capsys, tmp_path):
    from briefing.__main__ import main
    from briefing.publish.print import pdf

    monkeypatch.setenv("BRIEFING_CHROMIUM", "")  # what `make ... CHROMIUM=` sets: no browser
    assert pdf.build(tmp_path) == []
    assert main(["pdf"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]
    assert "chromium" in lines[0] and "make pdf" in lines[0]
