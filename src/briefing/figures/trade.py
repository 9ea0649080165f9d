"""Chapter 02, the trade deal: the numbers behind its charts, and the charts.

Three charts, each drawn from the data package and nothing else:

* :func:`tariff_chart` — the US tariff on most Malaysian goods as a step line (rates in force) with
  the rates that were announced but never applied as hollow markers (``tariff_rates``).
* :func:`pledge_chart` — Malaysia's purchase and investment pledges, in US$ billion, with their
  horizons (``art_commitments``).
* :func:`trade_chart` — US–Malaysia goods trade in US$ billion by year; a year without a sourced
  figure stays empty (``trade``). Nothing is interpolated.

The table-shaped helpers (:func:`in_force_segments`, :func:`pledge_table`, :func:`trade_usd_table`)
are what the charts draw and what the tests check, since nbval never compares chart images.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..text import long_date
from . import finish, new_figure, plain

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


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def tariff_chart(rates: pd.DataFrame, markers: pd.DataFrame | None = None, until=None) -> Figure:
    """Step chart of the US tariff on most Malaysian goods; hollow markers = announced rates.

    ``markers``: optional events (date, label) drawn as thin vertical lines; ``until``: right end of
    the time axis (default: a month after the last dated row).
    """
    segments = in_force_segments(rates)
    announced = rates[rates["stage"] == "announced"].sort_values("date")
    last = rates["date"].max()
    right = pd.Timestamp(until) if until is not None else last + pd.Timedelta(days=31)
    left = rates["date"].min() - pd.Timedelta(days=20)

    fig, ax = new_figure(4.8)
    for seg in segments.itertuples():
        end = seg.end if not pd.isna(seg.end) else right
        ax.plot(
            [seg.start, end], [seg.rate_pct] * 2, color=style.ACCENT, lw=3, solid_capstyle="butt", zorder=3
        )
        if not pd.isna(seg.end):  # a vertical riser only where the next segment starts at once
            nxt = segments[segments["start"] == seg.end]
            if len(nxt):
                ax.plot([seg.end] * 2, [seg.rate_pct, nxt.iloc[0]["rate_pct"]], color=style.ACCENT, lw=1.5)
        if (end - seg.start).days >= 45:
            ax.text(
                seg.start + (end - seg.start) / 2,
                seg.rate_pct + 0.8,
                _pct(seg.rate_pct),
                ha="center",
                va="bottom",
                fontsize=11,
                fontweight="bold",
                color=style.ACCENT,
            )
    open_end = segments[segments["end"].isna()]
    if len(open_end):
        ax.annotate(
            "no later change\nin the sources",
            xy=(right, open_end.iloc[0]["rate_pct"]),
            xytext=(-4, -8),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=style.MIN_FONT_PT,
            color=style.MUTED,
        )
    ax.scatter(
        announced["date"],
        announced["rate_pct"].astype(float),
        s=60,
        facecolors="white",
        edgecolors=style.INK,
        linewidths=1.3,
        zorder=4,
    )
    for row in announced.itertuples():
        applied = rate_on(rates, row.date + pd.Timedelta(days=1))
        if applied is not None and abs(applied - float(row.rate_pct)) < 0.01:
            continue  # a rate that was (or stayed) applied needs no second label
        ax.annotate(
            _pct(float(row.rate_pct)),
            xy=(row.date, float(row.rate_pct)),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            fontsize=style.MIN_FONT_PT,
        )
    if markers is not None:
        for index, mark in enumerate(markers.sort_values("date").itertuples()):
            ax.axvline(mark.date, color=style.MUTED, lw=0.8, ls=":", zorder=1)
            ax.text(  # above the axes, where no rate label can be: the first left of its line
                mark.date,
                1.01,
                f" {mark.label} " if index else f"{mark.label} ",
                transform=ax.get_xaxis_transform(),
                fontsize=style.MIN_FONT_PT,
                color=style.MUTED,
                ha="left" if index else "right",
                va="bottom",
            )
    ax.set_xlim(left, right)
    ax.set_ylim(0, 28)
    ax.set_ylabel("Per cent ad valorem")
    ax.xaxis.set_major_locator(_quarters())
    ax.xaxis.set_major_formatter(_month_year())
    current = open_end.iloc[0] if len(open_end) else segments.iloc[-1]
    art = announced[announced["legal_basis"].astype(str).str.contains("ART")]
    art_rate = float(art.iloc[0]["rate_pct"]) if len(art) else float(current["rate_pct"])
    kept_from = long_date(_start_of(segments, art_rate), "month")
    title = (
        f"The {_pct(art_rate)} rate the deal kept applied from {kept_from};"
        f" {_pct(current['rate_pct'])} since {long_date(current['start'], 'month')}"
    )
    return finish(
        fig,
        ax,
        (title),
        "Extra US duty on most Malaysian goods, per cent. Line: applied; hollow circles: announced",
        rates["source_id"].astype(str),
        "tariff_rates",
    )


def _start_of(segments: pd.DataFrame, rate: float) -> pd.Timestamp:
    match = segments[(segments["rate_pct"] - rate).abs() < 0.01]
    return match.iloc[0]["start"] if len(match) else segments.iloc[0]["start"]


def _quarters():
    from matplotlib.dates import MonthLocator

    return MonthLocator(bymonth=[1, 4, 7, 10])


def _month_year():
    from matplotlib.dates import DateFormatter

    return DateFormatter("%b\n%Y")


# --- purchase and investment pledges --------------------------------------------------------------

HEADLINE = "T34"  # 'buy and invest over US$240 billion': the total the itemised pledges sit under
PLEDGE_LABELS = {
    "T37": "Chips, aerospace and\ndata-centre goods",
    "T41": "Investment in the US",
    "T35": "Boeing aircraft (MAG)",
    "T38": "LNG (Petronas)",
    "T40": "Coal (Tenaga Nasional)",
}
_PER_YEAR = {"usd_bn_per_year": 1.0, "usd_m_per_year": 0.001}
MONEY_UNITS = {"usd_bn", *_PER_YEAR}


def pledge_table(commitments: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's money pledges in US$ billion (per-year ones converted, flagged, never annualised
    into totals). Columns: commitment_id, label, usd_bn, per_year, horizon_years, source_id."""
    rows = commitments[
        (commitments["area"] == "purchases_investment")
        & commitments["unit"].astype(str).isin(MONEY_UNITS)
        & (commitments["commitment_id"] != HEADLINE)
    ]
    unknown = sorted(set(rows["commitment_id"]) - set(PLEDGE_LABELS))
    if unknown:
        raise KeyError(f"Pledge rows without a chart label in PLEDGE_LABELS: {', '.join(unknown)}")
    unit = rows["unit"].astype(str)
    table = pd.DataFrame(
        {
            "commitment_id": rows["commitment_id"].astype(str),
            "label": rows["commitment_id"].map(PLEDGE_LABELS),
            "usd_bn": rows["amount"].astype(float) * unit.map(lambda u: _PER_YEAR.get(u, 1.0)),
            "per_year": unit.isin(list(_PER_YEAR)),
            "horizon_years": rows["horizon_years"].astype("Float64"),
            "source_id": rows["source_id"].astype(str),
        }
    )
    return table.sort_values(["per_year", "usd_bn"], ascending=[True, False]).reset_index(drop=True)


