"""House-style charts. Each returns a matplotlib Figure (not drawn through pyplot, so nothing is
shown twice); the notebook glues it and the book's caption carries the title, alt text and source.

Our World in Data conventions: the title states the finding, the subtitle the measure and units,
and the source line sits under the chart, inside the image, so it travels with any copy.

Shared helpers live here; each chapter's charts have a module of their own.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from matplotlib.figure import Figure

from .. import style
from ..sources import source_line


def new_figure(height: float = style.FIGSIZE[1]) -> tuple[Figure, object]:
    style.apply()
    fig = Figure(figsize=(style.FIGSIZE[0], height), layout="constrained")
    return fig, fig.add_subplot()


def finish(fig: Figure, ax, title: str, subtitle: str, sources: Iterable[str], dataset: str) -> Figure:
    """Title (the finding), subtitle (the measure) and a source line under the chart."""
    ax.set_title(f"{title}\n", loc="left", fontsize=12, fontweight="bold")
    ax.text(0, 1.02, subtitle, transform=ax.transAxes, fontsize=9.5, color=style.MUTED, va="bottom")
    fig.text(
        0.01,
        0.005,
        source_line(sources, dataset),
        fontsize=8,
        color=style.MUTED,
        ha="left",
        va="bottom",
        wrap=True,
    )
    fig.get_layout_engine().set(h_pad=0.25)
    return fig


def events_on_day(events: pd.DataFrame, day: str) -> Figure:
    """Dot chart of the events of one day, one row per event, coloured by country."""
    chosen = events[events["date"] == pd.Timestamp(day)].reset_index(drop=True)
    fig, ax = new_figure(height=1.2 + 0.42 * len(chosen))
    for row in chosen.itertuples():
        ax.scatter([0], [row.Index], s=90, color=style.colour(str(row.country)), zorder=3)
        label = f"{row.actor}: {row.event}"
        ax.text(0.03, row.Index, label if len(label) < 95 else label[:92] + "…", va="center", fontsize=9)
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
