"""Chapter 04 (Malaysia's domestic rare-earth policy): the explorer and the numbers behind the charts.

Expected values are recomputed here from the raw CSVs with the csv module, independently of the
loaders and of ``briefing.analysis.domestic``, so a change to the data or to the chapter's logic that
alters what a reader sees makes a test fail.
"""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from helpers import DATA, ROOT
from matplotlib.figure import Figure

import briefing
from briefing.analysis import domestic as analysis
from briefing.analysis import market
from briefing.chapter import Data
from briefing.chapters import domestic_ree_policy
from briefing.figures import domestic, title_of
from briefing.text import share_text
from briefing.widgets import ALL
from briefing.widgets.domestic import PolicyExplorer, policy_table


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data():
    return dict(
        policy=briefing.load_malaysia_policy(),
        production=briefing.load_ree_production(),
        reserves=briefing.load_ree_reserves(),
        shares=briefing.load_value_chain_shares(),
        events=briefing.load_events(),
    )


# --- the explorer ------------------------------------------------------------------------------


def count_line(html: str) -> int:
    found = re.match(r"<p>(\d+) instruments?", html)
    assert found, html[:80]
    return int(found.group(1))


def test_default_view_lists_every_instrument_without_details(data):
    explorer = PolicyExplorer(data["policy"])
    assert (explorer.stage.value, explorer.kind.value, explorer.status.value) == (ALL, ALL, ALL)
    assert explorer.details.value is False
    assert count_line(explorer.output.value) == len(rows("malaysia_policy"))
    assert "<th>Detail</th>" not in explorer.output.value
    for row in rows("malaysia_policy"):
        assert f"<td>{row['source_id']}</td>" in explorer.output.value


def test_stage_filter_keeps_only_that_stage(data):
    explorer = PolicyExplorer(data["policy"])
    explorer.stage.value = "magnet"
    expected = [r for r in rows("malaysia_policy") if r["value_chain_stage"] == "magnet"]
    assert 0 < len(expected) < len(rows("malaysia_policy"))
    assert count_line(explorer.output.value) == len(expected)
    assert set(explorer.selected()["instrument_id"]) == {r["instrument_id"] for r in expected}
    assert "Magnet making; " in explorer.output.value


def test_filters_combine(data):
    explorer = PolicyExplorer(data["policy"])
    explorer.stage.value = "mining"
    explorer.kind.value = "export_ban"
    explorer.status.value = "in_force"
    expected = {
        r["instrument_id"]
        for r in rows("malaysia_policy")
        if (r["value_chain_stage"], r["instrument_type"], r["instrument_status"])
        == ("mining", "export_ban", "in_force")
    }
    assert expected and set(explorer.selected()["instrument_id"]) == expected
    assert count_line(explorer.output.value) == len(expected)


def test_details_box_adds_the_detail_column(data):
    explorer = PolicyExplorer(data["policy"])
    explorer.kind.value = "licence"
    explorer.details.value = True
    assert "<th>Detail</th>" in explorer.output.value
    lynas = next(r for r in rows("malaysia_policy") if r["instrument_id"] == "P13")
    assert lynas["detail"].split(",")[0] in explorer.output.value


def test_no_match_says_so(data):
    explorer = PolicyExplorer(data["policy"])
    explorer.stage.value = "magnet"
    explorer.kind.value = "export_ban"
    assert explorer.output.value == "<p>0 instruments match these filters.</p>"


def test_dropdowns_offer_only_codes_in_the_data(data):
    explorer = PolicyExplorer(data["policy"])
    stages = {value for _, value in explorer.stage.options} - {ALL}
    assert stages == {r["value_chain_stage"] for r in rows("malaysia_policy")}
    assert "metal" not in stages  # no instrument at the metal stage yet


def test_dates_are_shown_as_precisely_as_the_data(data):
    table = policy_table(data["policy"]).set_index("instrument_id")
    assert table.loc["P04", "when"] == "2022"  # year precision
    assert table.loc["P27", "when"] == "December 2023"  # month precision
    assert table.loc["P03", "when"] == "1 January 2024"  # day precision
    assert list(table["date"]) == sorted(table["date"])


def test_text_is_escaped(data):
    policy = data["policy"].copy()
    policy["name"] = policy["name"].astype("object")
    policy.loc[policy.index[0], "name"] = "<script>alert(1)</script>"
    explorer = PolicyExplorer(policy)
    assert "<script>alert(1)</script>" not in explorer.output.value
    assert "&lt;script&gt;" in explorer.output.value


# --- the numbers behind the charts ----------------------------------------------------------


def usgs(country: str, year: int, edition: str) -> float:
    row = next(
        r
        for r in rows("ree_production")
        if (r["country"], r["year"], r["edition"]) == (country, str(year), edition)
    )
    return float(row["production_t"])


