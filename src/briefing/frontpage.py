"""The front page's chart as an image file (book/front-chart.png), made from the data.

A chart glued in a notebook can only be shown on that notebook's page, so the front page's chart is
written here, like the bibliography and the data catalogue: derived, committed, refreshed by
``make book`` and checked by a test, so it never drifts from the data it shows."""

from __future__ import annotations

from pathlib import Path

from .paths import repo_root


def render() -> bytes:
    """The chart's PNG bytes (deterministic)."""
    from .figures.front import front_chart
    from .loaders import load_value_chain_shares
    from .text import png

    return png(front_chart(load_value_chain_shares())).data


def chart_path() -> Path:
    return repo_root() / "book" / "front-chart.png"


def write(path: Path | None = None) -> Path:
    """Write the chart only when its bytes change (keeps Sphinx's incremental build warm)."""
    path = path or chart_path()
    data = render()
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path
