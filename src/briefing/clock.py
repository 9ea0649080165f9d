"""Time: where a dated item stands relative to the book's as-of date, and the words that say so.

Every item that can be scheduled (an event, an indicator, a policy phase, a tariff period, a
suspension) carries a typed ``timing`` in the data:

* ``happened`` — it took place on its date;
* ``scheduled`` — it is due on its date (allowed only while the date is not before the as-of: once
  the clock passes it, the data must say what became of it);
* ``lapsed`` — it was due to end on its date and did, as scheduled;
* ``suspended`` / ``superseded`` — it was due on its date but was suspended, or replaced;
* ``no_outcome_found`` — it was due on its date and no sourced outcome was found when the sources
  were last searched (the row gives that date).

A sentence about such an item takes its verb phrase from :func:`verb_phrase`, glued like a number,
so that the prose changes tense by itself when the as-of date passes the item's date. The verb forms
of each kind of action (``expire``, ``end``, ``take_effect`` …) are data: ``x_verb_forms`` on the
``action`` field of the descriptor.
"""

from __future__ import annotations

from datetime import date, datetime

TIMINGS = ("happened", "scheduled", "lapsed", "suspended", "superseded", "no_outcome_found")
DUE = ("scheduled", "no_outcome_found", "suspended", "superseded")  # dated items that were or are due


def _day(value) -> date:
    """A plain date from a date, a datetime or a pandas Timestamp (no pandas import needed here:
    the validator uses this module on every load)."""
    return value.date() if isinstance(value, datetime) else value


def _missing(value) -> bool:
    return value is None or value != value  # None, NaN, NaT and pandas.NA (whose != is NA, truthy)


def when(value, precision: str = "day") -> str:
    """'on 10 November 2026', 'in April 2026' or 'in 2027': as precise as the data."""
    day = _day(value)
    if precision == "year":
        return f"in {day.year}"
    if precision == "month":
        return f"in {day:%B} {day.year}"
    return f"on {day.day} {day:%B} {day.year}"


def is_past(value, as_of: date, precision: str = "day") -> bool:
    """Whether the whole period a date stands for lies before the as-of date (a month-precise date
    is past only once its month is over)."""
    day = _day(value)
    if precision == "year":
        return day.year < as_of.year
    if precision == "month":
        return (day.year, day.month) < (as_of.year, as_of.month)
    return day < as_of


def standing(timing: str, value, as_of: date, precision: str = "day") -> str:
    """The item's status on the as-of date: its timing, except that a scheduled item whose date
    has passed is 'past_due' (validation refuses that in the book's own data)."""
    if timing == "scheduled" and is_past(value, as_of, precision):
        return "past_due"
    return timing


def verb_phrase(
    timing: str, value, as_of: date, forms: dict[str, str], precision: str = "day", searched=None
) -> str:
    """The verb phrase of a sentence about a dated item, in the tense the as-of date calls for.

    ``forms`` gives the action's three forms: ``due`` ('is due to expire'), ``done`` ('expired')
    and ``was_due`` ('was due to expire'). For example, for a suspension ending on 10 November 2026:
    scheduled, before that day → 'is due to expire on 10 November 2026'; lapsed → 'expired on
    10 November 2026'; no outcome found, after it → 'was due to expire on 10 November 2026; we found
    no report of what followed by 1 December 2026' (the date the sources were searched, so a reader
    can tell a quiet record from a silent one; without a search date, 'no outcome has been
    reported')."""
    moment = when(value, precision)
    state = standing(timing, value, as_of, precision)
    if state in ("happened", "lapsed"):
        return f"{forms['done']} {moment}"
    if state == "suspended":
        return f"{forms['was_due']} {moment} but was suspended"
    if state == "superseded":
        return f"{forms['was_due']} {moment} but was superseded"
    if not is_past(value, as_of, precision):  # scheduled, or searched early: still to come
        return f"{forms['due']} {moment}"
    if searched is not None and not _missing(searched):
        day = _day(searched)
        return f"{forms['was_due']} {moment}; we found no report of what followed by {when(day)[3:]}"
    return f"{forms['was_due']} {moment}; no outcome has been reported"


def phrase_for(
    row,
    as_of: date,
    forms_by_action: dict[str, dict[str, str]],
    date_field: str = "date",
    precision_field: str = "date_precision",
    searched_field: str = "outcome_searched",
) -> str:
    """:func:`verb_phrase` for one data row (a Series or mapping with timing, action and date, and
    the date its outcome was searched for, where there is one)."""
    precision = row.get(precision_field) if hasattr(row, "get") else None
    searched = row.get(searched_field) if hasattr(row, "get") else None
    return verb_phrase(
        str(row["timing"]),
        row[date_field],
        as_of,
        forms_by_action[str(row["action"])],
        "day" if _missing(precision) else str(precision),
        searched,
    )


def past_due(rows, as_of: date, date_field: str = "date", precision_field: str = "date_precision") -> list:
    """The rows (mappings) still marked scheduled whose date the as-of has passed: each needs an
    outcome row, or the status no_outcome_found with the date the sources were searched."""
    found = []
    for row in rows:
        day, precision = row.get(date_field), row.get(precision_field)
        precision = "day" if _missing(precision) else str(precision)
        if row.get("timing") == "scheduled" and not _missing(day) and is_past(day, as_of, precision):
            found.append(row)
    return found
