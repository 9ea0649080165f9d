"""Tense follows the clock: the same dated item reads differently before and after its date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from briefing import clock

EXPIRE = {"due": "is due to expire", "done": "expired", "was_due": "was due to expire"}
DAY = date(2026, 11, 10)


@pytest.mark.parametrize(
    ("timing", "as_of", "expected"),
    [
        ("scheduled", date(2026, 11, 1), "is due to expire on 10 November 2026"),
        ("scheduled", DAY, "is due to expire on 10 November 2026"),
        (
            "scheduled",
            date(2026, 12, 1),
            "was due to expire on 10 November 2026; no outcome has been reported",
        ),
        (
            "no_outcome_found",
            date(2026, 12, 1),
            "was due to expire on 10 November 2026; no outcome has been reported",
        ),
        ("lapsed", date(2026, 12, 1), "expired on 10 November 2026"),
        ("suspended", date(2026, 12, 1), "was due to expire on 10 November 2026 but was suspended"),
        ("superseded", date(2026, 12, 1), "was due to expire on 10 November 2026 but was superseded"),
    ],
)
def test_verb_phrase_takes_its_tense_from_the_as_of_date(timing, as_of, expected):
    assert clock.verb_phrase(timing, DAY, as_of, EXPIRE) == expected


def test_a_missing_outcome_says_when_the_sources_were_searched():
    """'No outcome has been reported' cannot tell a quiet record from a silent one; the date of the
    search can."""
    phrase = clock.verb_phrase("no_outcome_found", DAY, date(2026, 12, 1), EXPIRE, searched=date(2026, 12, 1))
    assert (
        phrase
        == "was due to expire on 10 November 2026; we found no report of what followed by 1 December 2026"
    )


def test_month_and_year_precision_are_past_only_when_the_period_is_over():
    april = date(2026, 4, 1)
    assert not clock.is_past(april, date(2026, 4, 30), "month")
    assert clock.is_past(april, date(2026, 5, 1), "month")
    assert clock.when(april, "month") == "in April 2026"
    assert clock.when(date(2027, 1, 1), "year") == "in 2027"
    assert not clock.is_past(date(2027, 1, 1), date(2027, 12, 31), "year")


def test_timestamps_from_the_loaders_work_too():
    stamp = pd.Timestamp("2026-07-24")
    assert clock.verb_phrase("lapsed", stamp, date(2026, 12, 1), EXPIRE) == "expired on 24 July 2026"


def test_past_due_lists_only_scheduled_rows_the_clock_has_passed():
    rows = [
        {"id": "a", "timing": "scheduled", "date": date(2026, 7, 24), "date_precision": "day"},
        {"id": "b", "timing": "scheduled", "date": date(2027, 1, 1), "date_precision": "month"},
        {"id": "c", "timing": "no_outcome_found", "date": date(2026, 1, 1), "date_precision": "day"},
        {"id": "d", "timing": "scheduled", "date": None, "date_precision": None},
    ]
    assert [r["id"] for r in clock.past_due(rows, date(2026, 12, 1))] == ["a"]
    assert [r["id"] for r in clock.past_due(rows, date(2027, 2, 1))] == ["a", "b"]
