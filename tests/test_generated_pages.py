"""The bibliography and the source registry never disagree."""

from __future__ import annotations

import re

from helpers import ROOT

import briefing
from briefing import bib


def test_committed_bib_is_exactly_what_the_registry_generates():
    committed = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    assert committed == bib.render(), "run `python -m briefing bib` (make book does) and commit"


def test_every_registry_id_is_a_bib_key_and_seeds_come_first():
    keys = re.findall(r"^@misc\{(S\d+),", bib.render(), flags=re.M)
    sources = briefing.load_sources()
    assert keys == list(sources["source_id"])
    seeds = sources[sources["seed_file"].notna()]
    assert len(seeds) == 5 and list(seeds.index) == [0, 1, 2, 3, 4]


def test_special_characters_are_escaped():
    assert bib.escape("R&D 100% #1 a_b") == r"R\&D 100\% \#1 a\_b"


def test_committed_data_catalogue_is_current():
    from briefing import catalogue

    committed = (ROOT / "book" / "data.md").read_text(encoding="utf-8")
    assert committed == catalogue.render(), "run `python -m briefing catalogue` (make book does)"


def test_catalogue_lists_every_dataset_with_its_row_count():
    from briefing import catalogue

    page = catalogue.render()
    for name in briefing.dataset_names():
        rows = len(briefing.load(name))
        assert f"<../data/{name}.csv>` | " in page or f"<../data/{name}.csv>`" in page
        assert f"({rows} rows)" in page, name


def test_committed_front_page_chart_is_current():
    from briefing import frontpage

    committed = (ROOT / "book" / "front-chart.png").read_bytes()
    assert committed == frontpage.render(), "run `python -m briefing front-chart` (make book does)"


def test_front_page_headlines_are_the_executive_summarys():
    """The front page lists the summary's headlines, in its order, each linked to a chapter: a
    headline edited in one place and not the other fails here."""
    summary = (ROOT / "book" / "summary.md").read_text(encoding="utf-8")
    front = (ROOT / "index.md").read_text(encoding="utf-8")
    headlines = re.findall(r"^\d+\. \*\*(.+?)\*\*", summary, flags=re.M)
    listed = re.findall(r"^\d+\. \[(.+?)\]\((notebooks/[\w.]+)\)", front, flags=re.M)
    assert len(headlines) >= 5
    assert [text for text, _ in listed] == headlines
