"""States: what holds on a date, how sure the book is, and the data rules that keep it honest.

The bad-input tests break one thing in a copy of the real data and check the message a contributor
sees (file, line, field, rule); the others ask ``state_on`` about dates whose answer is known.
"""

from __future__ import annotations

import csv
import json
from datetime import date

import pandas as pd
import pytest

import briefing
from briefing.analysis.state import state_on, state_sentence
from briefing.chapter import Data
from briefing.chapters import state_of_play
from briefing.errors import DataValidationError


def problems(name: str = "states"):
    with pytest.raises(DataValidationError) as caught:
        briefing.load(name)
    return caught.value.problems


def one(found, rule):
    matching = [p for p in found if p.rule == rule]
    assert matching, f"no {rule} problem in {[str(p) for p in found]}"
    return matching[0]


def rows(folder, name="states.csv"):
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(folder, table, name="states.csv"):
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def period_pair(table):
    """Two periods of one subject, the earlier closed, in file order (from the real data)."""
    seen = {}
    for index, row in enumerate(table):
        if row["subject"] in seen and table[seen[row["subject"]]]["valid_to"]:
            return seen[row["subject"]], index
        seen.setdefault(row["subject"], index)
    raise AssertionError("the data have no subject with two periods: the fixture is out of date")


# --- bad input ------------------------------------------------------------------------------------


def break_row(folder, changes: dict[str, str], pick=lambda row: True) -> int:
    """Set ``changes`` on the first states row that ``pick`` accepts, in a copy of the data; return
    the line of the file it is on (the header is line 1)."""
    table = rows(folder)
    index = next(i for i, row in enumerate(table) if pick(row))
    table[index].update(changes)
    write_rows(folder, table)
    return index + 2


def test_overlapping_periods_of_one_subject_stop_the_build(data_copy):
    table = rows(data_copy)
    first, second = period_pair(table)
    table[second]["valid_from"] = (
        (pd.Timestamp(table[first]["valid_to"]) - pd.Timedelta(days=10)).date().isoformat()
    )
    write_rows(data_copy, table)
    problem = one(problems(), "periods-overlap")
    assert (problem.file, problem.line, problem.field) == ("data/states.csv", second + 2, "valid_from")


@pytest.mark.parametrize(
    ("rule", "field", "changes", "pick"),
    [
        ("foreign-key", "opened_by", {"opened_by": "E999"}, lambda row: True),
        ("foreign-key", "closed_by", {"closed_by": "E998"}, lambda row: bool(row["closed_by"])),
        ("after-as-of", "last_confirmed", {"last_confirmed": "2099-01-01"}, lambda row: True),
        ("required", "source_id", {"source_id": ""}, lambda row: True),
        (
            "scheduled-past-due",
            "end_timing",
            {"end_timing": "scheduled", "end_searched": ""},
            lambda row: row["end_timing"] == "no_outcome_found",
        ),
        (
            "period-end-needs-timing",
            "end_timing",
            {"end_timing": "", "end_searched": ""},
            lambda row: bool(row["valid_to"]),
        ),
    ],
    ids=[
        "unknown-opening-event",
        "unknown-closing-event",
        "confirmed-after-as-of",
        "no-source",
        "due-end-already-past",
        "end-without-how",
    ],
)
def test_a_broken_period_stops_the_build_naming_file_line_field_and_rule(
    data_copy, rule, field, changes, pick
):
    line = break_row(data_copy, changes, pick)
    problem = one(problems(), rule)
    assert (problem.file, problem.line, problem.field) == ("data/states.csv", line, field)


def test_the_same_event_recorded_twice_stops_the_build(data_copy):
    """The Section 122 surcharge's end was once two rows (a scheduled date and its outcome)."""
    table = rows(data_copy, "events.csv")
    original = next(row for row in table if row["subject"] and row["action"])
    twin = dict(original, event_id="E999", action="", timing="happened", outcome_id="", outcome_searched="")
    table.append(twin)
    write_rows(data_copy, table, "events.csv")
    problem = one(problems("events"), "one-row-per-event")
    assert (problem.file, problem.line, problem.field) == ("data/events.csv", len(table) + 1, "subject")


def test_the_real_data_record_each_event_once():
    events = briefing.load("events")
    keyed = events.dropna(subset=["subject"])
    assert not keyed.duplicated(["date", "subject", "action"]).any()


# --- what holds on a date -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def states():
    return briefing.load("states")


def test_every_subject_is_presented_and_every_presentation_has_data(states):
    subjects = briefing.presentation()["states"]["subjects"]
    assert set(states["subject"].astype(str)) == set(subjects)
    for subject, shown in subjects.items():
        assert {"page", "holds", "held", "ended"} <= set(shown), subject


