"""China's response: the frames behind the chapter's timeline and its counts of controlled elements.

Pure pandas over the loaders' frames. Which events the timeline draws is data, not code: an event is
on the chart when its ``charts`` name it (it prints the ``short_label``) and falls on or after
``TIMELINE_START``; its lane follows its themes (``china`` → the China lane, anything else → the
US–Malaysia lane). The signing the chart counts from is the US–Malaysia MoU in ``agreements``.
"""

from __future__ import annotations

import pandas as pd

from .timeline import is_scheduled

TIMELINE_START = "2025-04-01"
CHINA_LANE, US_MALAYSIA_LANE = "China", "US–Malaysia"
CHART = "china_timeline"  # the events.charts value that puts an event on this chapter's timeline

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
    """The events on the China timeline chart, date order: those whose ``charts`` name it, dated on or
    after ``start``. Adds ``lane`` (CHINA_LANE for the ``china`` theme, else US_MALAYSIA_LANE) and
    ``scheduled`` (a date that was scheduled or expected, not an event that happened: the typed
    ``timing`` column, read by analysis.timeline.is_scheduled)."""
    drawn = events["charts"].map(lambda charts: CHART in charts)
    keep = drawn & (events["date"] >= pd.Timestamp(start))
    rows = events[keep].copy()
    rows["lane"] = is_china(rows).map({True: CHINA_LANE, False: US_MALAYSIA_LANE})
    rows["scheduled"] = is_scheduled(rows)
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)


def china_events_around(rows: pd.DataFrame, signing: pd.Timestamp) -> tuple[int, int]:
    """How many China-lane events that happened (not scheduled) fall before and after ``signing``."""
    china = rows[(rows["lane"] == CHINA_LANE) & ~rows["scheduled"]]
    return int((china["date"] < signing).sum()), int((china["date"] > signing).sum())


def controlled_elements(events: pd.DataFrame) -> pd.DataFrame:
    """The China-theme events that put rare earth elements under a measure (the export-licensing
    announcements, from the typed ``elements`` column): event_id, date, timing, elements (a tuple,
    in the order listed), date order. ``timing`` says whether the measure took effect."""
    rows = events[is_china(events) & (events["elements"].map(len) > 0)].sort_values(["date", "event_id"])
    return pd.DataFrame(
        {
            "event_id": rows["event_id"].astype(str),
            "date": rows["date"],
            "timing": rows["timing"].astype(str),
            "elements": rows["elements"].map(tuple),
        }
    ).reset_index(drop=True)


def took_effect(listed: pd.DataFrame) -> pd.Series:
    """True for the measures of ``controlled_elements`` that took effect: those that happened (or
    ran their course), not those that were only due on their date — scheduled, suspended before
    they applied, superseded, or with no sourced outcome (analysis.timeline.is_scheduled)."""
    return ~is_scheduled(listed)


def licensing_counts(events: pd.DataFrame) -> dict[str, int]:
    """How many rare earth elements China's export licensing covers, from the typed ``elements``
    and ``timing`` columns: ``first`` (the first listing measure), ``in_force`` (every measure that
    took effect), ``announced`` (every measure, including those that never applied: the coverage
    there would have been), ``added_later`` (the elements later measures added to the first) and
    ``not_applied`` (those announced but never under licensing)."""
    listed = controlled_elements(events)
    first = set(listed["elements"].iloc[0])
    applied = listed[took_effect(listed)]
    in_force = {e for elements in applied["elements"] for e in elements}
    announced = {e for elements in listed["elements"] for e in elements}
    return {
        "first": len(first),
        "in_force": len(in_force),
        "announced": len(announced),
        "added_later": len(announced - first),
        "not_applied": len(announced - in_force),
    }


def stated_percentages(events: pd.DataFrame) -> pd.DataFrame:
    """The China-theme events that state a percentage threshold (typed ``threshold_pct``, such as
    the October package's Chinese-content threshold): event_id and percent."""
    rows = events[is_china(events) & events["threshold_pct"].notna()]
    return pd.DataFrame(
        {"event_id": rows["event_id"].astype(str), "percent": rows["threshold_pct"].astype(float)}
    ).reset_index(drop=True)
