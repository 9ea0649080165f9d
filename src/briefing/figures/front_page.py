"""The front page's charts, drawn from the data into files the page shows: at a glance, China's
share of each stage of the value chain (compact, above the fold); further down, the key-events
timeline.

The front page is a Markdown page, and a glued figure cannot be shown on another page, so the charts
are written (deterministically: the same data give the same bytes) to ``book/figures/`` by
``python -m briefing prepare``, like the generated bibliography and catalogue, and a test checks
that the committed file is current.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import style
from ..analysis import market
from ..loaders import labels, load
from ..text import png_bytes, share_range_text
from . import finish, new_figure
from .timeline import story_chart

FRONT_CHART = Path("book") / "figures" / "key-events.png"


def render() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    fig = story_chart(load("events"), load("agreements"))
    # The same path as every glued chart: refused unless legible on a phone, drawn at the house
    # resolution (2x on a phone) and reduced to an exact palette, the same bytes on every run.
    return png_bytes(fig)


GLANCE_CHART = Path("book") / "figures" / "value-chain.png"
GLANCE_HEIGHT = 2.9  # inches: short enough to sit above the fold beside the headlines on a phone
XMAX = 150  # per cent axis runs to here: room right of the longest bar for its label
ROW_STEP = 1.3  # data units between stages: room for a stage's name above its bar and Malaysia's below


def glance_rows(shares: pd.DataFrame) -> pd.DataFrame:
    """One row per stage (value-chain order): China's latest share (low, high, year) and Malaysia's
    where the data hold one (NaN otherwise), by the book's one reading of the shares table."""
    china = market.latest_stage_shares(shares, "China").set_index("stage")
    malaysia = market.latest_stage_shares(shares, "Malaysia").set_index("stage")
    keep = ["year", "share_low", "share_high", "sources"]
    joined = china[keep].join(malaysia[keep], how="left", rsuffix="_malaysia")
    return joined.reset_index()


def glance_chart(shares: pd.DataFrame) -> Figure:
    """The front page's chart: China's share of each stage of the rare-earth value chain, with
    Malaysia's named beside the stage where known. Compact, so that it sits above the fold."""
    rows = glance_rows(shares)
    names = labels("value_chain_shares", "stage")
    fig, ax = new_figure(height=GLANCE_HEIGHT)
    china = style.colour("China")
    for position, row in enumerate(rows.itertuples()):
        y = position * ROW_STEP
        # each stage's name sits above its bar: at phone width a label column would crowd the bars
        ax.text(0, y - 0.36, names[row.stage], va="bottom", color=style.INK)
        ranged = row.share_low < row.share_high
        ax.barh(y, row.share_high, height=0.3, color=china, alpha=0.35 if ranged else 1)
        ax.barh(y, row.share_low, height=0.3, color=china)
        share = share_range_text(row.share_low, row.share_high)
        ax.text(row.share_high + 2, y, f"China {share} ({row.year})", va="center")
        if pd.notna(row.share_high_malaysia):
            # Malaysia's share, where known, on the stage's own line: a bar of a few per cent
            # would be a sliver, and a line of its own would not fit above the fold
            theirs = share_range_text(row.share_low_malaysia, row.share_high_malaysia)
            label = f"Malaysia {theirs} ({int(row.year_malaysia)})"
            ax.text(XMAX, y - 0.36, label, va="bottom", ha="right", color=style.ACCENT)
    ax.set_yticks([])
    ax.set_ylim((len(rows) - 1) * ROW_STEP + 0.45, -0.75)
    ax.set_xlim(0, XMAX)  # room right of the longest bar for its label
    ax.xaxis.set_visible(False)  # every bar carries its figure
    ax.spines[["bottom", "left"]].set_visible(False)
    ax.grid(False)
    first, last = rows.iloc[0], rows.iloc[-1]
    title = (
        f"China's share rises along the chain: {share_range_text(first.share_low, first.share_high)} "
        f"of {names[first.stage].lower()}, {share_range_text(last.share_low, last.share_high)} of "
        f"{names[last.stage].lower()}"
    )
    subtitle = "World output share, % (IEA, as reported)"
    sources = [
        s for joined in [*rows["sources"], *rows["sources_malaysia"].dropna()] for s in joined.split(";")
    ]
    # no "Data:" note in the image: the caption under it links the file, and the front page is short
    return finish(fig, ax, title, subtitle, list(dict.fromkeys(sources)), None)


def render_glance() -> bytes:
    return png_bytes(glance_chart(load("value_chain_shares")))


def write(root: Path) -> list[Path]:
    """Write each chart whose bytes changed; return their paths."""
    written = []
    for relative, render_chart in ((GLANCE_CHART, render_glance), (FRONT_CHART, render)):
        target = root / relative
        data = render_chart()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        written.append(target)
    return written
