"""The trade deal (the Agreement on Reciprocal Trade, ART) in pure pandas: the tariff path, Malaysia's
pledges and commitments, and US–Malaysia goods trade.

Every selection is a rule over typed columns of the data package, never a row id:

* the tariff rate applied on a day comes from ``tariff_rates.stage`` (see :func:`in_force_segments`);
* the headline pledge is the ``art_commitments`` row with ``headline`` true, and the itemised
  pledges are the money rows of ``purchases_investment`` beside it, named by their ``short_label``;
* Malaysia's tariff cuts are grouped by ``art_commitments.tariff_treatment``;
* the prose's amounts, rates and dates are published under the names in the ``glue`` columns;
* a goods-trade figure is picked by year, flow and unit (and, where two sources give the same
  figure, by the rule stated in the function that needs it).
"""

from __future__ import annotations

import pandas as pd

from ..text import long_date

# The flows the goods-trade chart draws, in legend order (their labels are in the descriptor).
FLOWS = ("us_imports", "us_exports", "us_balance")
# Money units of the pledges and their factor to US$ billion; a per-year unit is flagged, never summed.
PER_YEAR_TO_BN = {"usd_bn_per_year": 1.0, "usd_m_per_year": 0.001}
SUM_TO_BN = {"usd_bn": 1.0, "usd_m": 0.001}
MONEY_UNITS = {*SUM_TO_BN, *PER_YEAR_TO_BN}


