"""Tables for the book: plain, accessible HTML (no empty header cells, text escaped).

``to_html`` is the plain table the explorers show in JupyterLab. ``explorer_table`` is the table the
book shows in their place: the same rows, every cell labelled with its column (a phone shows each
row as a card) and, for each of the explorer's controls, which choices each row matches, so the
book's own script (``_static/briefing-explorer.js``) can offer the same filters in the page. Without
JavaScript the full table shows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

MISSING = "—"
REFLOW_CLASS = "briefing-reflow"  # a table whose rows become cards on a phone (see _static/briefing.css)

# Columns that name sources: with ``link_sources``, each source id in them links to its entry on the
# Sources page (the bibliography gives every entry the anchor ``cite-<id>``, lower case; see
# ``bibtex_cite_id`` in _config.yml).
SOURCE_COLUMNS = ("source_id", "source_status", "sources", "outcome_source_id", "thai_source_id")
SOURCES_PAGE = "../book/references.html"
_SOURCE_ID = re.compile(r"\bS\d+\b")


def source_link(source_id: str) -> str:
    """The address of a source's entry on the Sources page, from a page in notebooks/."""
    return f"{SOURCES_PAGE}#cite-{source_id.lower()}"


def _linked(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return _SOURCE_ID.sub(lambda m: f'<a href="{source_link(m.group())}">{m.group()}</a>', escaped)


def _iso_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with its date columns as ISO text (2025-10-26)."""
    shown = frame.copy()
    for name in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d")
    return shown


def to_html(frame: pd.DataFrame, columns: dict[str, str] | None = None, link_sources: bool = False) -> str:
    """HTML of ``frame`` with readable column titles; values are HTML-escaped, dates ISO. With
    ``link_sources``, the source ids in the source columns link to their entries on the Sources page."""
    linked = [c for c in (columns or frame.columns) if c in SOURCE_COLUMNS] if link_sources else []
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
        linked = [columns[c] for c in linked]
    shown = _iso_dates(frame)
    if not linked:
        return shown.to_html(
            index=False, escape=True, na_rep=MISSING, border=0, classes="briefing-table", justify="left"
        )
    for name in shown.columns:  # escaped here, since the links must not be
        column = shown[name]
        if name in linked:
            shown[name] = [_linked(str(v)) if pd.notna(v) else v for v in column.astype("object")]
        elif not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)):
            values = column.astype("object")
            shown[name] = [html.escape(str(v), quote=False) if pd.notna(v) else v for v in values]
    shown.columns = [html.escape(str(c), quote=False) for c in shown.columns]
    return shown.to_html(
        index=False, escape=False, na_rep=MISSING, border=0, classes="briefing-table", justify="left"
    )


def show(frame: pd.DataFrame, columns: dict[str, str] | None = None, link_sources: bool = False) -> HTML:
    """Display a table in a notebook or the book (``columns`` maps data names to titles)."""
    return HTML(to_html(frame, columns, link_sources))


@dataclass(frozen=True)
class Facet:
    """One filter of an explorer table, as the page offers it.

    ``kind`` is "choice" (a list: a row matches some of the ``options``; ``matches`` holds, per row,
    the option values it matches), "flag" (a check box: ``matches`` holds ["yes"] for the rows it
    keeps) or "period" (from and to, over ``options`` in time order: ``matches`` holds each row's
    first and last option value). ``default`` is the choice the page opens on ("" for all).
    """

    key: str
    label: str
    options: Sequence[tuple[str, str]]  # (value, label), in the order the control lists them
    matches: Sequence[Sequence[str]]
    kind: str = "choice"
    default: str = ""


def explorer_attribute(config: dict) -> str:
    """``data-explorer='…'``: the filters' JSON, single-quoted (shorter than escaping every '"')."""
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    return "data-explorer='" + html.escape(text, quote=False).replace("'", "&#x27;") + "'"


def _cell_text(value: object, linked: bool) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return MISSING
    return _linked(str(value)) if linked else html.escape(str(value), quote=False)


def explorer_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    facets: Sequence[Facet],
    noun: tuple[str, str],
    sort_keys: Mapping[str, Sequence[str]] | None = None,
    link_sources: bool = False,
) -> str:
    """The rows of ``frame`` as a table the page can filter (``facets``), search and sort.

    ``noun`` names a row ("event", "events") for the count the page shows; ``sort_keys`` gives, for a
    column whose text does not sort well ("26 October 2025"), a key per row that does. With
    ``link_sources``, source ids in the source columns link to their Sources entries."""
    shown = _iso_dates(frame[list(columns)])
    config = {
        "noun": list(noun),
        "facets": [
            {
                "key": f.key,
                "label": f.label,
                "kind": f.kind,
                "options": [list(option) for option in f.options],
                "default": f.default,
            }
            for f in facets
        ],
    }
    head = "".join(f'<th scope="col">{html.escape(title)}</th>' for title in columns.values())
    body = []
    for position, row in enumerate(shown.itertuples(index=False, name=None)):
        data = "".join(
            f' data-f-{f.key}="{html.escape("|".join(f.matches[position]), quote=True)}"' for f in facets
        )
        cells = []
        for name, value in zip(columns, row, strict=True):
            title = html.escape(columns[name], quote=True)
            sort = (sort_keys or {}).get(name)
            sort_attribute = f' data-sort="{html.escape(str(sort[position]), quote=True)}"' if sort else ""
            text = _cell_text(value, link_sources and name in SOURCE_COLUMNS)
            # one element per cell: on a phone the cell is a two-column grid (label, value), and a
            # link beside bare text would otherwise become two grid items on two lines
            cells.append(f'<td data-label="{title}"{sort_attribute}><span>{text}</span></td>')
        body.append(f"<tr{data}>{''.join(cells)}</tr>")
    return (
        f'<table class="briefing-table {REFLOW_CLASS}" {explorer_attribute(config)}>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
