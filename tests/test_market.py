"""briefing.analysis.market: hand-checked small examples, then the real data."""

from __future__ import annotations

import pandas as pd
import pytest

import briefing
from briefing.analysis import market


def frame(rows: list[tuple[str, int, str, float | None]]) -> pd.DataFrame:
    """A small production table shaped like load_ree_production()."""
    out = pd.DataFrame(rows, columns=["country", "year", "edition", "production_t"])
    out["country"] = out["country"].astype("category")
    out["year"] = out["year"].astype("Int64")
    out["edition"] = out["edition"].astype("string")
    out["production_t"] = out["production_t"].astype("Float64")
    out["source_id"] = "S0"
    return out


TOY = frame(
    [
        # 2023 in two editions: the later one revises it
        ("A", 2023, "MCS 2024", 60.0),
        ("B", 2023, "MCS 2024", 40.0),
        ("World", 2023, "MCS 2024", 100.0),
        ("A", 2023, "MCS 2025", 50.0),
        ("B", 2023, "MCS 2025", 40.0),
        ("Other", 2023, "MCS 2025", 10.0),
        ("World", 2023, "MCS 2025", 100.0),
        # 2024 only in the later edition; C shows no figure
        ("A", 2024, "MCS 2025", 50.0),
        ("B", 2024, "MCS 2025", 50.0),
        ("C", 2024, "MCS 2025", None),
        ("World", 2024, "MCS 2025", 100.0),
    ]
)


# --- hhi ----------------------------------------------------------------------------------------


def test_hhi_of_one_producer_is_10000():
    assert market.hhi([100]) == 10_000


def test_hhi_of_two_equal_producers_is_5000():
    assert market.hhi([50, 50]) == 5_000


def test_hhi_of_four_equal_producers_is_2500_and_of_a_known_mix():
    assert market.hhi([25, 25, 25, 25]) == 2_500
    assert market.hhi([40, 30, 20, 10]) == 1600 + 900 + 400 + 100


@pytest.mark.parametrize("bad", [[-1, 50], [101], [50, 150]])
def test_hhi_rejects_shares_outside_0_100(bad):
    with pytest.raises(ValueError):
        market.hhi(bad)


def test_equivalent_producers_inverts_the_equal_shares_case():
    assert market.equivalent_producers(market.hhi([50, 50])) == 2
    assert market.equivalent_producers(market.hhi([20] * 5)) == pytest.approx(5)


# --- editions -------------------------------------------------------------------------------------


def test_edition_year_parses_and_rejects():
    assert market.edition_year("MCS 2025") == 2025
    with pytest.raises(ValueError):
        market.edition_year("2025")


def test_latest_policy_takes_the_newest_edition_of_each_year():
    rows = market.production_by_year(TOY, "latest")
    assert set(rows[rows["year"] == 2023]["edition"]) == {"MCS 2025"}
    assert rows[(rows["year"] == 2023) & (rows["country"] == "A")]["production_t"].item() == 50


def test_first_policy_takes_the_oldest_edition_of_each_year():
    rows = market.production_by_year(TOY, "first")
    assert set(rows[rows["year"] == 2023]["edition"]) == {"MCS 2024"}
    assert set(rows[rows["year"] == 2024]["edition"]) == {"MCS 2025"}


def test_named_edition_policy_keeps_only_that_edition():
    rows = market.production_by_year(TOY, "MCS 2024")
    assert set(rows["year"]) == {2023} and set(rows["edition"]) == {"MCS 2024"}
    with pytest.raises(ValueError):
        market.production_by_year(TOY, "MCS 1999")


def test_rows_without_a_figure_are_dropped_and_input_is_untouched():
    before = TOY.copy()
    rows = market.production_by_year(TOY)
    assert "C" not in set(rows["country"])
    pd.testing.assert_frame_equal(TOY, before)


# --- shares ---------------------------------------------------------------------------------------


def test_shares_are_against_world_and_exclude_aggregates():
    shares = market.shares_of_world(market.production_by_year(TOY))
    assert not set(shares["country"]) & {"Other", "World"}
    a_2023 = shares[(shares["year"] == 2023) & (shares["country"] == "A")]["share_pct"].item()
    assert a_2023 == 50  # 50 of a world of 100, not of the named total of 90


def test_a_country_above_the_world_total_is_an_error():
    bad = frame([("A", 2024, "MCS 2025", 120.0), ("World", 2024, "MCS 2025", 100.0)])
    with pytest.raises(ValueError, match="above the World total"):
        market.shares_of_world(market.production_by_year(bad))


def test_a_year_without_world_is_an_error():
    bad = frame([("A", 2024, "MCS 2025", 10.0)])
    with pytest.raises(ValueError, match="No World total"):
        market.shares_of_world(market.production_by_year(bad))


def test_mixed_editions_in_one_year_are_refused():
    with pytest.raises(ValueError, match="More than one edition"):
        market.shares_of_world(TOY)


# --- concentration ------------------------------------------------------------------------------