def number_text(value: float) -> str:
    """1711 -> '1,711'; 5.2 -> '5.2'; 19.0 -> '19' (as precise as the data, never more)."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.10g}"


# --- tariff rates ---------------------------------------------------------------------------------


def _ordered(rates: pd.DataFrame) -> pd.DataFrame:
    """Rates by date; on one day an ``ended`` row comes before the ``in_force`` row it makes way for."""
    rank = rates["stage"].astype(str).map({"ended": 0, "in_force": 1, "announced": 2})
    return rates.assign(_rank=rank).sort_values(["date", "_rank", "rate_id"]).drop(columns="_rank")


def in_force_segments(rates: pd.DataFrame) -> pd.DataFrame:
    """The rate actually applied to most Malaysian goods, as dated segments.

    Each ``in_force`` row opens a segment and closes the one before it; an ``ended`` row closes the
    open segment and leaves a gap until the next ``in_force`` row. The last segment stays open
    (``end`` is NaT): no later change is recorded. Columns: start, end, rate_pct, rate_id, source_id.
    """
    segments: list[dict] = []
    for row in _ordered(rates).itertuples():
        if row.stage not in ("in_force", "ended"):
            continue
        if segments and pd.isna(segments[-1]["end"]):
            segments[-1]["end"] = row.date
        if row.stage == "in_force":
            segments.append(
                {
                    "start": row.date,
                    "end": pd.NaT,
                    "rate_pct": float(row.rate_pct),
                    "rate_id": row.rate_id,
                    "source_id": row.source_id,
                }
            )
    frame = pd.DataFrame(segments, columns=["start", "end", "rate_pct", "rate_id", "source_id"])
    return frame.astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def rate_on(rates: pd.DataFrame, day: str | pd.Timestamp) -> float | None:
    """The rate in force on ``day`` (None in a gap or before the first recorded rate)."""
    day = pd.Timestamp(day)
    for seg in in_force_segments(rates).itertuples():
        if seg.start <= day and (pd.isna(seg.end) or day < seg.end):
            return seg.rate_pct
    return None


def announced_rates(rates: pd.DataFrame) -> pd.DataFrame:
    """The rates stated but not (yet) applied, by date, with ``applied``: whether the same rate was
    (or stayed) in force the day after (such a marker needs no second label on the chart)."""
    announced = rates[rates["stage"] == "announced"].sort_values("date")
    applied = [
        (on := rate_on(rates, row.date + pd.Timedelta(days=1))) is not None
        and abs(on - float(row.rate_pct)) < 0.01
        for row in announced.itertuples()
    ]
    return announced.assign(applied=applied)


def start_of(segments: pd.DataFrame, rate: float) -> pd.Timestamp:
    """The first day ``rate`` was applied (the first segment's start if it never was)."""
    match = segments[(segments["rate_pct"] - rate).abs() < 0.01]
    return match.iloc[0]["start"] if len(match) else segments.iloc[0]["start"]


def current_segment(segments: pd.DataFrame) -> pd.Series:
    """The open segment (the rate applied now), or the last one if every segment has ended."""
    open_end = segments[segments["end"].isna()]
    return open_end.iloc[0] if len(open_end) else segments.iloc[-1]


def kept_rate(rates: pd.DataFrame, signed: pd.Timestamp) -> float:
    """The rate the deal undertook to keep: the rate announced on the day it was signed (``signed``,
    the trade agreement's date in ``agreements``); the current rate if none was announced that day."""
    announced = rates[(rates["stage"] == "announced") & (rates["date"] == signed)]
    if len(announced):
        return float(announced.iloc[0]["rate_pct"])
    return float(current_segment(in_force_segments(rates))["rate_pct"])


def chart_marks(rates: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The events the tariff chart marks (``tariff_rates.chart_event_id``), with their short label.
    Columns: date, label."""
    ids = rates["chart_event_id"].dropna().astype(str)
    marked = events[events["event_id"].isin(set(ids))].sort_values("date")
    return pd.DataFrame({"date": marked["date"], "label": marked["short_label"].astype(str)}).reset_index(
        drop=True
    )


def chart_end(rates: pd.DataFrame, as_of=None) -> pd.Timestamp:
    """Right end of the tariff chart: the latest scheduled end of a rate, else a month after the last
    dated row; if ``as_of`` (the data's as-of date) is later and a rate is still applied, the chart
    runs to ``as_of`` so the rate applied at the edition date is drawn."""
    ends = rates["scheduled_end"].dropna()
    end = pd.Timestamp(ends.max()) if len(ends) else rates["date"].max() + pd.Timedelta(days=31)
    if as_of is not None and in_force_segments(rates)["end"].isna().any():
        end = max(end, pd.Timestamp(as_of))
    return end


def rate_numbers(rates: pd.DataFrame) -> dict[str, str]:
    """``<glue>_date`` and ``<glue>_rate`` for every tariff row with a ``glue`` name."""
    numbers = {}
    for row in rates[rates["glue"].notna()].itertuples():
        numbers[f"{row.glue}_date"] = long_date(row.date, str(row.date_precision))
        numbers[f"{row.glue}_rate"] = number_text(row.rate_pct)
    return numbers


def ruling_event(rates: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """The event marked where the applied rate ended (the court ruling that ended the IEEPA tariffs)."""
    ended = rates[(rates["stage"] == "ended") & rates["chart_event_id"].notna()].sort_values("date")
    return events.set_index("event_id").loc[str(ended.iloc[-1]["chart_event_id"])]


# --- commitments and pledges ----------------------------------------------------------------------


def commitment_numbers(commitments: pd.DataFrame) -> dict[str, str]:
    """Every amount and horizon the prose quotes, under the row's ``glue`` / ``horizon_glue`` name."""
    numbers = {}
    for row in commitments[commitments["glue"].notna()].itertuples():
        numbers[str(row.glue)] = number_text(row.amount)
    for row in commitments[commitments["horizon_glue"].notna()].itertuples():
        numbers[str(row.horizon_glue)] = number_text(row.horizon_years)
    return numbers


def tariff_treatment(commitments: pd.DataFrame, treatment: str) -> pd.DataFrame:
    """Malaysia's tariff commitments of one ``tariff_treatment``, lowest rate (then horizon) first."""
    rows = commitments[commitments["tariff_treatment"] == treatment]
    return rows.sort_values(["amount", "horizon_years", "commitment_id"])


def rates_phrase(rows: pd.DataFrame) -> str:
    """'2%, 3% or 5%'."""
    items = [f"{number_text(a)}%" for a in rows["amount"]]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def headline(commitments: pd.DataFrame) -> pd.Series:
    """The headline purchase-and-investment pledge (the row with ``headline`` true)."""
    return commitments[commitments["headline"].astype(bool)].iloc[0]


def pledge_table(commitments: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's itemised money pledges in US$ billion: the money rows of ``purchases_investment``
    other than the headline. Per-year ones are converted and flagged, never annualised into totals.
    A row without a ``short_label`` is shown under its commitment text.
    Columns: commitment_id, label, usd_bn, per_year, horizon_years, contested, source_id."""
    rows = commitments[
        (commitments["area"] == "purchases_investment")
        & commitments["unit"].astype(str).isin(MONEY_UNITS)
        & ~commitments["headline"].astype(bool)
    ]
    unit = rows["unit"].astype(str)
    label = rows["short_label"].astype(object).where(rows["short_label"].notna(), rows["commitment"])
    table = pd.DataFrame(
        {
            "commitment_id": rows["commitment_id"].astype(str),
            "label": label.astype(str),
            "usd_bn": rows["amount"].astype(float) * unit.map({**SUM_TO_BN, **PER_YEAR_TO_BN}),
            "per_year": unit.isin(list(PER_YEAR_TO_BN)),
            "horizon_years": rows["horizon_years"].astype("Float64"),
            "contested": rows["status"].astype(str) == "contested",
            "source_id": rows["source_id"].astype(str),
        }
    )
    return table.sort_values(["per_year", "usd_bn"], ascending=[True, False]).reset_index(drop=True)


def lump_sum(table: pd.DataFrame) -> float:
    """The itemised pledges that the book adds up, in US$ billion.

    What counts: every row of :func:`pledge_table` whose amount is a sum (unit ``usd_bn`` or
    ``usd_m``), whether or not the source gives it a horizon, and whatever its status (a contested
    horizon does not change the amount). What does not count: the headline itself, amounts stated per
    year (``usd_bn_per_year``, ``usd_m_per_year``: they have no end date, so they are never
    annualised into a total), and rows in other units (aircraft, tonnes of LNG).
    """
    return float(table.loc[~table["per_year"], "usd_bn"].sum())


def lump_text(usd_bn: float) -> str:
    """The lump-sum total as the prose gives it: '239' or '239.1' (US$ billion, at most one decimal)."""
    return number_text(round(usd_bn, 1))


def money_text(usd_bn: float) -> str:
    """'US$19 bn', 'US$3.4 bn', 'US$42.6 m', 'US$119 m'."""
    if usd_bn < 1:
        return f"US${number_text(round(usd_bn * 1000, 1))} m"
    return f"US${usd_bn:.0f} bn" if usd_bn >= 10 else f"US${usd_bn:.1f} bn"


def pledge_label(row) -> str:
    """'US$150 bn over 5 years', 'US$3.4 bn a year', 'US$19 bn, no horizon stated'."""
    if row.per_year:
        return f"{money_text(row.usd_bn)} a year"
    if pd.isna(row.horizon_years):
        return f"{money_text(row.usd_bn)}, no horizon stated"
    if getattr(row, "contested", False):
        return f"{money_text(row.usd_bn)} over {row.horizon_years:.0f} years (horizon contested)"
    return f"{money_text(row.usd_bn)} over {row.horizon_years:.0f} years"


_UNITS = {
    "percent": "{}%",
    "tariff_lines": "{} tariff lines",
    "usd_bn": "US${} bn",
    "usd_bn_per_year": "US${} bn a year",
    "usd_m": "US${} m",
    "usd_m_per_year": "US${} m a year",
    "aircraft": "{} aircraft",
    "mt_per_year": "{} Mt a year",
    "days": "{} days",
}
EMPTY = "—"


def amount_text(amount, unit, horizon=None) -> str:
    """'US$150 bn over 5 years', '1,711 tariff lines', '19%'; empty when there is no amount."""
    if amount is None or pd.isna(amount):
        return ""
    text = _UNITS.get(str(unit), "{} " + str(unit)).format(number_text(amount))
    if horizon is not None and not pd.isna(horizon):
        text += f" over {float(horizon):.0f} years"
    return text


def commitment_rows(
    commitments: pd.DataFrame, area_labels: dict[str, str], party=None, area=None, amounts_only=False
) -> pd.DataFrame:
    """The commitments of one party and area (None: all), optionally only those with an amount, with
    readable ``area_label`` and ``amount_text`` columns (a missing value reads as a dash)."""
    rows = commitments
    if party is not None:
        rows = rows[rows["party"] == party]
    if area is not None:
        rows = rows[rows["area"] == area]
    if amounts_only:
        rows = rows[rows["amount"].notna()]
    shown = rows.assign(
        area_label=rows["area"].astype(str).map(area_labels),
        amount_text=[
            amount_text(a, u, h) or None
            for a, u, h in zip(rows["amount"], rows["unit"], rows["horizon_years"], strict=True)
        ],
    )
    for name in ("article", "amount_text"):
        shown[name] = shown[name].astype(object).where(shown[name].notna(), EMPTY)
    return shown


# --- goods trade ----------------------------------------------------------------------------------


def trade_usd_table(trade: pd.DataFrame) -> pd.DataFrame:
    """US$ billion by year and flow, one row per year from the first to the last year with any US$
    figure; a year with no sourced figure is NaN (never filled). Where two sources give the same
    year and flow, US statistics win over Malaysian ones. Columns: year, then per flow the value,
    ``<flow>_reporter`` and ``<flow>_source``."""
    usd = trade[(trade["unit"] == "usd_bn") & trade["flow"].astype(str).isin(list(FLOWS))].copy()
    usd["_pref"] = (usd["reporter"].astype(str) != "US").astype(int)
    usd = usd.sort_values(["year", "flow", "_pref", "source_id"]).drop_duplicates(["year", "flow"])
    years = pd.Index(range(int(usd["year"].min()), int(usd["year"].max()) + 1), name="year")
    table = pd.DataFrame(index=years)
    for flow in FLOWS:
        part = usd[usd["flow"] == flow].set_index(usd.loc[usd["flow"] == flow, "year"].astype(int))
        table[flow] = part["value"].astype(float).reindex(years)
        table[f"{flow}_reporter"] = part["reporter"].astype(str).reindex(years)
        table[f"{flow}_source"] = part["source_id"].astype(str).reindex(years)
    return table.reset_index()


def missing_runs(table: pd.DataFrame) -> list[tuple[int, int]]:
    """(first, last) year of each run of years with no US$ figure for any flow."""
    empty = table[list(FLOWS)].isna().all(axis=1).to_numpy()
    runs, start = [], None
    for year, gap in zip(table["year"], empty, strict=True):
        if gap and start is None:
            start = year
        if not gap and start is not None:
            runs.append((start, year - 1))
            start = None
    if start is not None:
        runs.append((start, int(table["year"].iloc[-1])))
    return runs


def deficit_before_and_after_gap(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The last US-reported balance before the first gap, and the last US-reported balance."""
    us = table[(table["us_balance_reporter"] == "US") & table["us_balance"].notna()]
    runs = missing_runs(table)
    before = us[us["year"] < runs[0][0]] if runs else us
    return before.iloc[-1], us.iloc[-1]


def trade_values(
    trade: pd.DataFrame, year: int, flow: str, unit: str, source: str | None = None
) -> list[float]:
    """The figures for one year, flow and unit (from one source if named), lowest first."""
    match = trade[(trade["year"] == year) & (trade["flow"] == flow) & (trade["unit"] == unit)]
    if source is not None:
        match = match[match["source_id"] == source]
    return sorted(float(v) for v in match["value"])


def trade_value(trade: pd.DataFrame, year: int, flow: str, unit: str, source: str | None = None) -> float:
    """The one figure for a year, flow and unit (and source if named); KeyError if not exactly one."""
    found = trade_values(trade, year, flow, unit, source)
    if len(found) != 1:
        raise KeyError(f"trade: expected one row for {year}, {flow}, {unit}, {source}; found {len(found)}")
    return found[0]


def malaysian_series(trade: pd.DataFrame, flow: str, unit: str) -> pd.DataFrame:
    """Malaysia's own statistics for one flow and unit, year by year (one figure per year)."""
    rows = trade[(trade["flow"] == flow) & (trade["unit"] == unit) & (trade["reporter"] == "Malaysia")]
    return rows.sort_values(["year", "source_id"]).drop_duplicates("year").reset_index(drop=True)
