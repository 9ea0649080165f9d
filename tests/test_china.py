"""The China chapter: its explorer (set the controls, read the output) and the data behind its charts."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import briefing
from briefing.analysis import market
from briefing.figures import china as charts
from briefing.widgets import ALL
from briefing.widgets.china import ChinaExplorer, actor_names, as_shown


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return briefing.load_events()


def count_line(explorer: ChinaExplorer) -> str:
    return explorer.output.value.split("</p>")[0]


def has_theme(events: pd.DataFrame, theme: str) -> pd.Series:
    return events["themes"].apply(lambda t: theme in t)


# --- explorer -------------------------------------------------------------------------------------


def test_default_view_is_the_china_theme_over_the_whole_period(events):
    explorer = ChinaExplorer(events)
    assert explorer.actor.value == ALL and explorer.theme.value == "china"
    expected = events[has_theme(events, "china")]
    assert count_line(explorer).startswith(f"<p>{len(expected)} events")
    assert all(event_id in set(explorer.selected()["event_id"]) for event_id in expected["event_id"])


def test_actor_filter_matches_every_event_that_names_the_actor(events):
    explorer = ChinaExplorer(events)
    explorer.theme.value = ALL
    explorer.actor.value = "MOFCOM"
    rows = explorer.selected()
    expected = events[events["actor"].astype(str).str.contains("MOFCOM", regex=False)]
    assert set(rows["event_id"]) == set(expected["event_id"])
    assert {"MOFCOM", "MOFCOM and GAC"} <= set(rows["actor"].astype(str))
    assert count_line(explorer).startswith(f"<p>{len(expected)} events")


def test_date_range_is_inclusive_of_both_end_months(events):
    explorer = ChinaExplorer(events)
    explorer.dates.value = (pd.Timestamp("2025-11-01"), pd.Timestamp("2025-12-01"))
    rows = explorer.selected()
    assert rows["date"].min() >= pd.Timestamp("2025-11-01")
    assert rows["date"].max() < pd.Timestamp("2026-01-01")
    assert "E044" in set(rows["event_id"]) and "E046" in set(rows["event_id"])  # 27 Nov and 2 Dec
    assert "Nov 2025 to Dec 2025" in count_line(explorer)


def test_filters_combine(events):
    explorer = ChinaExplorer(events)
    explorer.actor.value = "MITI"
    explorer.theme.value = "trade"
    explorer.dates.value = (pd.Timestamp("2025-10-01"), pd.Timestamp("2026-03-01"))
    rows = explorer.selected()
    assert len(rows) > 0
    assert rows["actor"].astype(str).str.contains("MITI").all()
    assert has_theme(rows, "trade").all()
    assert f"<p>{len(rows)} events" in explorer.output.value


def test_an_empty_selection_says_so(events):
    explorer = ChinaExplorer(events)
    explorer.actor.value = "Xi Jinping"
    explorer.theme.value = "trade"
    assert explorer.selected().empty
    assert count_line(explorer).startswith("<p>0 events")


def test_dates_show_only_the_precision_the_data_have(events):
    explorer = ChinaExplorer(events)
    month_rows = explorer.selected()[explorer.selected()["date_precision"] == "month"]
    assert not month_rows.empty
    shown = as_shown(month_rows)
    assert shown["date"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert shown["date"].iloc[0] in explorer.output.value


def test_event_text_is_escaped(events):
    events = events.copy()
    events["event"] = events["event"].astype("object")
    events.loc[events["event_id"] == "E044", "event"] = "<script>alert(1)</script>"
    explorer = ChinaExplorer(events)
    assert "<script>alert(1)</script>" not in explorer.output.value
    assert "&lt;script&gt;" in explorer.output.value


def test_actor_names_split_and_strip():
    assert actor_names("MITI (Tengku Zafrul)") == ["MITI"]
    assert actor_names("Trump; Anwar Ibrahim") == ["Trump", "Anwar Ibrahim"]
    assert actor_names("Khazanah Nasional; Chinese state-owned firm (reported)") == [
        "Khazanah Nasional",
        "Chinese state-owned firm",
    ]


# --- charts: the numbers behind them --------------------------------------------------------------


def test_timeline_lanes(events):
    rows = charts.timeline_rows(events)
    assert set(rows["lane"]) == {"China", "US–Malaysia"}
    assert set(rows.loc[rows["lane"] == "US–Malaysia", "event_id"]) <= set(charts.US_MALAYSIA_MILESTONES)
    assert has_theme(rows[rows["lane"] == "China"], "china").all()
    assert rows["date"].is_monotonic_increasing
    assert rows.loc[rows["event_id"] == "E065", "scheduled"].item()
    assert not rows.loc[rows["event_id"] == "E044", "scheduled"].item()


def test_production_table_adds_up_to_the_named_and_other_rows():
    production = briefing.load_ree_production()
    table = charts.production_table(production)
    rows = market.production_by_year(production)
    rows = rows[rows["country"] != "World"]
    assert table.sum(axis=1).to_dict() == pytest.approx(rows.groupby("year")["production_t"].sum().to_dict())
    assert table.columns[0] == "China"


def test_every_chart_draws(events):
    production = briefing.load_ree_production()
    shares = briefing.load_value_chain_shares()
    for fig in (
        charts.value_chain_chart(shares, production),
        charts.production_chart(production),
        charts.timeline_chart(events),
    ):
        assert isinstance(fig, Figure)
        texts = [t.get_text() for t in fig.texts]
        assert any(t.startswith("Source:") for t in texts)


def test_concentration_numbers_match_the_market_functions():
    from briefing.figures.china import concentration_numbers

    production, reserves = briefing.load_ree_production(), briefing.load_ree_reserves()
    numbers = concentration_numbers(production, reserves)
    conc = market.concentration_by_year(production)
    last = conc.iloc[-1]
    assert numbers["usgs_last_year"] == int(last["year"])
    assert numbers["hhi_last"] == f"{last['hhi']:,.0f}"
    mine = market.production_by_year(production)
    malaysia = mine[(mine["country"] == "Malaysia") & (mine["year"] == int(last["year"]))]
    assert numbers["my_t"] == f"{float(malaysia['production_t'].item()):,.0f}"
    assert 0 < numbers["my_share"] < 1  # Malaysia mines a small fraction of one per cent
