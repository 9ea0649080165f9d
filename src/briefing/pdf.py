"""The PDF edition: every page of the built HTML book, in reading order, printed by Chromium and
bound into one file (``_build/html/briefing-book.pdf``, linked from the front page).

Printing the pages already built (rather than running Sphinx a second time for a single-page
build) keeps ``make book`` fast; the PDF is only re-made when a page or image changed.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import os
import re
import shutil
from io import BytesIO
from pathlib import Path

PDF_NAME = "briefing-book.pdf"
CHROMIUM = "/usr/bin/chromium"  # Debian's package; `browser_path()` finds another on PATH
NO_BROWSER = (
    "PDF edition skipped: no Chromium browser found. To print it, install Debian's chromium "
    "(sudo apt-get install chromium), then run: make pdf"
)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_NEXT = re.compile(r'<link rel="next" title="[^"]*" href="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def browser_path() -> str | None:
    """The Chromium that prints the PDF and runs the browser tests, or None if there is none.

    ``BRIEFING_CHROMIUM`` (set by ``make ... CHROMIUM=path``) wins, and an empty value means "no
    browser"; otherwise ``chromium`` on PATH, then Debian's path."""
    if "BRIEFING_CHROMIUM" in os.environ:
        chosen = os.environ["BRIEFING_CHROMIUM"]
        return chosen if chosen and Path(chosen).is_file() else None
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).is_file() else None)
    return found


PRINTER_STATE = "pdf-printer.txt"


def record_printer(build: Path) -> Path:
    """Note whether the PDF can be printed here, rewriting the note only when that changes: the
    front page links the PDF only when it will exist, so `make` rebuilds the HTML when it does."""
    note = build / PRINTER_STATE
    state = "chromium\n" if browser_path() else "none\n"
    if not note.is_file() or note.read_text() != state:
        build.mkdir(parents=True, exist_ok=True)
        note.write_text(state)
    return note


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


def build(html: Path, force: bool = False) -> Path | None:
    """Print the book to ``html/briefing-book.pdf`` unless it is already up to date; without a
    browser, say so in one line and return None (the HTML book is complete without it)."""
    chromium = browser_path()
    if chromium is None:
        print(NO_BROWSER)
        return None
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
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        context = browser.new_context()
        for page_path in pages:
            page = context.new_page()
            page.goto(page_path.as_uri(), wait_until="load")
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
