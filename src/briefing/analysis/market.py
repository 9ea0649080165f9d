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

from ..text import share_range_text

AGGREGATES = ("Other", "World")
EDITION_POLICIES = ("latest", "first")

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


def latest_stage_shares(
    shares: pd.DataFrame, country: str = "China", projections: bool = False, year: int | None = None
) -> pd.DataFrame:
    """``country``'s share of each value-chain stage, from ``load_value_chain_shares()``: the book's
    one rule for reading that table, used by every page.

    Policy: for each stage, the rows of ``country`` that are outlooks (``projections`` true) or not
    (false, the default), in ``year`` when given, else in the **latest year** the data hold for that
    country and stage. Where several sources report that stage and year with different figures (91
    and 92 per cent for separation in 2025), the result keeps the **range** rather than picking one.
    A stage without a row is left out (never zero).

    Columns: stage, year, share_low, share_high, sources (';'-joined ids), statuses (';'-joined).
    Stages come in value-chain order (the descriptor's order).
    """
    rows = shares[(shares["country"] == country) & (shares["projection"].fillna(False) == projections)]
    if year is not None:
        rows = rows[rows["year"] == year]
    records = []
    for stage in (
        shares["stage"].cat.categories if hasattr(shares["stage"], "cat") else sorted(set(shares["stage"]))
    ):
        of_stage = rows[rows["stage"] == stage]
        if of_stage.empty:
            continue
        latest_year = int(of_stage["year"].max())
        latest = of_stage[of_stage["year"] == latest_year]
        records.append(
            {
                "stage": str(stage),
                "year": latest_year,
                "share_low": float(latest["share_pct"].min()),
                "share_high": float(latest["share_pct"].max()),
                "sources": ";".join(dict.fromkeys(latest["source_id"].astype(str))),
                "statuses": ";".join(dict.fromkeys(latest["status"].astype(str))),
            }
        )
    columns = ["stage", "year", "share_low", "share_high", "sources", "statuses"]
    return pd.DataFrame.from_records(records, columns=columns)


def latest_production(production: pd.DataFrame, edition_policy: str = "latest") -> tuple[str, int]:
    """The latest year of mine production in the data and the USGS edition read for it (under the
    edition policy of :func:`production_by_year`)."""
    by_year = production_by_year(production, edition_policy)
    year = int(by_year["year"].max())
    return str(by_year.loc[by_year["year"] == year, "edition"].iloc[0]), year


def production_table(
    production: pd.DataFrame,
    producers: Iterable[str],
    edition_policy: str = "latest",
    others: bool = False,
    world: bool = False,
) -> pd.DataFrame:
    """Tonnes by year (rows) for ``producers`` (columns, in the order given), one edition per year.

    With ``others``, a column ``others`` sums every other row of the year except ``World`` (other
    named countries and USGS's ``Other`` line); with ``world``, a ``World`` column follows. A
    producer without a row in a year is missing, never zero; one absent from every year is left out.
    """
    rows = production_by_year(production, edition_policy)
    producers = list(producers)
    table = rows.pivot(index="year", columns="country", values="production_t")
    out = table[[c for c in producers if c in table.columns]].copy()
    if others:
        rest = rows[~rows["country"].isin([*producers, "World"])]
        out["others"] = rest.groupby("year")["production_t"].sum().reindex(out.index, fill_value=0.0)
    if world and "World" in table.columns:
        out["World"] = table["World"]
    out.columns.name = None
    return out


# ---------------------------------------------------------------------------------------------
# Editions, revisions and reserves by country (the market-context page and its explorer)


def editions(frame: pd.DataFrame) -> list[str]:
    """The USGS editions in ``frame`` (production or reserves), oldest first."""
    return sorted({str(e) for e in frame["edition"].dropna()}, key=edition_year)


def latest_edition(frame: pd.DataFrame) -> str:
    """The most recent USGS edition in ``frame`` (production or reserves)."""
    found = editions(frame)
    if not found:
        raise ValueError("No USGS edition in this table")
    return found[-1]


