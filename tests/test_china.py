"""The China chapter: its explorer (set the controls, read the output) and the data behind its charts."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

import briefing
from briefing.analysis import china, market
from briefing.chapter import Data
from briefing.chapters import china_response
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


def test_timeline_draws_the_labelled_events_in_two_lanes(events):
    rows = china.timeline_rows(events)
    assert set(rows["lane"]) == {china.CHINA_LANE, china.US_MALAYSIA_LANE}
    assert has_theme(rows[rows["lane"] == china.CHINA_LANE], "china").all()
    assert not has_theme(rows[rows["lane"] == china.US_MALAYSIA_LANE], "china").any()
    assert (rows["short_label"].str.len() > 0).all()
    assert (rows["date"] >= pd.Timestamp(china.TIMELINE_START)).all()
    assert rows["date"].is_monotonic_increasing
    assert rows.loc[rows["event_id"] == "E065", "scheduled"].item()
    assert not rows.loc[rows["event_id"] == "E044", "scheduled"].item()
    # Events without a short label stay off the chart (they remain in the explorer).
    unlabelled = events[events["short_label"].isna() & (events["date"] >= pd.Timestamp(china.TIMELINE_START))]
    assert not set(unlabelled["event_id"]) & set(rows["event_id"])


def test_a_new_labelled_event_joins_the_chart_without_a_code_change(events):
    extra = events.iloc[[-1]].copy()
    extra["event_id"] = "E999"
    extra["date"] = pd.Timestamp("2026-06-01")
    extra["short_label"] = "A new step"
    extra["charts"] = [["china_timeline"]]
    extra["themes"] = [["china"]]
    rows = china.timeline_rows(pd.concat([events, extra], ignore_index=True))
    assert rows.loc[rows["event_id"] == "E999", "lane"].item() == china.CHINA_LANE


def test_the_signing_and_the_counts_either_side(events):
    agreements = briefing.load_agreements()
    signing = china.us_malaysia_agreement(agreements, "mou")["date"]
    assert signing == pd.Timestamp("2025-10-26")
    rows = china.timeline_rows(events)
    before, after = china.china_events_around(rows, signing)
    happened = rows[(rows["lane"] == china.CHINA_LANE) & ~rows["scheduled"]]
    assert before + after == len(happened[happened["date"] != signing])
    assert before > 0 and after > 0


def test_controlled_elements_and_the_stated_threshold(events):
    listed = china.controlled_elements(events)
    assert listed["date"].is_monotonic_increasing
    first = set(listed["elements"].iloc[0])
    assert first == {"Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"}
    every = {e for elements in listed["elements"] for e in elements}
    assert len(every) == 12 and every <= set(china.RARE_EARTH_ELEMENTS)
    stated = china.stated_percentages(events).set_index("event_id")["percent"]
    assert stated["E028"] == pytest.approx(0.1)


def test_elements_in_force_exclude_measures_that_never_took_effect(events):
    """The October package's element licensing (due 8 November 2025) was suspended the day before:
    its five elements count in the coverage there would have been, never in the coverage in force."""
    listed = china.controlled_elements(events)
    suspended = listed[listed["timing"] == "suspended"]
    assert "E402" in set(suspended["event_id"])
    assert not china.took_effect(listed)[listed["timing"] == "suspended"].any()
    counts = china.licensing_counts(events)
    assert counts["in_force"] == 7 and counts["announced"] == 12
    assert counts["not_applied"] == 5 and counts["added_later"] == 5
    in_force = {e for row in listed[china.took_effect(listed)].itertuples() for e in row.elements}
    assert not in_force & set(suspended["elements"].iloc[0])
    # Had the measure applied, the count in force would follow from the timing alone.
    applied = events.copy()
    applied["timing"] = applied["timing"].astype(str)
    applied.loc[applied["event_id"] == "E402", "timing"] = "happened"
    assert china.licensing_counts(applied)["in_force"] == 12
    # Any other timing that is not "took effect" (scheduled, superseded, no outcome) is left out too.
    for timing in ("scheduled", "superseded", "no_outcome_found"):
        applied.loc[applied["event_id"] == "E402", "timing"] = timing
        assert china.licensing_counts(applied)["in_force"] == 7


def test_controlled_elements_come_from_the_typed_column(events):
    listed = china.controlled_elements(events)
    assert len(listed) >= 2
    assert all(set(e) <= set(china.RARE_EARTH_ELEMENTS) for e in listed["elements"])
    assert listed["date"].is_monotonic_increasing


def test_stated_percentages_come_from_the_typed_column(events):
    stated = china.stated_percentages(events)
    assert len(stated) >= 1 and stated["percent"].between(0, 100).all()


def test_production_table_adds_up_to_the_named_and_other_rows():
    production = briefing.load_ree_production()
    table = charts.production_table(production)
    rows = market.production_by_year(production)
    rows = rows[rows["country"] != "World"]
    assert table.sum(axis=1).to_dict() == pytest.approx(rows.groupby("year")["production_t"].sum().to_dict())
    assert table.columns[0] == "China"
    assert table.columns[-1] == "All others"


def test_every_chart_draws(events):
    production = briefing.load_ree_production()
    shares = briefing.load_value_chain_shares()
    for fig in (
        charts.value_chain_chart(shares, production),
        charts.production_chart(production),
        charts.timeline_chart(events, briefing.load_agreements()),
    ):
        assert isinstance(fig, Figure)
        texts = [t.get_text() for t in fig.texts]
        assert any(t.startswith("Source:") for t in texts)


# --- the chapter's numbers --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def numbers() -> dict:
    return china_response.numbers(Data())


def test_concentration_numbers_match_the_market_functions(numbers):
    production = briefing.load_ree_production()
    conc = market.concentration_by_year(production)
    last = conc.iloc[-1]
    assert numbers["usgs_last_year"] == int(last["year"])
    assert numbers["hhi_last"] == f"{last['hhi']:,.0f}"
    assert numbers["china_share_last"] == pytest.approx(last["country_share_pct"])
    assert numbers["n_controlled"] == 12 and numbers["n_april"] + numbers["n_october_added"] == 12
    assert numbers["n_in_force"] == 7 and numbers["n_not_applied"] == 5
    assert numbers["day_E402"] == "8 November 2025"


def test_event_dates_and_days_from_the_art(numbers, events):
    assert len([k for k in numbers if k.startswith("day_")]) == len(events)
    assert numbers["day_E041"] == "7 November 2025"
    assert numbers["art_date"] == "26 October 2025"
    assert numbers["days_from_art_E044"] == 32  # 26 October to 27 November 2025
    assert numbers["days_from_art_E028"] == 17  # 9 to 26 October 2025
    assert numbers["status_E049"] == "unverified"


def test_value_chain_numbers_use_the_one_rule(numbers):
    shares = briefing.load_value_chain_shares()
    latest = market.latest_stage_shares(shares).set_index("stage")
    assert numbers["iea_sep_low"] == latest.at["separation_refining", "share_low"]
    assert numbers["iea_sep_high"] == latest.at["separation_refining", "share_high"]
    # Malaysia's refining share against China's is the domestic chapter's, glued from there.
    assert not {"iea_base_year", "iea_china_refining_base", "iea_my_refining_base"} & set(numbers)


def test_static_view_is_the_default_selection(events):
    explorer = ChinaExplorer(events)
    frame, columns = explorer.static_table()
    assert len(frame) == int(has_theme(events, "china").sum())
    assert list(columns) == ["date", "actor", "event", "status", "source_id"]


def test_the_timeline_draws_the_chapters_events(events):
    """The events the chapter's timeline shows, pinned (events.charts names the chart)."""
    rows = china.timeline_rows(events)
    lanes = rows.groupby("lane")["event_id"].apply(list).to_dict()
    assert lanes[china.US_MALAYSIA_LANE] == ["E021", "E030", "E031", "E035", "E050", "E052", "E054", "E062"]
    assert lanes[china.CHINA_LANE] == [
        "E013", "E015", "E022", "E025", "E027", "E028", "E037", "E041", "E043", "E044", "E045",
        "E400", "E046", "E065",
    ]  # fmt: skip