def test_usgs_latest_edition_and_shares(data):
    editions = sorted({r["edition"] for r in rows("ree_production")})
    edition = editions[-1]
    year = max(int(r["year"]) for r in rows("ree_production") if r["edition"] == edition)
    assert market.latest_production(data["production"]) == (edition, year)
    table = analysis.value_chain_table(data["shares"], data["production"]).set_index(["stage", "country"])
    for country in ("Malaysia", "China"):
        expected = usgs(country, year, edition) / usgs("World", year, edition) * 100
        assert table.loc[("mining", country), "share_high"] == pytest.approx(expected)
        assert table.loc[("mining", country), "edition"] == edition


def test_value_chain_table_holds_only_shares_in_the_data(data):
    table = analysis.value_chain_table(data["shares"], data["production"]).set_index(["stage", "country"])
    stages = list(dict.fromkeys(s for s, _ in table.index))
    assert stages == ["mining", "separation_refining", "metal", "magnets"]
    # metal making: no rows in the data, so no bar for either country
    assert not table.loc[("metal", "China"), "known"]
    assert pd.isna(table.loc[("metal", "Malaysia"), "share_high"])
    # every non-mining share shown is the latest non-projection year of value_chain_shares for that
    # country and stage, the range of the sources that report that year
    raw = [r for r in rows("value_chain_shares") if r["projection"] == "false"]
    for (stage, country), row in table.iterrows():
        if stage == "mining" or not row["known"]:
            continue
        mine = [r for r in raw if (r["stage"], r["country"]) == (stage, country)]
        latest = max(int(r["year"]) for r in mine)
        figures = [float(r["share_pct"]) for r in mine if int(r["year"]) == latest]
        assert row["year"] == latest
        assert (row["share_low"], row["share_high"]) == (min(figures), max(figures))
    # separation: the same rule as the China and market pages, so the pages agree (91–92% in 2025)
    china = market.latest_stage_shares(data["shares"], "China").set_index("stage")
    assert (
        table.loc[("separation_refining", "China"), "share_low"]
        == china.at["separation_refining", "share_low"]
    )
    assert (
        table.loc[("separation_refining", "China"), "share_high"]
        == china.at["separation_refining", "share_high"]
    )
    # magnets: Malaysia has no row in the data, so 'no data', never zero
    if not any(r["stage"] == "magnets" and r["country"] == "Malaysia" for r in rows("value_chain_shares")):
        assert not table.loc[("magnets", "Malaysia"), "known"]


def test_value_chain_mining_uses_usgs_for_both_countries(data):
    table = analysis.value_chain_table(data["shares"], data["production"]).set_index(["stage", "country"])
    edition, year = market.latest_production(data["production"])
    for country in ("China", "Malaysia"):
        expected = usgs(country, year, edition) / usgs("World", year, edition) * 100
        assert table.loc[("mining", country), "share_low"] == pytest.approx(expected)
        assert table.loc[("mining", country), "year"] == year


def test_value_chain_figure_title_states_the_computed_shares(data):
    table = analysis.value_chain_table(data["shares"], data["production"])
    fig = domestic.value_chain_figure(table)
    assert isinstance(fig, Figure)
    title = title_of(fig).replace("\n", " ")
    shares = table.set_index(["stage", "country"])["share_high"]
    assert share_text(shares[("separation_refining", "Malaysia")]) in title
    assert share_text(shares[("mining", "Malaysia")]) in title
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Malaysia: no data" in texts and "China: no data" in texts
    assert "China 91–92%" in texts  # the range two sources give, as on the other pages


def test_share_text():
    assert share_text(92.0) == "92%"
    assert share_text(110 / 390000 * 100) == "0.03%"
    assert share_text(0.001) == "less than 0.01%"
    assert share_text(float("nan")) == "no data"


def test_production_figure_shows_every_malaysia_row_with_its_estimate_flag(data):
    mine = analysis.malaysia_production(data["production"])
    expected = [r for r in rows("ree_production") if r["country"] == "Malaysia"]
    assert len(mine) == len(expected)
    fig = domestic.production_figure(data["production"])
    ax = fig.axes[0]
    points = [c for c in ax.collections]
    assert len(points) == len(expected)
    hollow = sum(1 for c in points if tuple(c.get_facecolor()[0]) == (1.0, 1.0, 1.0, 1.0))
    assert hollow == sum(1 for r in expected if r["estimated"] == "true")
    edition, year = market.latest_production(data["production"])
    title = title_of(ax.figure).replace("\n", " ")
    assert f"{usgs('Malaysia', year, edition):,.0f} tonnes" in title and str(year) in title


