"""No built page speaks of a date the edition has passed in the present or future tense."""

from __future__ import annotations

from tense import scan

import briefing


def test_no_page_speaks_of_a_past_date_as_still_to_come(built_book):
    as_of = briefing.as_of()
    stale = scan(built_book, as_of)
    assert not stale, f"present or future tense about dates before {as_of}:\n" + "\n".join(
        f"  {page}: {sentence}" for page, sentence in stale
    )
