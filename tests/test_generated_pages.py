"""The bibliography and the source registry never disagree."""

from __future__ import annotations

import re

from helpers import ROOT

import briefing
from briefing.publish.pages import bib


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
    from briefing.publish.pages import catalogue

    committed = (ROOT / "book" / "data.md").read_text(encoding="utf-8")
    assert committed == catalogue.render(), "run `python -m briefing catalogue` (make book does)"


def test_catalogue_lists_every_dataset_with_its_row_count():
    from briefing.publish.pages import catalogue

    page = catalogue.render()
    for name in briefing.dataset_names():
        rows = len(briefing.load(name))
        assert f"<../data/{name}.csv>` | " in page or f"<../data/{name}.csv>`" in page
        assert f"({rows} rows)" in page, name


def test_committed_changes_page_is_current():
    from briefing.publish.pages import editions

    committed = (ROOT / "book" / "changes.md").read_text(encoding="utf-8")
    assert committed == editions.render(ROOT), "run `python -m briefing changes` (make book does)"


def test_changes_between_two_editions_list_added_changed_and_removed_rows(tmp_path):
    import shutil

    from briefing.publish.pages import editions

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "data", old)
    shutil.copytree(ROOT / "data", new)
    lines = (new / "events.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    renamed = "E9999" + first[first.index(",") :]
    edited = second.replace(second.split(",")[3], "Someone else", 1)
    (new / "events.csv").write_text("\n".join([header, edited, *lines[3:], renamed]) + "\n", encoding="utf-8")
    found = editions.changes(old, new)
    kinds = {(c.kind, c.key) for c in found}
    assert ("added", "E9999") in kinds
    assert ("removed", first.split(",")[0]) in kinds
    changed = [c for c in found if c.kind == "changed"]
    assert [(c.key, c.field, c.new) for c in changed] == [(second.split(",")[0], "actor", "Someone else")]


def test_the_previous_edition_snapshot_is_found_without_git():
    from briefing.publish.pages import editions

    snapshot = editions.previous_edition(ROOT)
    assert snapshot is not None and (snapshot / "datapackage.json").is_file()


def test_front_page_charts_are_current():
    """The front page's charts are drawn from the data by `make book`; the committed files match."""
    from briefing.figures import front_page

    for relative, render in (
        (front_page.GLANCE_CHART, front_page.render_glance),
        (front_page.FRONT_CHART, front_page.render),
    ):
        committed = (ROOT / relative).read_bytes()
        assert committed == render(), f"{relative} is stale: run `make book` and commit it"


def test_front_page_headlines_are_the_summarys():
    """The front page lists the executive summary's findings, in order, by their bold lead sentences."""
    summary = (ROOT / "book" / "summary.md").read_text(encoding="utf-8")
    box = summary[summary.index("The deal in one screen") :]
    leads = re.findall(r"^\d+\. \*\*(.+?)\*\*", box, flags=re.M)
    front = (ROOT / "index.md").read_text(encoding="utf-8")
    headlines = re.findall(r"^\d+\. \[(.+?)\]\(", front, flags=re.M)
    assert leads and headlines == leads


def test_generated_page_fragments_are_current():
    """The state-of-play table and the 'Not covered' list the Markdown pages include are written
    by `make book` from the same functions the In Focus brief glues; the committed files match."""
    from briefing.publish.pages import fragments as pages

    for relative, render in pages.FRAGMENTS.items():
        committed = (ROOT / relative).read_text(encoding="utf-8")
        assert committed == render(), f"{relative} is stale: run `make book` and commit it"


def test_front_page_and_brief_show_the_state_of_play():
    index = (ROOT / "index.md").read_text(encoding="utf-8")
    assert "{include} book/generated/state-of-play.md" in index
    assert "{include} book/generated/not-covered.md" in index
    brief = (ROOT / "notebooks" / "in_focus.ipynb").read_text(encoding="utf-8")
    assert 'Markdown(numbers[\\"state_of_play_md\\"])' in brief


def test_committed_data_schema_is_current():
    """docs/SCHEMA.md is generated from the descriptor; a new column or code shows there at once."""
    from briefing.publish.pages import schema

    committed = schema.path().read_text(encoding="utf-8")
    assert committed == schema.render(), "docs/SCHEMA.md is stale: run `make book` and commit it"
    for field in ("last_confirmed", "content_to", "grade", "subject"):
        assert f"`{field}`" in committed
