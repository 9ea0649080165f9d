"""The outlook page: the indicators dataset, the past/upcoming rule, the chart, the explorer and
the prose."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from helpers import ROOT, glued_names, notebook_markdown, without_roles

import briefing
from briefing.analysis import outlook as ol
from briefing.figures import outlook as charts
from briefing.widgets import ALL
from briefing.widgets.outlook import COLUMNS, OutlookExplorer

NOTEBOOK = ROOT / "notebooks" / "outlook.ipynb"


@pytest.fixture(scope="module")
def indicators():
    return briefing.load_watch_indicators()


@pytest.fixture(scope="module")
def as_of():
    return briefing.as_of("watch_indicators")


# --- the dataset ----------------------------------------------------------------------------------


def test_ids_are_consecutive_and_every_theme_is_used(indicators):
    assert list(indicators["indicator_id"]) == [f"W{i:02d}" for i in range(1, len(indicators) + 1)]
    assert set(indicators["theme"].astype(str)) == set(ol.theme_labels())


def test_outcome_fields_come_together(indicators):
    has = indicators["outcome"].notna()
    assert (indicators.loc[has, "outcome_source_id"].notna()).all()
    assert (indicators.loc[~has, ["outcome_date", "outcome_source_id"]].isna()).all().all()


def test_due_date_and_precision_come_together(indicators):
    assert (indicators["due_date"].isna() == indicators["due_precision"].isna()).all()


def test_status_in_words_comes_from_the_recorded_status(indicators, as_of):
    rows = ol.with_timing(indicators, as_of)
    words = ol.record_labels()
    for row in rows.itertuples():
        if row.recorded == "no_outcome_found":
            searched = ol.long_date(row.outcome_searched)
            assert row.status_text.startswith(f"{words['no_outcome_found']} (searched {searched})")
        elif pd.notna(row.outcome):
            assert str(row.outcome).rstrip(".") in row.status_text
        else:
            assert row.status_text.startswith(words[row.recorded])


# --- the past / upcoming rule ---------------------------------------------------------------------


def _one(due_date=None, precision=None, note=None, outcome=None, period_start=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["W99"],
            "indicator": ["test"],
            "theme": pd.Categorical(["trade"], categories=list(ol.theme_labels())),
            "due_date": pd.to_datetime([due_date]),
            "due_precision": [precision],
            "period_start": pd.to_datetime([period_start]),
            "signal": ["s"],
            "outcome": [outcome],
            "outcome_date": pd.to_datetime([None]),
            "outcome_source_id": ["S1" if outcome else None],
            "source_id": ["S1"],
            "status": ["reported"],
            "note": [note],
        }
    )


def test_due_period_follows_the_date_precision():
    assert ol.due_periods(_one("2026-04-01", "month")).iloc[0]["due_end"] == pd.Timestamp("2026-04-30")
    row = ol.due_periods(_one("2027-01-01", "year")).iloc[0]
    assert (row["due_start"], row["due_end"], row["due_prec"]) == (
        pd.Timestamp("2027-01-01"),
        pd.Timestamp("2027-12-31"),
        "year",
    )
    assert pd.isna(
        ol.due_periods(_one(note="Due 2027: a date in a note is not a due date")).iloc[0]["due_start"]
    )


def test_a_future_due_date_passes_validation_but_no_other_future_date_does():
    indicators = briefing.load_watch_indicators()
    assert (indicators["due_date"] > pd.Timestamp(briefing.as_of("watch_indicators"))).any()


@pytest.mark.parametrize(
    ("as_of", "timing"),
    [
        (date(2026, 3, 31), "upcoming"),
        (date(2026, 4, 15), "due now"),  # inside the due month: not yet past
        (date(2026, 5, 1), "past"),
    ],
)
def test_timing_is_judged_against_the_given_as_of_date(as_of, timing):
    assert ol.with_timing(_one("2026-04-01", "month"), as_of).iloc[0]["timing"] == timing


def test_past_without_outcome_says_so_and_never_guesses():
    row = ol.with_timing(_one("2026-04-01", "month"), date(2026, 11, 22)).iloc[0]
    assert row["outcome_text"] == ol.NO_OUTCOME
    row = ol.with_timing(_one("2026-04-01", "month"), date(2026, 1, 1)).iloc[0]
    assert row["outcome_text"] == ol.NOT_DUE
    row = ol.with_timing(_one(), date(2026, 1, 1)).iloc[0]
    assert row["timing"] == "no date set" and row["due_text"] == "No date set"


def test_the_real_data_against_the_as_of_date(indicators, as_of):
    rows = ol.with_timing(indicators, as_of).set_index("indicator_id")
    day = pd.Timestamp(as_of)
    for _, row in rows.iterrows():
        if row["timing"] == "past":
            assert row["due_end"] < day
            if pd.isna(row["outcome"]):
                assert row["outcome_text"] == ol.NO_OUTCOME
        if row["timing"] == "upcoming":
            assert row["due_start"] > day
    # the same data a year earlier: nothing that is dated is past any more
    earlier = ol.with_timing(indicators, date(2025, 1, 1))
    assert not (earlier["timing"] == "past").any()


def test_numbers_add_up(indicators, as_of):
    n = ol.outlook_numbers(indicators, as_of)
    assert n["n_indicators"] == len(indicators)
    assert n["n_past"] + n["n_due_now"] + n["n_upcoming"] + n["n_undated"] == len(indicators)
    assert n["n_dated"] == len(indicators) - n["n_undated"]
    assert 0 <= n["n_past_with_outcome"] <= n["n_past"]
    assert n["past_outcomes"] == ol.past_outcome_phrase(n["n_past_with_outcome"])
    assert ol.past_outcome_phrase(0) == "none has" and ol.past_outcome_phrase(2) == "2 have"
    due_text = ol.with_timing(indicators, as_of).set_index("indicator_id")["due_text"]
    for row in indicators.itertuples():
        assert n[f"due_{row.indicator_id}"] == due_text[row.indicator_id]
        assert (f"outcome_date_{row.indicator_id}" in n) == pd.notna(row.outcome_date)


def test_a_period_s_length_is_counted_from_its_start_to_its_due_day():
    n = ol.outlook_numbers(_one("2026-07-24", "day", period_start="2026-02-24"), date(2026, 11, 22))
    assert n["period_days_W99"] == 150
    assert "period_days_W99" not in ol.outlook_numbers(_one("2026-07-24", "day"), date(2026, 11, 22))
    # a period ending in a month or a year has no exact length
    assert ol.period_days(_one("2026-07-01", "month", period_start="2026-02-24")).empty


def test_every_period_start_comes_before_its_due_date(indicators):
    has = indicators["period_start"].notna()
    assert has.any()
    assert (indicators.loc[has, "period_start"] < indicators.loc[has, "due_date"]).all()


# --- the chart ------------------------------------------------------------------------------------


def test_chart_has_one_row_per_dated_indicator_and_a_computed_title(indicators, as_of):
    fig = charts.indicator_chart(indicators, as_of)
    ax = fig.axes[0]
    n = ol.outlook_numbers(indicators, as_of)
    drawn = sum(len(c.get_offsets()) for c in ax.collections) + len(
        [line for line in ax.get_lines() if line.get_linewidth() == 8]
    )
    assert drawn == n["n_dated"]
    texts = [*fig.texts, *ax.texts]
    text = " ".join(t.get_text() for t in texts).replace("\n", " ")
    assert f"{n['n_past']} of {n['n_dated']} dated indicators" in text
    assert f"{n['n_undated']} more have no set date" in text


# --- the explorer ---------------------------------------------------------------------------------


def test_default_view_lists_every_indicator_dated_first(indicators, as_of):
    explorer = OutlookExplorer(indicators, as_of)
    assert explorer.theme.value == ALL and explorer.timing.value == ALL
    rows = explorer.selected()
    assert len(rows) == len(indicators)
    dated = rows["due_start"].notna().tolist()
    assert dated == sorted(dated, reverse=True)  # all dated rows before the undated ones
    assert f"<p>{len(indicators)} indicators</p>" in explorer.output.value
    assert all(title in explorer.output.value for title in COLUMNS.values())


def test_theme_and_timing_filters_combine(indicators, as_of):
    explorer = OutlookExplorer(indicators, as_of)
    explorer.timing.value = "past"
    rows = explorer.selected()
    assert len(rows) and (rows["timing"] == "past").all()
    assert ol.NO_OUTCOME in explorer.output.value or rows["outcome"].notna().all()
    explorer.theme.value = "china"
    rows = explorer.selected()
    assert (rows["theme"].astype(str) == "china").all() and (rows["timing"] == "past").all()
    noun = "indicator" if len(rows) == 1 else "indicators"
    assert f"<p>{len(rows)} {noun}</p>" in explorer.output.value


def test_explorer_escapes_text(indicators, as_of):
    frame = indicators.copy()
    frame["signal"] = frame["signal"].astype("object")
    frame.loc[frame.index[0], "signal"] = "<i>x</i>"
    explorer = OutlookExplorer(frame, as_of)
    assert "<i>x</i>" not in explorer.output.value and "&lt;i&gt;x&lt;/i&gt;" in explorer.output.value


# --- the notebook's prose -------------------------------------------------------------------------


def test_names_taken_from_other_pages_are_published_there():
    """Event dates come from the timeline page and the trade agreement's terms from the trade page
    (computed once, there), by cross-page glue."""
    cited = re.findall(r"\{glue:text\}`([\w.]+\.ipynb)::(\w+):s`", notebook_markdown(NOTEBOOK))
    assert cited
    for page, name in cited:
        assert name in glued_names(NOTEBOOK.parent / page), f"{page} does not publish {name}"


def test_prose_digits_are_only_identifiers():
    prose = re.sub(r"```\{glue:figure\}[^\n]*\n(?::[^\n]*\n)*", "", notebook_markdown(NOTEBOOK))
    identifiers = r"Art\. \d+(\.\d+)*|Announcement No\. \d+|Section 122|Section 301|\.\./book/\S+"
    left = re.sub(identifiers, "", without_roles(prose))
    assert not re.search(r"\d", left), re.findall(r".{0,30}\d.{0,30}", left)
