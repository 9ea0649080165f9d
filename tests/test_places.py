"""The map page: every point sits where its stated basis puts it, the boundary file is the one the
README describes, and the map keeps the house rules."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.analysis import places as analysis
from briefing.chapter import Data
from briefing.chapters import places as chapter
from briefing.figures import places as charts
from briefing.text import chart_problems


@pytest.fixture(scope="module")
def data():
    return Data()


def test_the_boundary_file_names_its_source_and_licence():
    geo = analysis.geo()
    assert "Natural Earth" in geo["x_source"] and "public domain" in geo["x_licence"].lower()
    shapes = analysis.outlines()
    assert {"Pahang", "Perak", "Kedah", "Kelantan", "Terengganu"} <= set(shapes["states"])
    assert shapes["other_land"] and shapes["towns"]


def test_every_point_is_where_its_basis_puts_it(data):
    for _, row in data.places.iterrows():
        expected = analysis.expected_point(row)
        if row["location_basis"] == "not_reported":
            assert pd.isna(row["lon"]) and pd.isna(row["lat"]), row["place_id"]
        elif row["location_basis"] in ("town_named_in_source", "state_centroid"):
            assert expected is not None, f"{row['place_id']}: no town or state {row['town'] or row['state']}"
            assert (round(float(row["lon"]), 3), round(float(row["lat"]), 3)) == expected, row["place_id"]


def test_state_estimates_come_from_the_policy_rows(data):
    points = analysis.resource_points(data.places, data.malaysia_policy)
    assert points["amount"].notna().all() and (points["unit"] == "tonnes_treo").all()
    assert list(points["amount"]) == sorted(points["amount"], reverse=True)
    numbers = chapter.numbers(data)
    assert numbers["top_state"] == points["state"].iloc[0]
    assert numbers["n_not_drawn"] == int((data.places["location_basis"] == "not_reported").sum())


def test_sites_sharing_a_point_are_drawn_once(data):
    sites = analysis.sites(data.places)
    assert not sites.duplicated(["lon", "lat"]).any()
    assert sum(len(ids) for ids in sites["place_ids"]) == int(
        ((data.places["kind"] != analysis.RESOURCE) & data.places["lon"].notna()).sum()
    )


def test_the_map_is_legible_and_the_table_lists_every_project(data):
    assert chart_problems(charts.deposits_map(data.places, data.malaysia_policy)) == []
    table = charts.places_table(data.places)
    assert len(table) == int((data.places["kind"] != analysis.RESOURCE).sum())
    assert (table["number"] == "not drawn").sum() == len(analysis.not_drawn(data.places))
