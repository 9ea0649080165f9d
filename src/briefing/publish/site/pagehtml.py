"""Changes to a page's HTML body made while the book is built (called from ``.sphinxext``).

* ``label_table_cells``: every data table's cells get the title of their column (``data-label``), so
  a phone can show each row as a card without a column cut off. Tables the book writes itself
  (``briefing.tables.explorer_table``) already carry them.
* ``explore_sources``: the list of sources gets the filters a reader needs to find one (grade and
  kind of source, year) and a search, read from the source registry.
* ``define_terms``: a link to a glossary entry carries the entry's definition (``data-definition``),
  which the page shows when the link is hovered or focused.
* ``link_charts``: each chart links to its image file, which the page opens enlarged, and loads
  only when the reader nears it (except on the front page, where it is the first thing seen).

Pure functions of the HTML and data they are given, so the same input gives the same page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ...tables import REFLOW_CLASS, explorer_attribute

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
_HEAD_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_HEADER_CELL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_CELL_OPEN = re.compile(r"<(td|th)\b([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _add_class(attributes: str, name: str) -> str:
    if re.search(r'\bclass="', attributes):
        return re.sub(r'\bclass="', f'class="{name} ', attributes, count=1)
    return f' class="{name}"{attributes}'


def label_table_cells(body: str) -> str:
    """Give every cell of each simple data table (one header row, no merged cells) its column's title."""

    def label(table: re.Match) -> str:
        attributes, inner = table.group(1), table.group(2)
        if "data-label=" in inner or "indextable" in attributes or "colspan" in inner or "rowspan" in inner:
            return table.group(0)
        head, found, rest = inner.partition("</thead>")
        if not found or len(_HEAD_ROW.findall(head)) != 1:
            return table.group(0)
        titles = [_text(cell) for _, cell in _HEADER_CELL.findall(head)]
        if not titles or not all(titles):
            return table.group(0)

        def row(match: re.Match) -> str:
            remaining = iter(titles)

            def cell(opening: re.Match) -> str:
                title = next(remaining, None)
                if title is None:
                    return opening.group(0)
                escaped = html.escape(title, quote=True)
                return f'<{opening.group(1)} data-label="{escaped}"{opening.group(2)}>'

            return match.group(1) + _CELL_OPEN.sub(cell, match.group(2)) + match.group(3)

        return f"<table{_add_class(attributes, REFLOW_CLASS)}>{head}</thead>{_ROW.sub(row, rest)}</table>"

    return _TABLE.sub(label, body)


_CITATION = re.compile(r'<div class="citation" id="([^"]+)">')
_CITATION_DATA = (
    ("f-grade", "grade"),
    ("f-kind", "kind"),
    ("f-year", "year"),
    ("s-date", "date"),
    ("s-publisher", "publisher"),
)
_CITATION_LIST = '<div class="citation-list">'


def explore_sources(
    body: str,
    entries: Mapping[str, Mapping[str, str]],
    kinds: Mapping[str, str],
    grades: Mapping[str, str] | None = None,
) -> str:
    """Let the reader filter the list of sources by grade, kind and year and sort it by date or
    publisher.

    ``entries`` maps the id of each entry's element to its source's ``kind``, ``grade``, ``year``
    (or "n.d."), ``date`` (as precise as known) and ``publisher``; ``kinds`` and ``grades`` map each
    kind and grade to its label, in the order the filters list them."""
    if _CITATION_LIST not in body:
        return body
    present = {entry["kind"] for entry in entries.values()}
    graded = {entry.get("grade") for entry in entries.values()}
    years = sorted({entry["year"] for entry in entries.values()}, reverse=True)
    by_grade = [
        {
            "key": "grade",
            "label": "Grade of source",
            "kind": "choice",
            "options": [[grade, label] for grade, label in (grades or {}).items() if grade in graded],
            "default": "",
        }
    ]
    config = {
        "noun": ["source", "sources"],
        "items": ".citation",
        "facets": [
            *(by_grade if grades else []),
            {
                "key": "kind",
                "label": "Kind of source",
                "kind": "choice",
                "options": [[kind, label] for kind, label in kinds.items() if kind in present],
                "default": "",
            },
            {
                "key": "year",
                "label": "Year published",
                "kind": "choice",
                "options": [[year, year] for year in years],
                "default": "",
            },
        ],
        "sorts": [{"key": "date", "label": "Date published"}, {"key": "publisher", "label": "Publisher"}],
    }

    def annotate(match: re.Match) -> str:
        entry = entries.get(match.group(1))
        if entry is None:
            return match.group(0)
        data = "".join(
            f' data-{name}="{html.escape(entry[field], quote=True)}"'
            for name, field in _CITATION_DATA
            if field in entry
        )
        return f'<div class="citation" id="{match.group(1)}"{data}>'

    body = _CITATION.sub(annotate, body)
    return body.replace(_CITATION_LIST, f'<div class="citation-list" {explorer_attribute(config)}>', 1)


_TERM_LINK = re.compile(r'<a class="reference internal" href="([^"]*#term-[^"]*)">')


def define_terms(body: str, definitions: Mapping[str, str]) -> str:
    """Add ``data-definition`` to each link whose target (``href`` as written in this page) is a
    glossary entry in ``definitions``."""

    def define(match: re.Match) -> str:
        definition = definitions.get(match.group(1))
        if definition is None:
            return match.group(0)
        return match.group(0)[:-1] + f' data-definition="{html.escape(definition, quote=True)}">'

    return _TERM_LINK.sub(define, body)


def definition_text(definition) -> str:
    """A glossary definition as one line of plain text, its citations left out (the glossary entry
    the link leads to has them)."""
    from docutils import nodes

    copy = definition.deepcopy()
    for reference in list(copy.findall(nodes.Element)):
        if reference.get("refdomain") == "cite" and reference.parent is not None:
            reference.parent.remove(reference)
    text = " ".join(copy.astext().split())
    return re.sub(r"\s+([.,;:])", r"\1", text)


_CHART = re.compile(r'(<figure\b[^>]*>\s*)<img ([^>]*?)src="([^"]+\.png)"([^>]*?)\s*/?>')


def link_charts(body: str, lazy: bool = True) -> str:
    """Wrap each figure's image in a link to the image file (``a.chart-enlarge``) and, with ``lazy``,
    let the browser fetch it only when the reader scrolls near it."""

    def link(match: re.Match) -> str:
        opening, before, source, after = match.groups()
        loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high"'
        image = f'<img {before}src="{source}"{after}{loading} />'
        return f'{opening}<a class="chart-enlarge" href="{source}">{image}</a>'

    return _CHART.sub(link, body)
