"""The PDF edition: every page of the built HTML book, in reading order, printed by Chromium and
bound into one file (``_build/html/briefing-book.pdf``, linked from the front page).

Printing the pages already built (rather than running Sphinx a second time for a single-page
build) keeps ``make book`` fast; the PDF is only re-made when a page or image changed.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from io import BytesIO
from pathlib import Path

PDF_NAME = "briefing-book.pdf"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_LOAD_EVERY_IMAGE = """() => Promise.all(Array.from(document.images).map(image => {
  image.loading = "eager";
  return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""
_NEXT = re.compile(r'<link rel="next" title="[^"]*" href="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def reading_order(html: Path) -> list[Path]:
    """Pages from the front page onwards, following each page's "next" link."""
    order, page = [], html / "index.html"
    while page.is_file() and page not in order:
        order.append(page)
        found = _NEXT.search(page.read_text(encoding="utf-8"))
        if not found:
            break
        page = (page.parent / found.group(1)).resolve()
    return order


def _fingerprint(pages: list[Path], html: Path) -> str:
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.read_bytes())
    for image in sorted((html / "_images").glob("*")):
        digest.update(image.name.encode() + image.read_bytes())
    return digest.hexdigest()


def build(html: Path, force: bool = False) -> Path:
    """Print the book to ``html/briefing-book.pdf`` unless it is already up to date."""
    pages = reading_order(html)
    target = html / PDF_NAME
    stamp = html.parent / f".{PDF_NAME}.sha256"
    fingerprint = _fingerprint(pages, html)
    if not force and target.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        print(f"up to date {target}")
        return target
    from playwright.sync_api import sync_playwright  # only when printing: a second to import
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context()
        for page_path in pages:
            page = context.new_page()
            page.goto(page_path.as_uri(), wait_until="load")
            page.evaluate(_LOAD_EVERY_IMAGE)  # charts load lazily on screen; the PDF needs them all
            page.emulate_media(media="print")
            printed = page.pdf(
                format="A4",
                print_background=True,
                outline=False,
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            )
            page.close()
            start = len(writer.pages)
            for sheet in PdfReader(BytesIO(printed)).pages:
                writer.add_page(sheet)
            title = _TITLE.search(page_path.read_text(encoding="utf-8"))
            text = html_lib.unescape(re.sub(r"\s+", " ", title.group(1))) if title else page_path.stem
            writer.add_outline_item(text.split(" — ")[0].strip(), start)
        browser.close()
    writer.add_metadata(
        {
            "/Title": "The US–Malaysia critical minerals deal of October 2025: a briefing book",
            "/Producer": "briefing (Chromium + pypdf)",
        }
    )
    with target.open("wb") as handle:
        writer.write(handle)
    stamp.write_text(fingerprint)
    print(f"wrote {target} ({len(writer.pages)} pages from {len(pages)} HTML pages)")
    return target
