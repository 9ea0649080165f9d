"""Charts and numbers for the chapter on Malaysia's domestic rare-earth policy.

The data logic (shares of world output, which value-chain figure to show for each stage, the phases
of the export ban) lives in plain functions that return DataFrames or numbers, so the notebook can
glue them into the prose and the tests can check them; the chart functions only draw.

Shares of world mine output are computed here from USGS rows with plain pandas (``usgs_share``,
``latest_usgs``); they duplicate what ``briefing.market`` is meant to hold and can move there.
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import market, style
from ..text import long_date, share_text
from . import finish, new_figure

MALAYSIA = "Malaysia"
CHINA = "China"
WORLD = "World"

# The value chain, in order, as the chapter names it: (key, label). ``metal`` has no dataset rows.
STAGES = [
    ("mining", "Mining"),
    ("separation_refining", "Separation and refining"),
    ("metal", "Metal making"),
    ("magnets", "Magnet making"),
]

# Policy instruments drawn on the timeline (statements, estimates and projects are left to the text
# and the explorer).
TIMELINE_TYPES = ["export_ban", "regulation", "licence", "institution", "plan"]
TYPE_LABELS = {
    "export_ban": "Export ban",
    "licence": "Licence",
    "resource_estimate": "Resource estimate",
    "investment_project": "Investment project",
    "institution": "Institution",
    "plan": "Plan",
    "regulation": "Regulation",
    "statement": "Statement",
}
TYPE_COLOURS = {
    "export_ban": style.ACCENT,
    "regulation": "#CC79A7",
    "licence": "#009E73",
    "institution": "#0072B2",
    "plan": "#E69F00",
}
IN_EFFECT = {"in_force", "completed"}

# This chapter's charts are narrower than the house default and use larger text, so that they stay
# legible when a phone scales them to the width of its screen (about 340 px).
TEXT = 11  # points, labels inside the charts
SMALL = style.MIN_FONT_PT  # points, notes inside the charts: as small as a phone allows


# ---------------------------------------------------------------------------------------------
# USGS mine production (the arithmetic lives in briefing.market)


def latest_usgs(production: pd.DataFrame) -> tuple[str, int]:
    """The latest year in the data and the USGS edition the book uses for it (see briefing.market)."""
    by_year = market.production_by_year(production)
    year = int(by_year["year"].max())
    return str(by_year.loc[by_year["year"] == year, "edition"].iloc[0]), year


def usgs_share(production: pd.DataFrame, country: str, year: int, edition: str) -> float:
    """``country``'s mine output as a percentage of the USGS world total, same year and edition."""
    shares = market.shares_of_world(market.production_by_year(production, edition))
    return float(shares.loc[(shares["country"] == country) & (shares["year"] == year), "share_pct"].iloc[0])


