"""Numbers in prose come from the data (glue), never typed by hand.

Checks every notebook's markdown: the key-findings box holds no digit outside a glue or citation
role, and no quantity (a percentage, an amount of money, a tonnage) is typed anywhere in the text.
Identifiers such as "Art. 5.1", "EO 14257", "Section 122" or "NIMP 2030" are not quantities.
"""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, notebook_markdown, without_roles

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KEY_FINDINGS = re.compile(r"```\{admonition\} Key findings.*?\n```", re.S)
IDENTIFIER = re.compile(
    r"(Section|Art\.|Article|Articles|EO|Executive Order|No\.|Nos\.|Announcement|Annex)\s?[\dIVX][\d.,–\- ]*"
    r"|NIMP 2030|\b\d{4}–\d{4}\b|\d+(st|nd|rd|th) Malaysia Plan"
)
QUANTITY = re.compile(
    r"(US\$|A\$|RM|\$)\s?\d|\d[\d,.]*\s?(%|per ?cent|billion|million|bn\b|tonnes|kt\b)", re.I
)


markdown = notebook_markdown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_key_findings_have_no_hand_typed_digit(path):
    boxes = KEY_FINDINGS.findall(markdown(path))
    if path.name[:2].isdigit():
        assert boxes, "a theme chapter opens with a key-findings box"
    for box in boxes:
        body = IDENTIFIER.sub("", without_roles(box.split("\n", 1)[1]))
        digits = re.findall(r"[^\n]*\d[^\n]*", body)
        assert not digits, digits


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_quantity_is_typed_in_the_prose(path):
    text = without_roles(markdown(path))
    typed = [m.group() for m in QUANTITY.finditer(text)]
    assert not typed, typed


PAGES = [ROOT / "index.md", *sorted((ROOT / "book").glob("*.md"))]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_quantity_is_typed_in_the_prose_pages(path):
    if path.name in ("data.md", "changes.md"):  # generated from the data: their numbers are the data's
        return
    text = without_roles(path.read_text(encoding="utf-8"))
    typed = [m.group() for m in QUANTITY.finditer(text)]
    assert not typed, typed


def test_the_check_can_fail():
    assert QUANTITY.search("a 19% tariff") and QUANTITY.search("US$5.2 billion")
    assert not QUANTITY.search(without_roles("a {glue:text}`rate:.0f`% tariff under Art. 5.1"))
    assert IDENTIFIER.sub("", "Section 122 and Art. 5.1 and 19 tonnes").strip().startswith("and")
