"""Malaysia's domestic rare-earth policy: the frames behind the chapter's charts and numbers.

Pure pandas over the loaders' frames. Shares of world output come from ``analysis.market`` (one rule
for USGS editions, one for the value-chain table); this module only picks Malaysia's rows and the
policy instruments the chapter draws.
"""

from __future__ import annotations

import pandas as pd

from . import market

MALAYSIA, CHINA = "Malaysia", "China"

# Instrument types drawn on the policy timeline, in legend order (statements, estimates and
# projects are left to the text and the explorer).
TIMELINE_TYPES = ("export_ban", "regulation", "licence", "institution", "plan")
IN_EFFECT = ("in_force", "completed")


def malaysia_production(production: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's rows of ``load_ree_production()``, every edition, ordered by edition then year."""
    rows = production[production["country"] == MALAYSIA]
    return rows.sort_values(["edition", "year"]).reset_index(drop=True)


def value_chain_table(shares: pd.DataFrame, production: pd.DataFrame) -> pd.DataFrame:
    """China's and Malaysia's latest share of world output at each stage of the value chain, in
    value-chain order, as :func:`market.stage_positions` gives them: mining from USGS mine output,
    the other stages from the value-chain table under :func:`market.latest_stage_shares` (the same
    rule as the China and market pages). Every stage in the descriptor gets a row per country;
    ``known`` is False where the data hold no share (the chart says 'no data')."""
    table = market.stage_positions(shares, production, (CHINA, MALAYSIA))
    table = table[table["stage"] != "mining"].copy()  # mining is shown on USGS's basis
    table["stage"] = table["stage"].replace(market.USGS_MINING, "mining")
    return table.reset_index(drop=True)


def timeline_rows(policy: pd.DataFrame) -> pd.DataFrame:
    """The instruments drawn on the timeline (types in TIMELINE_TYPES), oldest first (ties in id
    order), with ``in_effect`` (in force or completed)."""
    rows = policy[policy["instrument_type"].astype(str).isin(TIMELINE_TYPES)].copy()
    rows["in_effect"] = rows["instrument_status"].astype(str).isin(IN_EFFECT)
    return rows.sort_values(["date", "instrument_id"]).reset_index(drop=True)


def ban_in_force(policy: pd.DataFrame) -> pd.Series:
    """The row of the raw-export moratorium that took effect (the in-force export ban, earliest)."""
    rows = policy[(policy["instrument_type"] == "export_ban") & (policy["instrument_status"] == "in_force")]
    return rows.sort_values("date").iloc[0]


def latest_resource_estimate(policy: pd.DataFrame) -> pd.Series:
    """Malaysia's latest resource estimate in tonnes (the national survey's figure the press quotes)."""
    rows = policy[(policy["instrument_type"] == "resource_estimate") & (policy["unit"] == "tonnes")]
    return rows.sort_values(["date", "instrument_id"]).iloc[-1]


def state_resources(policy: pd.DataFrame) -> pd.DataFrame:
    """The state-level resource estimates in tonnes of total rare-earth oxide (unit ``tonnes_treo``),
    largest first. They are the itemised parts of the national figure that a source breaks down;
    they need not add up to it."""
    rows = policy[(policy["instrument_type"] == "resource_estimate") & (policy["unit"] == "tonnes_treo")]
    return rows.sort_values(["amount", "instrument_id"], ascending=[False, True]).reset_index(drop=True)


def magnet_project(policy: pd.DataFrame, unit: str) -> pd.Series:
    """The magnet-stage investment project stated in ``unit`` (capacity in tonnes_per_year, value
    in rm_million); the earliest if there are several."""
    rows = policy[
        (policy["value_chain_stage"] == "magnet")
        & (policy["instrument_type"] == "investment_project")
        & (policy["unit"] == unit)
    ]
    return rows.sort_values(["date", "instrument_id"]).iloc[0]


def reserves_history(reserves: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's reserves row in each USGS edition, oldest first."""
    rows = reserves[reserves["country"] == MALAYSIA]
    return (
        rows.assign(_e=rows["edition"].astype(str).map(market.edition_year))
        .sort_values("_e")
        .drop(columns="_e")
    )


def first_revised_year(production: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's figures for the earliest year that more than one edition reports, oldest edition
    first (how USGS revised it)."""
    mine = malaysia_production(production)
    editions = mine.groupby("year")["edition"].nunique()
    year = int(editions[editions > 1].index.min())
    return mine[mine["year"] == year].sort_values("edition").reset_index(drop=True)
