"""The indicators to watch: which have fallen due, which are upcoming, and what happened.

Whether an indicator is past or upcoming is computed from the data's as-of date, never from the
clock: an indicator is *past* when the whole period of its due date (the day, the month or the
year) ended before the as-of date, *upcoming* when it starts after it, *due now* otherwise, and
*no date set* when no source gives one.

``due_date`` may lie after the as-of date (the schema allows it for this field alone); its
precision (day, month or year) says how much of the date is known. ``period_start`` is the start of
the period an indicator's due date ends, where the indicator is such an end.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..loaders import labels
from ..text import long_date

TIMINGS = ("past", "due now", "upcoming", "no date set")
NO_OUTCOME = "No sourced outcome found"
NOT_DUE = "Not yet due"


def theme_labels() -> dict[str, str]:
    """Theme code -> reader-facing label, in the book's reading order (``watch_indicators.theme``)."""
    return labels("watch_indicators", "theme")


def due_periods(indicators: pd.DataFrame) -> pd.DataFrame:
    """``due_start``, ``due_end`` and ``due_prec`` of each indicator (NaT/empty when no date; a
    date without a precision counts as a day)."""
    known = indicators["due_date"].notna()
    precision = indicators["due_precision"].astype("object").where(indicators["due_precision"].notna(), "day")
    prec = precision.astype(str).where(known, "").astype("object")
    start = pd.to_datetime(indicators["due_date"])
    end = start.where(prec != "month", start + pd.offsets.MonthEnd(0))
    end = end.where(prec != "year", start + pd.offsets.YearEnd(0))
    return pd.DataFrame({"due_start": start, "due_end": end, "due_prec": prec})


def timing(due_start: pd.Series, due_end: pd.Series, as_of: date) -> pd.Series:
    """Past, due now, upcoming or no date set, against ``as_of`` (see the module's docstring)."""
    day = pd.Timestamp(as_of)
    values = []
    for start, end in zip(due_start, due_end, strict=True):
        if pd.isna(start):
            values.append("no date set")
        elif end < day:
            values.append("past")
        elif start > day:
            values.append("upcoming")
        else:
            values.append("due now")
    return pd.Series(values, index=due_start.index, dtype="object")


def record_labels() -> dict[str, str]:
    """The recorded status code (the data's ``timing``: happened, scheduled, lapsed, …) -> words."""
    return labels("watch_indicators", "timing")


