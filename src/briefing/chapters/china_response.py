"""The chapter on China's response (notebooks/03_china_response.ipynb): every number its prose glues.

This page owns the book's mine-production and concentration numbers (USGS years, China's share,
the HHI and its bounds, USGS's revisions, reserves); the market-context page glues them from here.
Malaysia's own mine output is the domestic chapter's, and every event's date (``day_<id>``) is
published here for the other pages to glue.
"""

from __future__ import annotations

from ..analysis import china, market
from ..text import long_date
from . import state_of_play
from .row_values import event_days


def numbers(data) -> dict:
    return {
        **timeline_numbers(data.events, data.agreements),
        **controls_numbers(data.events),
        **value_chain_numbers(data.value_chain_shares),
        **concentration_numbers(data.ree_production, data.ree_reserves),
        **state_of_play.numbers(data),  # what holds on the edition date
    }


def timeline_numbers(events, agreements) -> dict:
    """Dates of every event, the ART's date, and for each China-theme event its status and its
    distance in days from the ART's signing (``days_from_art_<id>``, absolute)."""
    art = china.us_malaysia_agreement(agreements, "trade_agreement")
    on_china = events[china.is_china(events)]
    values: dict = {"art_date": long_date(art["date"], str(art["date_precision"]))}
    values |= event_days(events)
    for event_id, date, status in zip(
        on_china["event_id"], on_china["date"], on_china["status"], strict=True
    ):
        values[f"status_{event_id}"] = str(status)
        values[f"days_from_art_{event_id}"] = abs(int((date - art["date"]).days))
    return values


def controls_numbers(events) -> dict:
    """The elements under China's export licensing (analysis.china.licensing_counts): those of the
    first listing announcement (``n_april``), those under measures that took effect
    (``n_in_force``), those there would have been had every announced measure applied
    (``n_controlled``), the ones later measures added (``n_october_added``) and those announced but
    never under licensing (``n_not_applied``); and
    the percentages China-theme events state (``percent_<id>``)."""
    counts = china.licensing_counts(events)
    values = {
        "n_april": counts["first"],
        "n_in_force": counts["in_force"],
        "n_october_added": counts["added_later"],
        "n_not_applied": counts["not_applied"],
        "n_controlled": counts["announced"],
        "n_ree": len(china.RARE_EARTH_ELEMENTS),
    }
    stated = china.stated_percentages(events)
    values |= {f"percent_{e}": p for e, p in zip(stated["event_id"], stated["percent"], strict=True)}
    return values


def value_chain_numbers(shares) -> dict:
    """China's latest share of each stage (market.latest_stage_shares: latest year, the range where
    sources differ). Malaysia's refining share against China's, and the outlook, are the domestic
    chapter's (``sep_share``, ``china_sep_share``, ``sep_share_outlook``, …): this page glues them."""
    stage = market.latest_stage_shares(shares).set_index("stage")
    return {
        "iea_mining": stage.at["mining", "share_high"],
        "iea_sep_low": stage.at["separation_refining", "share_low"],
        "iea_sep_high": stage.at["separation_refining", "share_high"],
        "iea_magnets": stage.at["magnets", "share_high"],
    }


def concentration_numbers(production, reserves) -> dict:
    """Mine production, concentration (HHI), USGS revisions and China's reserves, computed with
    briefing.analysis.market."""
    conc = market.concentration_by_year(production).set_index("year")
    first = market.concentration_by_year(production, "first").set_index("year")
    year = int(conc.index[-1])
    last = conc.loc[year].to_dict()
    revised = max(
        y for y in conc.index if y in first.index and conc.at[y, "edition"] != first.at[y, "edition"]
    )
    rev_first, rev_latest = first.loc[revised].to_dict(), conc.loc[revised].to_dict()
    china_reserves = market.reserves_share(reserves, last["edition"])
    return dict(
        usgs_first_year=int(conc.index[0]),
        usgs_last_year=year,
        usgs_last_edition=last["edition"],
        china_share_last=last["country_share_pct"],
        china_share_min=float(conc["country_share_pct"].min()),
        china_share_max=float(conc["country_share_pct"].max()),
        hhi_monopoly=f"{market.hhi([100]):,.0f}",
        hhi_two_equal=f"{market.hhi([50, 50]):,.0f}",
        hhi_last=f"{last['hhi']:,.0f}",
        hhi_min=f"{conc['hhi'].min():,.0f}",
        hhi_max=f"{conc['hhi'].max():,.0f}",
        n_equal=market.equivalent_producers(last["hhi"]),
        residual_effect_max=float((conc["hhi_upper"] - conc["hhi"]).max()),
        named_share_max=float(conc["named_share_pct"].max()),
        rev_year=int(revised),
        rev_first_edition=rev_first["edition"],
        rev_latest_edition=rev_latest["edition"],
        rev_world_first=f"{rev_first['world_t']:,.0f}",
        rev_world_latest=f"{rev_latest['world_t']:,.0f}",
        rev_china_first=rev_first["country_share_pct"],
        rev_china_latest=rev_latest["country_share_pct"],
        cn_reserves=f"{china_reserves['country_t']:,.0f}",
        world_reserves=f"{china_reserves['world_t']:,.0f}",
        cn_reserves_share=china_reserves["share_pct"],
    )
