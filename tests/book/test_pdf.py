"""The print editions: the whole book as one PDF (cover, contents, every page in reading order) and
the In Focus brief as its own PDF, both built from the same pages and glued values as the web book."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
from helpers import ROOT, notebook_markdown, without_roles

import briefing
from briefing.publish.print import fonts
from briefing.publish.print.pdf import (
    BRIEF_NAME,
    BRIEF_PAGE,
    INTRODUCTION,
    PDF_NAME,
    page_title,
    parts,
    reading_order,
)
from briefing.text import long_date


@pytest.fixture(scope="module")
def editions(built_book):
    """The PDFs the session's build made (as `make book` does), brought up to date."""
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "pdf"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from pypdf import PdfReader

    return {"book": PdfReader(built_book / PDF_NAME), "brief": PdfReader(built_book / BRIEF_NAME)}


@pytest.fixture(scope="module")
def pdf(editions):
    return editions["book"]


@pytest.fixture(scope="module")
def texts(editions):
    """Each edition's text, page by page (extracting it is the slow part: done once)."""
    return {name: [text_of(page) for page in reader.pages] for name, reader in editions.items()}


@pytest.fixture(scope="module")
def brief(editions):
    return editions["brief"]


def text_of(page) -> str:
    """A page's text, ligatures folded ("ﬁ" in "Key ﬁndings") and whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text() or "")).strip()


def image_count(page) -> int:
    """How many raster images a page draws (without decoding them)."""
    objects = (page["/Resources"].get("/XObject") or {}).values()
    return sum(1 for x in objects if x.get_object().get("/Subtype") == "/Image")


def outline_tree(reader, items=None, depth=0):
    """(depth, title, page number) for every outline entry, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline_tree(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item)))
    return found


@pytest.mark.parametrize("edition", ["book", "brief"])
def test_no_page_is_without_text(texts, edition):
    """No blank pages, and no page holding only a chart whose caption went to the next page."""
    empty = [n for n, text in enumerate(texts[edition], 1) if len(text) < 40]
    assert not empty, f"pages without text in the {edition} PDF: {empty}"


@pytest.mark.parametrize("edition", ["book", "brief"])
def test_a_cjk_font_is_embedded_and_chinese_text_survives(editions, texts, edition):
    reader = editions[edition]
    embedded = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor", {})
                if "/FontFile2" in descriptor:  # an embedded TrueType font, not drawn glyphs
                    embedded.add(str(descendant.get_object()["/BaseFont"]))
    assert any("CJK" in name for name in embedded), embedded
    assert "經濟通" in " ".join(texts[edition])


def test_book_opens_with_a_cover_giving_the_edition_dates(texts):
    cover = texts["book"][0]
    assert "The US–Malaysia critical minerals deal of October 2025" in cover
    assert f"Information as of {long_date(briefing.as_of())}" in cover
    assert f"Newest source {briefing.sources_reviewed_to()}" in cover
    assert "Searches run to" in cover


def test_cover_date_is_the_one_the_book_glues():
    cells = json.loads((ROOT / "notebooks" / "01_mou_text.ipynb").read_text(encoding="utf-8"))["cells"]
    glued = {
        o["metadata"]["scrapbook"]["name"]: o["data"]
        for c in cells
        for o in c.get("outputs", [])
        if "scrapbook" in o.get("metadata", {})
    }
    assert glued["sources_reviewed_to"]["application/papermill.record/text/plain"] == repr(
        briefing.sources_reviewed_to()
    )


def test_contents_page_lists_every_chapter_at_its_page(pdf, texts, built_book):
    contents = texts["book"][1]
    assert contents.startswith("Contents")
    starts = {title: page + 1 for depth, title, page in outline_tree(pdf)}
    for caption, members in parts(built_book):
        if caption:
            assert caption.upper() in contents.upper(), caption
        for page in members:
            if page == (built_book / BRIEF_PAGE).resolve():
                continue
            title = INTRODUCTION if page.name == "index.html" and caption is None else page_title(page)
            assert re.search(re.escape(title) + r"[ .]*" + str(starts[title]) + r"\b", contents), title


def test_outline_has_parts_chapters_and_sections(pdf, built_book):
    tree = outline_tree(pdf)
    titles = [title for _, title, _ in tree]
    assert titles[:3] == ["The US–Malaysia critical minerals deal of October 2025", "Contents", INTRODUCTION]
    chapters = [p for p in reading_order(built_book) if p != (built_book / BRIEF_PAGE).resolve()]
    chapter_titles = [title for depth, title, _ in tree if depth <= 1]
    for page in chapters[1:]:
        assert chapter_titles.count(page_title(page)) == 1, page_title(page)
    assert [t for d, t, _ in tree if d == 0][-1] == "Reference"
    assert any(depth == 2 for depth, _, _ in tree), "no sections under the chapters"
    pages = [page for _, _, page in tree]
    assert pages == sorted(pages), "outline out of reading order"
    assert pdf.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_book_holds_the_chapters_text_and_every_figure_with_its_caption(pdf, texts, built_book):
    text = " ".join(texts["book"])
    for phrase in ("Key findings", "Information as of", "Source:"):
        assert phrase in text, phrase
    # the charts the pages show (an incremental build can leave old images in _images/)
    shown = {
        name
        for page in built_book.rglob("*.html")
        for name in re.findall(r'_images/([^"]+\.png)"', page.read_text(encoding="utf-8"))
    }
    figures = len(shown)
    counts = [image_count(page) for page in pdf.pages]
    assert sum(counts) >= figures - 1  # every chart but the brief's
    for number, count in enumerate(counts, 1):  # a chart never sits on a page apart from its caption
        if count:
            assert "Source:" in texts["book"][number - 1], f"page {number}: chart without its caption"


