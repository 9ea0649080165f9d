"""State of play: what holds on a given date, and how sure the book is of it.

The book states some things as *currently* true: a tariff rate, a licence, a ban, talks, a treaty's
legal status. Each is a **subject** in the ``states`` dataset, with one row per period in which a
value held: when it began, when it ended or was due to end, the events that opened and closed it,
and ``last_confirmed``, the date of the newest source that shows it still held.

:func:`state_on` answers, for any date, what held for every subject and with what certainty:

* ``holds`` — a period covers the date (it may be due to end later: ``due``);
* ``ended`` — the subject's last period ended on or before the date, as a source records;
* ``due_no_outcome`` — the last period was due to end on or before the date and no sourced outcome
  was found: the book knows what held, not what holds.

A holding state last confirmed more than ``stale_after_days`` before the date is ``stale``: its
sentence says "as of" the last confirmation by itself. Sentences are built from templates kept
beside the data (``data/presentation.json``), so a new period or subject needs no code change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from ..clock import when
from ..text import long_date

CERTAINTIES = ("holds", "ended", "due_no_outcome")


def _day(value: Any) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _precision(value: Any) -> str:
    return "day" if pd.isna(value) else str(value)


def state_on(states: pd.DataFrame, on: date, stale_after_days: int) -> pd.DataFrame:
    """One row per subject whose first period began on or before ``on``: the period that holds on
    that date or, if none does, the subject's last period before it; with ``certainty`` (one of
    CERTAINTIES), ``due`` (the end date of a holding period that is due to end; else missing),
    ``days_since_confirmed`` and ``stale``. Subjects keep the order of the data."""
    rows = []
    for subject, periods in states.groupby("subject", sort=False, observed=True):
        begun = periods[periods["valid_from"].dt.date <= on].sort_values("valid_from")
        if begun.empty:
            continue
        current = begun.iloc[-1]
        end = _day(current["valid_to"])
        if end is None or on < end:
            certainty = "holds"
        elif current["end_timing"] == "happened":
            certainty = "ended"
        else:  # due to end by now (validation refuses 'scheduled' once past), outcome not found
            certainty = "due_no_outcome"
        confirmed = _day(current["last_confirmed"])
        age = (on - confirmed).days
        row = current.to_dict()
        row.update(
            subject=subject,
            certainty=certainty,
            due=current["valid_to"] if certainty == "holds" and end is not None else pd.NaT,
            days_since_confirmed=age,
            stale=certainty == "holds" and age > stale_after_days,
        )
        rows.append(row)
    return pd.DataFrame(rows)


def value_text(row: Any, unit_labels: dict[str, str]) -> str:
    """'10%', '7 of 17', '10 years', or '' for a state with no number."""
    value = row.get("value")
    if pd.isna(value):
        return ""
    number = f"{float(value):g}"
    if not pd.isna(row.get("total")):
        return f"{number} of {int(row['total'])}"
    unit = row.get("unit")
    if pd.isna(unit):
        return number
    label = unit_labels.get(str(unit), str(unit))
    return f"{number}{label}" if label == "%" else f"{number} {label}"


def state_sentence(
    row: Any, templates: dict[str, str], state_labels: dict[str, str], unit_labels: dict[str, str]
) -> str:
    """The sentence a page prints about a subject on the date :func:`state_on` was asked about, in
    the tense and with the qualifier its certainty calls for:

    * holds → the ``holds`` template; '; it is due to end …' when an end is due; '(as of <last
      confirmed>)' when stale;
    * due_no_outcome → the ``held`` template, '(last confirmed …)', then what was due and that no
      report of what followed was found by the date searched;
    * ended → the ``ended`` template."""
    fields = {
        "value": value_text(row, unit_labels),
        "state": state_labels.get(str(row["state"]), str(row["state"])),
        "since": long_date(row["valid_from"], _precision(row.get("valid_from_precision"))),
        "until": ""
        if pd.isna(row.get("valid_to"))
        else long_date(row["valid_to"], _precision(row.get("valid_to_precision"))),
    }
    confirmed = long_date(row["last_confirmed"])
    if row["certainty"] == "ended":
        return templates["ended"].format(**fields) + "."
    if row["certainty"] == "due_no_outcome":
        due = when(row["valid_to"], _precision(row.get("valid_to_precision")))
        tail = templates.get(
            "due_tail", "; {due_subject} was due to {due_end} {due}, and we found no report of what followed"
        )
        tail = tail.format(
            due=due, due_end=templates.get("due_end", "end"), due_subject=templates.get("due_subject", "it")
        )
        searched = long_date(row["end_searched"]) if not pd.isna(row.get("end_searched")) else confirmed
        return f"{templates['held'].format(**fields)} (last confirmed {confirmed}){tail} by {searched}."
    sentence = templates["holds"].format(**fields)
    if not pd.isna(row.get("due")):
        sentence += f"; it is due to end {when(row['due'], _precision(row.get('valid_to_precision')))}"
    if row["stale"]:
        sentence += f" (as of {confirmed})"
    return sentence + "."


def state_cell(row: Any, state_labels: dict[str, str], unit_labels: dict[str, str]) -> str:
    """What holds, in a few words for a table: '10%, Section 301 duty (forced labour)'; 'Ended'."""
    if row["certainty"] == "ended":
        return f"Ended on {long_date(row['valid_to'], _precision(row.get('valid_to_precision')))}"
    words = state_labels.get(str(row["state"]), str(row["state"]))
    value = value_text(row, unit_labels)
    return f"{value}, {words}" if value else words[:1].upper() + words[1:]


def state_note(row: Any) -> str:
    """The qualifier a short statement (a number box, a table cell) carries: '' when it holds and
    was confirmed recently; 'as of 21 February 2026' when stale; 'last confirmed 7 November 2025;
    was due to end on 10 November 2026, no sourced outcome found'; 'ended on 24 February 2026'."""
    confirmed = long_date(row["last_confirmed"])
    if row["certainty"] == "ended":
        return f"ended {when(row['valid_to'], _precision(row.get('valid_to_precision')))}"
    if row["certainty"] == "due_no_outcome":
        due = when(row["valid_to"], _precision(row.get("valid_to_precision")))
        return f"last confirmed {confirmed}; was due to end {due}, no sourced outcome found"
    return f"as of {confirmed}" if row["stale"] else ""


def next_cell(row: Any) -> str:
    """What is due next for a subject, in a few words: 'Due to end in 2027'; 'Was due to end on 10
    November 2026; no sourced outcome'; '—' when nothing is due."""
    if row["certainty"] == "due_no_outcome":
        due = when(row["valid_to"], _precision(row.get("valid_to_precision")))
        return f"Was due to end {due}; no sourced outcome"
    if not pd.isna(row.get("due")):
        return f"Due to end {when(row['due'], _precision(row.get('valid_to_precision')))}"
    return "—"