def malaysia_production(production: pd.DataFrame) -> pd.DataFrame:
    """Malaysia's rows, every edition, ordered by edition then year."""
    rows = production[production["country"] == MALAYSIA]
    return rows.sort_values(["edition", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The value chain: one share per stage and country, only where the data holds one


def value_chain_table(shares: pd.DataFrame, production: pd.DataFrame) -> pd.DataFrame:
    """China's and Malaysia's share of world output at each stage of the value chain.

    Mining comes from USGS (both countries, newest edition and year, same basis). The other stages
    come from ``value_chain_shares``: the most recent non-projection year and source that covers
    Malaysia, else the most recent that covers China (earliest row in file order on a tie). A stage
    or country without a row gets ``share_pct`` missing and ``basis`` "no data": never a guess.
    """
    edition, year = latest_usgs(production)
    usgs_source = str(
        production.loc[
            (production["edition"] == edition) & (production["country"] == WORLD), "source_id"
        ].iloc[0]
    )
    rows = []
    for key, label in STAGES:
        if key == "mining":
            for country in (CHINA, MALAYSIA):
                rows.append(
                    dict(
                        stage=key,
                        stage_label=label,
                        country=country,
                        share_pct=usgs_share(production, country, year, edition),
                        year=year,
                        source_id=usgs_source,
                        basis=f"USGS {edition}, mine output",
                    )
                )
            continue
        stage_rows = shares[(shares["stage"] == key) & ~shares["projection"].astype(bool)]
        chosen = _chosen_group(stage_rows)
        for country in (CHINA, MALAYSIA):
            hit = chosen[chosen["country"] == country] if chosen is not None else chosen
            if hit is None or hit.empty:
                rows.append(
                    dict(
                        stage=key,
                        stage_label=label,
                        country=country,
                        share_pct=float("nan"),
                        year=pd.NA,
                        source_id=pd.NA,
                        basis="no data",
                    )
                )
            else:
                row = hit.iloc[0]
                rows.append(
                    dict(
                        stage=key,
                        stage_label=label,
                        country=country,
                        share_pct=float(row["share_pct"]),
                        year=int(row["year"]),
                        source_id=str(row["source_id"]),
                        basis="as reported",
                    )
                )
    table = pd.DataFrame(rows)
    table["year"] = table["year"].astype("Int64")
    return table


def _chosen_group(stage_rows: pd.DataFrame) -> pd.DataFrame | None:
    if stage_rows.empty:
        return None
    groups = stage_rows.assign(_order=range(len(stage_rows))).groupby(["year", "source_id"], sort=False)
    best = None
    for (year, _source), group in groups:
        rank = (MALAYSIA in set(group["country"].astype(str)), int(year), -int(group["_order"].min()))
        if best is None or rank > best[0]:
            best = (rank, group)
    return best[1]


def value_chain_figure(table: pd.DataFrame) -> Figure:
    """Bars of China's and Malaysia's share at each stage, in value-chain order; 'no data' shown."""
    fig, ax = new_figure(height=6.6)
    step = 2.0  # vertical room per stage: a heading, a note and two bars
    for index, (key, label) in enumerate(STAGES):
        stage_rows = table[table["stage"] == key].set_index("country")
        base = index * step
        note = "no data for either country" if stage_rows["year"].dropna().empty else _stage_note(stage_rows)
        ax.text(0, base - 0.8, f"{index + 1}. {label}", fontsize=TEXT, fontweight="bold", va="center")
        ax.text(0, base - 0.42, note, fontsize=SMALL, color=style.MUTED, va="center")
        for offset, country in ((0, CHINA), (0.45, MALAYSIA)):
            y = base + offset
            value = stage_rows.loc[country, "share_pct"]
            if pd.isna(value):
                ax.text(
                    0.5,
                    y,
                    f"{country}: no data",
                    va="center",
                    fontsize=TEXT,
                    color=style.MUTED,
                    style="italic",
                )
                continue
            ax.barh(y, value, height=0.38, color=style.colour(country), zorder=3)
            ax.text(value + 1.5, y, f"{country} {share_text(value)}", va="center", fontsize=TEXT)
    ax.set_ylim((len(STAGES) - 1) * step + 0.75, -1.1)
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    sep = table[(table["stage"] == "separation_refining") & (table["country"] == MALAYSIA)]["share_pct"].iloc[
        0
    ]
    mine = table[(table["stage"] == "mining") & (table["country"] == MALAYSIA)]["share_pct"].iloc[0]
    title = (
        f"Malaysia has a foothold in refining ({share_text(sep)} of world output) "
        f"but almost none in mining ({share_text(mine)})"
    )
    sources = [s for s in table["source_id"].dropna().astype(str)]
    return finish(
        fig,
        ax,
        title,
        "Share of world output at each stage, per cent",
        sources,
        "value_chain_shares.csv and ree_production",
    )


def _stage_note(stage_rows: pd.DataFrame) -> str:
    years = sorted({int(y) for y in stage_rows["year"].dropna()})
    bases = sorted({str(b) for b in stage_rows["basis"] if b != "no data"})
    year_text = ", ".join(str(y) for y in years)
    basis = "; ".join(bases)
    return f"{year_text}, {basis}" if basis != "as reported" else f"{year_text}, IEA figures as reported"


# ---------------------------------------------------------------------------------------------
# Malaysia's mine output, by USGS edition


def production_figure(production: pd.DataFrame) -> Figure:
    """Malaysia's mine output as each USGS edition gives it; hollow markers are USGS estimates."""
    rows = malaysia_production(production)
    edition, year = latest_usgs(production)
    latest = rows[(rows["edition"] == edition) & (rows["year"] == year)].iloc[0]
    share = usgs_share(production, MALAYSIA, year, edition)
    fig, ax = new_figure(height=4.8)
    editions = sorted(rows["edition"].unique())
    shades = ["#A0A0A0", style.MUTED, style.ACCENT]  # older editions in grey, the newest in the accent
    colours = dict(zip(editions, shades[-len(editions) :], strict=True))
    top = rows.groupby("year")["production_t"].transform("max")
    for name in editions:
        one = rows[rows["edition"] == name]
        colour = colours[name]
        ax.plot(
            one["year"].astype(int),
            one["production_t"].astype(float),
            color=colour,
            lw=2,
            zorder=2,
            label=name,
        )
        for point, highest in zip(one.itertuples(), top[one.index] == one["production_t"], strict=True):
            estimated = bool(point.estimated) if not pd.isna(point.estimated) else False
            ax.scatter(
                [int(point.year)],
                [float(point.production_t)],
                s=70,
                zorder=3,
                facecolor="white" if estimated else colour,
                edgecolor=colour,
                linewidth=2,
            )
            ax.annotate(
                f"{float(point.production_t):,.0f}",
                (int(point.year), float(point.production_t)),
                textcoords="offset points",
                xytext=(0, 9) if highest else (0, -17),
                ha="center",
                fontsize=SMALL,
                color=colour,
                fontweight="bold",
            )
    years = sorted(rows["year"].astype(int).unique())
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_ylim(0, float(rows["production_t"].max()) * 1.3)
    ax.set_ylabel("Tonnes of REO")
    ax.grid(axis="x", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    flags = rows["estimated"].fillna(False).astype(bool)
    if flags.any():
        handles.append(
            Line2D([], [], marker="o", ls="", mfc="white", mec=style.MUTED, mew=2, label="estimated by USGS")
        )
    if not flags.all():
        handles.append(Line2D([], [], marker="o", ls="", mfc=style.MUTED, mec=style.MUTED, label="reported"))
    ax.legend(handles=handles, loc="upper right", fontsize=SMALL)
    title = (
        f"Malaysia mined an estimated {float(latest['production_t']):,.0f} tonnes of rare earths in {year}, "
        f"{share_text(share)} of world output"
    )
    return finish(
        fig,
        ax,
        title,
        "Tonnes of rare-earth oxide (REO), by USGS edition",
        rows["source_id"].astype(str),
        "ree_production",
    )


# ---------------------------------------------------------------------------------------------
# The policy timeline


def timeline_rows(policy: pd.DataFrame) -> pd.DataFrame:
    """The instruments drawn on the timeline, oldest first (ties in id order)."""
    rows = policy[policy["instrument_type"].astype(str).isin(TIMELINE_TYPES)]
    return rows.sort_values(["date", "instrument_id"]).reset_index(drop=True)


def ban_in_force(policy: pd.DataFrame) -> pd.Series:
    """The row of the raw-export moratorium that took effect (the in-force export ban, earliest)."""
    rows = policy[(policy["instrument_type"] == "export_ban") & (policy["instrument_status"] == "in_force")]
    return rows.sort_values("date").iloc[0]


def short_date(value: pd.Timestamp, precision: str) -> str:
    """'Sep 2023' for day or month precision, '2021' for year precision (charts only)."""
    if str(precision) == "year":
        return f"{value.year}"
    return f"{value:%b} {value.year}"


def timeline_figure(policy: pd.DataFrame) -> Figure:
    """One row per policy instrument, oldest at the top; colour = type, hollow = not yet in effect."""
    rows = timeline_rows(policy)
    ban = ban_in_force(policy)
    fig, ax = new_figure(height=2.4 + 0.5 * len(rows))
    ax.plot([0.25, 0.25], [0, len(rows) - 1], color="#D0D0D0", lw=2, zorder=1)
    for row in rows.itertuples():
        colour = TYPE_COLOURS[str(row.instrument_type)]
        in_effect = str(row.instrument_status) in IN_EFFECT
        ax.scatter(
            [0.25],
            [row.Index],
            s=90,
            zorder=3,
            facecolor=colour if in_effect else "white",
            edgecolor=colour,
            lw=2,
        )
        when = short_date(row.date, row.date_precision)
        ax.text(0.21, row.Index, when, ha="right", va="center", fontsize=SMALL, color=style.MUTED)
        label = "\n".join(textwrap.wrap(str(row.name), 38)[:2])
        ax.text(0.3, row.Index, label, va="center", fontsize=SMALL, linespacing=1.1)
    ax.set_xlim(0, 1.3)
    ax.set_ylim(len(rows) - 0.5, -0.6)
    ax.axis("off")
    used = [t for t in TIMELINE_TYPES if t in set(rows["instrument_type"].astype(str))]
    handles = [
        Line2D([], [], marker="o", ls="", mfc=TYPE_COLOURS[t], mec=TYPE_COLOURS[t], label=TYPE_LABELS[t])
        for t in used
    ]
    handles.append(
        Line2D([], [], marker="o", ls="", mfc="white", mec=style.MUTED, mew=2, label="not yet in effect")
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        fontsize=SMALL,
        handletextpad=0.3,
        columnspacing=0.8,
    )
    title = (
        f"A ban on raw exports, in force since {long_date(ban['date'], str(ban['date_precision']))}, "
        f"anchors {len(rows)} policy steps"
    )
    return finish(
        fig,
        ax,
        title,
        "Policy instruments by date; colour = type",
        rows["source_id"].astype(str),
        "malaysia_policy",
    )


# ---------------------------------------------------------------------------------------------
# Small helpers for the prose


def ban_phases(policy: pd.DataFrame) -> pd.DataFrame:
    """The phases of the NRES strategy, with their first and last years parsed from the names."""
    rows = policy[policy["name"].astype(str).str.startswith("Phased REE strategy")].copy()
    spans = rows["name"].astype(str).apply(_phase_span)
    rows["first_year"] = [s[0] for s in spans]
    rows["last_year"] = [s[1] for s in spans]
    return rows.sort_values("first_year").reset_index(drop=True)


def _phase_span(name: str) -> tuple[int, int | None]:
    span = re.search(r"\((\d{4})[–-](\d{4})\)", name)
    if span:
        return int(span.group(1)), int(span.group(2))
    after = re.search(r"after (\d{4})", name)
    if after:
        return int(after.group(1)), None
    raise ValueError(f"No phase years in {name!r}")


def policy_row(policy: pd.DataFrame, instrument_id: str) -> pd.Series:
    return policy.set_index("instrument_id").loc[instrument_id]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Every number and date the chapter's prose uses, computed from the data (glued by the notebook)


def us_import_share(policy: pd.DataFrame) -> tuple[float, str]:
    """Malaysia's share of US imports of rare-earth compounds and metals, and the period it covers
    (parsed from the row's name, e.g. '2020–23')."""
    row = policy_row(policy, "P32")
    period = re.search(r"(\d{4}[–-]\d{2,4})", str(row["name"]))
    if period is None:
        raise ValueError("P32's name no longer states the period of the share")
    return float(row["amount"]), period.group(1)


def _event_date(events: pd.DataFrame, event_id: str) -> str:
    row = events.set_index("event_id").loc[event_id]
    return long_date(row["date"], str(row["date_precision"]))


def _policy_date(policy: pd.DataFrame, instrument_id: str) -> str:
    row = policy_row(policy, instrument_id)
    return long_date(row["date"], str(row["date_precision"]))


def _year_in(text: str, pattern: str) -> str:
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(f"{pattern!r} not found in {text!r}: the row's wording changed")
    return found.group(1)


def _tonnes(value: float) -> str:
    return f"{value:,.0f}"


def chapter_numbers(
    policy: pd.DataFrame,
    production: pd.DataFrame,
    reserves: pd.DataFrame,
    shares: pd.DataFrame,
    events: pd.DataFrame,
) -> dict[str, str]:
    """Name -> text for every quantity and date in the chapter's prose."""
    amount = {i: policy_row(policy, i)["amount"] for i in policy["instrument_id"]}
    numbers: dict[str, str] = {}

    # The export ban and its phases
    phases = ban_phases(policy).set_index("instrument_id")
    ban = ban_in_force(policy)
    numbers |= {
        "ban_announced": _policy_date(policy, "P01"),
        "ban_cabinet": _event_date(events, "E005"),
        "ban_in_force": long_date(ban["date"], str(ban["date_precision"])),
        "ban_processed_only": _event_date(events, "E007"),
        "pilot_year": _policy_date(policy, "P04"),
        "phases_date": _policy_date(policy, "P05"),
        "short_first": str(phases.loc["P05", "first_year"]),
        "short_last": str(int(phases.loc["P05", "last_year"])),
        "medium_first": str(phases.loc["P06", "first_year"]),
        "medium_last": str(int(phases.loc["P06", "last_year"])),
        "long_after": str(phases.loc["P07", "first_year"]),
        "zafrul_date": _event_date(events, "E035"),
        "kurup_date": _policy_date(policy, "P30"),
        "gdp_rm_bn": f"{amount['P02']:.1f}",
        "gdp_year": _year_in(str(policy_row(policy, "P02")["detail"]), r"in (\d{4})"),
        "sop_date": _policy_date(policy, "P27"),
        "legal_exports_t": _tonnes(amount["P28"]),
        "illegal_claim_date": _policy_date(policy, "P28"),
    }

    # Resources and reserves
    malaysia_reserves = reserves[reserves["country"] == MALAYSIA].sort_values("edition")
    not_available = malaysia_reserves[malaysia_reserves["qualifier"] == "not_available"]["edition"].astype(
        str
    )
    valued = malaysia_reserves[malaysia_reserves["qualifier"] == "value"]
    newest = valued.iloc[-1]
    numbers |= {
        "jmg_mt": f"{amount['P08'] / 1e6:.1f}",
        "johari_date": _policy_date(policy, "P08"),
        "potential_ha": _tonnes(amount["P09"]),
        "slip_mt": f"{amount['P33'] / 1e6:.1f}",
        "slip_date": _policy_date(policy, "P33"),
        "usgs_old_reserves_t": _tonnes(amount["P10"]),
        "usgs_old_reserves_year": _policy_date(policy, "P10"),
        "na_editions": " and ".join(not_available),
        "reserves_edition": str(newest["edition"]),
        "reserves_t": _tonnes(float(newest["reserves_t"])),
    }

    # Mine output (USGS)
    edition, year = latest_usgs(production)
    mine = malaysia_production(production)
    latest = mine[(mine["edition"] == edition) & (mine["year"] == year)].iloc[0]
    world = production[
        (production["country"] == WORLD) & (production["edition"] == edition) & (production["year"] == year)
    ].iloc[0]
    first_editions = mine.groupby("year")["edition"].nunique()
    revised_year = int(first_editions[first_editions > 1].index.min())
    revised = mine[mine["year"] == revised_year].sort_values("edition")
    numbers |= {
        "mine_edition": edition,
        "mine_year": str(year),
        "mine_t": _tonnes(float(latest["production_t"])),
        "mine_share": share_text(usgs_share(production, MALAYSIA, year, edition)),
        "china_mine_share": share_text(usgs_share(production, CHINA, year, edition)),
        "world_mine_t": _tonnes(float(world["production_t"])),
        "revised_year": str(revised_year),
        "revised_old_edition": str(revised.iloc[0]["edition"]),
        "revised_old_t": _tonnes(float(revised.iloc[0]["production_t"])),
        "revised_new_edition": str(revised.iloc[-1]["edition"]),
        "revised_new_t": _tonnes(float(revised.iloc[-1]["production_t"])),
        "mcre_t": _tonnes(amount["P22"]),
        "mcre_date": _policy_date(policy, "P22"),
    }

    # Separation and refining
    chain = value_chain_table(shares, production).set_index(["stage", "country"])
    outlook = shares[(shares["stage"] == "separation_refining") & shares["projection"].astype(bool)]
    outlook_year = int(outlook["year"].max())
    outlook = outlook[outlook["year"] == outlook_year].set_index(outlook["country"].astype(str))
    us_share, us_period = us_import_share(policy)
    numbers |= {
        "sep_year": str(chain.loc[("separation_refining", MALAYSIA), "year"]),
        "sep_share": share_text(chain.loc[("separation_refining", MALAYSIA), "share_pct"]),
        "china_sep_share": share_text(chain.loc[("separation_refining", CHINA), "share_pct"]),
        "outlook_year": str(outlook_year),
        "sep_share_outlook": share_text(float(outlook.loc[MALAYSIA, "share_pct"])),
        "china_sep_outlook": share_text(float(outlook.loc[CHINA, "share_pct"])),
        "magnet_year": str(chain.loc[("magnets", CHINA), "year"]),
        "china_magnet_share": share_text(chain.loc[("magnets", CHINA), "share_pct"]),
        "us_import_share": f"{us_share:.0f}%",
        "us_import_period": us_period,
        "ndpr_capacity_t": _tonnes(amount["P14"]),
        "ndpr_date": _policy_date(policy, "P14"),
        "first_dy": _policy_date(policy, "P15"),
        "hree_plant_aud_m": f"{amount['P16']:.0f}",
        "hree_plant_date": _policy_date(policy, "P16"),
        "hree_expected": _event_date(events, "E063"),
        "licence_2020_date": _policy_date(policy, "P11"),
        "licence_2020_years": f"{amount['P11']:.0f}",
        "norm_extension_date": _policy_date(policy, "P12"),
        "norm_until": _year_in(str(policy_row(policy, "P12")["name"]), r"to ([A-Z][a-z]+ \d{4})"),
        "licence_renewal_date": _policy_date(policy, "P13"),
        "licence_years": f"{amount['P13']:.0f}",
        "refined_exporter_date": _event_date(events, "E048"),
    }

    # The build-out and the partners
    numbers |= {
        "magnet_mou_date": _policy_date(policy, "P17"),
        "magnet_t": _tonnes(amount["P17"]),
        "magnet_rm_m": f"{amount['P18']:.0f}",
        "magnet_value_date": _policy_date(policy, "P18"),
        "khazanah_date": _policy_date(policy, "P19"),
        "miti_reply_date": _policy_date(policy, "P31"),
        "xi_offer": _policy_date(policy, "P20"),
        "no_china_mou": _event_date(events, "E022"),
        "kedah_date": _policy_date(policy, "P21"),
        "perak_visit": _event_date(events, "E006"),
        "task_force_date": _policy_date(policy, "P23"),
        "nimp_date": _policy_date(policy, "P25"),
        "nimp_rm_bn": f"{amount['P25']:.0f}",
        "liew_date": _event_date(events, "E025"),
        "china_tech_ban": _event_date(events, "E008"),
        "china_oct_controls": _event_date(events, "E028"),
        "china_suspension_ends": _event_date(events, "E065"),
        "mou_signed": _event_date(events, "E030"),
    }
    return numbers
