"""Charts, tables and numbers for the page comparing the 2025 US critical-minerals deals
(notebooks/deals_compared).

The clause matrix has three states and never guesses: **present** and **absent** come from a sourced
row of ``agreement_provisions`` (absent only where a source says so), and a clause with no row is
**not known**. The MoU chapter's "nearest relatives" chart (``figures.mou``) shows five of these
instruments; its labels, phrases and relative details are reused here, and this module draws the
full comparison.
"""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..text import long_date
from . import finish, new_figure
from .mou import PROVISION_LABELS as MOU_PROVISION_LABELS
from .mou import PROVISION_PHRASES, _and, nearest, relative_details

MALAYSIA = "Malaysia"
# The MoU chapter's clause labels, with one change: here money can flow either way (Malaysia's
# trade agreement carries Malaysian purchase and investment plans in the United States).
PROVISION_LABELS = {**MOU_PROVISION_LABELS, "investment_amount": "Money (either way)"}
PROVISIONS = tuple(PROVISION_LABELS)  # schema order
STATES = ("present", "absent", "not known")

FORM_LABELS = {
    "mou": "MoU",
    "framework": "framework",
    "trade_agreement": "trade agreement",
    "treaty": "treaty",
    "fund_agreement": "fund agreement",
    "company_deal": "company deal",
    "strategic_partnership": "strategic partnership",
}
FORM_MARKERS = {
    "mou": "o",
    "framework": "s",
    "trade_agreement": "D",
    "treaty": "h",
    "fund_agreement": "^",
    "company_deal": "p",
    "strategic_partnership": "*",
}
UNKNOWN_FORM = "form not known"
# Shorter names for the chart's row labels, so it stays legible at phone width.
CHART_FORMS = {
    "mou": "MoU",
    "framework": "framework",
    "trade_agreement": "ART",
    "treaty": "treaty",
    "fund_agreement": "fund",
    "company_deal": "company",
    "strategic_partnership": "partnership",
}
BINDING_LABELS = {"binding": "binding", "non_binding": "non-binding", "unclear": "unclear"}
SHORT_PARTNERS = {"Democratic Republic of the Congo": "DRC"}
MALAYSIA_BAND = "#FBE6D9"  # a light tint of the accent colour behind Malaysia's rows

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The deals and their cells


def form_label(form: object) -> str:
    return FORM_LABELS.get(str(form), UNKNOWN_FORM) if pd.notna(form) else UNKNOWN_FORM


def deals(agreements: pd.DataFrame) -> pd.DataFrame:
    """The agreements in date order (ties by id), with a short ``label`` ('Malaysia MoU', 'DRC
    strategic partnership') and ``form`` (the legal form in words)."""
    rows = agreements.sort_values(["date", "agreement_id"]).reset_index(drop=True).copy()
    rows["form"] = rows["legal_form"].map(form_label).astype(str)
    partner = rows["partner"].astype(str).map(lambda p: SHORT_PARTNERS.get(p, p))
    rows["label"] = [
        f"{name} ({form})" if form == UNKNOWN_FORM else f"{name} {form}"
        for name, form in zip(partner, rows["form"], strict=True)
    ]
    duplicated = rows["label"].duplicated(keep=False)
    rows.loc[duplicated, "label"] = (
        rows.loc[duplicated, "label"] + " (" + rows.loc[duplicated, "agreement_id"] + ")"
    )
    rows["short"] = [
        f"{name} · {CHART_FORMS.get(str(form), '?') if pd.notna(form) else '?'}"
        for name, form in zip(partner, rows["legal_form"], strict=True)
    ]
    return rows


