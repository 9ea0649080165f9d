"""The PDF edition: one file with every page of the book, in reading order, figures included."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from helpers import ROOT


@pytest.fixture(scope="module")
def pdf(built_book):
    """The PDF the session's build made (as `make book` does), brought up to date."""
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "pdf"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from pypdf import PdfReader

    return PdfReader(built_book / "briefing-book.pdf")


def test_pdf_has_every_page_in_reading_order(pdf, built_book):
    from briefing.pdf import reading_order

    pages = reading_order(built_book)
    outline = [item.title for item in pdf.outline]
    assert len(outline) == len(pages) >= 8
    assert outline[0].startswith("The US–Malaysia critical minerals deal")
    assert outline[-1] == "Sources"
    assert len(pdf.pages) >= len(pages)


def test_pdf_contains_the_chapters_text_and_figures(pdf, built_book):
    # NFKC folds the typographic ligatures the PDF text layer uses ("ﬁ" in "Key ﬁndings")
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() or "" for page in pdf.pages))
    for phrase in ("Key findings", "Information as of", "Source:"):
        assert phrase in text, phrase
    images = sum(len(page.images) for page in pdf.pages)
    figures = len(list((built_book / "_images").glob("*.png")))
    assert images >= figures >= 1


def test_front_page_links_to_the_pdf(built_book):
    assert 'href="briefing-book.pdf"' in (built_book / "index.html").read_text(encoding="utf-8")