def test_concentration_over_named_countries_with_the_residual_as_bounds():
    conc = market.concentration_by_year(TOY, "latest", country="A").set_index("year")
    # 2023 (MCS 2025): A 50, B 40, Other 10 -> HHI over named 2500 + 1600; residual 10 points
    assert conc.loc[2023, "hhi"] == 4_100
    assert conc.loc[2023, "residual_share_pct"] == pytest.approx(10)
    assert conc.loc[2023, "hhi_upper"] == pytest.approx(4_200)
    assert conc.loc[2023, "country_share_pct"] == 50
    # 2024: two equal producers, nothing unattributed
    assert conc.loc[2024, "hhi"] == 5_000 and conc.loc[2024, "hhi_upper"] == 5_000
    assert conc.loc[2024, "producers"] == 2


def test_real_data_shares_never_exceed_100_and_hhi_stays_in_range():
    production = briefing.load_ree_production()
    for policy in market.EDITION_POLICIES:
        shares = market.shares_of_world(market.production_by_year(production, policy))
        assert (shares["share_pct"] <= 100).all() and (shares["share_pct"] >= 0).all()
        conc = market.concentration_by_year(production, policy)
        assert conc["hhi"].between(0, 10_000).all()
        assert (conc["hhi_upper"] >= conc["hhi"]).all()
        assert conc.groupby("year")["edition"].nunique().eq(1).all()


def test_real_data_china_share_matches_hand_arithmetic():
    conc = market.concentration_by_year(briefing.load_ree_production()).set_index("year")
    # MCS 2026: China 270,000 t of a rounded world total of 390,000 t in 2025
    assert conc.loc[2025, "country_share_pct"] == pytest.approx(100 * 270_000 / 390_000)
    assert conc.loc[2025, "edition"] == "MCS 2026"


# --- reserves, value chain, export controls ----------------------------------------------------


def test_reserves_share_is_an_upper_bound_when_world_is_a_lower_bound():
    reserves = briefing.load_ree_reserves()
    result = market.reserves_share(reserves, "MCS 2025")
    assert result["bound"] == "at_most"
    assert result["share_pct"] == pytest.approx(100 * 44_000_000 / 90_000_000)


def test_latest_stage_shares_keeps_the_range_of_sources():
    shares = briefing.load_value_chain_shares()
    by_stage = market.latest_stage_shares(shares).set_index("stage")
    assert list(by_stage.index) == ["mining", "separation_refining", "magnets"]
    assert (by_stage["share_low"] <= by_stage["share_high"]).all()
    assert (by_stage["share_high"] <= 100).all()
    latest = shares[(shares["stage"] == "separation_refining") & (shares["country"] == "China")]
    latest = latest[~latest["projection"].astype(bool)]
    latest = latest[latest["year"] == latest["year"].max()]
    assert by_stage.loc["separation_refining", "share_low"] == latest["share_pct"].min()
    assert by_stage.loc["separation_refining", "share_high"] == latest["share_pct"].max()


def test_latest_stage_shares_in_a_named_year_and_in_the_outlook():
    shares = briefing.load_value_chain_shares()
    in_2023 = market.latest_stage_shares(shares, "China", year=2023).set_index("stage")
    assert (
        in_2023.at["separation_refining", "share_low"]
        == in_2023.at["separation_refining", "share_high"]
        == 92
    )
    assert market.latest_stage_shares(shares, "Malaysia", year=2025).empty  # no row: nothing, never zero
    outlook = market.latest_stage_shares(shares, "Malaysia", projections=True).set_index("stage")
    assert outlook.at["separation_refining", "year"] == 2030


def test_production_table_keeps_missing_as_missing_and_sums_the_others():
    table = market.production_table(TOY, ["A", "C", "Z"], others=True, world=True)
    assert list(table.columns) == ["A", "others", "World"]  # C has no figure, Z no row: left out
    assert table["A"].to_dict() == {2023: 50.0, 2024: 50.0}
    assert table["others"].to_dict() == {2023: 50.0, 2024: 50.0}  # B (+ Other in 2023)
    missing = market.production_table(TOY.iloc[:-3].copy(), ["A", "B"])  # 2024 without a World row
    assert list(missing.index) == [2023, 2024]


def test_latest_production_names_the_year_and_its_edition():
    assert market.latest_production(TOY) == ("MCS 2025", 2024)
    assert market.latest_production(TOY, "first") == ("MCS 2025", 2024)


# --- editions, revisions, reserves by country, one country, stages -----------------------------


def reserves_frame(rows: list[tuple[str, str, float | None, str]]) -> pd.DataFrame:
    """A small reserves table shaped like load_ree_reserves()."""
    out = pd.DataFrame(rows, columns=["country", "edition", "reserves_t", "qualifier"])
    out["country"] = out["country"].astype("category")
    out["edition"] = out["edition"].astype("string")
    out["reserves_t"] = out["reserves_t"].astype("Float64")
    out["qualifier"] = out["qualifier"].astype("category")
    out["source_id"] = "S0"
    return out


