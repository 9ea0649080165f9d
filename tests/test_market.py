"""briefing.market: hand-checked small examples, then the real data."""

from __future__ import annotations

import pandas as pd
import pytest

import briefing
from briefing import market


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


def test_china_share_by_stage_keeps_the_range_of_sources():
    shares = briefing.load_value_chain_shares()
    by_stage = market.china_share_by_stage(shares).set_index("stage")
    assert list(by_stage.index) == ["mining", "separation_refining", "magnets"]
    assert (by_stage["share_low"] <= by_stage["share_high"]).all()
    assert (by_stage["share_high"] <= 100).all()
    latest = shares[(shares["stage"] == "separation_refining") & (shares["country"] == "China")]
    latest = latest[~latest["projection"].astype(bool)]
    latest = latest[latest["year"] == latest["year"].max()]
    assert by_stage.loc["separation_refining", "share_low"] == latest["share_pct"].min()
    assert by_stage.loc["separation_refining", "share_high"] == latest["share_pct"].max()


def test_elements_named_reads_symbol_lists_only():
    assert market.elements_named("licensing on (Sm, Gd, Tb) now") == ("Sm", "Gd", "Tb")
    assert market.elements_named("no list here, Y and Sc in prose") == ()
    assert market.elements_named("(Fe, Nd)") == ("Nd",)
    assert len(market.RARE_EARTH_ELEMENTS) == len(set(market.RARE_EARTH_ELEMENTS)) == 17


def test_percent_in_needs_exactly_one_percentage():
    assert market.percent_in("a 0.1% Chinese-content rule") == 0.1
    with pytest.raises(ValueError):
        market.percent_in("no percentage")
    with pytest.raises(ValueError):
        market.percent_in("5% and 6%")


def test_share_of_returns_one_figure_or_refuses():
    shares = briefing.load_value_chain_shares()
    assert market.share_of(shares, "separation_refining", "Malaysia", 2023) == 5
    with pytest.raises(ValueError):
        market.share_of(shares, "separation_refining", "China", 2025)  # two sources disagree
    assert market.share_of(shares, "separation_refining", "China", 2025, "S43") == 91