def production_revisions(production: pd.DataFrame) -> pd.DataFrame:
    """Every country and year that more than one edition reports, with the figure first published
    and USGS's latest revision.

    Columns: country, year, first_edition, first_t, latest_edition, latest_t, change_t and
    change_pct (of the first figure; missing when the first figure is zero). Rows without a figure
    are ignored; ``World`` and ``Other`` are kept (a revised world total is a revision too). Sorted
    by country then year."""
    rows = production[production["production_t"].notna()].copy()
    rows["_edition_year"] = rows["edition"].astype(str).map(edition_year)
    records = []
    for (country, year), group in rows.groupby([rows["country"].astype(str), rows["year"].astype(int)]):
        if len(group) < 2:
            continue
        group = group.sort_values("_edition_year")
        first, latest = group.iloc[0], group.iloc[-1]
        first_t, latest_t = float(first["production_t"]), float(latest["production_t"])
        records.append(
            {
                "country": country,
                "year": int(year),
                "first_edition": str(first["edition"]),
                "first_t": first_t,
                "latest_edition": str(latest["edition"]),
                "latest_t": latest_t,
                "change_t": latest_t - first_t,
                "change_pct": 100 * (latest_t - first_t) / first_t if first_t else float("nan"),
            }
        )
    columns = [
        "country", "year", "first_edition", "first_t", "latest_edition", "latest_t", "change_t", "change_pct",
    ]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def reserves_by_country(reserves: pd.DataFrame, edition: str | None = None) -> pd.DataFrame:
    """The named countries' reserves in one edition of ``load_ree_reserves()`` (the latest when
    ``edition`` is None), largest first, then the countries USGS lists as not available (NA),
    alphabetically. NA stays missing: it is never read as zero.

    Columns: country, edition, reserves_t, qualifier, share_pct, share_bound and source_id.
    share_pct is the country's share of the same edition's ``World`` row when both figures exist;
    share_bound is 'at_most' when the world total is a lower bound ('>'), 'exact' otherwise, and
    missing with the share."""
    edition = edition or latest_edition(reserves)
    rows = reserves[reserves["edition"] == edition]
    if rows.empty:
        raise ValueError(f"No reserves rows for edition {edition!r}")
    world = rows[rows["country"] == "World"]
    world_t = (
        float(world["reserves_t"].iloc[0]) if len(world) and pd.notna(world["reserves_t"].iloc[0]) else None
    )
    world_bound = "at_most" if len(world) and str(world["qualifier"].iloc[0]) == "greater_than" else "exact"
    named = rows[~rows["country"].isin(AGGREGATES)]
    out = pd.DataFrame(
        {
            "country": named["country"].astype(str).to_numpy(),
            "edition": edition,
            "reserves_t": named["reserves_t"].astype(float).to_numpy(),
            "qualifier": named["qualifier"].astype(str).to_numpy(),
            "source_id": named["source_id"].astype(str).to_numpy(),
        }
    )
    has_share = out["reserves_t"].notna() & (world_t is not None)
    out["share_pct"] = (100 * out["reserves_t"] / world_t) if world_t else float("nan")
    out["share_bound"] = [world_bound if ok else None for ok in has_share]
    out = out.assign(_na=out["reserves_t"].isna(), _minus=-out["reserves_t"].fillna(0))
    out = out.sort_values(["_na", "_minus", "country"]).drop(columns=["_na", "_minus"])
    columns = ["country", "edition", "reserves_t", "qualifier", "share_pct", "share_bound", "source_id"]
    return out[columns].reset_index(drop=True)


def world_reserves(reserves: pd.DataFrame, edition: str | None = None) -> dict[str, object]:
    """The ``World`` row of one edition: reserves_t (missing if NA), qualifier, and whether the
    figure is a lower bound ('>' in USGS's table)."""
    edition = edition or latest_edition(reserves)
    rows = reserves[(reserves["edition"] == edition) & (reserves["country"] == "World")]
    if rows.empty:
        raise ValueError(f"{edition}: no World reserves row")
    row = rows.iloc[0]
    value = float(row["reserves_t"]) if pd.notna(row["reserves_t"]) else float("nan")
    qualifier = str(row["qualifier"])
    return {
        "edition": edition,
        "reserves_t": value,
        "qualifier": qualifier,
        "lower_bound": qualifier == "greater_than",
    }


