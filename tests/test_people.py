"""The who's-who page: terms, gaps and reshuffles come from the data; the chart keeps the house rules."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.analysis import people as analysis
from briefing.chapter import Data
from briefing.chapters import whos_who
from briefing.figures import people as charts
from briefing.text import chart_problems


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return Data().people


def test_partial_dates_keep_their_precision():
    assert analysis.partial_start("2025-07") == pd.Timestamp(2025, 7, 1)
    assert analysis.partial_start("2025") == pd.Timestamp(2025, 1, 1)
    assert pd.isna(analysis.partial_start(None))
    assert [analysis.precision(t) for t in ("2025", "2025-07", "2025-07-28", "")] == [
        "year",
        "month",
        "day",
        None,
    ]


def test_every_term_has_a_start_and_a_date_it_was_last_seen(people):
    terms = analysis.terms(people)
    assert terms["start"].notna().all() and terms["seen_to"].notna().all()
    assert (terms["seen_to"] >= terms["start"]).all(), "no one is confirmed in post before taking it"
    bodies = analysis.bodies(people)
    assert (bodies["from_basis"] == "not_applicable").all() and bodies["from_date"].isna().all()


def test_a_gap_counts_the_days_with_no_named_holder():
    frame = pd.DataFrame(
        {
            "kind": ["person", "person"],
            "office": pd.Categorical(["miti_minister"] * 2),
            "country": pd.Categorical(["Malaysia"] * 2),
            "name": ["A", "B"],
            "short_name": ["A", "B"],
            "from_date": ["2025-01-01", "2025-01-05"],
            "to_date": ["2025-01-02", None],
            "confirmed_on": pd.to_datetime(["2025-01-02", "2025-02-01"]),
            "from_basis": ["took_office", "named"],
            "acting": [False, False],
        }
    )
    gap = analysis.gaps(frame, "miti_minister").iloc[0]
    assert (gap["before"], gap["after"], gap["days"]) == ("A", "B", 2)  # 3 and 4 January


def test_holders_between_counts_an_open_term_to_the_end(people):
    terms = analysis.terms(people)
    open_miti = terms[(terms["office"] == "miti_minister") & terms["open"]]
    late = pd.Timestamp("2026-11-30")
    assert set(open_miti["name"]) <= set(
        analysis.holders_between(people, "miti_minister", late, late)["name"]
    )


def test_the_page_numbers_follow_the_data(people):
    numbers = whos_who.numbers(Data())
    gap = analysis.gaps(people, "miti_minister").iloc[0]
    assert numbers["miti_gap_days"] == gap["days"]
    assert numbers["n_stand_in"] == int((people["status"] == "unverified").sum())
    assert numbers["n_nres_terms"] == int((people["office"] == "nres_minister").sum())


def test_the_chronology_chart_is_legible_and_tables_name_every_term(people):
    assert chart_problems(charts.chronology_chart(people)) == []
    shown = sum(len(charts.terms_table(people, c)) for c in ("Malaysia", "United States", "China"))
    assert shown == len(analysis.terms(people))
    stand_in = charts.terms_table(people, "United States")["sources"].str.contains("unverified").sum()
    assert stand_in == int(
        ((people["country"] == "United States") & (people["status"] == "unverified")).sum()
    )
