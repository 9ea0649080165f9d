"""Values of single rows, glued under names built from the row's id (``day_E041``, ``date_P05``).

A page's prose that cites one particular row (an event's date, a policy instrument's amount) names
the row in its glue role; the chapter publishes the value for every row, so adding or citing a row
never needs a code change.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import timeline
from ..text import long_date


def number_text(value: float) -> str:
    """'3,000', '9.5', '16,100,000': thousands separated, one decimal only when the data have one."""
    value = float(value)
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"


def event_days(events: pd.DataFrame) -> dict[str, str]:
    """``day_<event_id>`` -> the event's date as precise as the data ('7 November 2025'); every page
    that dates an event in its prose publishes these (one function: analysis.timeline.event_days)."""
    return {f"day_{event_id}": day for event_id, day in timeline.event_days(events).items()}


def event_phrases(events: pd.DataFrame) -> dict[str, str]:
    """``phrase_<event_id>`` -> the verb phrase of every item that was or is due, in the tense the
    as-of date calls for ('was due to expire on 10 November 2026; no outcome has been reported'):
    prose writes the subject and glues the rest, so its tense follows the clock."""
    return {f"phrase_{event_id}": phrase for event_id, phrase in timeline.verb_phrases(events).items()}


def policy_values(policy: pd.DataFrame) -> dict[str, str]:
    """For every policy instrument: ``date_<id>`` (its date, as precise as the data); where given,
    ``amount_<id>`` (the amount, '%' added for per-cent rows), ``million_<id>`` (amounts of a million
    or more, in millions to one decimal: '16.1'), ``until_<id>`` (the date it runs to),
    ``start_<id>``/``end_<id>`` (the years of its period) and ``period_<id>`` ('2020–23', or '2025'
    for a single year)."""
    values: dict[str, str] = {}
    for row in policy.itertuples():
        key = str(row.instrument_id)
        values[f"date_{key}"] = long_date(row.date, str(row.date_precision))
        if pd.notna(row.amount):
            values[f"amount_{key}"] = number_text(row.amount) + ("%" if str(row.unit) == "percent" else "")
            if float(row.amount) >= 1e6:
                values[f"million_{key}"] = f"{float(row.amount) / 1e6:.1f}"
        if pd.notna(row.until_date):
            values[f"until_{key}"] = long_date(row.until_date, str(row.until_precision))
        if pd.notna(row.period_start):
            values[f"start_{key}"] = str(int(row.period_start))
        if pd.notna(row.period_end):
            values[f"end_{key}"] = str(int(row.period_end))
        if pd.notna(row.period_start) and pd.notna(row.period_end):
            start, end = int(row.period_start), int(row.period_end)
            values[f"period_{key}"] = str(start) if start == end else f"{start}–{end % 100:02d}"
    return values
