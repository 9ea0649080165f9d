"""Market computations over the loaders' DataFrames: the book's one place for them.

Everything here is a pure function: it takes the typed frames that ``briefing.load_*`` returns (or
a slice of them), never reads a file, never changes its input, and returns a new DataFrame or a
number. The chapters glue what these functions return; no chapter repeats the arithmetic.

USGS editions. The Mineral Commodity Summaries (MCS) of year *N* report mine production for years
*N*-2 and *N*-1, and the next edition revises them. ``data/ree_production.csv`` keeps every edition
side by side, so a year can have two different figures. :func:`production_by_year` takes **one
edition per year** under a named policy, so that every country in a year comes from the same table
and the shares of one year add up against that table's own world total:

* ``"latest"`` (the default): the most recent edition that reports the year, i.e. USGS's latest
  revision;
* ``"first"``: the edition that first published the year (the figure readers saw at the time);
* an edition name such as ``"MCS 2025"``: only the years that edition reports.

Aggregate rows. USGS tables end with ``Other`` (the rest of the world, one residual line) and
``World`` (a rounded total). Shares are computed against ``World`` of the same year and edition;
concentration indices are computed over **named countries only** (``Other`` is not one producer).
Because ``Other`` and the rounding of the world total are left out, the index over named countries
is a lower bound; :func:`concentration_by_year` also gives the upper bound, reached if the whole
residual were a single producer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

AGGREGATES = ("Other", "World")
EDITION_POLICIES = ("latest", "first")

# The 17 rare-earth elements (the 15 lanthanides plus scandium and yttrium), by chemical symbol.
RARE_EARTH_ELEMENTS = (
    "Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
)  # fmt: skip

_EDITION = re.compile(r"MCS (\d{4})")


def edition_year(edition: str) -> int:
    """'MCS 2025' -> 2025."""
    match = _EDITION.fullmatch(str(edition))
    if not match:
        raise ValueError(f"Not a USGS edition name: {edition!r} (expected 'MCS YYYY')")
    return int(match.group(1))


def production_by_year(production: pd.DataFrame, edition_policy: str = "latest") -> pd.DataFrame:
    """One USGS edition per year: the rows of ``production`` (``load_ree_production()``) from the
    edition the policy picks for each year (see the module docstring).

    Returns the chosen rows, all columns kept, sorted by year then country, with a fresh index.
    Rows without a production figure (USGS shows none) are dropped.
    """
    rows = production[production["production_t"].notna()].copy()
    rows["_edition_year"] = rows["edition"].astype(str).map(edition_year)
    if edition_policy in EDITION_POLICIES:
        pick = "max" if edition_policy == "latest" else "min"
        chosen = rows.groupby("year")["_edition_year"].transform(pick)
        rows = rows[rows["_edition_year"] == chosen]
    else:
        edition_year(edition_policy)  # raises on a bad name
        rows = rows[rows["edition"] == edition_policy]
        if rows.empty:
            raise ValueError(f"No production rows for edition {edition_policy!r}")
    rows = rows.drop(columns="_edition_year")
    rows["country"] = rows["country"].astype(str)
    rows["year"] = rows["year"].astype(int)
    rows["production_t"] = rows["production_t"].astype(float)
    return rows.sort_values(["year", "country"]).reset_index(drop=True)


def shares_of_world(by_year: pd.DataFrame) -> pd.DataFrame:
    """Each named country's share of world mine production, per cent of the ``World`` row of the
    same year and edition.

    ``by_year`` is the output of :func:`production_by_year` (one edition per year). Returns one row
    per named country and year with columns country, year, edition, production_t, world_t and
    share_pct; ``Other`` and ``World`` rows are not returned. Raises ``ValueError`` when a year has
    no ``World`` row, more than one edition, or a country above the world total (a share above 100
    is a data error, not a result).
    """
    editions = by_year.groupby("year")["edition"].nunique()
    if (editions > 1).any():
        raise ValueError(f"More than one edition in years {list(editions[editions > 1].index)}")
    world = by_year[by_year["country"] == "World"].set_index("year")["production_t"]
    named = by_year[~by_year["country"].isin(AGGREGATES)]
    missing = sorted(set(named["year"]) - set(world.index))
    if missing:
        raise ValueError(f"No World total for years {missing}")
    out = named[["country", "year", "edition", "production_t"]].copy()
    out["world_t"] = out["year"].map(world).astype(float)
    out["share_pct"] = 100 * out["production_t"] / out["world_t"]
    too_big = out[out["share_pct"] > 100]
    if not too_big.empty:
        first = too_big.iloc[0]
        raise ValueError(f"{first['country']} {first['year']}: production above the World total")
    return out.reset_index(drop=True)


def hhi(shares: Iterable[float]) -> float:
    """Herfindahl–Hirschman index on the 0–10,000 scale: the sum of the squared shares, each in
    per cent. One producer with everything gives 10,000; two equal producers 5,000; *n* equal
    producers 10,000 / *n*. Raises ``ValueError`` on a share outside 0–100."""
    values = [float(s) for s in shares]
    if any(not 0 <= s <= 100 for s in values):
        raise ValueError("Shares must be percentages between 0 and 100")
    return sum(s * s for s in values)


def equivalent_producers(index: float) -> float:
    """The number of equal-sized producers that would give this HHI (10,000 / HHI)."""
    if index <= 0:
        raise ValueError("HHI must be positive")
    return 10_000 / index


def concentration_by_year(
    production: pd.DataFrame, edition_policy: str = "latest", country: str = "China"
) -> pd.DataFrame:
    """Per year: the edition used, the world total, ``country``'s tonnage and share, the HHI over
    named countries, and the bounds that the unnamed residual puts on it.

    Columns: year, edition, world_t, named_t, other_t, country_t, country_share_pct, hhi,
    residual_share_pct, hhi_upper, named_share_pct and producers, where

    * residual_share_pct is the world share not attributed to a named country: the larger of the
      ``Other`` row's share and the gap between the named shares and 100 (which includes rounding);
    * hhi_upper is hhi plus the residual squared, as if the residual were a single producer;
    * named_share_pct is the sum of named shares (it may exceed 100 a little: the world total is
      rounded);
    * producers counts the named countries with output above zero.
    """
    by_year = production_by_year(production, edition_policy)
    shares = shares_of_world(by_year)
    other = by_year[by_year["country"] == "Other"].set_index("year")["production_t"]
    records = []
    for year, group in shares.groupby("year", sort=True):
        named_share = float(group["share_pct"].sum())
        other_share = 100 * float(other.get(year, 0.0)) / float(group["world_t"].iloc[0])
        residual = max(other_share, 100.0 - named_share, 0.0)
        index = hhi(group["share_pct"])
        mine = group[group["country"] == country]
        records.append(
            {
                "year": int(year),
                "edition": str(group["edition"].iloc[0]),
                "world_t": float(group["world_t"].iloc[0]),
                "named_t": float(group["production_t"].sum()),
                "other_t": float(other.get(year, 0.0)),
                "country_t": float(mine["production_t"].sum()),
                "country_share_pct": float(mine["share_pct"].sum()),
                "hhi": index,
                "residual_share_pct": residual,
                "hhi_upper": index + residual**2,
                "named_share_pct": named_share,
                "producers": int((group["production_t"] > 0).sum()),
            }
        )
    return pd.DataFrame.from_records(records)


def reserves_share(reserves: pd.DataFrame, edition: str, country: str = "China") -> dict[str, object]:
    """``country``'s reserves against the world total of one edition of ``load_ree_reserves()``.

    USGS often gives the world total as a lower bound ('>75,000,000'); the share is then an upper
    bound. Returns country_t, world_t, share_pct and bound ('exact' or 'at_most')."""
    rows = reserves[reserves["edition"] == edition]
    rows = rows.set_index(rows["country"].astype(str))
    if country not in rows.index or "World" not in rows.index:
        raise ValueError(f"{edition}: no reserves row for {country!r} or World")
    mine, world = rows.loc[country], rows.loc["World"]
    if pd.isna(mine["reserves_t"]) or pd.isna(world["reserves_t"]):
        raise ValueError(f"{edition}: reserves not available for {country!r} or World")
    share = 100 * float(mine["reserves_t"]) / float(world["reserves_t"])
    return {
        "country_t": float(mine["reserves_t"]),
        "world_t": float(world["reserves_t"]),
        "share_pct": share,
        "bound": "at_most" if str(world["qualifier"]) == "greater_than" else "exact",
    }


def china_share_by_stage(
    shares: pd.DataFrame, country: str = "China", projections: bool = False
) -> pd.DataFrame:
    """``country``'s share of each value-chain stage in the latest year the data report, from
    ``load_value_chain_shares()``.

    Several sources can report the same stage and year with different figures (for example 91 and
    92 per cent for separation): the result keeps the range rather than picking one. Columns: stage,
    year, share_low, share_high, sources (';'-joined ids), statuses (';'-joined). Outlook years are
    left out unless ``projections`` is true. Stages come in value-chain order.
    """
    rows = shares[(shares["country"] == country) & (shares["projection"].fillna(False) == projections)]
    records = []
    for stage in (
        shares["stage"].cat.categories if hasattr(shares["stage"], "cat") else sorted(set(shares["stage"]))
    ):
        of_stage = rows[rows["stage"] == stage]
        if of_stage.empty:
            continue
        year = int(of_stage["year"].max())
        latest = of_stage[of_stage["year"] == year]
        records.append(
            {
                "stage": str(stage),
                "year": year,
                "share_low": float(latest["share_pct"].min()),
                "share_high": float(latest["share_pct"].max()),
                "sources": ";".join(dict.fromkeys(latest["source_id"].astype(str))),
                "statuses": ";".join(dict.fromkeys(latest["status"].astype(str))),
            }
        )
    return pd.DataFrame.from_records(records)


def share_of(
    shares: pd.DataFrame, stage: str, country: str, year: int, source_id: str | None = None
) -> float:
    """One figure from ``load_value_chain_shares()``: ``country``'s share of ``stage`` in ``year``
    (from ``source_id`` when given). ``ValueError`` unless exactly one row matches."""
    rows = shares[(shares["stage"] == stage) & (shares["country"] == country) & (shares["year"] == year)]
    if source_id is not None:
        rows = rows[rows["source_id"] == source_id]
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} rows for {stage}, {country}, {year}, {source_id}: expected one")
    return float(rows["share_pct"].iloc[0])


_SYMBOL_LIST = re.compile(r"\(([A-Z][a-z]?(?:,\s*[A-Z][a-z]?)+)\)")


def elements_named(text: str) -> tuple[str, ...]:
    """Rare-earth symbols listed in parentheses in a sentence, e.g. '(Sm, Gd, Tb)' -> ('Sm', 'Gd',
    'Tb'). Symbols that are not rare earths are ignored."""
    found: list[str] = []
    for group in _SYMBOL_LIST.findall(str(text)):
        found.extend(s.strip() for s in group.split(",") if s.strip() in RARE_EARTH_ELEMENTS)
    return tuple(dict.fromkeys(found))


def controlled_elements(events: pd.DataFrame, event_ids: Iterable[str]) -> tuple[str, ...]:
    """The rare-earth elements named in the given timeline events (``load_events()``), in order of
    first mention: e.g. the elements put under export licensing by successive announcements."""
    by_id = events.set_index(events["event_id"].astype(str))["event"]
    found: list[str] = []
    for event_id in event_ids:
        found.extend(elements_named(by_id[event_id]))
    return tuple(dict.fromkeys(found))


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")


def percent_in(text: str) -> float:
    """The one percentage a sentence states ('a 0.1% rule' -> 0.1); ``ValueError`` if it states
    none or several, so a reworded source sentence cannot silently change a glued number."""
    found = _PERCENT.findall(str(text))
    if len(found) != 1:
        raise ValueError(f"Expected one percentage in {text!r}, found {len(found)}")
    return float(found[0])