RESERVES = reserves_frame(
    [
        ("A", "MCS 2025", 60.0, "value"),
        ("B", "MCS 2025", None, "not_available"),
        ("C", "MCS 2025", 10.0, "value"),
        ("World", "MCS 2025", 100.0, "greater_than"),
        ("A", "MCS 2026", 60.0, "value"),
        ("B", "MCS 2026", 5.0, "value"),
        ("C", "MCS 2026", None, "not_available"),
        ("D", "MCS 2026", None, "not_available"),
        ("World", "MCS 2026", 80.0, "value"),
    ]
)


def test_editions_come_oldest_first_and_latest_is_the_newest():
    assert market.editions(TOY) == ["MCS 2024", "MCS 2025"]
    assert market.latest_edition(RESERVES) == "MCS 2026"


def test_production_revisions_pair_the_first_and_the_latest_figure():
    revisions = market.production_revisions(TOY).set_index(["country", "year"])
    # A 2023: 60 in MCS 2024, revised to 50 in MCS 2025; 2024 appears in one edition only
    assert revisions.loc[("A", 2023), "first_t"] == 60 and revisions.loc[("A", 2023), "latest_t"] == 50
    assert revisions.loc[("A", 2023), "change_pct"] == pytest.approx(-100 / 6)
    assert revisions.loc[("World", 2023), "change_t"] == 0
    assert 2024 not in set(revisions.index.get_level_values("year"))


def test_reserves_by_country_sorts_values_first_and_keeps_na_missing():
    table = market.reserves_by_country(RESERVES)  # latest edition: MCS 2026
    assert list(table["country"]) == ["A", "B", "C", "D"]  # 60, 5, then NA alphabetically
    assert table["reserves_t"].isna().tolist() == [False, False, True, True]
    assert table.loc[0, "share_pct"] == 75 and table.loc[0, "share_bound"] == "exact"
    older = market.reserves_by_country(RESERVES, "MCS 2025").set_index("country")
    assert older.loc["A", "share_bound"] == "at_most"  # the world total is a lower bound
    assert pd.isna(older.loc["B", "share_pct"]) and pd.isna(older.loc["B", "share_bound"])
    assert "World" not in set(table["country"])


def test_world_reserves_reports_lower_bounds():
    assert market.world_reserves(RESERVES, "MCS 2025")["lower_bound"] is True
    assert market.world_reserves(RESERVES)["reserves_t"] == 80


def test_reserve_revisions_name_each_kind_of_change():
    changes = market.reserve_revisions(RESERVES, "MCS 2025", "MCS 2026").set_index("country")["change"]
    assert changes.to_dict() == {"B": "now given", "C": "now NA", "D": "new row", "World": "revised"}


def test_country_production_gives_each_edition_its_own_world_total():
    rows = market.country_production(TOY, "A")
    assert list(zip(rows["edition"], rows["year"], strict=True)) == [
        ("MCS 2024", 2023),
        ("MCS 2025", 2023),
        ("MCS 2025", 2024),
    ]
    assert rows["share_pct"].tolist() == [60, 50, 50]
    assert market.country_production(TOY, "A", "MCS 2024")["production_t"].tolist() == [60]
    assert market.country_production(TOY, "Nowhere").empty


def test_country_reserves_keeps_na_as_not_available():
    rows = market.country_reserves(RESERVES, "C")
    assert rows["edition"].tolist() == ["MCS 2025", "MCS 2026"]
    assert rows["qualifier"].tolist() == ["value", "not_available"] and pd.isna(rows.loc[1, "reserves_t"])


def test_stage_positions_show_no_data_as_unknown_not_zero():
    shares = briefing.load_value_chain_shares()
    production = briefing.load_ree_production()
    table = market.stage_positions(shares, production).set_index(["stage", "country"])
    conc = market.concentration_by_year(production).iloc[-1]
    assert table.loc[(market.USGS_MINING, "China"), "share_low"] == pytest.approx(conc["country_share_pct"])
    assert table.loc[("separation_refining", "Malaysia"), "share_high"] == 5
    sep = table.loc[("separation_refining", "China")]
    assert (sep["share_low"], sep["share_high"]) == (91, 92)
    metal = table.loc[("metal", "United States")]
    assert not metal["known"] and pd.isna(metal["share_low"]) and metal["sources"] == ""
    assert table["known"].eq(table["share_low"].notna()).all()


def test_real_data_reserves_na_is_never_zero_and_malaysia_is_revised_in_mcs_2026():
    reserves = briefing.load_ree_reserves()
    latest = market.reserves_by_country(reserves)
    assert (latest["reserves_t"].dropna() > 0).all()
    changes = market.reserve_revisions(reserves, "MCS 2025", "MCS 2026").set_index("country")
    assert changes.loc["Malaysia", "change"] == "now given"
    assert changes.loc["Malaysia", "new_t"] == 710_000


def test_not_available_before_is_the_unbroken_run_of_na_editions():
    assert market.not_available_before(RESERVES, "B", "MCS 2026") == ["MCS 2025"]
    assert market.not_available_before(RESERVES, "A", "MCS 2026") == []
    reserves = briefing.load_ree_reserves()
    assert market.not_available_before(reserves, "Malaysia", "MCS 2026") == ["MCS 2024", "MCS 2025"]
