"""Tables for the book: plain, accessible HTML (no empty header cells, text escaped)."""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

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


def to_html(frame: pd.DataFrame, columns: dict[str, str] | None = None, link_sources: bool = False) -> str:
    """HTML of ``frame`` with readable column titles; values are HTML-escaped, dates ISO. With
    ``link_sources``, the source ids in the source columns link to their entries on the Sources page."""
    linked = [c for c in (columns or frame.columns) if c in SOURCE_COLUMNS] if link_sources else []
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
        linked = [columns[c] for c in linked]
    shown = frame.copy()
    for name in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d")
    if not linked:
        return shown.to_html(
            index=False, escape=True, na_rep="—", border=0, classes="briefing-table", justify="left"
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
        index=False, escape=False, na_rep="—", border=0, classes="briefing-table", justify="left"
    )


def show(frame: pd.DataFrame, columns: dict[str, str] | None = None, link_sources: bool = False) -> HTML:
    """Display a table in a notebook or the book (``columns`` maps data names to titles)."""
    return HTML(to_html(frame, columns, link_sources))
