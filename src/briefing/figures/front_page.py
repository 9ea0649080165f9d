"""The front page's charts, drawn from the data into files the page shows: at a glance, China's
share of each stage of the value chain (compact, above the fold); further down, the key-events
timeline.

The front page is a Markdown page, and a glued figure cannot be shown on another page, so the charts
are written (deterministically: the same data give the same bytes) to ``book/figures/`` by
``python -m briefing prepare``, like the generated bibliography and catalogue, and a test checks
that the committed file is current.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .. import style
from ..analysis import market
from ..loaders import labels, load
from ..text import share_range_text
from . import finish, new_figure, wrap
from .timeline import story_chart

FRONT_CHART = Path("book") / "figures" / "key-events.png"


def render() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    fig = story_chart(load("events"), load("agreements"))
    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


GLANCE_CHART = Path("book") / "figures" / "value-chain.png"
GLANCE_HEIGHT = 2.8  # inches: short enough to sit above the fold beside the headlines on a phone


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
    Malaysia's beside it where known. Compact, so that it sits above the fold."""
    rows = glance_rows(shares)
    names = labels("value_chain_shares", "stage")
    fig, ax = new_figure(height=GLANCE_HEIGHT)
    for y, row in enumerate(rows.itertuples()):
        ranged = row.share_low < row.share_high
        china = style.colour("China")
        ax.barh(y, row.share_high, height=0.46, color=china, alpha=0.35 if ranged else 1)
        ax.barh(y, row.share_low, height=0.46, color=china)
        share = share_range_text(row.share_low, row.share_high)
        ax.text(row.share_high + 2, y, f"China {share} ({row.year})", va="center")
        if pd.notna(row.share_high_malaysia):
            theirs = share_range_text(row.share_low_malaysia, row.share_high_malaysia)
            ax.barh(y + 0.38, row.share_high_malaysia, height=0.2, color=style.ACCENT)
            label = f"Malaysia {theirs} ({int(row.year_malaysia)})"
            ax.text(row.share_high_malaysia + 2, y + 0.38, label, va="center", color=style.ACCENT)
    ax.set_yticks(range(len(rows)), [wrap(names[s], 12) for s in rows["stage"]])
    ax.set_ylim(len(rows) - 0.4, -0.45)
    ax.set_xlim(0, 175)  # room right of the longest bar for its label
    ax.xaxis.set_visible(False)  # every bar carries its figure
    ax.tick_params(axis="y", length=0)
    ax.spines[["bottom", "left"]].set_visible(False)
    ax.grid(False)
    first, last = rows.iloc[0], rows.iloc[-1]
    title = (
        f"China's share rises along the chain: {share_range_text(first.share_low, first.share_high)} "
        f"of {names[first.stage].lower()}, {share_range_text(last.share_low, last.share_high)} of "
        f"{names[last.stage].lower()}"
    )
    subtitle = "Share of world output, per cent; IEA figures as reported in the press"
    sources = [
        s for joined in [*rows["sources"], *rows["sources_malaysia"].dropna()] for s in joined.split(";")
    ]
    return finish(fig, ax, title, subtitle, list(dict.fromkeys(sources)), "value_chain_shares")


def render_glance() -> bytes:
    import matplotlib.pyplot as plt

    from ..text import png

    fig = glance_chart(load("value_chain_shares"))
    data = png(fig).data
    plt.close(fig)
    return data


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
