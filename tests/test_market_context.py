"""The market-context page: its explorer, its charts and the numbers in its prose.

Expected values are recomputed here from the raw CSVs with the csv module, independently of the
loaders and of ``briefing.analysis.market``, so a change to the data or to the logic that alters what a
reader sees makes a test fail.
"""

from __future__ import annotations

import csv
import json

import pytest
from helpers import DATA, ROOT

import briefing
from briefing.analysis import market
from briefing.chapter import Data
from briefing.chapters import china_response, market_context
from briefing.figures import market_context as mc
from briefing.figures import title_of
from briefing.widgets import ALL
from briefing.widgets.market_context import MarketExplorer, reserves_text, share_text

NOTEBOOK = ROOT / "notebooks" / "market_context.ipynb"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def world(edition: str, year: str) -> float:
    found = [
        r
        for r in rows("ree_production")
        if (r["country"], r["edition"], r["year"]) == ("World", edition, year)
    ]
    assert len(found) == 1
    return float(found[0]["production_t"])


@pytest.fixture(scope="module")
def data():
    return dict(
        production=briefing.load_ree_production(),
        reserves=briefing.load_ree_reserves(),
        shares=briefing.load_value_chain_shares(),
    )


# --- the explorer ------------------------------------------------------------------------------


def test_default_view_is_malaysia_in_every_edition(data):
    explorer = MarketExplorer(data["production"], data["reserves"])
    assert (explorer.country.value, explorer.edition.value) == ("Malaysia", ALL)
    expected = [r for r in rows("ree_production") if r["country"] == "Malaysia" and r["production_t"]]
    table = explorer.production_table()
    assert len(table) == len(expected)
    assert f"Mine production: {len(expected)} figures" in explorer.output.value
    for row in expected:
        share = 100 * float(row["production_t"]) / world(row["edition"], row["year"])
        assert share_text(share) in explorer.output.value
        link = f'<a href="../book/references.html#cite-{row["source_id"].lower()}">{row["source_id"]}</a>'
        assert f"<td>{link}</td>" in explorer.output.value
    reserves = [r for r in rows("ree_reserves") if r["country"] == "Malaysia"]
    assert len(explorer.reserves_table()) == len(reserves)
    for row in reserves:
        text = (
            "not available (NA)"
            if row["qualifier"] == "not_available"
            else f"{float(row['reserves_t']):,.0f}"
        )
        assert text in explorer.output.value


def test_choosing_an_edition_keeps_only_its_years(data):
    explorer = MarketExplorer(data["production"], data["reserves"])
    explorer.edition.value = "MCS 2026"
    expected = [
        r
        for r in rows("ree_production")
        if (r["country"], r["edition"]) == ("Malaysia", "MCS 2026") and r["production_t"]
    ]
    table = explorer.production_table()
    assert list(table["year"]) == [r["year"] for r in expected]
    assert set(table["edition"]) == {"MCS 2026"}
    assert len(explorer.reserves_table()) == 1


def test_a_missing_row_is_said_to_be_missing_not_zero(data):
    explorer = MarketExplorer(data["production"], data["reserves"])
    explorer.country.value = "Malaysia"
    explorer.edition.value = "MCS 2023"  # the book holds only part of that edition's table
    assert not any(r["country"] == "Malaysia" and r["edition"] == "MCS 2023" for r in rows("ree_production"))
    assert "no row in the book's data" in explorer.output.value
    assert "not zero" in explorer.output.value
    explorer.country.value = "Canada"  # reserves but no mine production
    explorer.edition.value = ALL
    assert "Mine production: no row" in explorer.output.value
    canada = [r for r in rows("ree_reserves") if r["country"] == "Canada"]
    assert f"{float(canada[-1]['reserves_t']):,.0f}" in explorer.output.value


def test_china_in_one_edition(data):
    explorer = MarketExplorer(data["production"], data["reserves"])
    explorer.country.value = "China"
    explorer.edition.value = "MCS 2025"
    expected = [r for r in rows("ree_production") if (r["country"], r["edition"]) == ("China", "MCS 2025")]
    table = explorer.production_table()
    assert list(table["production"]) == [f"{float(r['production_t']):,.0f}" for r in expected]
    assert "Production quota" in explorer.output.value  # USGS's basis note travels with the figure