def headline_pledge(commitments: pd.DataFrame) -> float:
    return float(commitments.set_index("commitment_id").loc[HEADLINE, "amount"])


def _money(usd_bn: float) -> str:
    if usd_bn < 1:
        return f"US${usd_bn * 1000:.1f} m"
    return f"US${usd_bn:.0f} bn" if usd_bn >= 10 else f"US${usd_bn:.1f} bn"


def pledge_label(row) -> str:
    """'US$150 bn over 5 years', 'US$3.4 bn a year', 'US$19 bn, no horizon stated'."""
    if row.per_year:
        return f"{_money(row.usd_bn)} a year"
    if pd.isna(row.horizon_years):
        return f"{_money(row.usd_bn)}, no horizon stated"
    return f"{_money(row.usd_bn)} over {row.horizon_years:.0f} years"


def pledge_chart(commitments: pd.DataFrame) -> Figure:
    """Bars with their category written above them (no y-axis labels eating the width)."""
    table = pledge_table(commitments)
    headline = headline_pledge(commitments)
    lump = table.loc[~table["per_year"], "usd_bn"].sum()
    fig, ax = new_figure(4.9)
    y = np.arange(len(table)) * 1.25
    colours = [style.ACCENT if not p else "white" for p in table["per_year"]]
    ax.barh(y, table["usd_bn"], color=colours, edgecolor=style.ACCENT, height=0.5, zorder=3)
    for yi, row in zip(y, table.itertuples(), strict=True):
        ax.text(0, yi - 0.33, row.label.replace("\n", " "), va="bottom", fontweight="bold")
        ax.text(row.usd_bn + 3, yi, plain(pledge_label(row)), va="center")
    ax.set_yticks([])
    ax.set_ylim(y[-1] + 0.5, -1.0)
    ax.axvline(headline, color=style.INK, ls="--", lw=1)
    ax.text(headline - 3, y[-1] + 0.3, plain(f"headline:\nover {_money(headline)}"), ha="right")
    ax.set_xlim(0, headline * 1.04)
    ax.set_xlabel(plain("US$ billion"))
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    return finish(
        fig,
        ax,
        (f"Itemised lump sums total {_money(lump)}; the headline is 'over {_money(headline)}'"),
        plain("US$ billion; hollow bars: per year, no end date"),
        [*table["source_id"], headline_source(commitments)],
        "art_commitments",
    )


