"""The chapter on Malaysia's domestic rare-earth policy (notebooks/04_domestic_ree_policy.ipynb).

Numbers that belong to one policy instrument are glued under the instrument's id (``date_P01``,
``amount_P14``, ``until_P12``: see :mod:`.row_values`); the prose glues events' dates from the
China chapter (``day_<id>``). What is computed over several rows is named here. This page owns
Malaysia's USGS mine numbers (``mine_*``); the China and market pages glue them from here.
"""

from __future__ import annotations

from ..analysis import domestic, market
from ..text import long_date, share_range_text, share_text
from . import state_of_play
from .row_values import number_text, policy_values

MALAYSIA, CHINA = domestic.MALAYSIA, domestic.CHINA


def numbers(data) -> dict:
    policy = data.malaysia_policy
    return {
        **policy_values(policy),
        **ban_numbers(policy),
        **reserves_numbers(policy, data.ree_reserves),
        **mine_numbers(data.ree_production),
        **value_chain_numbers(data.value_chain_shares, data.ree_production),
        **project_numbers(policy),
        **state_of_play.numbers(data),  # what holds on the edition date
    }


def ban_numbers(policy) -> dict:
    ban = domestic.ban_in_force(policy)
    return {"ban_in_force": long_date(ban["date"], str(ban["date_precision"]))}


def reserves_numbers(policy, reserves) -> dict:
    """The national survey's resource figure, the state figures a source gives in oxide (and their
    total), and USGS's reserves for Malaysia by edition: the
    editions that gave NA, and the newest figure."""
    history = domestic.reserves_history(reserves)
    not_available = history[history["qualifier"] == "not_available"]["edition"].astype(str)
    newest = history[history["qualifier"] == "value"].iloc[-1]
    states = domestic.state_resources(policy)
    return {
        "jmg_mt": f"{float(domestic.latest_resource_estimate(policy)['amount']) / 1e6:.1f}",
        # the states the source itemises, in tonnes of oxide, and their total (never typed)
        "jmg_n_states": str(len(states)),
        "jmg_states_mt": f"{float(states['amount'].sum()) / 1e6:.2f}",
        "na_editions": " and ".join(not_available),
        "reserves_edition": str(newest["edition"]),
        "reserves_t": number_text(float(newest["reserves_t"])),
    }


def mine_numbers(production) -> dict:
    """Malaysia's share of world mine output in the latest year, and the first year USGS revised
    Malaysia's figure. (The edition, the world total and China's share are glued from the China
    and market pages, which compute them.)"""
    _, year = market.latest_production(production)
    shares = market.shares_of_world(market.production_by_year(production)).set_index(["country", "year"])
    revised = domestic.first_revised_year(production)
    return {
        "mine_year": str(year),
        "mine_t": number_text(shares.at[(MALAYSIA, year), "production_t"]),
        "mine_share": share_text(shares.at[(MALAYSIA, year), "share_pct"]),
        "revised_year": str(int(revised["year"].iloc[0])),
        "revised_old_edition": str(revised.iloc[0]["edition"]),
        "revised_old_t": number_text(float(revised.iloc[0]["production_t"])),
        "revised_new_edition": str(revised.iloc[-1]["edition"]),
        "revised_new_t": number_text(float(revised.iloc[-1]["production_t"])),
    }


def _share(frame, stage: str) -> str:
    return share_range_text(frame.at[stage, "share_low"], frame.at[stage, "share_high"])


def value_chain_numbers(shares, production) -> dict:
    """Malaysia's refining share in its latest year against China's in the same year (one rule,
    market.latest_stage_shares), the outlook for both, and China's magnet share."""
    malaysia = market.latest_stage_shares(shares, MALAYSIA).set_index("stage")
    sep_year = int(malaysia.at["separation_refining", "year"])
    china_then = market.latest_stage_shares(shares, CHINA, year=sep_year).set_index("stage")
    china_now = market.latest_stage_shares(shares, CHINA).set_index("stage")
    outlook_my = market.latest_stage_shares(shares, MALAYSIA, projections=True).set_index("stage")
    outlook_cn = market.latest_stage_shares(shares, CHINA, projections=True).set_index("stage")
    return {
        "sep_year": str(sep_year),
        "sep_share": _share(malaysia, "separation_refining"),
        "china_sep_share": _share(china_then, "separation_refining"),
        "outlook_year": str(int(outlook_my.at["separation_refining", "year"])),
        "sep_share_outlook": _share(outlook_my, "separation_refining"),
        "china_sep_outlook": _share(outlook_cn, "separation_refining"),
        "magnet_year": str(int(china_now.at["magnets", "year"])),
        "china_magnet_share": _share(china_now, "magnets"),
    }


def project_numbers(policy) -> dict:
    """The magnet plant's planned capacity and stated value (the executive summary glues them)."""
    return {
        "magnet_t": number_text(domestic.magnet_project(policy, "tonnes_per_year")["amount"]),
        "magnet_rm_m": number_text(domestic.magnet_project(policy, "rm_million")["amount"]),
    }