def test_aggregates_are_not_countries_and_labels_are_honest():
    explorer = MarketExplorer(briefing.load_ree_production(), briefing.load_ree_reserves())
    assert "World" not in explorer.country.options and "Other" not in explorer.country.options
    assert reserves_text(75_000_000, "greater_than") == "more than 75,000,000"
    assert reserves_text(float("nan"), "not_available") == "not available (NA)"
    assert share_text(0.0282) == "0.028%" and share_text(69.23) == "69.2%"


# --- the charts ----------------------------------------------------------------------------------


def test_production_chart_title_states_chinas_share(data):
    latest_year = max(int(r["year"]) for r in rows("ree_production"))
    china = [r for r in rows("ree_production") if (r["country"], r["year"]) == ("China", str(latest_year))]
    newest = max(china, key=lambda r: r["edition"])
    share = 100 * float(newest["production_t"]) / world(newest["edition"], str(latest_year))
    title = title_of(mc.production_chart(data["production"]))
    assert title.startswith(f"China mined {share:.0f}% of the world's rare earths in {latest_year}")
    assert "Malaysia" in title


def test_reserves_chart_never_draws_na_as_a_bar(data):
    latest = max({r["edition"] for r in rows("ree_reserves")})
    named = [
        r for r in rows("ree_reserves") if r["edition"] == latest and r["country"] not in ("World", "Other")
    ]
    with_value = [r for r in named if r["reserves_t"]]
    fig = mc.reserves_chart(data["reserves"])
    bars = [p for p in fig.axes[0].patches if p.get_width() > 0]
    assert len(bars) == len(with_value)
    notes = " ".join(t.get_text() for t in fig.axes[0].texts)
    for row in named:
        if not row["reserves_t"]:
            assert row["country"] in notes
    world_row = next(r for r in rows("ree_reserves") if (r["country"], r["edition"]) == ("World", latest))
    china = next(r for r in named if r["country"] == "China")
    share = 100 * float(china["reserves_t"]) / float(world_row["reserves_t"])
    bound = "at most " if world_row["qualifier"] == "greater_than" else ""
    assert title_of(fig).startswith(f"China holds {bound}{share:.0f}% of world rare-earth reserves")


def test_stage_chart_shows_no_data_where_the_data_hold_none(data):
    table = market.stage_table(data["shares"], data["production"], mc.FOCUS)
    fig = mc.stage_chart(data["shares"], data["production"])
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert shown.count("no data") == int((~table["known"]).sum())
    malaysia_sep = [
        r for r in rows("value_chain_shares")
        if (r["stage"], r["country"], r["projection"]) == ("separation_refining", "Malaysia", "false")
    ]  # fmt: skip
    newest = max(malaysia_sep, key=lambda r: int(r["year"]))
    assert f"{float(newest['share_pct']):.0f}%" in title_of(fig)


def test_concentration_table_matches_the_index(data):
    table = mc.concentration_table(data["production"])
    conc = briefing.analysis.market.concentration_by_year(data["production"])
    assert list(table["hhi"]) == [f"{v:,.0f}" for v in conc["hhi"]]
    assert list(table["year"]) == [str(y) for y in conc["year"]]


# --- the prose ----------------------------------------------------------------------------------


def markdown() -> str:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_concentration_is_computed_once_and_glued_from_the_china_page():
    own = set(market_context.numbers(Data()))
    shared = {"hhi_last", "hhi_min", "hhi_max", "china_share_last", "usgs_last_year", "cn_reserves_share"}
    assert not own & shared
    assert "03_china_response.ipynb::hhi_last" in markdown()


def test_stage_shares_agree_with_the_china_page():
    mine = market_context.numbers(Data())
    china = china_response.numbers(Data())
    assert mine["st_cn_sep"] == f"{china['iea_sep_low']:.0f}–{china['iea_sep_high']:.0f}%"
    assert mine["st_cn_magnets"] == f"{china['iea_magnets']:.0f}%"


def test_static_view_is_the_default_country(data):
    explorer = MarketExplorer(data["production"], data["reserves"])
    frame, columns = explorer.static_table()
    assert len(frame) == len([r for r in rows("ree_production") if r["country"] == "Malaysia"])
    assert list(columns) == list(mc_widget_columns())


def mc_widget_columns():
    from briefing.widgets.market_context import PRODUCTION_COLUMNS

    return PRODUCTION_COLUMNS
