"""Offline link check of the built HTML: internal links and #anchors must exist; external links
are only listed (never fetched: the book is checked without a network)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for key in ("href", "src"):
            value = attributes.get(key)
            if value and not (tag == "link" and attributes.get("rel") in ("canonical",)):
                self.links.append(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def check_site(html: Path) -> tuple[list[str], set[str]]:
    """Return (broken internal links, external URLs) for every page of the site."""
    parsed = {p: _parse(p) for p in pages(html)}
    broken, external = [], set()
    for page, links in parsed.items():
        for link in links.links:
            target = urlparse(link)
            if target.scheme in ("http", "https", "mailto") or link.startswith("//"):
                external.add(link)
                continue
            if target.scheme or link.startswith(("javascript:", "data:")):
                continue
            file = page if not target.path else (page.parent / unquote(target.path)).resolve()
            if file.is_dir():
                file = file / "index.html"
            where = f"{page.relative_to(html)} → {link}"
            if not file.exists():
                broken.append(f"{where}: no such file")
                continue
            if target.fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else _parse(file).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{where}: no anchor #{target.fragment}")
    return broken, external


def csv_links(html: Path) -> list[tuple[str, str]]:
    """(page, href) of every link to a CSV file."""
    found = []
    for page in pages(html):
        for href in re.findall(r'href="([^"]+\.csv)"', page.read_text(encoding="utf-8")):
            found.append((str(page.relative_to(html)), href))
    return found
