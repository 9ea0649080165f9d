"""China's response: the frames behind the chapter's timeline and its counts of controlled elements.

Pure pandas over the loaders' frames. Which events the timeline draws is data, not code: an event is
on the chart when it has a ``short_label`` (the label the chart prints) and falls on or after
``TIMELINE_START``; its lane follows its themes (``china`` → the China lane, anything else → the
US–Malaysia lane). The signing the chart counts from is the US–Malaysia MoU in ``agreements``.
"""

from __future__ import annotations

import re

import pandas as pd

TIMELINE_START = "2025-04-01"
CHINA_LANE, US_MALAYSIA_LANE = "China", "US–Malaysia"

# The 17 rare-earth elements (the 15 lanthanides plus scandium and yttrium), by chemical symbol.
RARE_EARTH_ELEMENTS = (
    "Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
)  # fmt: skip


def is_china(events: pd.DataFrame) -> pd.Series:
    """True for the events with the ``china`` theme."""
    return events["themes"].apply(lambda themes: "china" in themes)


def us_malaysia_agreement(agreements: pd.DataFrame, legal_form: str) -> pd.Series:
    """The US–Malaysia agreement of one legal form: ``"mou"`` (the critical-minerals MoU) or
    ``"trade_agreement"`` (the ART). The agreements table holds the US's partners, so the partner
    is Malaysia."""
    rows = agreements[(agreements["partner"] == "Malaysia") & (agreements["legal_form"] == legal_form)]
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} US–Malaysia agreements of form {legal_form!r}: expected one")
    return rows.iloc[0]


def timeline_rows(events: pd.DataFrame, start: str = TIMELINE_START) -> pd.DataFrame:
    """The events on the China timeline chart, date order: those with a ``short_label`` dated on or
    after ``start``. Adds ``lane`` (CHINA_LANE for the ``china`` theme, else US_MALAYSIA_LANE) and
    ``scheduled`` (a date that was scheduled or expected, not an event that happened; the events
    table marks these only in its wording, 'Scheduled date…' or 'Expected…')."""
    labelled = events["short_label"].fillna("").astype(str) != ""
    keep = labelled & (events["date"] >= pd.Timestamp(start))
    rows = events[keep].copy()
    rows["lane"] = is_china(rows).map({True: CHINA_LANE, False: US_MALAYSIA_LANE})
    text = rows["event"].astype(str)
    rows["scheduled"] = text.str.startswith("Scheduled date") | text.str.startswith("Expected")
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)


def china_events_around(rows: pd.DataFrame, signing: pd.Timestamp) -> tuple[int, int]:
    """How many China-lane events that happened (not scheduled) fall before and after ``signing``."""
    china = rows[(rows["lane"] == CHINA_LANE) & ~rows["scheduled"]]
    return int((china["date"] < signing).sum()), int((china["date"] > signing).sum())


# ---------------------------------------------------------------------------------------------
# Elements and thresholds stated in the events' wording. The events table has no typed column for
# them (it belongs to the timeline topic); until it has, they are read from the sentence, and a
# reworded sentence raises instead of silently changing a number.

_SYMBOL_LIST = re.compile(r"\(([A-Z][a-z]?(?:,\s*[A-Z][a-z]?)+)\)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")


def elements_named(text: str) -> tuple[str, ...]:
    """Rare-earth symbols listed in parentheses in a sentence, e.g. '(Sm, Gd, Tb)' -> ('Sm', 'Gd',
    'Tb'). Symbols that are not rare earths are ignored."""
    found: list[str] = []
    for group in _SYMBOL_LIST.findall(str(text)):
        found.extend(s.strip() for s in group.split(",") if s.strip() in RARE_EARTH_ELEMENTS)
    return tuple(dict.fromkeys(found))


def controlled_elements(events: pd.DataFrame) -> pd.DataFrame:
    """The China-theme events whose sentence lists rare-earth elements (the export-licensing
    announcements): event_id, date, elements (a tuple, in the order named), date order."""
    rows = events[is_china(events)].sort_values(["date", "event_id"])
    found = rows["event"].astype(str).map(elements_named)
    out = pd.DataFrame({"event_id": rows["event_id"].astype(str), "date": rows["date"], "elements": found})
    return out[out["elements"].map(len) > 0].reset_index(drop=True)


def percent_in(text: str) -> float:
    """The one percentage a sentence states ('a 0.1% rule' -> 0.1); ``ValueError`` if it states
    none or several, so a reworded source sentence cannot silently change a glued number."""
    found = _PERCENT.findall(str(text))
    if len(found) != 1:
        raise ValueError(f"Expected one percentage in {text!r}, found {len(found)}")
    return float(found[0])


def stated_percentages(events: pd.DataFrame) -> pd.DataFrame:
    """The China-theme events whose sentence states exactly one percentage (such as the October
    package's Chinese-content threshold): event_id and percent."""
    rows = events[is_china(events)]
    found = rows["event"].astype(str).map(_PERCENT.findall)
    one = found.map(len) == 1
    return pd.DataFrame(
        {"event_id": rows.loc[one, "event_id"].astype(str), "percent": found[one].map(lambda f: float(f[0]))}
    ).reset_index(drop=True)
