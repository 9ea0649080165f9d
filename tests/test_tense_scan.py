"""The tense scanner itself: it finds what it should and passes what it should."""

from __future__ import annotations

from datetime import date

from tense import stale_sentences

AS_OF = date(2026, 12, 1)


def test_present_tense_about_a_past_date_is_found():
    text = (
        "China's suspension is due to expire on 10 November 2026 [S41]. The October measures are suspended "
        "until 10 November 2026. 2026-11-10 MOFCOM Scheduled date: the suspension under Announcement No. 70 "
        "is due to expire. Since 24 February 2026 a temporary surcharge has applied instead."
    )
    assert len(stale_sentences(text, AS_OF)) == 4


def test_past_tense_future_dates_and_quotations_pass():
    text = (
        "The suspension was due to expire on 10 November 2026; no outcome has been reported. "
        "The review is due to be completed in January 2027. "
        "He said on 4 March 2026 that “the rules are suspended until 10 November 2026”."
    )
    assert stale_sentences(text, AS_OF) == []
