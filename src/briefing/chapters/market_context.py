"""The market-context page (notebooks/market_context.ipynb): every number its prose glues.

The concentration numbers (USGS years, China's share, the HHI) are the China chapter's and
Malaysia's mine output the domestic chapter's: this page glues them from there, so one number is
computed once. What is here is this page's own: world and US output, USGS's revisions, reserves by
country and edition, and the three countries at each stage.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import market
from ..text import share_text
from . import state_of_play
from .row_values import number_text

CHINA, UNITED_STATES, MALAYSIA = "China", "United States", "Malaysia"
FOCUS = (CHINA, UNITED_STATES, MALAYSIA)  # the three countries the page follows at every stage


def and_list(items) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def numbers(data) -> dict:
    production, reserves, shares = data.ree_production, data.ree_reserves, data.value_chain_shares
    return {
        **production_numbers(production),
        **revision_numbers(production),
        **reserves_numbers(reserves),
        **stage_numbers(shares, production),
        **state_of_play.numbers(data),  # what holds on the edition date
    }


def production_numbers(production) -> dict:
    conc = market.concentration_by_year(production).set_index("year")
    first_year, last_year = int(conc.index[0]), int(conc.index[-1])
    last = conc.loc[last_year]
    shares = market.shares_of_world(market.production_by_year(production)).set_index(["country", "year"])
    return {
        "usgs_editions": and_list(market.editions(production)),
        "n_editions": len(market.editions(production)),
        "world_last_t": number_text(last["world_t"]),
        "world_first_t": number_text(conc.at[first_year, "world_t"]),
        "world_growth_pct": 100 * (last["world_t"] / conc.at[first_year, "world_t"] - 1),
        "china_last_t": number_text(last["country_t"]),
        "us_last_t": number_text(shares.at[(UNITED_STATES, last_year), "production_t"]),
        "us_share_last": float(shares.at[(UNITED_STATES, last_year), "share_pct"]),
        "us_first_t": number_text(shares.at[(UNITED_STATES, first_year), "production_t"]),
        "n_producers_last": int(last["producers"]),
        "next_edition": f"MCS {market.edition_year(market.latest_edition(production)) + 1}",
    }


def revision_numbers(production) -> dict:
    """How USGS revised its figures: the largest change to the world total, the largest cut to a
    named country, and Malaysia's largest revision (by per cent)."""
    first = market.concentration_by_year(production, "first").set_index("year")
    latest = market.concentration_by_year(production).set_index("year")
    revisions = market.production_revisions(production).set_index(["country", "year"])
    world_rev = revisions.loc["World"]
    big_year = int(world_rev["change_t"].abs().idxmax())
    big = world_rev.loc[big_year]
    my_rev = revisions.loc[MALAYSIA]
    my_big_year = int(my_rev["change_pct"].abs().idxmax())
    my_big = my_rev.loc[my_big_year]
    named = revisions.reset_index()
    named = named[~named["country"].isin(market.AGGREGATES)]
    cut = named.loc[named["change_t"].idxmin()]
    return {
        "n_revision_pairs": len(revisions),
        "n_revised": int((revisions["change_t"] != 0).sum()),
        "rev_world_year": big_year,
        "rev_world_first_ed": str(big["first_edition"]),
        "rev_world_first_t": number_text(big["first_t"]),
        "rev_world_latest_ed": str(big["latest_edition"]),
        "rev_world_latest_t": number_text(big["latest_t"]),
        "rev_big_china_first": float(first.loc[big_year, "country_share_pct"]),
        "rev_big_china_latest": float(latest.loc[big_year, "country_share_pct"]),
        "rev_cut_country": str(cut["country"]),
        "rev_cut_year": int(cut["year"]),
        "rev_cut_first_t": number_text(cut["first_t"]),
        "rev_cut_latest_t": number_text(cut["latest_t"]),
        "rev_cut_first_ed": str(cut["first_edition"]),
        "rev_cut_latest_ed": str(cut["latest_edition"]),
        "rev_my_year": my_big_year,
        "rev_my_first_t": number_text(my_big["first_t"]),
        "rev_my_latest_t": number_text(my_big["latest_t"]),
        "rev_my_first_ed": str(my_big["first_edition"]),
        "rev_my_latest_ed": str(my_big["latest_edition"]),
    }


