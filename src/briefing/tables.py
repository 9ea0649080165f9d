"""Tables for the book: plain, accessible HTML (no empty header cells, text escaped).

``to_html`` is the plain table the explorers show in JupyterLab. ``explorer_table`` is the table the
book shows in their place: the same rows, every cell labelled with its column (a phone shows each
row as a card) and, for each of the explorer's controls, which choices each row matches, so the
book's own script can offer the same filters in the page. Without JavaScript the full table shows.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

MISSING = "—"
REFLOW_CLASS = "briefing-reflow"  # a table whose rows become cards on a phone (see _static/briefing.css)


def _readable(frame: pd.DataFrame, columns: Mapping[str, str] | None) -> pd.DataFrame:
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    shown = frame.copy()
    for name in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d")
    return shown


def to_html(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> str:
    """HTML of ``frame`` with readable column titles; values are HTML-escaped, dates ISO."""
    return _readable(frame, columns).to_html(
        index=False, escape=True, na_rep=MISSING, border=0, classes="briefing-table", justify="left"
    )


def show(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> HTML:
    """Display a table in a notebook or the book (``columns`` maps data names to titles)."""
    return HTML(to_html(frame, columns))


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


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return MISSING
    return str(value)


def explorer_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    facets: Sequence[Facet],
    noun: tuple[str, str],
    sort_keys: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The rows of ``frame`` as a table the page can filter (``facets``), search and sort.

    ``noun`` names a row ("event", "events") for the count the page shows; ``sort_keys`` gives, for a
    column whose text does not sort well ("26 October 2025"), a key per row that does."""
    shown = _readable(frame, columns)
    titles = list(shown.columns)
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
    head = "".join(f'<th scope="col">{html.escape(title)}</th>' for title in titles)
    keys = {columns[name]: list(values) for name, values in (sort_keys or {}).items()}
    body = []
    for position, row in enumerate(shown.itertuples(index=False, name=None)):
        data = "".join(
            f' data-f-{f.key}="{html.escape("|".join(f.matches[position]), quote=True)}"' for f in facets
        )
        cells = []
        for title, value in zip(titles, row, strict=True):
            sort = keys.get(title)
            sort_attribute = f' data-sort="{html.escape(str(sort[position]), quote=True)}"' if sort else ""
            cells.append(
                f'<td data-label="{html.escape(title, quote=True)}"{sort_attribute}>'
                f"{html.escape(_cell(value))}</td>"
            )
        body.append(f"<tr{data}>{''.join(cells)}</tr>")
    return (
        f'<table class="briefing-table {REFLOW_CLASS}" {explorer_attribute(config)}>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
