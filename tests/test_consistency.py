"""One number per fact, page by page.

Every value a page glues is stored in its notebook's outputs. The tests read them all and check that
one name never carries two values on two pages, that each headline measure of the registry
(``data/presentation.json``, ``measures``) has one value and one label, that the brief, the summary
and the front page take a measure from the page that owns it, and that a page showing one of two
measures of the same thing shows the other or links to why they differ.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

import briefing

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = [ROOT / "index.md", *sorted((ROOT / "book").glob("*.md"))]
GLUE_REF = re.compile(r"\{glue:text\}`(?:(?:\.\./)?(?:notebooks/)?([\w]+)\.ipynb::)?(\w+)(?::[^`]*)?`")
EVAL_REF = re.compile(r"\{eval\}`glued\(\"(\w+)\"")


def stored_glue(notebook: Path) -> dict[str, str]:
    """name -> the text a page prints for it, as stored in the notebook's outputs."""
    found = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = output.get("data", {})
                found[name] = data.get("application/papermill.record/text/plain") or data.get(
                    "text/plain", ""
                )
    return found


@pytest.fixture(scope="module")
def glue() -> dict[str, dict[str, str]]:
    return {nb.stem: stored_glue(nb) for nb in NOTEBOOKS}


def measures() -> dict[str, dict]:
    return briefing.presentation()["measures"]["items"]


def prose(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def test_one_name_never_carries_two_values(glue):
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for page, found in glue.items():
        for name, value in found.items():
            if name.startswith("fig_") or name == "chapter_as_of":  # a figure; each page's own as-of
                continue
            values[name][value].add(page)
    clashes = {name: {v: sorted(p) for v, p in by.items()} for name, by in values.items() if len(by) > 1}
    assert not clashes, clashes


def test_each_measure_has_one_label_and_its_own_glue():
    items = measures()
    labels = [m["label"] for m in items.values()]
    assert len(labels) == len(set(labels)), "one label for two measures"
    names = [name for m in items.values() for name in m["glue"]]
    assert len(names) == len(set(names)), "one glue name under two measures"
    for key, measure in items.items():
        assert {"label", "definition", "unit", "source_family", "owner", "glue"} <= set(measure), key
        pair = measure.get("same_thing_as")
        if pair:
            assert (
                items[pair]["same_thing_as"] == key
                and measure["source_family"] != items[pair]["source_family"]
            )


def test_every_measure_is_glued_by_its_owner(glue):
    for key, measure in measures().items():
        owner = measure["owner"]
        pages = [Path(owner).stem] if owner.startswith("notebooks/") else list(glue)
        for name in measure["glue"]:
            assert any(name in glue[page] for page in pages), f"{key}: {name} not glued by {owner}"


def test_the_brief_summary_and_front_page_take_measures_from_their_owner():
    owner_of = {
        name: Path(m["owner"]).stem
        for m in measures().values()
        if m["owner"].startswith("notebooks/")
        for name in m["glue"]
    }
    wrong = []
    for path in [ROOT / "index.md", ROOT / "book" / "summary.md", ROOT / "notebooks" / "in_focus.ipynb"]:
        for page, name in GLUE_REF.findall(prose(path)):
            if name in owner_of and page != owner_of[name]:
                wrong.append(f"{path.name}: {name} from {page or 'itself'}, owned by {owner_of[name]}")
    assert not wrong, wrong


def test_a_page_showing_one_of_two_measures_names_the_other(glue):
    items = measures()
    for path in [*PAGES, *NOTEBOOKS]:
        text = prose(path)
        shown = {name for _, name in GLUE_REF.findall(text)} | set(EVAL_REF.findall(text))
        for key, measure in items.items():
            pair = measure.get("same_thing_as")
            if not pair or not shown & set(measure["glue"]):
                continue
            explained = f"<{measure['why_differ']}>" in text or f"({measure['why_differ']})=" in text
            assert shown & set(items[pair]["glue"]) or explained, f"{path.name} shows {key} without {pair}"


def test_no_page_says_twelve_elements_are_controlled_or_nineteen_percent_is_current():
    """The three contradictions the edition-0.2 audit found, checked on the prose itself."""
    for path in [*PAGES, *NOTEBOOKS]:
        text = prose(path)
        assert not re.search(r"came to cover\s+\{glue:text\}`[^`]*n_controlled", text), path.name
        assert not re.search(r"(kept|keeps) a \{glue:text\}`[^`]*art_rate", text), path.name
        assert "US tariff on most Malaysian goods under the ART" not in text, path.name