def cells(agreements: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """Every deal × every clause, deals in date order and clauses in schema order, with its state:
    'present' or 'absent' from the sourced row, 'not known' where there is no row (detail, source
    and status then empty)."""
    table = deals(agreements)
    by_key = provisions.set_index(
        [provisions["agreement_id"].astype(str), provisions["provision"].astype(str)]
    )
    records = []
    for deal in table.itertuples():
        for provision in PROVISIONS:
            key = (str(deal.agreement_id), provision)
            known = key in by_key.index
            row = by_key.loc[key] if known else None
            records.append(
                {
                    "agreement_id": str(deal.agreement_id),
                    "label": deal.label,
                    "partner": str(deal.partner),
                    "provision": provision,
                    "clause": PROVISION_LABELS[provision],
                    "state": str(row["presence"]) if known else "not known",
                    "detail": str(row["detail"]) if known else "",
                    "amount_usd_bn": float(row["amount_usd_bn"])
                    if known and pd.notna(row["amount_usd_bn"])
                    else float("nan"),
                    "source_id": str(row["source_id"]) if known else "",
                    "status": str(row["status"]) if known else "",
                }
            )
    return pd.DataFrame.from_records(records)


def matrix(agreements: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """The state of each clause (columns, schema order) in each deal (rows, date order, by label)."""
    long = cells(agreements, provisions)
    order = list(dict.fromkeys(long["label"]))
    table = long.pivot(index="label", columns="provision", values="state").reindex(index=order)
    return table[list(PROVISIONS)]


def counts(agreements: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """Per deal (date order): how many clauses are present, absent and not known."""
    long = cells(agreements, provisions)
    table = pd.crosstab(
        pd.Categorical(long["label"], categories=list(dict.fromkeys(long["label"]))), long["state"]
    )
    table = table.reindex(columns=list(STATES), fill_value=0).astype(int)
    table.index.name, table.columns.name = "label", "state"
    return table


def with_clause(
    agreements: pd.DataFrame, provisions: pd.DataFrame, provision: str, state: str = "present"
) -> list[str]:
    """Labels of the deals whose ``provision`` is in ``state``, in date order."""
    long = cells(agreements, provisions)
    return list(long[(long["provision"] == provision) & (long["state"] == state)]["label"])


# ---------------------------------------------------------------------------------------------
# The matrix chart


def possessive(agreements: pd.DataFrame, labels: list[str]) -> str:
    """'Malaysia's and Thailand's MoUs' for deals of one form, else the labels joined."""
    rows = deals(agreements).set_index("label").loc[labels]
    forms = set(rows["form"])
    if len(forms) == 1 and UNKNOWN_FORM not in forms:
        form = forms.pop()
        owners = [f"{SHORT_PARTNERS.get(str(p), str(p))}'s" for p in rows["partner"]]
        return f"{_and(owners)} {form}{'s' if len(owners) > 1 else ''}"
    return _and(labels)


def _title(agreements: pd.DataFrame, provisions: pd.DataFrame) -> str:
    deadline = with_clause(agreements, provisions, "deadline")
    no_money = with_clause(agreements, provisions, "investment_amount", "absent")
    parts = []
    if deadline:
        parts.append(f"only {possessive(agreements, deadline)} set deadlines")
    if no_money:
        verb = "commits" if len(no_money) == 1 else "commit"
        parts.append(f"{possessive(agreements, no_money)} {verb} no money")
    if not parts:
        return "What each 2025 US critical-minerals deal is reported to hold"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def matrix_chart(agreements: pd.DataFrame, provisions: pd.DataFrame) -> Figure:
    """Deals (rows, date order) by clauses (columns): filled dot present, crossed ring absent (a
    source says so), small grey dot not known; a first column gives binding force. Malaysia's rows
    sit on a tinted band."""
    table = deals(agreements)
    states = matrix(agreements, provisions)
    columns = ["binding", *PROVISIONS]
    fig, ax = new_figure(height=4.6 + 0.4 * len(table))
    for y, deal in enumerate(table.itertuples()):
        malaysian = str(deal.partner) == MALAYSIA
        if malaysian:
            ax.axhspan(y - 0.5, y + 0.5, color=MALAYSIA_BAND, zorder=0)
        ink = style.ACCENT if malaysian else style.INK
        binding = str(deal.binding)
        if binding == "binding":
            ax.scatter(0, y, marker="s", s=70, color=ink, zorder=3)
        elif binding == "non_binding":
            ax.scatter(0, y, marker="s", s=70, facecolor="white", edgecolor=ink, linewidth=1.4, zorder=3)
        else:
            ax.text(0, y, "?", ha="center", va="center", fontsize=12, color=style.MUTED, fontweight="bold")
        for x, provision in enumerate(PROVISIONS, start=1):
            state = states.loc[deal.label, provision]
            if state == "present":
                ax.scatter(x, y, s=95, color=ink, zorder=3)
            elif state == "absent":
                ax.scatter(x, y, s=95, facecolor="white", edgecolor=ink, linewidth=1.2, zorder=3)
                ax.scatter(x, y, s=38, marker="x", color=ink, linewidth=1.2, zorder=4)
            else:
                ax.scatter(x, y, s=9, color="#BDBDBD", zorder=2)
    ax.axvline(0.5, color="#CFCFCF", linewidth=1)
    labels = ["Binding?", *(PROVISION_LABELS[p] for p in PROVISIONS)]
    ax.set_xticks(range(len(columns)), labels, rotation=90)
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0)
    ax.set_yticks(range(len(table)), list(table["short"]))
    for tick, partner in zip(ax.get_yticklabels(), table["partner"].astype(str), strict=True):
        tick.set_color(style.ACCENT if partner == MALAYSIA else style.INK)
        if partner == MALAYSIA:
            tick.set_fontweight("bold")
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.grid(True, color="#EBEBEB")
    ax.spines[["left", "bottom", "top", "right"]].set_visible(False)
    handles = [
        Line2D([], [], marker="o", ls="", ms=9, color=style.INK, label="present"),
        Line2D([], [], marker="$\u2297$", ls="", ms=10, color=style.INK, label="absent (sourced)"),
        Line2D([], [], marker="o", ls="", ms=3.5, color="#BDBDBD", label="not known"),
        Line2D([], [], marker="s", ls="", ms=8, color=style.INK, label="binding"),
        Line2D([], [], marker="s", ls="", ms=8, mfc="white", mec=style.INK, label="non-binding"),
        Line2D([], [], marker="$?$", ls="", ms=8, color=style.MUTED, label="unclear"),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.42, 0),
        ncols=2,  # three keys a row are wider than a phone-sized chart
        columnspacing=1.0,
        handletextpad=0.3,
        borderaxespad=0.4,
    )
    used = provisions["source_id"].astype(str)
    return finish(
        fig,
        ax,
        _title(agreements, provisions),
        "Clauses reported in each deal, in date order; Malaysia's MoU and trade agreement (ART) shaded",
        [*agreements["source_id"].astype(str), *used],
        "agreement_provisions",
    )


# ---------------------------------------------------------------------------------------------
# The timeline chart


def _short_date(date: pd.Timestamp, precision: str) -> str:
    return f"{date:%b %Y}" if precision == "month" else f"{date.day} {date:%b}"


def timeline_title(agreements: pd.DataFrame) -> str:
    table = deals(agreements)
    mou = table[(table["partner"] == MALAYSIA) & (table["legal_form"] == "mou")]
    first, last = table.iloc[0], table.iloc[-1]
    title = (
        f"{len(table)} deals with {table['partner'].nunique()} partners, "
        f"{first['date']:%B} to {last['date']:%B %Y}"
    )
    if len(mou):
        day = mou.iloc[0]["date"]
        same = table[(table["date"] == day) & (table["date_precision"] == "day")]
        title += f"; {len(same)} of them on {day.day} {day:%B} in {mou.iloc[0]['place']}"
    return title


def timeline_chart(agreements: pd.DataFrame) -> Figure:
    """One row per deal in date order: marker shape = legal form, fill = binding force (filled
    binding, hollow non-binding, grey unclear); a deal dated only to the month is drawn as a bar
    across that month."""
    table = deals(agreements)
    fig, ax = new_figure(height=3.4 + 0.4 * len(table))
    start = table["date"].min().to_period("M").to_timestamp()
    end = (table["date"].max().to_period("M") + 1).to_timestamp()
    for y, deal in enumerate(table.itertuples()):
        colour = style.ACCENT if str(deal.partner) == MALAYSIA else style.colour(str(deal.partner))
        if colour == style.PALETTE["other"]:
            colour = style.INK
        marker = FORM_MARKERS.get(str(deal.legal_form), "X")
        binding = str(deal.binding)
        face = colour if binding == "binding" else ("white" if binding == "non_binding" else "#D5D5D5")
        date = first = last = deal.date
        if str(deal.date_precision) == "month":
            last = (date.to_period("M") + 1).to_timestamp()
            ax.plot([first, last], [y, y], color=colour, linewidth=5, alpha=0.35, solid_capstyle="butt")
            date = first + (last - first) / 2
        ax.scatter(
            [date], [y], marker=marker, s=110, facecolor=face, edgecolor=colour, linewidth=1.6, zorder=3
        )
        late = date > start + (end - start) / 2  # a label goes where its row has room: the earlier side
        ax.annotate(  # beside the marker, or beside a month's bar
            f"{deal.label} · {_short_date(deal.date, str(deal.date_precision))}",
            (first if late else last, y),
            xytext=(-9 if late else 9, 0),
            textcoords="offset points",
            ha="right" if late else "left",
            va="center",
            color=style.ACCENT if str(deal.partner) == MALAYSIA else style.INK,
            fontweight="bold" if str(deal.partner) == MALAYSIA else "normal",
        )
    months = pd.date_range(start, end, freq="MS")
    ax.set_xticks(
        months[::2],
        [f"{m:%b}\n{m:%Y}" if m.month == 1 or i == 0 else f"{m:%b}" for i, m in enumerate(months[::2])],
    )
    ax.set_xlim(start - pd.Timedelta(days=10), end + pd.Timedelta(days=10))
    ax.set_ylim(len(table) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines[["left"]].set_visible(False)
    ax.grid(axis="y", visible=False)
    present = [f for f in FORM_LABELS if f in set(table["legal_form"].astype(str))]
    handles = [
        Line2D([], [], marker=FORM_MARKERS[f], ls="", ms=8, mfc="white", mec=style.INK, label=FORM_LABELS[f])
        for f in present
    ]
    if table["legal_form"].isna().any():
        handles.append(
            Line2D([], [], marker="X", ls="", ms=8, mfc="white", mec=style.INK, label=UNKNOWN_FORM)
        )
    handles += [
        Line2D([], [], marker="o", ls="", ms=8, color=style.INK, label="binding"),
        Line2D([], [], marker="o", ls="", ms=8, mfc="white", mec=style.INK, label="non-binding"),
        Line2D([], [], marker="o", ls="", ms=8, mfc="#D5D5D5", mec=style.INK, label="unclear"),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=2,  # three keys a row are wider than a phone-sized chart
        columnspacing=0.8,
    )
    return finish(
        fig,
        ax,
        timeline_title(agreements),
        "Date signed or announced; shape = legal form, fill = binding force (a bar spans a month "
        "where only the month is known)",
        agreements["source_id"].astype(str),
        "agreements",
    )


# ---------------------------------------------------------------------------------------------
# Numbers for the prose


def months_or_days(text: str) -> tuple[int, str] | None:
    """The first 'within N months' / 'within N days' in a sentence: (N, 'months' or 'days')."""
    found = re.search(r"within\s+(\d+|[a-z]+)\s+(months|days)", str(text), re.IGNORECASE)
    if not found:
        return None
    number = found.group(1).lower()
    value = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    return (value, found.group(2).lower()) if value else None


def due_date(start: pd.Timestamp, text: str) -> str:
    """The date a 'within N months/days' clause falls due, counted from ``start``; '' if none."""
    found = months_or_days(text)
    if not found:
        return ""
    value, unit = found
    due = start + (pd.DateOffset(months=value) if unit == "months" else pd.Timedelta(days=value))
    return long_date(due)


def _detail(long: pd.DataFrame, agreement_id: str, provision: str) -> str:
    rows = long[(long["agreement_id"] == agreement_id) & (long["provision"] == provision)]
    return str(rows["detail"].iloc[0]) if len(rows) else ""


def chapter_numbers(agreements: pd.DataFrame, provisions: pd.DataFrame) -> dict:
    """Every number, date and computed phrase the page's prose glues, by name."""
    table = deals(agreements)
    long = cells(agreements, provisions)
    state = long["state"].value_counts()
    per_deal = counts(agreements, provisions)
    by_id = table.set_index("agreement_id")
    relatives = nearest(agreements)
    rel = {(str(r.partner), str(r.legal_form)): r for r in relatives.itertuples()}

    def rel_id(partner: str, form: str) -> str | None:
        row = rel.get((partner, form))
        return str(row.agreement_id) if row is not None else None

    mou_id, art_id = rel_id(MALAYSIA, "mou"), rel_id(MALAYSIA, "trade_agreement")
    thai_id = rel_id("Thailand", "mou")

    def phrase(provision: str, state_: str = "present") -> str:
        return _and(with_clause(agreements, provisions, provision, state_))

    def clauses_of(agreement_id: str, state_: str) -> list[str]:
        rows = long[(long["agreement_id"] == agreement_id) & (long["state"] == state_)]
        return list(rows["provision"])

    forms = table["form"].value_counts()
    form_phrase = _and(
        [
            f"{forms[f]} {f if forms[f] == 1 else f + 's'}"
            for f in [*FORM_LABELS.values(), UNKNOWN_FORM]
            if f in forms
        ]
    )
    binding = table["binding"].astype(str).value_counts()
    numbers: dict[str, object] = {
        "n_deals": len(table),
        "n_partners": int(table["partner"].nunique()),
        "first_deal": str(table.iloc[0]["label"]),
        "first_date": long_date(table.iloc[0]["date"], str(table.iloc[0]["date_precision"])),
        "last_deal": str(table.iloc[-1]["label"]),
        "last_date": long_date(table.iloc[-1]["date"], str(table.iloc[-1]["date_precision"])),
        "forms": form_phrase,
        "n_binding": int(binding.get("binding", 0)),
        "n_non_binding": int(binding.get("non_binding", 0)),
        "n_unclear": int(binding.get("unclear", 0)),
        "binding_deals": _and(list(table[table["binding"] == "binding"]["label"])),
        "n_clauses": len(PROVISIONS),
        "n_cells": len(long),
        "n_present": int(state.get("present", 0)),
        "n_absent": int(state.get("absent", 0)),
        "n_unknown": int(state.get("not known", 0)),
        "known_pct": 100 * (1 - state.get("not known", 0) / len(long)),
        "most_known_deal": str(per_deal["present"].idxmax()),
        "most_known_n": int(per_deal["present"].max()),
        "n_empty_deals": int((per_deal["not known"] == len(PROVISIONS)).sum()),
        "empty_deals": _and(list(per_deal[per_deal["not known"] == len(PROVISIONS)].index)),
        "with_price_floor": phrase("price_floor"),
        "with_stockpiling": phrase("stockpiling"),
        "with_money": phrase("investment_amount"),
        "without_money": phrase("investment_amount", "absent"),
        "with_priority": phrase("asset_sale_priority"),
        "with_export": phrase("export_restriction"),
        "n_with_export": len(with_clause(agreements, provisions, "export_restriction")),
        "with_permitting": phrase("permitting"),
        "with_recycling": phrase("recycling"),
        "with_review": phrase("foreign_acquisition_review"),
        "with_deadline": phrase("deadline"),
        "without_deadline": phrase("deadline", "absent"),
        "with_value": phrase("value_addition"),
        "n_with_value": len(with_clause(agreements, provisions, "value_addition")),
        "without_value": phrase("value_addition", "absent"),
        "with_non_market": phrase("non_market_policies"),
    }
    if mou_id:
        numbers["mou_present"] = _and([PROVISION_PHRASES[p] for p in clauses_of(mou_id, "present")])
        numbers["mou_absent"] = _and([PROVISION_PHRASES[p] for p in clauses_of(mou_id, "absent")], "or")
        numbers["mou_date"] = long_date(by_id.loc[mou_id, "date"], str(by_id.loc[mou_id, "date_precision"]))
        numbers["mou_place"] = str(by_id.loc[mou_id, "place"])
        day = by_id.loc[mou_id, "date"]
        numbers["n_same_day"] = int(((table["date"] == day) & (table["date_precision"] == "day")).sum())
    if art_id:
        numbers["art_present"] = _and([PROVISION_PHRASES[p] for p in clauses_of(art_id, "present")])
        money = long[(long["agreement_id"] == art_id) & (long["provision"] == "investment_amount")]
        if len(money) and pd.notna(money["amount_usd_bn"].iloc[0]):
            numbers["art_money_bn"] = f"{money['amount_usd_bn'].iloc[0]:,.0f}"
    if mou_id and thai_id:
        grid = matrix(agreements, provisions)
        mou_row, thai_row = grid.loc[by_id.loc[mou_id, "label"]], grid.loc[by_id.loc[thai_id, "label"]]
        thai_only = [p for p in PROVISIONS if thai_row[p] == "present" and mou_row[p] != "present"]
        numbers["thai_only"] = _and([PROVISION_PHRASES[p] for p in thai_only])
    details = relative_details(agreements, provisions)
    numbers |= {
        k: v
        for k, v in details.items()
        if k in ("japan_date", "australia_date", "australia_money", "australia_deadline", "japan_deadline")
    }
    for partner, key in (("Australia", "australia"), ("Japan", "japan")):
        row = rel.get((partner, "framework"))
        if row is None:
            continue
        deadline = _detail(long, str(row.agreement_id), "deadline")
        numbers[f"{key}_due"] = due_date(row.date, deadline)
        if key == "japan":
            later = re.split(r";", deadline)
            if len(later) > 1:
                numbers["japan_ministerial_due"] = due_date(row.date, later[1])
    for agreement_id, key in (("A02", "pakistan"), ("A14", "kazakh")):
        money = long[(long["agreement_id"] == agreement_id) & (long["provision"] == "investment_amount")]
        if len(money) and pd.notna(money["amount_usd_bn"].iloc[0]):
            numbers[f"{key}_money_bn"] = f"{money['amount_usd_bn'].iloc[0]:.1f}"
    return numbers
