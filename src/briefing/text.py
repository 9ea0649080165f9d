"""Formatting for numbers and dates that reach the prose (via myst-nb glue)."""

from __future__ import annotations

from datetime import date

import pandas as pd


def _date_text(value: date | pd.Timestamp, precision: str, month: str) -> str:
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value:{month}} {value.year}"
    return f"{value.day} {value:{month}} {value.year}"


def long_date(value: date | pd.Timestamp, precision: str = "day") -> str:
    """'26 October 2025', 'October 2025' or '2025', as precise as the data, never more."""
    return _date_text(value, precision, "%B")


def short_date(value: date | pd.Timestamp, precision: str = "day") -> str:
    """'26 Oct 2025', 'Oct 2025' or '2025': ``long_date`` with the month abbreviated, for charts."""
    return _date_text(value, precision, "%b")


def share_text(value: float) -> str:
    """A percentage share as the prose and charts print it: '92%', '5%', '0.03%', 'less than
    0.01%', or 'no data' when missing."""
    if pd.isna(value):
        return "no data"
    if value >= 1:
        return f"{value:.0f}%"
    return f"{value:.2f}%" if value >= 0.01 else "less than 0.01%"


def chart_problems(fig) -> list[str]:
    """What keeps ``fig`` from being legible on a phone (see ``briefing.style``): a width other than
    CHART_WIDTH, text smaller than MIN_FONT_PT, text reaching outside the figure, or two texts
    drawn over each other."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from . import style

    problems = []
    if abs(fig.get_figwidth() - style.CHART_WIDTH) > 1e-6:
        problems.append(f"width {fig.get_figwidth():g} in, not {style.CHART_WIDTH:g} in")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    tick_labels, drawn_ticks = set(), set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in (*axis.majorTicks, *axis.minorTicks):
                tick_labels.update((id(tick.label1), id(tick.label2)))
            if not (ax.axison and axis.get_visible()):  # an axis switched off draws no tick labels
                continue
            low, high = sorted(axis.get_view_interval())
            slack = (high - low) * 1e-9
            for tick in (*axis.get_major_ticks(), *axis.get_minor_ticks()):
                if low - slack <= tick.get_loc() <= high + slack:  # ticks beyond the limits are not drawn
                    drawn_ticks.update((id(tick.label1), id(tick.label2)))
    bounds = fig.bbox.padded(1)
    placed = []
    for text in fig.findobj(Text):
        shown = text.get_visible() and text.get_text().strip()
        if not shown or (id(text) in tick_labels and id(text) not in drawn_ticks):
            continue
        words = " ".join(text.get_text().split())[:40]
        if text.get_fontsize() < style.MIN_FONT_PT - 1e-9:
            problems.append(f"{text.get_fontsize():g} pt text {words!r}")
        box = Text.get_window_extent(text, renderer)  # the words only: an annotation's arrow is no text
        if box.x0 < bounds.x0 or box.x1 > bounds.x1 or box.y0 < bounds.y0 or box.y1 > bounds.y1:
            problems.append(f"text outside the figure {words!r}")
        inner = box.padded(-2)  # glyph boxes include a little air: touching is not overlapping
        for other, other_words in placed:
            if inner.overlaps(other):
                problems.append(f"texts overlap {other_words!r} / {words!r}")
        placed.append((inner, words))
    return problems


PALETTE_MIN_PIXELS = 20  # a colour covering this many pixels (a dot, a band, a line) keeps its value


def flat_colours(picture) -> object:
    """``picture`` (RGB) with at most 256 colours: every colour that covers PALETTE_MIN_PIXELS or
    more keeps its exact value (the most common first); rarer ones, the soft edges of lines and
    letters, take the nearest kept colour. Unlike median cut or an octree (or Pillow's own mapping to
    a palette, which rounds), a small flat dot or a light band never changes colour. Deterministic:
    ties go by colour value."""
    import numpy as np
    from PIL import Image as Picture

    pixels = np.asarray(picture.convert("RGB"), dtype=np.uint32)
    codes = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    unique, inverse = np.unique(codes, return_inverse=True)
    counts = np.bincount(inverse.ravel())
    order = np.lexsort((unique, -counts))  # most common first, then by colour value
    kept = [i for i in order if counts[i] >= PALETTE_MIN_PIXELS][:256] or [int(order[0])]
    rgb = np.stack([(unique >> 16) & 255, (unique >> 8) & 255, unique & 255], axis=1).astype(np.int64)
    distance = ((rgb[:, None, :] - rgb[kept][None, :, :]) ** 2).sum(axis=2)
    nearest = distance.argmin(axis=1).astype(np.uint8)  # a kept colour is its own nearest
    reduced = Picture.fromarray(nearest[inverse].reshape(codes.shape), mode="P")
    palette = rgb[kept].astype(np.uint8).ravel().tolist()
    reduced.putpalette(palette + palette[-3:] * (256 - len(kept)))
    return reduced


def png_bytes(fig) -> bytes:
    """A matplotlib Figure as PNG bytes: drawn at the house resolution, its colours kept to a palette
    (``flat_colours``: a third of the bytes, no visible change on a flat chart), and the same bytes
    on every run (no software/date metadata). Refuses a chart a phone could not read. Every chart
    goes through here: the glued ones (``png``) and the front page's file."""
    from io import BytesIO

    from PIL import Image as Picture

    from . import style

    problems = chart_problems(fig)
    if problems:
        raise ValueError("chart not legible at phone width: " + "; ".join(problems))
    drawn = BytesIO()
    fig.savefig(drawn, format="png", dpi=style.DPI, metadata={"Software": None})
    buffer = BytesIO()
    flat_colours(Picture.open(drawn).convert("RGB")).save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def png(fig) -> object:
    """A matplotlib Figure as an IPython PNG image (``png_bytes``): explicit bytes, no backend needed."""
    from IPython.display import Image

    return Image(data=png_bytes(fig), format="png")


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
    (``briefing.publish.site.sphinxext``) resolves the same expression from the stored glue, so both show one
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