def reserve_revisions(reserves: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
    """Countries whose reserves changed between two editions, by figure or by qualifier.

    Columns: country, old_t, old_qualifier, new_t, new_qualifier, change. ``change`` is 'revised'
    (both figures exist and differ), 'now given' (NA or no row before, a figure now), 'now NA' (a
    figure before, NA now), 'qualifier' (same figure, '>' added or dropped), 'new row' or 'row
    dropped' (the country appears in only one of the two editions, with NA). Sorted by country."""

    def one(edition: str) -> pd.DataFrame:
        rows = reserves[reserves["edition"] == edition]
        if rows.empty:
            raise ValueError(f"No reserves rows for edition {edition!r}")
        return rows.set_index(rows["country"].astype(str))[["reserves_t", "qualifier"]]

    before, after = one(old), one(new)
    records = []
    for country in sorted(set(before.index) | set(after.index)):
        b = before.loc[country] if country in before.index else None
        a = after.loc[country] if country in after.index else None
        old_t = float(b["reserves_t"]) if b is not None and pd.notna(b["reserves_t"]) else float("nan")
        new_t = float(a["reserves_t"]) if a is not None and pd.notna(a["reserves_t"]) else float("nan")
        old_q = str(b["qualifier"]) if b is not None else None
        new_q = str(a["qualifier"]) if a is not None else None
        if pd.notna(old_t) and pd.notna(new_t):
            change = "revised" if old_t != new_t else ("qualifier" if old_q != new_q else None)
        elif pd.isna(old_t) and pd.notna(new_t):
            change = "now given"
        elif pd.notna(old_t) and pd.isna(new_t):
            change = "now NA"
        elif b is None:
            change = "new row"
        elif a is None:
            change = "row dropped"
        else:
            change = None
        if change:
            records.append(
                {
                    "country": country,
                    "old_t": old_t,
                    "old_qualifier": old_q,
                    "new_t": new_t,
                    "new_qualifier": new_q,
                    "change": change,
                }
            )
    columns = ["country", "old_t", "old_qualifier", "new_t", "new_qualifier", "change"]
    return pd.DataFrame.from_records(records, columns=columns)


# ---------------------------------------------------------------------------------------------
# One country across editions (the explorer), and countries at each stage of the value chain


def country_production(production: pd.DataFrame, country: str, edition: str | None = None) -> pd.DataFrame:
    """``country``'s mine production as each edition gives it (or only ``edition``), with its share
    of that same edition's world total for the same year.

    Columns: edition, year, production_t, world_t, share_pct, estimated, basis_note, source_id;
    ordered by edition then year. An edition with no row for the country contributes nothing: no
    row means not known, never zero."""
    chosen = [edition] if edition else editions(production)
    frames = []
    for name in chosen:
        by_year = production_by_year(production, name)
        if not (by_year["country"] == country).any():
            continue
        shares = shares_of_world(by_year).set_index(["country", "year"])
        mine = by_year[by_year["country"] == country]
        for _, row in mine.iterrows():
            key = (country, int(row["year"]))
            estimated, basis = row.get("estimated"), row.get("basis_note")
            frames.append(
                {
                    "edition": name,
                    "year": int(row["year"]),
                    "production_t": float(row["production_t"]),
                    "world_t": float(shares.loc[key, "world_t"]) if key in shares.index else float("nan"),
                    "share_pct": float(shares.loc[key, "share_pct"]) if key in shares.index else float("nan"),
                    "estimated": None if pd.isna(estimated) else bool(estimated),
                    "basis_note": None if pd.isna(basis) else str(basis),
                    "source_id": str(row["source_id"]),
                }
            )
    columns = [
        "edition",
        "year",
        "production_t",
        "world_t",
        "share_pct",
        "estimated",
        "basis_note",
        "source_id",
    ]
    out = pd.DataFrame.from_records(frames, columns=columns)
    if len(out):
        out = out.assign(_e=out["edition"].map(edition_year)).sort_values(["_e", "year"]).drop(columns="_e")
    return out.reset_index(drop=True)


def country_reserves(reserves: pd.DataFrame, country: str, edition: str | None = None) -> pd.DataFrame:
    """``country``'s reserves row in each edition (or only ``edition``): edition, reserves_t,
    qualifier, source_id, oldest first. NA stays missing with qualifier 'not_available'."""
    rows = reserves[reserves["country"] == country]
    if edition:
        rows = rows[rows["edition"] == edition]
    out = pd.DataFrame(
        {
            "edition": rows["edition"].astype(str).to_numpy(),
            "reserves_t": rows["reserves_t"].astype(float).to_numpy(),
            "qualifier": rows["qualifier"].astype(str).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
        }
    )
    out = out.assign(_e=out["edition"].map(edition_year)).sort_values("_e").drop(columns="_e")
    return out.reset_index(drop=True)


USGS_MINING = "mining_usgs"  # the stage key stage_positions gives USGS mine output


def stage_positions(
    shares: pd.DataFrame,
    production: pd.DataFrame,
    countries: Iterable[str] = ("China", "United States", "Malaysia"),
    edition_policy: str = "latest",
) -> pd.DataFrame:
    """Each country's share of world output at each stage of the value chain, from two bases:
    USGS mine output (the latest year, one edition per year) and the figures in
    ``load_value_chain_shares()`` read by :func:`latest_stage_shares` (the latest non-projection
    year the data hold for that country and stage; the range where sources differ).

    One row per stage and country, stages in value-chain order with USGS mining first (stage key
    ``USGS_MINING``). Columns: stage, country, year, share_low, share_high, sources, basis
    ('USGS' or 'as reported'), edition (the USGS edition, USGS rows only), known. A stage with no
    row for a country has ``known`` False and missing shares: the chart shows 'no data', never
    zero."""

    def record(stage, country, year, low, high, sources, basis, edition=None) -> dict:
        known = pd.notna(low)
        return {
            "stage": str(stage),
            "country": country,
            "year": year if known else None,
            "share_low": low,
            "share_high": high,
            "sources": sources if known else "",
            "basis": basis,
            "edition": edition,
            "known": bool(known),
        }

    countries = list(countries)
    records = []
    edition, year = latest_production(production, edition_policy)
    by_year = production_by_year(production, edition_policy)
    latest = by_year[by_year["year"] == year]
    usgs = shares_of_world(latest).set_index("country")["share_pct"]
    usgs_sources = ";".join(dict.fromkeys(latest["source_id"].astype(str)))
    for country in countries:
        share = float(usgs[country]) if country in usgs.index else float("nan")
        records.append(record(USGS_MINING, country, year, share, share, usgs_sources, "USGS", edition))
    stage_column = shares["stage"]
    stages = list(stage_column.cat.categories) if hasattr(stage_column, "cat") else sorted(set(stage_column))
    for stage in stages:
        for country in countries:
            found = latest_stage_shares(shares[stage_column == stage], country)
            if found.empty:
                records.append(record(stage, country, None, float("nan"), float("nan"), "", "as reported"))
                continue
            row = found.iloc[0]
            records.append(
                record(
                    stage,
                    country,
                    int(row["year"]),
                    float(row["share_low"]),
                    float(row["share_high"]),
                    str(row["sources"]),
                    "as reported",
                )
            )
    out = pd.DataFrame.from_records(records)
    out["year"] = out["year"].astype("Int64")
    return out


def stage_table(
    shares: pd.DataFrame,
    production: pd.DataFrame,
    countries: Iterable[str] = ("China", "United States", "Malaysia"),
) -> pd.DataFrame:
    """:func:`stage_positions` with the share as the book prints it in ``share_text`` ('91–92%',
    '0.03%', 'no data'; see ``briefing.text.share_range_text``)."""
    table = stage_positions(shares, production, countries)
    table["share_text"] = [
        share_range_text(low, high) if known else "no data"
        for known, low, high in zip(table["known"], table["share_low"], table["share_high"], strict=True)
    ]
    return table


def not_available_before(reserves: pd.DataFrame, country: str, edition: str) -> list[str]:
    """The editions just before ``edition`` that listed ``country``'s reserves as NA, oldest first
    (the unbroken run back from ``edition``; an edition with a figure ends it)."""
    rows = country_reserves(reserves, country)
    earlier = rows[rows["edition"].map(edition_year) < edition_year(edition)]
    run: list[str] = []
    for name, qualifier in zip(earlier["edition"][::-1], earlier["qualifier"][::-1], strict=True):
        if qualifier != "not_available":
            break
        run.insert(0, str(name))
    return run