def headline_source(commitments: pd.DataFrame) -> str:
    return str(commitments.set_index("commitment_id").loc[HEADLINE, "source_id"])


# --- goods trade ----------------------------------------------------------------------------------

FLOWS = {
    "us_imports": "US imports from Malaysia",
    "us_exports": "US exports to Malaysia",
    "us_balance": "US balance",
}
FLOW_COLOURS = {
    "us_imports": style.ACCENT,
    "us_exports": style.PALETTE["United States"],
    "us_balance": style.INK,
}


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


def trade_chart(trade: pd.DataFrame) -> Figure:
    table = trade_usd_table(trade)
    fig, ax = new_figure(4.8)
    for first, last in missing_runs(table):
        ax.axvspan(first - 0.5, last + 0.5, color="#F2F2F2", zorder=0)
        ax.text(
            (first + last) / 2,
            2,
            plain("no sourced\nfigures"),
            ha="center",
            fontsize=style.MIN_FONT_PT,
            color=style.MUTED,
        )
    for flow in FLOWS:
        colour = FLOW_COLOURS[flow]
        for reporter in ("US", "Malaysia"):  # a line never joins a gap, nor two statistical sources
            same = table[flow].where(table[f"{flow}_reporter"] == reporter)
            ax.plot(table["year"], same, color=colour, lw=2, zorder=3)
        for mine in (False, True):
            sel = table[(table[f"{flow}_reporter"] == "Malaysia") == mine]
            ax.scatter(
                sel["year"],
                sel[flow],
                s=42,
                zorder=4,
                facecolors="white" if mine else colour,
                edgecolors=colour,
                linewidths=1.5,
            )
    ax.axhline(0, color=style.MUTED, lw=0.8)
    ax.set_xlim(table["year"].min() - 0.6, table["year"].max() + 0.6)
    last = int(table["year"].max())
    ax.set_xticks(list(range(last, int(table["year"].min()) - 1, -2)))
    ax.set_ylabel(plain("US$ billion"))
    ax.legend(  # over the years without figures, which are otherwise empty
        handles=[Line2D([], [], color=FLOW_COLOURS[f], lw=2, label=name) for f, name in FLOWS.items()],
        loc="upper center",
        handlelength=1.5,
    )
    before, after = deficit_before_and_after_gap(table)
    title = (
        f"The US goods deficit with Malaysia was US${-before['us_balance']:.1f} bn in {before['year']}"
        f" and US${-after['us_balance']:.1f} bn in {after['year']}"
    )
    sources = [s for flow in FLOWS for s in table[f"{flow}_source"].dropna()]
    return finish(
        fig,
        ax,
        (title),
        plain(
            "US$ billion a year. Filled dots: US statistics; hollow dots: Malaysian statistics; "
            "shaded years: no sourced figure"
        ),
        sources,
        "trade",
    )


# --- the numbers the chapter's prose quotes ------------------------------------------------------


