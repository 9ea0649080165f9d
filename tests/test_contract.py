"""The chapter contract, checked once over every page notebook (and the pages that glue across).

What a page gives its reader (../shared/guides/chapter-contract.md): an as-of line, a key-findings
box first, every glued name actually published by the stored outputs, and every figure with alt text,
a caption with a "Source:" line and a link to its data.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT, glued_names, notebook_markdown

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = [ROOT / "index.md", *sorted((ROOT / "book").glob("*.md"))]
GLUE_USE = re.compile(
    r"\{glue(?::text)?\}`(?![^`]*::)([^`:<]+?)(?::[^`]*)?`|```\{glue:figure\} (\S+)"
    r"|\{eval\}`glued\(\s*[\"']([\w.-]+)[\"']"  # {eval}`glued("name")`: the same value, evaluated in Lab
)
CROSS_PAGE = re.compile(r"\{glue(?::text)?\}`([\w./-]+\.ipynb)::([^`:]+)(?::[^`]*)?`")
FIGURE = re.compile(r"```\{glue:figure\} (\S+)\n(.*?)\n```", re.S)
KEY_FINDINGS = "```{admonition} Key findings"


published = glued_names


def used(text: str) -> set[str]:
    return {a or b or c for a, b, c in GLUE_USE.findall(text)} - {""}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_glued_name_is_published_by_the_stored_outputs(path):
    missing = sorted(used(notebook_markdown(path)) - published(path))
    assert not missing, f"{path.name} glues names its outputs do not publish: {missing}"


@pytest.mark.parametrize("path", PAGES + NOTEBOOKS, ids=lambda p: p.name)
def test_every_cross_page_glue_is_published_by_that_page(path):
    text = notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    for notebook, name in CROSS_PAGE.findall(text):
        # Paths are relative to the page, or to the book's root (as Jupyter Book resolves them).
        target = next((p for p in (path.parent / notebook, ROOT / notebook) if p.is_file()), None)
        assert target is not None, f"{path.name} glues from {notebook}, which does not exist"
        assert name in published(target), f"{path.name} glues {notebook}::{name}, not published"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_opens_with_its_two_dates(path):
    """The dateline (information as of, searches run to, newest source), with the note on where the
    record thins."""
    opening = notebook_markdown(path)[:700]
    for name in ("dateline", "currency_note"):
        glued = re.search(r"\{glue:text\}`([\w./-]+\.ipynb::)?" + name + r"(:s)?`", opening)
        evaluated = f'{{eval}}`glued("{name}")`' in opening
        assert glued or evaluated, f"{path.name}: no {name} at the top"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2].isdigit()], ids=lambda p: p.stem)
def test_theme_chapter_opens_with_key_findings(path):
    text = notebook_markdown(path)
    assert KEY_FINDINGS in text, "a theme chapter opens with a key-findings box"
    box = text[text.index(KEY_FINDINGS) :].split("\n```", 1)[0]
    bullets = [line for line in box.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6, f"{len(bullets)} key findings"
    first_heading = text.find("\n## ")
    assert first_heading == -1 or text.index(KEY_FINDINGS) < first_heading, "key findings come first"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_has_alt_text_a_source_line_and_its_data(path):
    for name, body in FIGURE.findall(notebook_markdown(path)):
        if not name.startswith("tab_"):  # a glued table is text already; a chart needs words
            assert re.search(r"^:alt: .{40,}", body, re.M), f"{name}: alt text missing or too short"
        caption = "\n".join(line for line in body.splitlines() if not line.startswith(":"))
        # The source line is typed ("Source: ...") or glued from the data's source ids (src_...).
        assert "Source:" in caption or "{glue:text}`src_" in caption, f"{name}: no source line in the caption"
        assert re.search(r"\{download\}`[^`]*\.csv", caption), f"{name}: no link to the data"


def test_the_contract_checks_can_fail():
    assert used("a {glue:text}`x:.1f` b {glue}`y` c\n```{glue:figure} fig_z\n") == {"x", "y", "fig_z"}
    assert used('{eval}`glued("w")` {eval}`glued("v", ".1f")`') == {"w", "v"}
    assert used("{glue:text}`timeline.ipynb::day_E1:s`") == set()
    assert CROSS_PAGE.findall("{glue:text}`notebooks/a.ipynb::n:.0f`") == [("notebooks/a.ipynb", "n")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_cell_that_publishes_a_figure_is_removed_from_the_book(path):
    """publish() shows a figure in the notebook (for JupyterLab); the book must show it only once,
    where its {glue:figure} stands, so the publishing cell carries the remove-cell tag."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and re.search(r"publish\([^)]*\bfig_", source):
            assert "remove-cell" in cell["metadata"].get("tags", []), f"{path.name}: {source[:80]}"
