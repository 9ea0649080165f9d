"""The trade-deal page (notebooks/02_trade_deal): every value its prose glues."""

from __future__ import annotations

from ..analysis import deals as deal_analysis
from ..analysis import trade as analysis
from ..analysis.trade import number_text
from ..text import long_date
from . import state_of_play
from .row_values import event_days


def numbers(data) -> dict[str, str]:
    """Amounts, rates, dates and trade figures as display strings, picked by the typed columns of the
    data (``glue`` names, ``headline``, ``tariff_treatment``, stages, flows and units)."""
    commitments, rates, trade, events = data.art_commitments, data.tariff_rates, data.trade, data.events
    pledges = analysis.pledge_table(commitments)
    table = analysis.trade_usd_table(trade)
    gap = analysis.missing_runs(table)[0]
    before, after = analysis.deficit_before_and_after_gap(table)
    latest = int(trade["year"].max())
    phased = analysis.tariff_treatment(commitments, "phased_out")["horizon_years"]
    ruling = analysis.ruling_event(rates, events)
    art = deal_analysis.malaysian_instrument(data.agreements, "trade_agreement")

    def usd(balance_row, flow) -> str:  # a US$ figure from the same source as that year's balance
        year, source = int(balance_row["year"]), str(balance_row["us_balance_source"])
        return number_text(analysis.trade_value(trade, year, flow, "usd_bn", source))

    previous = analysis.trade_values(trade, latest - 1, "total_trade", "usd_bn")
    numbers = {
        **analysis.commitment_numbers(commitments),
        **analysis.rate_numbers(rates),
        "stay_rates": analysis.rates_phrase(analysis.tariff_treatment(commitments, "kept")),
        "cut_rates": analysis.rates_phrase(analysis.tariff_treatment(commitments, "cut")),
        "phase_short": number_text(phased.min()),
        "phase_long": number_text(phased.max()),
        "pledge_lump": analysis.lump_text(analysis.lump_sum(pledges)),
        "signing_date": long_date(art["date"], str(art["date_precision"])),
        "scotus_date": long_date(ruling["date"], str(ruling["date_precision"])),
        "s122_end_date": long_date(analysis.chart_end(rates)),
        # goods trade
        "gap_first": str(gap[0]),
        "gap_last": str(gap[1]),
        "deficit_before_year": str(before["year"]),
        "deficit_before": number_text(-before["us_balance"]),
        "deficit_after": number_text(-after["us_balance"]),
        "deficit_after_year": str(after["year"]),
        "exports_before": usd(before, "us_exports"),
        "imports_before": usd(before, "us_imports"),
        "imports_after_usd": usd(after, "us_imports"),
        "latest_year": str(latest),
        "my_surplus_latest_rm": number_text(-analysis.trade_value(trade, latest, "us_balance", "rm_bn")),
        "my_surplus_latest_usd": number_text(-analysis.trade_value(trade, latest, "us_balance", "usd_bn")),
        "total_trade_latest_rm": number_text(analysis.trade_value(trade, latest, "total_trade", "rm_bn")),
        # two sources give the previous year's total; the prose quotes both, lower first
        "total_trade_prev_a": number_text(previous[0]),
        "total_trade_prev_b": number_text(previous[-1]),
    }
    # Malaysia's own figures for its exports to the US, year by year: my_exp_year_0, my_exp_0, ...
    for i, row in enumerate(analysis.malaysian_series(trade, "us_imports", "rm_bn").itertuples()):
        numbers[f"my_exp_year_{i}"] = str(row.year)
        numbers[f"my_exp_{i}"] = number_text(row.value)
    numbers |= event_days(events)
    numbers.update(state_of_play.numbers(data))  # what holds on the edition date
    return numbers
