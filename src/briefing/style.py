"""House style for every chart: one palette, readable at phone width, deterministic PNG output."""

from __future__ import annotations

import matplotlib as mpl

# Colour-blind-safe palette (Okabe–Ito); Malaysia is always the accent colour.
PALETTE = {
    "Malaysia": "#D55E00",
    "China": "#0072B2",
    "United States": "#009E73",
    "Australia": "#E69F00",
    "Thailand": "#CC79A7",
    "Japan": "#56B4E9",
    "other": "#8C8C8C",
}
ACCENT = PALETTE["Malaysia"]
INK = "#222222"
MUTED = "#6B6B6B"
FIGSIZE = (5.4, 3.6)  # inches; at 110 dpi a 594 px image: text stays legible when a phone scales it


# One colour per theme (the codes of events.themes and watch_indicators.theme); domestic, Malaysia's
# own policy, takes Malaysia's accent colour.
THEME_PALETTE = {
    "mou": "#E69F00",
    "trade": "#009E73",
    "china": "#0072B2",
    "domestic": ACCENT,
    "market": "#CC79A7",
    "deals": "#56B4E9",
}


def colour(name: str) -> str:
    return PALETTE.get(name, PALETTE["other"])


def theme_colour(code: str) -> str:
    """A theme's colour; a theme without one of its own takes the neutral colour."""
    return THEME_PALETTE.get(code, PALETTE["other"])


def apply() -> None:
    """Set matplotlib defaults for the book. Idempotent; called by every chart helper."""
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 110,
            "savefig.dpi": 110,
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": INK,
            "text.color": INK,
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "axes.grid": True,
            "grid.color": "#E5E5E5",
            "grid.linewidth": 0.8,
            "legend.frameon": False,
            "svg.hashsalt": "briefing",
        }
    )