def test_state_on_knows_what_held_before_and_what_holds_after_a_change(states):
    """Asked about the day before a period ends and the day it ends, the answer changes."""
    closed = states.dropna(subset=["valid_to"])
    closed = closed[closed["end_timing"] == "happened"].iloc[0]
    end = closed["valid_to"].date()
    before = state_on(states, end - pd.Timedelta(days=1), 60).set_index("subject").loc[closed["subject"]]
    after = state_on(states, end, 60).set_index("subject").loc[closed["subject"]]
    assert before["state_id"] == closed["state_id"] and before["certainty"] == "holds"
    assert after["state_id"] != closed["state_id"] or after["certainty"] == "ended"


def test_a_due_end_without_an_outcome_is_said_so(states):
    due = states[states["end_timing"] == "no_outcome_found"].iloc[0]
    day = due["valid_to"].date()
    row = state_on(states, day, 60).set_index("subject").loc[due["subject"]]
    assert row["certainty"] == "due_no_outcome"
    earlier = state_on(states, day - pd.Timedelta(days=1), 10_000).set_index("subject").loc[due["subject"]]
    assert earlier["certainty"] == "holds"


def test_a_status_confirmed_long_ago_says_as_of_by_itself(states):
    settings = briefing.presentation()["states"]
    holding = states[states["valid_to"].isna()].iloc[0]
    confirmed = holding["last_confirmed"].date()
    subject = str(holding["subject"])
    labels = briefing.labels("states", "state"), briefing.labels("states", "unit")
    fresh = state_on(states, confirmed, settings["stale_after_days"]).set_index("subject").loc[subject]
    late = confirmed + pd.Timedelta(days=settings["stale_after_days"] + 1)
    stale = state_on(states, late, settings["stale_after_days"]).set_index("subject").loc[subject]
    templates = settings["subjects"][subject]
    assert "as of" not in state_sentence(fresh.to_dict() | {"subject": subject}, templates, *labels)
    assert "as of" in state_sentence(stale.to_dict() | {"subject": subject}, templates, *labels)


def test_nothing_is_said_about_a_subject_before_its_first_period(states):
    first = states["valid_from"].min().date()
    assert state_on(states, first - pd.Timedelta(days=1), 60).empty


# --- the edition moved a year ahead ---------------------------------------------------------------


def age_data(folder, years: int = 1) -> date:
    """Move the edition date of a data copy ``years`` ahead, as an editor would who stamped a later
    edition having searched and found nothing new: every dated item the new date makes past due is
    marked 'no sourced outcome found' with that date as the search date."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    new = date.fromisoformat(descriptor["x_as_of"]).replace(
        year=date.fromisoformat(descriptor["x_as_of"]).year + years
    )
    descriptor["x_as_of"] = new.isoformat()
    for resource in descriptor["resources"]:
        resource["x_as_of"] = new.isoformat()
        for rule in resource.get("x_rules", []):
            if rule["rule"] not in ("timing", "periods"):
                continue
            date_field = rule.get("date") or rule["end"]
            timing_field = "timing" if rule["rule"] == "timing" else rule["timing"]
            searched = rule["searched"]
            table = rows(folder, resource["path"])
            for row in table:
                day = row.get(date_field)
                if (
                    row.get(timing_field) == "scheduled"
                    and day
                    and day[:4] <= new.isoformat()[:4]
                    and day <= new.isoformat()
                ):
                    row[timing_field] = "no_outcome_found"
                    row[searched] = new.isoformat()
            write_rows(folder, table, resource["path"])
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    return new


def test_a_year_later_every_current_status_sentence_is_qualified_or_changed(data_copy, monkeypatch):
    """The test the issue asks for, on the glue the pages print: with the edition date moved a year
    ahead in a copy, every state-of-play sentence either changed or says 'as of' / 'last confirmed'."""
    from briefing import validate

    monkeypatch.chdir(data_copy.parent)
    now = state_of_play.numbers(Data())
    age_data(data_copy)
    validate._cached_package.cache_clear()
    later = state_of_play.numbers(Data())
    sentences = [key for key in now if key.startswith("now_") and key.count("_") >= 1 and key in later]
    sentences = [
        key
        for key in sentences
        if not key.endswith(("_value", "_state", "_since", "_confirmed", "_note", "_brief", "_asof"))
    ]
    assert sentences
    for key in sentences:
        assert later[key] != now[key] or "as of" in later[key] or "last confirmed" in later[key], key
        assert "as of" in later[key] or "last confirmed" in later[key] or "ended" in later[key].lower(), (
            later[key]
        )
    assert later["state_of_play_date"] != now["state_of_play_date"]
