"""The front page's chart: the key-events timeline, drawn from the data into a file the page shows.

The front page is a Markdown page, and a glued figure cannot be shown on another page, so the chart
is written (deterministically: the same data give the same bytes) to ``book/figures/`` by
``python -m briefing prepare``, like the generated bibliography and catalogue, and a test checks
that the committed file is current.
"""

from __future__ import annotations

from pathlib import Path

from ..loaders import load
from ..text import png_bytes
from .timeline import story_chart

FRONT_CHART = Path("book") / "figures" / "key-events.png"


def render() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    fig = story_chart(load("events"), load("agreements"))
    # The same path as every glued chart: refused unless legible on a phone, drawn at the house
    # resolution (2x on a phone) and reduced to an exact palette, the same bytes on every run.
    return png_bytes(fig)


def write(root: Path) -> Path:
    """Write the chart if its bytes changed; return its path."""
    target = root / FRONT_CHART
    data = render()
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target
