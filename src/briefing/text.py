"""Formatting for numbers and dates that reach the prose (via myst-nb glue)."""

from __future__ import annotations

from datetime import date

import pandas as pd


def long_date(value: date | pd.Timestamp, precision: str = "day") -> str:
    """'26 October 2025', 'October 2025' or '2025', as precise as the data, never more."""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


def short_date(value: date | pd.Timestamp, precision: str = "day") -> str:
    """'26 Oct 2025', 'Oct 2025' or '2025': ``long_date`` with the month abbreviated, for charts."""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value:%b %Y}"
    return f"{value.day} {value:%b %Y}"


def share_text(value: float) -> str:
    """A percentage share as the prose and charts print it: '92%', '5%', '0.03%', 'less than
    0.01%', or 'no data' when missing."""
    if pd.isna(value):
        return "no data"
    if value >= 1:
        return f"{value:.0f}%"
    return f"{value:.2f}%" if value >= 0.01 else "less than 0.01%"


def png(fig) -> object:
    """A matplotlib Figure as an IPython PNG image: explicit bytes, no backend needed, and the same
    bytes on every run (no software/date metadata)."""
    from io import BytesIO

    from IPython.display import Image

    buffer = BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return Image(data=buffer.getvalue(), format="png")


def publish(**values: object) -> None:
    """Glue each keyword as a named value for the prose (``{glue:text}`name``) or, for a figure,
    for a ``{glue:figure}`` directive.

    Values are glued hidden. A figure is glued *displayed*, as an ordinary PNG output, so a reader
    re-running the notebook in JupyterLab sees the chart; the cell that publishes it carries the
    ``remove-cell`` tag (the contract test checks), so the book removes that output and shows the
    chart once, where its ``{glue:figure}`` directive stands."""
    from matplotlib.figure import Figure
    from myst_nb import glue

    for name, value in values.items():
        if isinstance(value, Figure):
            glue(name, png(value), display=True)
            continue
        if hasattr(value, "item") and not hasattr(value, "__len__"):
            value = value.item()  # numpy scalar -> int/float, so {glue:text}`x:.1f` can format it
        glue(name, value, display=False)
        _GLUED[name] = _plain(value)


_GLUED: dict[str, str] = {}  # name -> the text/plain that glue stored, for glued()


def _plain(value: object) -> str:
    from IPython.core.formatters import format_display_data

    return format_display_data(value)[0].get("text/plain", "")


class Pasted(str):
    """Text that a notebook shows as it is (no quotes around it)."""

    def __repr__(self) -> str:
        return str(self)


def glued(name: str, fmt: str = "s") -> Pasted:
    """The text ``{glue:text}`name:fmt``` prints for a value ``publish`` glued in this kernel.

    Prose writes ``{eval}`glued("name")``` (or ``glued("name", ".1f")``): jupyterlab-myst evaluates
    it in the kernel when the chapter is re-run in JupyterLab, and the book's ``eval`` role
    (``briefing.sphinxext``) resolves the same expression from the stored glue, so both show one
    value, computed once, formatted by the same function as myst-nb's glue."""
    from myst_nb.core.variables import format_plain_text

    if name not in _GLUED:
        raise KeyError(f"{name!r} has not been published in this kernel; run the cells above first")
    return Pasted(format_plain_text(_GLUED[name], fmt))


def share_range_text(low: float, high: float) -> str:
    """A share that sources report as a range: '91–92%'; one figure ('92%', '0.03%') when both ends
    round alike or the share is below 1 per cent; 'no data' when missing."""
    if pd.isna(low) or pd.isna(high):
        return "no data"
    if round(low) == round(high) or low < 1:
        return share_text(low)
    return f"{low:.0f}–{high:.0f}%"
