"""The strict build passes with zero warnings and the pages carry what they promise."""

from __future__ import annotations

import re
import subprocess

import pytest
from helpers import ROOT, build_book


def pages(html):
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def test_strict_build_has_zero_warnings(built_book):
    result = build_book(ROOT)  # incremental: fast, and shows this run's warnings
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert not re.search(r"WARNING|ERROR", output), output[-4000:]


def test_front_page_says_what_who_and_as_of(built_book):
    text = (built_book / "index.html").read_text(encoding="utf-8")
    assert "briefing book" in text.lower()
    assert "policy analysts, journalists and students" in text
    assert "Information as of" in text and "searches run to" in text and "newest source" in text
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", text), "edition date not rendered"


def test_glued_numbers_are_rendered_not_left_as_roles(built_book):
    for page in pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert "{glue:" not in text, page.name
        assert "glue:text" not in text, page.name


def test_every_cited_key_resolves_to_the_bibliography(built_book):
    text = (built_book / "notebooks" / "01_mou_text.html").read_text(encoding="utf-8")
    assert "references.html#id" in text or 'href="../book/references.html' in text
    refs = (built_book / "book" / "references.html").read_text(encoding="utf-8")
    assert "Malaysia’s Critical Minerals MoU with the United States" in refs  # a seed


def test_no_page_references_another_site_for_assets(built_book):
    asset = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', re.I)
    for page in pages(built_book):
        assert not asset.search(page.read_text(encoding="utf-8")), page.name


def test_two_builds_give_the_same_page_content(built_book, repo_copy):
    """A clean build of a copy, elsewhere on disk, gives byte-identical pages (no dates, no random
    ids, no absolute paths)."""
    other = repo_copy / "_build" / "html"
    first = {p.relative_to(built_book): p.read_bytes() for p in pages(built_book)}
    second = {p.relative_to(other): p.read_bytes() for p in pages(other)}
    assert first.keys() == second.keys()
    changed = [str(p) for p in first if first[p] != second[p]]
    assert not changed, changed


@pytest.mark.parametrize(
    "module",
    [
        "src/briefing/publish/site/pagehtml.py",
        "src/briefing/publish/site/site_assets.py",
        "src/briefing/tables.py",
    ],
)
def test_editing_a_module_the_pages_depend_on_rebuilds_the_html(built_book, module):
    """Make rebuilds the HTML when any module of the package changes, publishing or content (the
    pages are rewritten by the publishing wing, which imports the content layers). `make -W`
    pretends the file was edited, so the tree is left as it is."""
    target = ROOT / "_build" / "html" / ".built"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch()  # the pages as built (the fixture built them); only the stamp's time matters to make

    def plan(edited: str) -> str:
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", "-W", edited, "_build/html/.built"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "jupyter-book build" not in plan("README.md"), "a file the pages do not use rebuilt them"
    assert "jupyter-book build" in plan(module), f"editing {module} would leave stale pages"
