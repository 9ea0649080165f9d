"""House style for every chart: one palette, readable at phone width, deterministic PNG output.

Legible on a phone, by construction: every chart is CHART_WIDTH inches wide and the page shows it at
least PHONE_CHART_PX CSS pixels wide on a 390 px phone, so one point of type is at least one CSS
pixel; with no text smaller than MIN_FONT_PT, no text is smaller than 11 CSS px. Desktops show the
same image larger. Images are drawn at DPI (two image pixels per CSS pixel on a phone), and
``briefing.text.png`` refuses a chart that breaks these rules or draws text outside its edges.
"""

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
CHART_WIDTH = 4.8  # inches, every chart: 345.6 pt, shown at >= PHONE_CHART_PX CSS px on a phone
FIGSIZE = (CHART_WIDTH, 3.4)
PHONE_CHART_PX = 358  # CSS px a chart spans on a 390 px wide phone (the article's width)
MIN_FONT_PT = 11  # smallest text: >= 11 CSS px on that phone (358 / 345.6 CSS px per pt)
DPI = 150  # a 720 px image: twice the CSS pixels a phone shows it at (1.4 times on a desktop)


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
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "font.family": "DejaVu Sans",
            "font.size": MIN_FONT_PT,
            "axes.titlesize": 13,
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