def reserves_numbers(reserves) -> dict:
    latest_edition = market.latest_edition(reserves)
    previous_edition = market.editions(reserves)[-2]
    res = market.reserves_by_country(reserves, latest_edition).set_index("country")
    world = market.world_reserves(reserves, latest_edition)
    world_prev = market.world_reserves(reserves, previous_edition)
    changes = market.reserve_revisions(reserves, previous_edition, latest_edition).set_index("country")
    named_changes = changes[~changes.index.isin(market.AGGREGATES)]
    malaysia = market.country_reserves(reserves, MALAYSIA)
    return {
        "res_edition": latest_edition,
        "res_prev_edition": previous_edition,
        "world_res_mt": f"{world['reserves_t'] / 1e6:.0f}",
        "world_res_prev_mt": f"{world_prev['reserves_t'] / 1e6:.0f}",
        "cn_res_mt": f"{res.at[CHINA, 'reserves_t'] / 1e6:.0f}",
        "us_res_mt": f"{res.at[UNITED_STATES, 'reserves_t'] / 1e6:.1f}",
        "us_res_share": float(res.at[UNITED_STATES, "share_pct"]),
        "my_res_t": number_text(res.at[MALAYSIA, "reserves_t"]),
        "my_res_share": share_text(float(res.at[MALAYSIA, "share_pct"])),
        "my_res_na_editions": and_list(malaysia[malaysia["qualifier"] == "not_available"]["edition"]),
        "n_res_named": len(res),
        "n_res_na": int(res["reserves_t"].isna().sum()),
        "res_na_countries": and_list(res[res["reserves_t"].isna()].index),
        "n_res_changes": len(named_changes),
        "res_now_na": and_list(named_changes[named_changes["change"] == "now NA"].index),
        # The prose discusses Brazil's revision by name.
        "brazil_res_old_mt": f"{changes.at['Brazil', 'old_t'] / 1e6:.0f}"
        if "Brazil" in changes.index
        else "",
        "brazil_res_new_mt": f"{changes.at['Brazil', 'new_t'] / 1e6:.0f}"
        if "Brazil" in changes.index
        else "",
    }


def stage_numbers(shares, production) -> dict:
    stage = market.stage_table(shares, production, FOCUS).set_index(["stage", "country"])

    def share(stage_key: str, country: str) -> str:
        return str(stage.at[(stage_key, country), "share_text"])

    def year(stage_key: str, country: str) -> str:
        value = stage.at[(stage_key, country), "year"]
        return "" if pd.isna(value) else str(int(value))

    values = {
        "st_cn_mining_usgs": share(market.USGS_MINING, CHINA),
        "st_us_mining_usgs": share(market.USGS_MINING, UNITED_STATES),
        "st_my_mining_usgs": share(market.USGS_MINING, MALAYSIA),
        "st_cn_mining": share("mining", CHINA),
        "st_cn_mining_year": year("mining", CHINA),
        "st_us_mining": share("mining", UNITED_STATES),
        "st_us_mining_year": year("mining", UNITED_STATES),
        "st_cn_sep": share("separation_refining", CHINA),
        "st_cn_sep_year": year("separation_refining", CHINA),
        "st_cn_magnets": share("magnets", CHINA),
        "st_cn_magnets_year": year("magnets", CHINA),
        "n_stage_cells": len(stage),
        "n_stage_known": int(stage["known"].sum()),
    }
    # A year in which two reports of China's mining share differ (the latest such year).
    for report_year in sorted({int(y) for y in shares["year"].dropna()}):
        found = market.latest_stage_shares(shares, CHINA, year=report_year).set_index("stage")
        if "mining" in found.index and found.at["mining", "share_low"] < found.at["mining", "share_high"]:
            values |= {
                "cn_mining_two_year": report_year,
                "cn_mining_two_low": f"{found.at['mining', 'share_low']:.0f}%",
                "cn_mining_two_high": f"{found.at['mining', 'share_high']:.0f}%",
            }
    return values
