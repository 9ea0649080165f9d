"""House-style charts. Each returns a matplotlib Figure (not drawn through pyplot, so nothing is
shown twice); the notebook glues it and the book's caption carries the title, alt text and source.

Our World in Data conventions: the title states the finding, the subtitle the measure and units,
and the source line sits under the chart, inside the image, so it travels with any copy.

Shared helpers live here; each chapter's charts have a module of their own.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import pandas as pd
from matplotlib.figure import Figure

from .. import style
from ..sources import source_line

# Type sizes (pt) of the title, the subtitle and the source line: none below style.MIN_FONT_PT.
TITLE_PT, SUBTITLE_PT, SOURCE_PT = 13, style.MIN_FONT_PT, style.MIN_FONT_PT
# Characters per inch of figure width at those sizes (DejaVu Sans), for wrapping.
_TITLE_CPI, _SUBTITLE_CPI, _SOURCE_CPI = 7.55, 9.5, 9.5
# Line heights (inches) of the title, subtitle and source line.
_TITLE_LINE_INCHES, _SUBTITLE_LINE_INCHES, _SOURCE_LINE_INCHES = 0.228, 0.191, 0.191


def new_figure(height: float = style.FIGSIZE[1], width: float = style.FIGSIZE[0]) -> tuple[Figure, object]:
    """A house-style Figure with one Axes (constrained layout; nothing drawn through pyplot)."""
    style.apply()
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def wrap(text: str, width: int) -> str:
    """Wrap ``text`` onto lines of at most ``width`` characters (keeps existing line breaks)."""
    return "\n".join(textwrap.fill(line, width) if line else line for line in text.split("\n"))


def stacked_rows(
    labels: Iterable[str], width: int, row: float, per_line: float = 0.4
) -> tuple[list[str], list[float], float]:
    """Lay labelled rows out top to bottom: each label wrapped to ``width`` characters gets ``row``
    plus ``per_line`` for every extra line. Returns the wrapped labels, each row's centre and the
    total height (the story and China timelines share this layout)."""
    texts = [wrap(str(label), width) for label in labels]
    positions, y = [], 0.0
    for text in texts:
        height = row + per_line * text.count("\n")
        positions.append(y + height / 2)
        y += height
    return texts, positions, y


def plain(text: str) -> str:
    """Escape '$' so matplotlib prints it instead of starting mathtext (once: an escaped '$' stays)."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def finish(fig: Figure, ax, title: str, subtitle: str, sources: Iterable[str], dataset: str) -> Figure:
    """Title (the finding), subtitle (the measure, units) and a source line under the chart.

    All three are anchored to the figure's left edge (as Our World in Data does) and wrapped to
    the figure's width; constrained layout keeps the axes clear of them, so nothing overlaps or is
    cut off whatever the axis labels' width. ``ax`` is kept for callers; the layout covers all axes.
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    title = wrap(plain(title), int(width * _TITLE_CPI))
    subtitle = wrap(plain(subtitle), int(width * _SUBTITLE_CPI))
    credit = wrap(plain(source_line(sources, dataset)), int(width * _SOURCE_CPI))
    title_lines, subtitle_lines = title.count("\n") + 1, subtitle.count("\n") + 1
    top = title_lines * _TITLE_LINE_INCHES + subtitle_lines * _SUBTITLE_LINE_INCHES + 0.12
    bottom = (credit.count("\n") + 1) * _SOURCE_LINE_INCHES + 0.12
    fig.text(0.012, 1 - 0.06 / height, title, fontsize=TITLE_PT, fontweight="bold", va="top", gid="title")
    fig.text(
        0.012,
        1 - (0.1 + title_lines * _TITLE_LINE_INCHES) / height,
        subtitle,
        fontsize=SUBTITLE_PT,
        color=style.MUTED,
        ha="left",
        va="top",
    )
    fig.text(0.012, 0.04 / height, credit, fontsize=SOURCE_PT, color=style.MUTED, ha="left", va="bottom")
    fig.get_layout_engine().set(h_pad=0.06, rect=(0, bottom / height, 1, 1 - (top + bottom) / height))
    return fig


def title_of(fig: Figure) -> str:
    """The chart's title as one line of plain text (for tests and alt text)."""
    text = next(t.get_text() for t in fig.texts if t.get_gid() == "title")
    return text.replace("\n", " ").replace("\\$", "$")


def events_on_day(events: pd.DataFrame, day: str) -> Figure:
    """Dot chart of the events of one day, one row per event, coloured by country."""
    chosen = events[events["date"] == pd.Timestamp(day)].reset_index(drop=True)
    fig, ax = new_figure(height=1.2 + 0.42 * len(chosen))
    for row in chosen.itertuples():
        ax.scatter([0], [row.Index], s=90, color=style.colour(str(row.country)), zorder=3)
        label = f"{row.actor}: {row.event}"
        ax.text(0.03, row.Index, label if len(label) < 95 else label[:92] + "…", va="center")
    ax.set_xlim(-0.02, 1)
    ax.set_ylim(len(chosen) - 0.5, -0.5)
    ax.axis("off")
    day_text = f"{pd.Timestamp(day).day} {pd.Timestamp(day):%B %Y}"
    return finish(
        fig,
        ax,
        f"{len(chosen)} dated events on {day_text}",
        "Events recorded in the book's timeline for that day; colour = country",
        chosen["source_id"].astype(str),
        "events",
    )


def _show_figures_in_notebooks() -> None:
    """In a notebook, a chart function's result shows as the chart, not as ``<Figure size …>``:
    IPython is told to draw a Figure as the same deterministic PNG the book glues."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the book's environment
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "display_formatter"):
        from ..text import png

        shell.display_formatter.formatters["image/png"].for_type(Figure, lambda fig: png(fig).data)


_show_figures_in_notebooks()