def test_data_schemas_are_left_out_with_a_pointer(texts):
    text = " ".join(texts["book"])
    assert "In the printed edition the description of each dataset" in text
    assert not re.search(r"Field Type Unit Meaning", text), "a schema table is printed"


def test_tables_fill_their_pages(pdf, texts):
    """Long tables and text run across full pages: apart from the front matter, chart pages and a
    chapter's last page, hardly any page is less than half full."""
    lengths = [len(text) for text in texts["book"]]
    starts = {page for depth, _, page in outline_tree(pdf) if depth <= 1}  # parts and chapters, 0-based
    last_pages = starts | {len(lengths)}  # as 1-based numbers: the page before each start, and the last
    light = [
        number
        for number, length in enumerate(lengths, 1)
        if length < 1500
        and number > 2
        and number not in last_pages
        and not image_count(pdf.pages[number - 1])
    ]
    assert len(light) <= len(lengths) // 20, light


def test_long_tables_repeat_their_header_row(texts):
    """The timeline's table of every event runs over several pages, each opening with its header."""
    header = "Date Themes Who (country) Event Source (status)"
    continued = [n for n, text in enumerate(texts["book"], 1) if text.startswith(header)]
    assert len(continued) >= 2, continued
    assert continued == list(range(continued[0], continued[0] + len(continued)))


def test_links_lead_inside_the_pdf_or_to_the_web(editions, built_book):
    for name in (PDF_NAME, BRIEF_NAME):  # no local path anywhere in the file
        data = (built_book / name).read_bytes()
        assert b"file:" not in data and b"file\\072" not in data, name
    for name, reader in editions.items():
        for number, page in enumerate(reader.pages, 1):
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A") or {}
                uri = str(action.get("/URI", ""))
                assert not uri.startswith("file:"), f"{name} page {number} links to a local file: {uri}"


def test_brief_has_two_to_four_pages_and_an_outline(brief):
    assert 2 <= len(brief.pages) <= 4
    tree = outline_tree(brief)
    assert tree[0][1].startswith("In Focus")
    assert {"What was signed", "Key numbers", "What to watch", "Sources and dates"} <= {t for _, t, _ in tree}


GLUE = re.compile(r"\{glue:text\}`([^`:]+\.ipynb)::([A-Za-z0-9_]+):?([^`]*)`")


def glued_values(notebook: str) -> dict[str, str]:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return {
        o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"]
        for c in cells
        for o in c.get("outputs", [])
        if "scrapbook" in o.get("metadata", {}) and "application/papermill.record/text/plain" in o["data"]
    }


def test_every_number_in_the_brief_is_the_books_value(texts, built_book):
    """Each value the brief shows is the chapter's glued value, formatted the same way, and shows
    on the chapter's page, on the brief's page and in the brief's PDF."""
    from myst_nb.core.variables import format_plain_text

    source = notebook_markdown(ROOT / "notebooks" / "in_focus.ipynb")
    references = GLUE.findall(source)
    assert len(references) >= 30
    brief_html = (built_book / BRIEF_PAGE).read_text(encoding="utf-8")
    pasted = set(re.findall(r'<span class="pasted-text">([^<]*)</span>', brief_html))
    brief_text = re.sub(r"\s+", "", " ".join(texts["brief"]))
    for notebook, name, spec in references:
        value = format_plain_text(glued_values(notebook)[name], spec)
        chapter = (built_book / "notebooks" / notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert html_escape(value) in pasted, (name, value)
        assert re.sub(r"\s+", "", value) in brief_text, (name, value)
        if name not in ("sources_reviewed_to",):  # glued for the front matter, not shown in the chapter
            assert f'<span class="pasted-text">{html_escape(value)}</span>' in chapter, (
                notebook,
                name,
                value,
            )


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def test_brief_types_no_number_by_hand():
    prose = without_roles(notebook_markdown(ROOT / "notebooks" / "in_focus.ipynb"))
    prose = re.sub(r"```\{glue:figure\}[^\n]*\n(:[^\n]*\n)*", "", prose)  # the figure's options
    prose = re.sub(r"Section 122|\(\w+\.csv <[^>]+>\)|\]\([^)]*\)", "", prose)  # and link targets
    digits = re.findall(r"[^\n]*\d[^\n]*", prose)
    assert not digits, digits


def test_brief_chart_is_the_chapters_chart(built_book):
    image = re.compile(r'src="\.\./(_images/[0-9a-f]+\.png)"')
    brief_images = image.findall((built_book / BRIEF_PAGE).read_text(encoding="utf-8"))
    chapter_images = image.findall(
        (built_book / "notebooks" / "03_china_response.html").read_text(encoding="utf-8")
    )
    assert len(brief_images) == 1 and brief_images[0] in chapter_images


def test_pages_use_no_cjk_character_the_shipped_font_lacks(built_book):
    pages = [p for p in built_book.rglob("*.html") if "_static" not in p.parts]
    used = fonts.book_characters(ROOT, extra=pages)
    assert used, "no CJK characters found: the check is looking in the wrong place"
    missing = used - fonts.covered(built_book / "_static" / "fonts" / fonts.FONT_NAME)
    assert not missing, f"run `make fonts`: {''.join(sorted(missing))}"


def test_front_page_links_to_both_pdfs(built_book):
    front = (built_book / "index.html").read_text(encoding="utf-8")
    assert f'href="{PDF_NAME}"' in front
    assert f'href="{BRIEF_NAME}"' in front
