"""Where Malaysia's rare-earth plants, projects and state resource estimates are (the map page), in
pure pandas.

Points are in ``places``: each says how it was placed (``location_basis``): at the town a source names
(Natural Earth's point for that town), at the centroid of a state's outline (computed from Natural
Earth, for facts the sources give only by state), or not at all when no location has been reported.
The outlines are in ``data/geo/peninsular-malaysia.geojson`` (Natural Earth 1:10m, public domain; see
its README). Amounts come from the ``malaysia_policy`` row each place points to.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from ..paths import data_dir

GEO_FILE = "geo/peninsular-malaysia.geojson"
RESOURCE = "resource_estimate"


@lru_cache(maxsize=4)
def _geo(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def geo() -> dict:
    """The boundary file as a GeoJSON dict."""
    return _geo(str(data_dir() / GEO_FILE))


def _polygons(geometry: dict) -> list[list[list[float]]]:
    """Every ring list of a Polygon or MultiPolygon (exterior first)."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def outlines() -> dict[str, object]:
    """``states`` (name -> list of polygons, each a list of rings), ``other_land`` (list of polygons),
    ``centroids`` (state name -> (lon, lat)) and ``towns`` (name -> (lon, lat))."""
    found: dict[str, object] = {"states": {}, "other_land": [], "centroids": {}, "towns": {}}
    for feature in geo()["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        if props["layer"] == "state":
            found["states"][props["name"]] = _polygons(geometry)
            found["centroids"][props["name"]] = (props["centroid_lon"], props["centroid_lat"])
        elif props["layer"] == "other_land":
            found["other_land"].extend(_polygons(geometry))
        elif props["layer"] == "town":
            found["towns"][props["name"]] = tuple(geometry["coordinates"])
    return found


def expected_point(row) -> tuple[float, float] | None:
    """Where a place must be drawn given its ``location_basis``: the town's or the state centroid's
    coordinates from the boundary file; None when not drawn or when the basis is a site."""
    shapes = outlines()
    if row["location_basis"] == "town_named_in_source":
        return shapes["towns"].get(row["town"])
    if row["location_basis"] == "state_centroid":
        return shapes["centroids"].get(row["state"])
    return None


def resource_points(places: pd.DataFrame, policy: pd.DataFrame) -> pd.DataFrame:
    """State resource estimates with their amount (from the policy row) and unit, largest first."""
    points = places[places["kind"] == RESOURCE].merge(
        policy[["instrument_id", "amount", "unit", "source_id"]].rename(
            columns={"instrument_id": "policy_id", "source_id": "amount_source_id"}
        ),
        on="policy_id",
        how="left",
    )
    return points.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)


def sites(places: pd.DataFrame) -> pd.DataFrame:
    """Plants and projects that can be drawn, one row per point: ``lon``, ``lat``, ``labels`` (their
    short labels, in file order), ``state``, ``location_basis``, ``place_ids``; numbered from 1 in
    order of first appearance."""
    drawn = places[(places["kind"] != RESOURCE) & places["lon"].notna()]
    rows = []
    for (lon, lat), group in drawn.groupby(["lon", "lat"], sort=False):
        rows.append(
            {
                "lon": float(lon),
                "lat": float(lat),
                "labels": list(group["short_label"]),
                "state": str(group["state"].iloc[0]),
                "location_basis": str(group["location_basis"].iloc[0]),
                "town": group["town"].dropna().iloc[0] if group["town"].notna().any() else None,
                "place_ids": list(group["place_id"]),
                "sources": list(dict.fromkeys(group["source_id"])),
            }
        )
    frame = pd.DataFrame(rows)
    frame.insert(0, "number", range(1, len(frame) + 1))
    return frame


def not_drawn(places: pd.DataFrame) -> pd.DataFrame:
    """Places with no reported location."""
    return places[places["location_basis"] == "not_reported"].reset_index(drop=True)


def share_of_largest(points: pd.DataFrame) -> float:
    """The largest state's share (per cent) of the states' total."""
    return float(points["amount"].max() / points["amount"].sum() * 100)
