"""Tables for the book: plain, accessible HTML (no empty header cells, text escaped)."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML


def to_html(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> str:
    """HTML of ``frame`` with readable column titles; values are HTML-escaped, dates ISO."""
    if columns:
        frame = frame[list(columns)].rename(columns=columns)
    shown = frame.copy()
    for name in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d")
    return shown.to_html(
        index=False, escape=True, na_rep="—", border=0, classes="briefing-table", justify="left"
    )


def show(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> HTML:
    """Display a table in a notebook or the book (``columns`` maps data names to titles)."""
    return HTML(to_html(frame, columns))
