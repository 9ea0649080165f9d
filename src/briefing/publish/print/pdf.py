"""The print editions, printed from the built HTML book by Chromium and bound with pypdf:

* the book (``_build/html/briefing-book.pdf``): a cover, a contents page, then every page in reading
  order, with running footers and page numbers, an outline (parts, chapters, sections) and links
  that lead to the right page of the PDF;
* the In Focus brief (``_build/html/in-focus.pdf``): the two-page brief, printed on its own and
  left out of the book.

Both are linked from the front page. Printing the pages already built (rather than running Sphinx a
second time for a single-page build) keeps ``make book`` fast; an edition is re-made only when a page,
an image, the book's CSS, or what the cover says has changed.

Layout lives in CSS: the book's print rules in ``_static/briefing.css`` (which also shape a page a
reader prints from the browser), a few rules for the book edition only in ``print/edition.css``, and
the cover, contents page and footers in ``print/*.html`` and ``print/front.css``.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from io import BytesIO
from pathlib import Path
from string import Template
from urllib.parse import unquote, urlparse

PDF_NAME = "briefing-book.pdf"
BRIEF_NAME = "in-focus.pdf"
BRIEF_PAGE = "notebooks/in_focus.html"
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
MARGIN = {"top": "16mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
ASSETS = Path(__file__).resolve().parent  # the cover, contents and footer templates beside this module
INTRODUCTION = "About this book"  # the front page's entry in the contents and the outline
# Charts load lazily on screen (loading="lazy"): one below the fold may not have loaded when the
# page's load event fires, and Chromium prints an image that has not loaded as a blank box.
LOAD_EVERY_IMAGE = """() => Promise.all(Array.from(document.images).map(image => {
  image.loading = "eager";
  return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""

_NEXT = re.compile(r'<link rel="next" title="[^"]*" href="([^"]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HREF = re.compile(r'href="([^"]+)"')
_SIDEBAR = re.compile(
    r'<span class="caption-text">(?P<caption>[^<]+)</span>'
    r'|<li class="toctree-l1[^"]*"><a class="reference internal" href="(?P<href>[^"#]+)"'
)


def browser_path() -> str | None:
    """The Chromium that prints the PDF and runs the browser tests, or None if there is none.

    ``BRIEFING_CHROMIUM`` (set by ``make ... CHROMIUM=path``) wins, and an empty value means "no
    browser"; otherwise ``chromium`` on PATH, then Debian's path."""
    if "BRIEFING_CHROMIUM" in os.environ:
        chosen = os.environ["BRIEFING_CHROMIUM"]
        return chosen if chosen and Path(chosen).is_file() else None
    return shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).is_file() else None)


PRINTER_STATE = "pdf-printer.txt"


def record_printer(build: Path) -> Path:
    """Note whether the PDF can be printed here, rewriting the note only when that changes: the
    front page links the PDFs only when they will exist, so `make` rebuilds the HTML when it does."""
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


def page_title(page: Path) -> str:
    found = _TITLE.search(page.read_text(encoding="utf-8"))
    text = html_lib.unescape(re.sub(r"\s+", " ", found.group(1))) if found else page.stem
    return text.split(" — ")[0].strip()


def parts(html: Path) -> list[tuple[str | None, list[Path]]]:
    """The book's parts as the front page's navigation lists them: (caption, pages); the front page
    itself comes first, in a part of its own with no caption."""
    found: list[tuple[str | None, list[Path]]] = [(None, [(html / "index.html").resolve()])]
    for match in _SIDEBAR.finditer((html / "index.html").read_text(encoding="utf-8")):
        if match["caption"]:
            found.append((html_lib.unescape(match["caption"]), []))
        elif found[-1][0] is not None:
            found[-1][1].append((html / match["href"]).resolve())
    return found


def link_targets(pages: list[Path]) -> dict[Path, set[str]]:
    """For each page, the #fragments of it that some page links to. Chromium writes a named
    destination into a page's PDF only for fragments the page itself links to, so these are added
    to each page as hidden links before printing."""
    targets: dict[Path, set[str]] = {page: set() for page in pages}
    for page in pages:
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            parsed = urlparse(html_lib.unescape(href))
            if parsed.scheme or not parsed.fragment:
                continue
            target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
            if target in targets:
                targets[target].add(parsed.fragment)
    return targets


