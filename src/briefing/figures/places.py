"""The map of Malaysia's rare-earth deposits by state and the plants and projects the chapters name
(notebooks/places); its numbers are in ``briefing.chapters.places``.

Drawn with matplotlib only, from Natural Earth outlines shipped with the book (public domain; see
``data/geo/README.md``): state resource estimates as circles whose area is proportional to the
tonnage, at each state's centroid (they total a state, they do not locate a deposit); plants and
projects as numbered diamonds at the town or state the sources name, keyed in the subtitle.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.transforms import Bbox

from .. import loaders, style
from ..analysis import places as analysis
from ..text import share_text
from . import finish, new_figure

LAND, OTHER_LAND, LINE = "#FBEFE6", "#E6E6E6", "#B9B9B9"
EXTENT = (99.45, 104.75, 1.2, 6.85)  # lon min, lon max, lat min, lat max: Peninsular Malaysia
MAX_AREA = 2600.0  # points^2 of the largest circle
TEXT = style.MIN_FONT_PT


def mt(tonnes: float) -> str:
    """'7.2 Mt'."""
    return f"{tonnes / 1e6:.1f} Mt"


def _place_label(fig, ax, x, y, text, radius_deg, placed, **style_kw):
    """Put ``text`` beside (x, y), trying right, left, above and below the marker, and keep the first
    spot that overlaps no label already placed and stays inside the axes."""
    renderer = fig.canvas.get_renderer()
    gap = radius_deg + 0.06
    spots = [
        (x + gap, y, "left", "center"),
        (x - gap, y, "right", "center"),
        (x, y + gap, "center", "bottom"),
        (x, y - gap, "center", "top"),
    ]
    axes_box = ax.get_window_extent(renderer)
    for sx, sy, ha, va in spots:
        label = ax.text(sx, sy, text, ha=ha, va=va, fontsize=TEXT, **style_kw)
        box = label.get_window_extent(renderer)
        inside = (
            axes_box.x0 <= box.x0
            and box.x1 <= axes_box.x1
            and axes_box.y0 <= box.y0
            and box.y1 <= axes_box.y1
        )
        if inside and not any(box.overlaps(other) for other in placed):
            placed.append(box)
            return label
        label.remove()
    label = ax.text(*spots[0][:2], text, ha="left", va="center", fontsize=TEXT, **style_kw)
    placed.append(label.get_window_extent(renderer))
    return label


def _marker_box(fig, ax, collection):
    """The display box of a one-point scatter's marker (a collection's own extent is unbounded)."""
    (x, y), size = collection.get_offsets()[0], collection.get_sizes()[0]
    cx, cy = ax.transData.transform((x, y))
    half = size**0.5 / 2 * fig.dpi / 72
    return Bbox.from_extents(cx - half, cy - half, cx + half, cy + half)


def deposits_map(places: pd.DataFrame, policy: pd.DataFrame) -> Figure:
    shapes = analysis.outlines()
    points = analysis.resource_points(places, policy)
    sites = analysis.sites(places)
    fig, ax = new_figure(height=7.6)
    FigureCanvasAgg(fig)  # a renderer, to place labels where they overlap nothing
    for polygon in shapes["other_land"]:
        ax.add_patch(Polygon(polygon[0], closed=True, facecolor=OTHER_LAND, edgecolor="none", zorder=1))
    estimated = set(points["state"].astype(str))
    for name, polygons in shapes["states"].items():
        for polygon in polygons:
            fill = LAND if name in estimated else "#FFFFFF"
            ax.add_patch(Polygon(polygon[0], closed=True, facecolor=fill, edgecolor=LINE, lw=0.7, zorder=2))
    scale = MAX_AREA / float(points["amount"].max())
    for row in points.itertuples():
        ax.scatter(
            [row.lon], [row.lat], s=float(row.amount) * scale, color=style.ACCENT, alpha=0.55, zorder=4
        )
    for row in sites.itertuples():
        ax.scatter(
            [row.lon], [row.lat], marker="D", s=70, color=style.INK, edgecolor="white", lw=1.0, zorder=6
        )
    towns = {
        t: xy
        for t, xy in shapes["towns"].items()
        if not ((sites["lon"] == xy[0]) & (sites["lat"] == xy[1])).any()
    }
    for lon, lat in towns.values():
        ax.scatter([lon], [lat], s=14, color=style.MUTED, zorder=5)
    ax.set_xlim(*EXTENT[:2])
    ax.set_ylim(*EXTENT[2:])
    ax.set_aspect("equal")
    ax.set_axis_off()
    top = points.iloc[0]
    operating = places[places["kind"] == "plant_operating"]
    title = (
        f"{top['state']} holds {share_text(analysis.share_of_largest(points))} of the inferred "
        f"rare-earth resources estimated for {len(points)} states"
    )
    if len(operating):
        title += f"; the one operating plant is near {operating['town'].iloc[0]}"
    key = "; ".join(
        f"{r.number} {', '.join(r.labels)} ({r.town if isinstance(r.town, str) else r.state})"
        for r in sites.itertuples()
    )
    subtitle = (
        "Circles: inferred resources by state, tonnes of total rare-earth oxide, area to scale, drawn "
        f"at the state's centre, not at a deposit. Diamonds: {key}"
    )
    sources = [*points["amount_source_id"].astype(str), *[s for r in sites.itertuples() for s in r.sources]]
    finish(fig, ax, title, subtitle, sources, "places")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed = [_marker_box(fig, ax, c) for c in ax.collections]
    deg_per_pt = (EXTENT[1] - EXTENT[0]) / (ax.get_window_extent(renderer).width * 72 / fig.dpi)
    for row in sites.itertuples():
        _place_label(
            fig, ax, row.lon, row.lat, str(row.number), 0.1, placed, color=style.INK, fontweight="bold"
        )
    for row in points.itertuples():
        radius = (float(row.amount) * scale) ** 0.5 / 2 * deg_per_pt
        _place_label(
            fig, ax, row.lon, row.lat, f"{row.state}\n{mt(row.amount)}", radius, placed, color=style.INK
        )
    for town, (lon, lat) in towns.items():
        _place_label(fig, ax, lon, lat, town, 0.04, placed, color=style.MUTED)
    return fig


PLACE_COLUMNS = {"number": "On the map", "what": "Plant or project", "where": "Where", "source_id": "Source"}


def places_table(places: pd.DataFrame) -> pd.DataFrame:
    """Every plant and project, with its map number (or 'not drawn') and how it was placed."""
    sites = analysis.sites(places)
    number = {pid: str(n) for n, ids in zip(sites["number"], sites["place_ids"], strict=True) for pid in ids}
    rows = places[places["kind"] != analysis.RESOURCE]
    kinds = loaders.labels("places", "kind")
    basis = loaders.labels("places", "location_basis")

    def where(row) -> str:
        if row["location_basis"] == "town_named_in_source":
            return f"near {row['town']}, {row['state']} ({basis[row['location_basis']]})"
        if row["location_basis"] == "state_centroid":
            return f"{row['state']} ({basis[row['location_basis']]})"
        return basis[row["location_basis"]]

    return pd.DataFrame(
        {
            "number": [number.get(pid, "not drawn") for pid in rows["place_id"]],
            "what": [
                f"{n} ({kinds[str(k)].lower()})" for n, k in zip(rows["name"], rows["kind"], strict=True)
            ],
            "where": [where(r) for _, r in rows.iterrows()],
            "source_id": rows["source_id"],
        }
    ).reset_index(drop=True)