def test_timeline_chart_draws_dates_that_never_happened_as_such_and_names_every_mark(events):
    """Suspended and no-outcome dates are hollow, each timing its own shape; the legends name every
    colour (who acted) and every shape (what became of the date) the chart draws."""
    rows = china.timeline_rows(events)
    fig = charts.timeline_chart(events, briefing.load_agreements())
    ax = fig.axes[0]
    legends = [a for a in ax.get_children() if type(a).__name__ == "Legend"]
    # the words of each entry (a long one is wrapped to fit the phone-sized chart)
    entries = {" ".join(t.get_text().split()) for legend in legends for t in legend.get_texts()}
    timing = briefing.labels("events", "timing")
    assert {"China", "Malaysia", "United States", "More than one country"} <= entries
    assert {timing["happened"], "Due date: suspended", "Due date: no sourced outcome found"} <= entries
    drawn = {str(t) for t in rows["timing"]}
    shapes = {charts.TIMING_MARKERS[t] for t in drawn}
    assert len(shapes) == len({charts.TIMING_MARKERS[t][0] for t in drawn}) == len(drawn)
    assert not charts.TIMING_MARKERS["suspended"][1] and not charts.TIMING_MARKERS["no_outcome_found"][1]
    assert rows.loc[rows["event_id"] == "E400", "timing"].astype(str).item() == "suspended"