def edition_facts(root: Path) -> dict[str, str]:
    """What the cover says, from the book's configuration, citation file and data."""
    import yaml

    from ...dateline import edition_dates

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    return {
        "title": str(config["title"]).split(":")[0].strip(),
        "author": str(config["author"]),
        "edition": str(citation["version"]),
        "licence": str(citation["license"]).replace("-", " "),
        "as_of": edition_dates()["edition_date"],
        "sources_to": edition_dates()["sources_reviewed_to"],
        "searched_to": edition_dates()["searched_to"],
    }


def _fill(template: str, **values: str) -> str:
    return Template((ASSETS / template).read_text(encoding="utf-8")).substitute(
        front_css=(ASSETS / "front.css").as_uri(), **values
    )


def cover_html(facts: dict[str, str]) -> str:
    return _fill("cover.html", **{k: html_lib.escape(v) for k, v in facts.items()})


def contents_html(entries: list[tuple[str | None, list[tuple[str, int]]]]) -> str:
    """The contents page: each part's caption, then its pages with their page numbers."""
    blocks = []
    for caption, items in entries:
        if caption:
            blocks.append(f"<h2>{html_lib.escape(caption)}</h2>")
        rows = "".join(
            f'<li><span class="title">{html_lib.escape(title)}</span><span class="leader"></span>'
            f'<span class="page">{number}</span></li>'
            for title, number in items
        )
        blocks.append(f"<ol>{rows}</ol>")
    return _fill("contents.html", entries="\n".join(blocks))


def stamps_html(lines: list[tuple[str, str] | None]) -> str:
    """One A4 page per entry, blank but for a footer line (left text, right text); None: no footer."""
    sheets = []
    for line in lines:
        inner = ""
        if line:
            left, right = (html_lib.escape(text) for text in line)
            inner = f'<div class="line"><span>{left}</span><span>{right}</span></div>'
        sheets.append(f'<section class="stamp">{inner}</section>')
    return _fill("stamps.html", pages="\n".join(sheets))


@dataclass
class Printed:
    """One printed document and what binding it needs: its outline and named destinations, with
    page numbers counted within the document."""

    title: str
    source: Path | None
    data: bytes
    outline: list[tuple[str, int, float | None, list]] = field(default_factory=list)
    dests: dict[str, tuple[int, float | None]] = field(default_factory=dict)
    first: int = 0  # index of its first page in the bound edition

    @cached_property
    def reader(self):
        from pypdf import PdfReader

        return PdfReader(BytesIO(self.data))


def _read_outline(reader, items) -> list[tuple[str, int, float | None, list]]:
    tree: list[tuple[str, int, float | None, list]] = []
    for item in items:
        if isinstance(item, list):
            if tree:
                tree[-1][3].extend(_read_outline(reader, item))
            continue
        tree.append((_undoubled(str(item.title)), reader.get_destination_page_number(item), _top(item), []))
    return tree


def _undoubled(title: str) -> str:
    """Chromium sometimes names an outline entry twice over ('Key numbersKey numbers') when its
    heading is the first thing on a printed page; keep one."""
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and title[:half] == title[half:] else title


def _top(destination) -> float | None:
    top = destination.get("/Top")
    return float(top) if top is not None else None


def _analyse(printed: Printed) -> Printed:
    reader = printed.reader
    outline = _read_outline(reader, reader.outline)
    # Chromium's outline starts with the page's title (the h1): keep the sections under it
    printed.outline = outline[0][3] if len(outline) == 1 else outline
    printed.dests = {
        str(name).lstrip("/"): (reader.get_destination_page_number(dest), _top(dest))
        for name, dest in reader.named_destinations.items()
    }
    return printed


class Printer:
    """A Chromium session that prints built pages and generated front matter."""

    def __init__(self, playwright, workdir: Path):
        self.browser = playwright.chromium.launch(executable_path=browser_path(), args=LAUNCH_ARGS)
        self.context = self.browser.new_context()
        self.workdir = workdir

    def page(self, path: Path, fragments: set[str], extra_css: str = "") -> bytes:
        page = self.context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate(LOAD_EVERY_IMAGE)  # the book and the brief alike: the PDF needs every chart
        page.emulate_media(media="print")
        if extra_css:
            page.add_style_tag(content=extra_css)
        page.evaluate(
            """fragments => { for (const fragment of fragments) {
                 const link = document.createElement('a');
                 link.href = '#' + fragment; link.style.display = 'none'; link.className = 'print-target';
                 document.body.appendChild(link); } }""",
            sorted(fragments),
        )
        page.evaluate("async () => { await document.fonts.ready; }")
        data = page.pdf(format="A4", print_background=True, outline=True, tagged=True, margin=MARGIN)
        page.close()
        return data

    def document(self, name: str, text: str) -> bytes:
        path = self.workdir / name
        path.write_text(text, encoding="utf-8")
        page = self.context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.evaluate("async () => { await document.fonts.ready; }")
        data = page.pdf(print_background=True, prefer_css_page_size=True)
        page.close()
        return data

    def close(self) -> None:
        self.context.close()
        self.browser.close()