def _fmt(value: float) -> str:
    """1711 -> '1,711'; 5.2 -> '5.2'; 19.0 -> '19' (as precise as the data, never more)."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.10g}"


def chapter_numbers(
    commitments: pd.DataFrame, rates: pd.DataFrame, trade: pd.DataFrame, events: pd.DataFrame
) -> dict[str, str]:
    """Every quantity and date the chapter's text glues, as display strings, looked up by row id."""
    amount = commitments.set_index("commitment_id")["amount"]
    horizon = commitments.set_index("commitment_id")["horizon_years"]
    rate = rates.set_index("rate_id")
    event = events.set_index("event_id")

    def a(cid: str) -> str:
        return _fmt(amount[cid])

    def r(rid: str) -> str:
        return _fmt(rate.loc[rid, "rate_pct"])

    def rd(rid: str) -> str:
        return long_date(rate.loc[rid, "date"], str(rate.loc[rid, "date_precision"]))

    def ed(eid: str) -> str:
        return long_date(event.loc[eid, "date"], str(event.loc[eid, "date_precision"]))

    def t(year: int, flow: str, unit: str, source: str) -> float:
        match = trade[
            (trade["year"] == year)
            & (trade["flow"] == flow)
            & (trade["unit"] == unit)
            & (trade["source_id"] == source)
        ]
        if len(match) != 1:
            raise KeyError(
                f"trade: expected one row for {year}, {flow}, {unit}, {source}; found {len(match)}"
            )
        return float(match.iloc[0]["value"])

    pledges = pledge_table(commitments)
    table = trade_usd_table(trade)
    gap = missing_runs(table)[0]
    before, after = deficit_before_and_after_gap(table)
    latest = int(trade["year"].max())
    numbers = {
        # the US side
        "art_rate": a("T01"),
        "agc_from_rate": a("T02"),
        "n_lines": a("T03"),
        "exempt_bn": a("T04"),
        "exempt_share": a("T05"),
        "zero_rated_share": a("T48"),
        # the tariff path
        "april_date": rd("R01"),
        "april_rate": r("R01"),
        "baseline_rate": r("R02"),
        "baseline_date": rd("R02"),
        "country_rate_date": rd("R03"),
        "pause_date": rd("R04"),
        "letter_date": rd("R05"),
        "letter_rate": r("R05"),
        "eo14326_date": rd("R06"),
        "rate19_date": rd("R07"),
        "s122_proclaimed": rd("R09"),
        "s122_rate": r("R12"),
        "s122_15_date": rd("R10"),
        "s122_15_rate": r("R10"),
        "ieepa_end_date": rd("R11"),
        "s122_date": rd("R12"),
        # Malaysia's tariff cuts
        "stay_rates": f"{a('T08')}%, {a('T50')}% or {a('T51')}%",
        "cut_rates": f"{a('T09')}% or {a('T52')}%",
        "phase_short": _fmt(horizon["T11"]),
        "phase_long": _fmt(horizon["T12"]),
        # purchases and investment
        "pledge_total": a("T34"),
        "pledge_lump": _fmt(pledges.loc[~pledges["per_year"], "usd_bn"].sum()),
        "boeing_bn": a("T35"),
        "aircraft": a("T36"),
        "chips_bn": a("T37"),
        "chips_years": _fmt(horizon["T37"]),
        "lng_bn": a("T38"),
        "lng_mt": a("T39"),
        "coal_m": a("T40"),
        "invest_bn": a("T41"),
        "invest_years": _fmt(horizon["T41"]),
        # legal mechanics and other chapters
        "eif_days": a("T43"),
        "term_days": a("T44"),
        "forced_labour_years": _fmt(horizon["T24"]),
        # trade
        "gap_first": str(gap[0]),
        "gap_last": str(gap[1]),
        "deficit_before_year": str(before["year"]),
        "deficit_before": _fmt(-before["us_balance"]),
        "deficit_after": _fmt(-after["us_balance"]),
        "deficit_after_year": str(after["year"]),
        "exports_before": _fmt(
            t(int(before["year"]), "us_exports", "usd_bn", str(before["us_balance_source"]))
        ),
        "imports_before": _fmt(
            t(int(before["year"]), "us_imports", "usd_bn", str(before["us_balance_source"]))
        ),
        "imports_after_usd": _fmt(
            t(int(after["year"]), "us_imports", "usd_bn", str(after["us_balance_source"]))
        ),
        "latest_year": str(latest),
        "my_surplus_latest_rm": _fmt(-t(latest, "us_balance", "rm_bn", "S201")),
        "my_surplus_latest_usd": _fmt(-t(latest, "us_balance", "usd_bn", "S211")),
        "total_trade_latest_rm": _fmt(t(latest, "total_trade", "rm_bn", "S27")),
        "total_trade_prev_a": _fmt(t(latest - 1, "total_trade", "usd_bn", "S88")),
        "total_trade_prev_b": _fmt(t(latest - 1, "total_trade", "usd_bn", "S203")),
    }
    # Malaysia's own figures for its exports to the US (MITI), year by year: my_exp_year_0, my_exp_0, ...
    mine = trade[
        (trade["flow"] == "us_imports") & (trade["unit"] == "rm_bn") & (trade["source_id"] == "S202")
    ].sort_values("year")
    for i, row in enumerate(mine.itertuples()):
        numbers[f"my_exp_year_{i}"] = str(row.year)
        numbers[f"my_exp_{i}"] = _fmt(row.value)
    for key, eid in {
        "partnership_year": "E001",
        "moratorium_date": "E010",
        "pledges_announced": "E023",
        "signing_date": "E031",
        "zafrul_briefing": "E035",
        "agc_date": "E039",
        "faq_date": "E040",
        "mofcom_date": "E044",
        "thomas_date": "E356",
        "anwar_jan": "E050",
        "cost_benefit_date": "E051",
        "miti_reply_date": "E053",
        "kurup_date": "E054",
        "scotus_date": "E055",
        "pkr_date": "E058",
        "cautious_date": "E060",
        "lynas_reply_date": "E062",
        "s122_end_date": "E064",
    }.items():
        numbers[key] = ed(eid)
    return numbers