def with_timing(indicators: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The indicators with their due period, ``timing`` (past, due now, upcoming, no date set,
    computed from ``as_of``), ``recorded`` (the status the data record, its ``timing`` column) and
    the texts the table shows: ``due_text``, ``theme_text``, ``outcome_text``, ``status_text``,
    ``sources``."""
    rows = pd.concat([indicators, due_periods(indicators)], axis=1)
    recorded = indicators["timing"] if "timing" in indicators else pd.Series(pd.NA, index=indicators.index)
    rows["recorded"] = recorded.astype("object").where(recorded.notna(), None)
    rows["timing"] = timing(rows["due_start"], rows["due_end"], as_of)
    rows["due_text"] = [
        long_date(s, p) if pd.notna(s) else "No date set"
        for s, p in zip(rows["due_start"], rows["due_prec"], strict=True)
    ]
    names = theme_labels()
    rows["theme_text"] = [names.get(str(t), str(t)) for t in rows["theme"]]
    rows["outcome_text"] = [_outcome_text(r) for r in rows.itertuples()]
    rows["status_text"] = [status_text(r) for r in rows.itertuples()]
    rows["sources"] = [
        str(r.source_id) + (f"; outcome: {r.outcome_source_id}" if pd.notna(r.outcome_source_id) else "")
        for r in rows.itertuples()
    ]
    return rows


def _outcome_text(row) -> str:
    if pd.notna(row.outcome):
        when = f" ({long_date(row.outcome_date)})" if pd.notna(row.outcome_date) else ""
        return f"{str(row.outcome).rstrip('.')}{when}."
    return NOT_DUE if row.timing == "upcoming" else NO_OUTCOME


def status_text(row) -> str:
    """Where an indicator stands, in words from the data: its recorded status, the date the
    outcome was searched for where none was found ('No sourced outcome found (searched
    1 December 2026)'), and the sourced outcome, or related development, where there is one."""
    code = getattr(row, "recorded", None)
    code = None if code is None or pd.isna(code) else str(code)
    outcome = _outcome_text(row) if pd.notna(row.outcome) else ""
    if code is None:
        return _outcome_text(row)
    words = record_labels().get(code, code)
    if code == "no_outcome_found":
        searched = getattr(row, "outcome_searched", None)
        words += f" (searched {long_date(searched)})" if searched is not None and pd.notna(searched) else ""
        return f"{words}. Related development: {outcome}" if outcome else f"{words}."
    if code == "scheduled" and row.timing == "upcoming":
        words += f", {NOT_DUE[0].lower()}{NOT_DUE[1:]}"
    return outcome or f"{words}."  # a sourced outcome says itself what happened


def dated(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``with_timing`` rows that have a due date, in due-date order (then id)."""
    return (
        rows[rows["timing"] != "no date set"]
        .sort_values(["due_start", "indicator_id"])
        .reset_index(drop=True)
    )


def past_outcome_phrase(n_past_with_outcome: int) -> str:
    """'none has', '1 has' or '2 have' (… a sourced outcome)."""
    if n_past_with_outcome == 0:
        return "none has"
    return f"{n_past_with_outcome} {'has' if n_past_with_outcome == 1 else 'have'}"


def period_days(indicators: pd.DataFrame) -> pd.Series:
    """Days from ``period_start`` to a day-precise ``due_date``, by indicator id, for the
    indicators that end a period (the others are left out)."""
    has = indicators["period_start"].notna() & indicators["due_date"].notna()
    has &= indicators["due_precision"].astype(str) == "day"
    rows = indicators[has]
    days = (rows["due_date"] - rows["period_start"]).dt.days.astype(int)
    return pd.Series(days.to_numpy(), index=rows["indicator_id"].astype(str).to_numpy(), dtype=int)


def outlook_numbers(indicators: pd.DataFrame, as_of: date) -> dict[str, object]:
    """Every count and date the outlook page glues into its prose; per indicator its due date
    (``due_<id>``), timing (``timing_<id>``), status in words (``status_<id>``), outcome date where
    known (``outcome_date_<id>``) and
    the length of the period it ends where it ends one (``period_days_<id>``)."""
    rows = with_timing(indicators, as_of)
    counts = rows["timing"].value_counts()
    past = rows[rows["timing"] == "past"]
    n_past_with_outcome = int(past["outcome"].notna().sum())
    numbers: dict[str, object] = {
        "n_indicators": len(rows),
        "n_dated": int((rows["timing"] != "no date set").sum()),
        "n_past": int(counts.get("past", 0)),
        "n_due_now": int(counts.get("due now", 0)),
        "n_upcoming": int(counts.get("upcoming", 0)),
        "n_undated": int(counts.get("no date set", 0)),
        "n_past_with_outcome": n_past_with_outcome,
        "past_outcomes": past_outcome_phrase(n_past_with_outcome),
        "n_with_outcome": int(rows["outcome"].notna().sum()),
        "n_themes": int(rows["theme"].astype(str).nunique()),
        "n_past_no_outcome": len(past) - n_past_with_outcome,
    }
    searched = rows["outcome_searched"].dropna() if "outcome_searched" in rows else pd.Series(dtype=object)
    if len(searched):
        numbers["searched_date"] = long_date(pd.Timestamp(searched.max()))
    for row in rows.itertuples():
        numbers[f"due_{row.indicator_id}"] = row.due_text
        numbers[f"timing_{row.indicator_id}"] = row.timing
        numbers[f"status_{row.indicator_id}"] = row.status_text
        if pd.notna(row.outcome_date):
            numbers[f"outcome_date_{row.indicator_id}"] = long_date(row.outcome_date)
    for indicator_id, days in period_days(indicators).items():
        numbers[f"period_days_{indicator_id}"] = int(days)
    return numbers


def ahead(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``with_timing`` rows still ahead of the as-of date: upcoming, due now, or waiting on a
    decision with no date and no sourced outcome; dated ones first, in due order."""
    waiting = (rows["timing"] == "no date set") & rows["outcome"].isna()
    keep = rows["timing"].isin(["upcoming", "due now"]) | waiting
    return table_rows(rows[keep])


def fallen_due(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``with_timing`` rows whose due period ended before the as-of date, in due order: what a
    watch list must no longer show as ahead, each with its outcome status."""
    return table_rows(rows[rows["timing"] == "past"])


# --- the table ------------------------------------------------------------------------------------


def table_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``with_timing`` rows in table order: due date first (undated last), then id; text columns as
    plain str and ``due_cell`` (the due date with its timing)."""
    shown = rows.sort_values(["due_start", "indicator_id"], na_position="last").copy()
    for name in ("indicator", "signal"):
        shown[name] = shown[name].astype(str)
    shown["due_cell"] = [
        text if timing == "no date set" else f"{text} ({timing})"
        for text, timing in zip(shown["due_text"], shown["timing"], strict=True)
    ]
    return shown


def select(rows: pd.DataFrame, theme: str | None = None, timing: str | None = None) -> pd.DataFrame:
    """``with_timing`` rows of one theme and one timing (None: any), in table order."""
    if theme is not None:
        rows = rows[rows["theme"].astype(str) == theme]
    if timing is not None:
        rows = rows[rows["timing"] == timing]
    return table_rows(rows)