def _bind(documents: list[Printed], footers: list[tuple[str, str] | None], stamps: bytes):
    """One PDF from the printed documents: pages, footers, outline, links."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NullObject

    writer = PdfWriter()
    owner: list[Printed] = []
    for document in documents:
        document.first = len(writer.pages)
        for sheet in document.reader.pages:
            writer.add_page(sheet)
            owner.append(document)
    for index, sheet in enumerate(PdfReader(BytesIO(stamps)).pages):
        if footers[index]:
            writer.pages[index].merge_page(sheet)
            writer.pages[index].compress_content_streams()  # merging leaves them uncompressed

    by_source = {doc.source: doc for doc in documents if doc.source}

    def destination(document: Printed, fragment: str | None):
        page, top = document.dests.get(fragment, (0, None)) if fragment else (0, None)
        reference = writer.pages[document.first + page].indirect_reference
        return ArrayObject(
            [
                reference,
                NameObject("/XYZ"),
                NullObject(),
                FloatObject(top) if top is not None else NullObject(),
                NullObject(),
            ]
        )

    for index, sheet in enumerate(writer.pages):
        annotations = sheet.get("/Annots")
        if not annotations:
            continue
        kept = ArrayObject()
        for reference in annotations:
            annotation = reference.get_object()
            if "/Dest" in annotation and not isinstance(annotation["/Dest"], ArrayObject):
                # Chromium links a page's own #fragments through named destinations; the bound
                # PDF has no name table, so point them at the page and height directly
                name = str(annotation["/Dest"]).lstrip("/")
                annotation[NameObject("/Dest")] = destination(owner[index], name)
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if uri.startswith("file:"):
                target = urlparse(uri)
                document = by_source.get(Path(unquote(target.path)).resolve())
                action.clear()  # no local path stays in the file, even in an unused object
                del annotation["/A"]
                if document is None:  # a file of the web edition (a CSV download, the brief)
                    annotation.clear()
                    continue
                annotation[NameObject("/Dest")] = destination(document, target.fragment or None)
            kept.append(reference)
        sheet[NameObject("/Annots")] = kept
    return writer


def _add_outline(writer, entries: list[tuple[str, int, float | None, list]], parent=None) -> None:
    from pypdf.generic import Fit

    for title, page, top, children in entries:
        fit = Fit.xyz(top=top) if top is not None else Fit.fit()
        item = writer.add_outline_item(title, page, parent=parent, fit=fit)
        _add_outline(writer, children, item)


def _global(document: Printed, tree) -> list[tuple[str, int, float | None, list]]:
    return [
        (title, document.first + page, top, _global(document, children))
        for title, page, top, children in tree
    ]


def _write(writer, target: Path, title: str, subject: str) -> None:
    writer.add_metadata(
        {
            "/Title": title,
            "/Subject": subject,
            "/Author": "The briefing book contributors",
            "/Producer": "briefing (Chromium + pypdf)",
        }
    )
    writer.page_mode = "/UseOutlines"
    with target.open("wb") as handle:
        writer.write(handle)


def print_book(printer: Printer, html: Path, pages: list[Path], facts: dict[str, str]) -> Path:
    """Cover, contents, then every page in reading order; footers, outline and links."""
    targets = link_targets(pages)
    css = (ASSETS / "edition.css").read_text(encoding="utf-8")
    chapters = {
        page: _analyse(Printed(page_title(page), page, printer.page(page, targets[page], css)))
        for page in pages
    }
    cover = Printed(facts["title"], None, printer.document("cover.html", cover_html(facts)))
    book_parts = [(caption, [p for p in members if p in chapters]) for caption, members in parts(html)]
    listed = {p for _, members in book_parts for p in members}
    book_parts.append((None, [p for p in pages if p not in listed]))  # anything the navigation omits

    def label(page: Path) -> str:
        return INTRODUCTION if page == (html / "index.html").resolve() else chapters[page].title

    contents_pages = 1
    while True:  # the contents may run over a page; number the book once its length is known
        number, entries = 1 + contents_pages, []
        for caption, members in book_parts:
            items = []
            for page in members:
                items.append((label(page), number + 1))
                number += len(chapters[page].reader.pages)
            if items:
                entries.append((caption, items))
        contents = Printed("Contents", None, printer.document("contents.html", contents_html(entries)))
        if len(contents.reader.pages) == contents_pages:
            break
        contents_pages = len(contents.reader.pages)

    ordered = [chapters[p] for _, members in book_parts for p in members]
    documents = [cover, contents, *ordered]
    footers: list[tuple[str, str] | None] = []
    for document in documents:
        for _ in document.reader.pages:
            number = len(footers) + 1
            name = label(document.source) if document.source else document.title
            footers.append(None if document is cover else (f"{facts['title']} · {name}", str(number)))
    writer = _bind(documents, footers, printer.document("stamps.html", stamps_html(footers)))

    _add_outline(writer, [(facts["title"], cover.first, None, []), ("Contents", contents.first, None, [])])
    for caption, members in book_parts:
        docs = [chapters[p] for p in members]
        tree = [(label(doc.source), doc.first, None, _global(doc, doc.outline)) for doc in docs]
        if caption and tree:
            _add_outline(writer, [(caption, tree[0][1], None, tree)])
        else:
            _add_outline(writer, tree)
    target = html / PDF_NAME
    _write(writer, target, f"{facts['title']}: a briefing book", f"Edition {facts['edition']}")
    print(f"wrote {target} ({len(writer.pages)} pages)")
    return target


def print_brief(printer: Printer, html: Path, page: Path, facts: dict[str, str]) -> Path:
    """The In Focus brief: its page, printed on its own, with footers and an outline."""
    brief = _analyse(Printed(page_title(page), page, printer.page(page, link_targets([page])[page])))
    total = len(brief.reader.pages)
    footers = [(f"In Focus · {facts['title']}", f"{n} of {total}") for n in range(1, total + 1)]
    writer = _bind([brief], footers, printer.document("stamps.html", stamps_html(footers)))
    _add_outline(writer, [(brief.title, 0, None, _global(brief, brief.outline))])
    target = html / BRIEF_NAME
    _write(writer, target, brief.title, f"In Focus, information as of {facts['as_of']}")
    print(f"wrote {target} ({total} pages)")
    return target


def _fingerprint(pages: list[Path], html: Path, facts: dict[str, str]) -> str:
    digest = hashlib.sha256(repr(sorted(facts.items())).encode())
    files = [*pages, *sorted((html / "_images").glob("*")), *sorted((html / "_static" / "fonts").glob("*"))]
    files += [html / "_static" / "briefing.css", Path(__file__), *sorted(ASSETS.glob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def build(html: Path, force: bool = False) -> list[Path]:
    """Print both editions into ``html`` unless they are up to date; skip, with one line saying how
    to get a browser, when there is none."""
    if browser_path() is None:
        print(NO_BROWSER)
        return []
    from ...paths import repo_root

    pages = reading_order(html)
    brief = (html / BRIEF_PAGE).resolve()
    book_pages = [p for p in pages if p != brief]
    facts = edition_facts(repo_root())
    targets = [html / PDF_NAME] + ([html / BRIEF_NAME] if brief.is_file() else [])
    stamp = html.parent / ".pdf-editions.sha256"
    fingerprint = _fingerprint(pages, html, facts)
    if (
        not force
        and all(t.is_file() for t in targets)
        and stamp.is_file()
        and stamp.read_text() == fingerprint
    ):
        for target in targets:
            print(f"up to date {target}")
        return targets
    from playwright.sync_api import sync_playwright  # only when printing: a second to import

    with tempfile.TemporaryDirectory(prefix="briefing-print-") as workdir, sync_playwright() as playwright:
        printer = Printer(playwright, Path(workdir))
        try:
            written = [print_book(printer, html, book_pages, facts)]
            if brief.is_file():
                written.append(print_brief(printer, html, brief, facts))
        finally:
            printer.close()
    stamp.write_text(fingerprint)
    return written
