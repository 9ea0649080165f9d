"""The state of play on the edition date: every current-status sentence and the state-of-play table,
glued like numbers so that no page types what holds now.

Glue names, for every subject of the ``states`` dataset (``<subject>`` is its code):

* ``now_<subject>`` — the whole sentence, in the tense and with the qualifier the edition date calls
  for (see :func:`briefing.analysis.state.state_sentence`);
* ``now_<subject>_value`` — the value alone ('10%', '7 of 17'), '' for a state with no number;
* ``now_<subject>_state`` — what holds in words ('Section 301 duty (forced labour)');
* ``now_<subject>_since`` and ``now_<subject>_confirmed`` — dates in words;
* ``now_<subject>_note`` — the qualifier a short statement carries ('as of 21 February 2026'), or '';
* ``now_<subject>_asof`` — '(as of <last confirmed>)' unless it holds and was confirmed recently, for a
  number box whose full qualifier is in the state-of-play table beside it;
* ``now_<subject>_brief`` — the state and its qualifier: 'under discussion (as of 4 March 2026)';
* ``not_covered_md`` — the 'Not covered in this edition' list: due dates with no sourced outcome, and
  where the record thins;
* ``state_of_play_md`` — the state-of-play table in MyST Markdown (rows linked to their chapters,
  cited), and ``state_of_play_date`` — the date it is for.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis.state import next_cell, state_cell, state_note, state_on, state_sentence, value_text
from ..dateline import THIN_BELOW
from ..loaders import as_of, labels, presentation
from ..text import long_date

if TYPE_CHECKING:
    from ..chapter import Data


def edition_state(states: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
    """:func:`state_on` for the edition date (or ``on``), with the house threshold for staleness."""
    settings = presentation()["states"]
    return state_on(states, on or as_of("states"), settings["stale_after_days"])


def sentences(current: pd.DataFrame) -> dict[str, str]:
    """Subject code -> the sentence the book prints about it."""
    subjects = presentation()["states"]["subjects"]
    state_labels, unit_labels = labels("states", "state"), labels("states", "unit")
    return {
        row["subject"]: state_sentence(row, subjects[row["subject"]], state_labels, unit_labels)
        for row in current.to_dict("records")
    }


def table_markdown(current: pd.DataFrame, on: date) -> str:
    """The state-of-play table: one row per subject the presentation lists for the table, in its
    order; each row links to the chapter that tells the story and cites its sources."""
    subjects = presentation()["states"]["subjects"]
    subject_labels = labels("states", "subject")
    state_labels, unit_labels = labels("states", "state"), labels("states", "unit")
    by_subject = {row["subject"]: row for row in current.to_dict("records")}
    lines = [
        f"| On {long_date(on)} | What holds | Since | Last confirmed | Next |",
        "|---|---|---|---|---|",
    ]
    for subject, shown in subjects.items():
        row = by_subject.get(subject)
        if row is None or not shown.get("table", True):
            continue
        cites = ",".join(dict.fromkeys([row["source_id"], row["confirmed_by"]]))
        what = f"{{doc}}`{subject_labels[subject]} </{shown['page']}>`"
        since = long_date(row["valid_from"], row.get("valid_from_precision") or "day")
        lines.append(
            f"| {what} | {state_cell(row, state_labels, unit_labels)} {{cite:p}}`{cites}` | {since} "
            f"| {long_date(row['last_confirmed'])} | {next_cell(row)} |"
        )
    return "\n".join(lines) + "\n"


def not_covered_markdown(events: pd.DataFrame, on: date) -> str:
    """'Not covered in this edition', in plain words: every dated item that fell due with no sourced
    outcome (events marked no_outcome_found), oldest first, and where the record thins. Items due
    after the record thins say that our sources may not reach them."""
    from ..analysis.timeline import verb_forms
    from ..clock import when
    from ..dateline import record_thins

    forms = verb_forms()
    thin = record_thins()
    due = events[(events["timing"] == "no_outcome_found") & events["date"].notna()].sort_values("date")
    lines = []
    for row in due.to_dict("records"):
        moment = when(row["date"], row.get("date_precision") or "day")
        searched = long_date(row["outcome_searched"])
        verb = forms[str(row["action"])]["was_due"]
        text = f"- {row['event']} {verb} {moment}: we found no report of what followed by {searched}"
        if thin is not None and row["date"].date() >= thin[0]:
            text += "; our sources may not reach it"
        lines.append(text + f" {{cite:p}}`{row['source_id']}`.")
    if thin is not None:
        start, count = thin
        lines.append(
            f"- Our sources thin out from {long_date(start, 'month')}: {count} of them are dated from then "
            f"to {long_date(on)}, so later developments may be missing."
        )
    return "\n".join(lines) + "\n"


def numbers(data: Data) -> dict[str, Any]:
    current = edition_state(data.states)
    on = as_of("states")
    state_labels, unit_labels = labels("states", "state"), labels("states", "unit")
    glue: dict[str, Any] = {
        "state_of_play_date": long_date(on),
        "state_of_play_md": table_markdown(current, on),
        "not_covered_md": not_covered_markdown(data.events, on),
        "stale_after_days": presentation()["states"]["stale_after_days"],
        "thin_below": THIN_BELOW,
    }
    said = sentences(current)
    for row in current.to_dict("records"):
        key = f"now_{row['subject']}"
        glue[key] = said[row["subject"]]
        glue[f"{key}_value"] = value_text(row, unit_labels)
        glue[f"{key}_state"] = state_labels[str(row["state"])]
        glue[f"{key}_since"] = long_date(row["valid_from"], row.get("valid_from_precision") or "day")
        glue[f"{key}_confirmed"] = long_date(row["last_confirmed"])
        glue[f"{key}_note"] = state_note(row)
        glue[f"{key}_asof"] = (
            "" if row["certainty"] == "holds" and not row["stale"] else f"(as of {glue[f'{key}_confirmed']})"
        )
        glue[f"{key}_brief"] = glue[f"{key}_state"] + (
            f" ({glue[f'{key}_note']})" if glue[f"{key}_note"] else ""
        )
    return glue
