"""The front page's chart: China's share of each stage of the rare-earth value chain, with
Malaysia's where the data hold one. Compact, so that it sits above the fold beside the headlines;
the China chapter draws the fuller version (with USGS mine data)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .. import market, style
from . import finish, new_figure, wrap
from .china import CHINA, MALAYSIA, STAGE_LABELS, _pct

HEIGHT = 3.3  # inches: 246 CSS px on a phone, room for the headlines and numbers above it


def front_rows(shares: pd.DataFrame) -> pd.DataFrame:
    """One row per stage (value-chain order): China's share (low, high, year) and Malaysia's, where
    the data hold one (NaN otherwise)."""
    china = market.china_share_by_stage(shares, CHINA).set_index("stage")
    malaysia = market.china_share_by_stage(shares, MALAYSIA).set_index("stage")
    rows = china[["year", "share_low", "share_high", "sources"]]
    other = malaysia[["year", "share_low", "share_high", "sources"]]
    joined = rows.merge(other, how="left", left_index=True, right_index=True, suffixes=("", "_malaysia"))
    return joined.reset_index()


def front_sources(shares: pd.DataFrame) -> list[str]:
    """The sources of every figure the chart draws, in order of first use."""
    rows = front_rows(shares)
    ids = [*rows["sources"], *rows["sources_malaysia"].dropna()]
    return list(dict.fromkeys(s for joined in ids for s in str(joined).split(";") if s))


def front_chart(shares: pd.DataFrame) -> Figure:
    rows = front_rows(shares)
    fig, ax = new_figure(height=HEIGHT)
    for y, row in enumerate(rows.itertuples()):
        ranged = row.share_low < row.share_high
        ax.barh(y, row.share_high, height=0.46, color=style.colour(CHINA), alpha=0.35 if ranged else 1)
        ax.barh(y, row.share_low, height=0.46, color=style.colour(CHINA))
        ax.text(
            row.share_high + 2, y, f"China {_pct(row.share_low, row.share_high)} ({row.year})", va="center"
        )
        if pd.notna(row.share_high_malaysia):
            share = _pct(row.share_low_malaysia, row.share_high_malaysia)
            ax.barh(y + 0.36, row.share_high_malaysia, height=0.2, color=style.ACCENT)
            label = f"Malaysia {share} ({int(row.year_malaysia)})"
            ax.text(row.share_high_malaysia + 2, y + 0.36, label, va="center", color=style.ACCENT)
    ax.set_yticks(range(len(rows)), [wrap(STAGE_LABELS[s], 12) for s in rows["stage"]])
    ax.set_ylim(len(rows) - 0.45, -0.4)
    ax.set_xlim(0, 165)  # room right of the longest bar for its label
    ax.xaxis.set_visible(False)  # every bar is labelled with its figure
    ax.spines[["bottom"]].set_visible(False)
    ax.grid(False)
    first, last = rows.iloc[0], rows.iloc[-1]
    title = (
        f"China's share rises along the chain: {_pct(first.share_low, first.share_high)} of "
        f"{STAGE_LABELS[first.stage].lower()}, {_pct(last.share_low, last.share_high)} of "
        f"{STAGE_LABELS[last.stage].lower()}"
    )
    subtitle = "Share of world output, per cent (IEA figures as reported)"
    # no "Data:" note in the image: the caption under it links the file, and the front page is short
    return finish(fig, ax, title, subtitle, front_sources(shares), None)