def test_timeline_rows_and_title(data):
    kinds = set(analysis.TIMELINE_TYPES)
    expected = [r for r in rows("malaysia_policy") if r["instrument_type"] in kinds]
    timeline = analysis.timeline_rows(data["policy"])
    assert list(timeline["instrument_id"]) == [
        r["instrument_id"] for r in sorted(expected, key=lambda r: (r["date"], r["instrument_id"]))
    ]
    fig = domestic.timeline_figure(data["policy"])
    title = title_of(fig).replace("\n", " ")
    assert f"anchors {len(expected)} policy steps" in title
    ban = min(
        (
            r
            for r in rows("malaysia_policy")
            if (r["instrument_type"], r["instrument_status"]) == ("export_ban", "in_force")
        ),
        key=lambda r: r["date"],
    )
    assert briefing.text.long_date(pd.Timestamp(ban["date"])) in title


# --- the numbers glued into the prose -------------------------------------------------------


@pytest.fixture(scope="module")
def numbers() -> dict:
    return domestic_ree_policy.numbers(Data())


def test_chapter_numbers_match_the_raw_data(data, numbers):
    policy = {r["instrument_id"]: r for r in rows("malaysia_policy")}
    assert numbers["jmg_mt"] == f"{float(policy['P08']['amount']) / 1e6:.1f}"
    assert numbers["million_P33"] == f"{float(policy['P33']['amount']) / 1e6:.1f}"
    assert numbers["magnet_rm_m"] == f"{float(policy['P18']['amount']):.0f}"
    assert numbers["magnet_t"] == f"{float(policy['P17']['amount']):,.0f}"
    assert numbers["amount_P32"] == f"{float(policy['P32']['amount']):.0f}%"
    assert numbers["period_P32"] == "2020–23" and numbers["period_P32"] in policy["P32"]["name"]
    assert numbers["until_P12"] == "March 2026" and numbers["until_P12"] in policy["P12"]["name"]
    assert numbers["ban_in_force"] == "1 January 2024"
    reserves = {(r["country"], r["edition"]): r for r in rows("ree_reserves")}
    newest = max(e for (c, e), r in reserves.items() if c == "Malaysia" and r["qualifier"] == "value")
    assert numbers["reserves_edition"] == newest
    assert numbers["reserves_t"] == f"{float(reserves[('Malaysia', newest)]['reserves_t']):,.0f}"
    missing = sorted(
        e for (c, e), r in reserves.items() if c == "Malaysia" and r["qualifier"] == "not_available"
    )
    assert numbers["na_editions"] == " and ".join(missing)
    edition, year = market.latest_production(data["production"])
    assert numbers["mine_t"] == f"{usgs('Malaysia', year, edition):,.0f}"
    # the phases' typed years agree with the years their names state
    for instrument_id in ("P05", "P06"):
        assert (
            f"({numbers['start_' + instrument_id]}–{numbers['end_' + instrument_id]})"
            in (policy[instrument_id]["name"])
        )
    assert f"after {numbers['end_P06']}" in policy["P07"]["name"]


def test_refining_shares_are_compared_in_the_same_year(numbers):
    # Malaysia's latest refining share (2023) against China's in that year: one source gives 92%.
    assert (numbers["sep_year"], numbers["sep_share"], numbers["china_sep_share"]) == ("2023", "5%", "92%")


def test_a_new_policy_row_needs_no_code_change(data):
    from briefing.chapters.row_values import policy_values

    extra = data["policy"].iloc[[-1]].copy()
    extra["instrument_id"] = "P99"
    extra["amount"] = 2500.0
    extra["unit"] = "tonnes"
    values = policy_values(pd.concat([data["policy"], extra], ignore_index=True))
    assert values["amount_P99"] == "2,500" and "date_P99" in values


def glue_names(notebook_name: str) -> set[tuple[str, str]]:
    """(page, name) of every glue role in a notebook's prose; page is '' for the notebook itself."""
    notebook = json.loads((ROOT / "notebooks" / notebook_name).read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    found = re.findall(r"\{glue(?::\w+)?\}`(?:([\w.]+)\.ipynb::)?(\w+)", prose)
    return set(found)


def test_static_view_is_the_default_selection(data):
    frame, columns = PolicyExplorer(data["policy"]).static_table()
    assert len(frame) == len(rows("malaysia_policy"))
    assert "detail" not in columns


def test_the_state_resource_total_is_the_sum_of_the_itemised_states(numbers):
    """Mechanical check of the chapter's one itemised sum: the state figures that the source gives in
    tonnes of oxide (unit ``tonnes_treo``) add up to the glued total, and that total does not exceed
    the national figure it itemises (the source does not say where the remainder lies)."""
    policy = [r for r in rows("malaysia_policy") if r["instrument_type"] == "resource_estimate"]
    states = [float(r["amount"]) for r in policy if r["unit"] == "tonnes_treo"]
    assert numbers["jmg_n_states"] == str(len(states)) and states
    assert numbers["jmg_states_mt"] == f"{sum(states) / 1e6:.2f}"
    assert sum(states) / 1e6 <= float(numbers["jmg_mt"])
    assert {("", "jmg_states_mt"), ("", "jmg_n_states")} <= glue_names("04_domestic_ree_policy.ipynb")
