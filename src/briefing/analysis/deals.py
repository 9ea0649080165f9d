"""The 2025–26 US critical-minerals and trade deals compared, in pure pandas.

The clause matrix has three states and never guesses: **present** and **absent** come from a sourced
row of ``agreement_provisions`` (absent only where a source says so), and a clause with no row is
**not known**. Clause labels are the descriptor's ``x_labels`` of ``agreement_provisions.provision``
with its ``x_comparison_labels`` on top (here money can flow either way: Malaysia's trade agreement
carries Malaysian purchase and investment plans in the United States); legal forms and partners are
named by the ``x_labels`` / ``x_short_labels`` of ``agreements``. A deadline falls due
``due_months`` / ``due_days`` after the deal's date (typed columns, never read from the detail text).
"""

from __future__ import annotations

import pandas as pd

from ..text import long_date
from .mou import codes, join, vocabulary

MALAYSIA = "Malaysia"
STATES = ("present", "absent", "not known")
UNKNOWN_FORM = "form not known"


def provisions_compared() -> tuple[str, ...]:
    """Every clause the comparison covers, in schema order."""
    return codes("agreement_provisions", "provision")


def clause_labels() -> dict[str, str]:
    """Clause -> label on this page ('Money (either way)' for committed money)."""
    return {
        **vocabulary("agreement_provisions", "provision"),
        **vocabulary("agreement_provisions", "provision", "x_comparison_labels"),
    }


def form_labels() -> dict[str, str]:
    return vocabulary("agreements", "legal_form")


def form_label(form: object) -> str:
    return form_labels().get(str(form), UNKNOWN_FORM) if pd.notna(form) else UNKNOWN_FORM


def short_partner(partner: object) -> str:
    short = vocabulary("agreements", "partner", "x_short_labels")
    return short.get(str(partner), str(partner))


# --- the deals and their cells --------------------------------------------------------------------


def deals(agreements: pd.DataFrame) -> pd.DataFrame:
    """The agreements in date order (ties by id), with a short ``label`` ('Malaysia MoU', 'DRC
    strategic partnership'), ``form`` (the legal form in words) and ``short`` (for chart rows)."""
    rows = agreements.sort_values(["date", "agreement_id"]).reset_index(drop=True).copy()
    rows["form"] = rows["legal_form"].map(form_label).astype(str)
    partner = rows["partner"].astype(str).map(short_partner)
    rows["label"] = [
        f"{name} ({form})" if form == UNKNOWN_FORM else f"{name} {form}"
        for name, form in zip(partner, rows["form"], strict=True)
    ]
    duplicated = rows["label"].duplicated(keep=False)
    rows.loc[duplicated, "label"] = (
        rows.loc[duplicated, "label"] + " (" + rows.loc[duplicated, "agreement_id"] + ")"
    )
    chart_forms = vocabulary("agreements", "legal_form", "x_short_labels")
    rows["short"] = [
        f"{name} · {chart_forms.get(str(form), '?') if pd.notna(form) else '?'}"
        for name, form in zip(partner, rows["legal_form"], strict=True)
    ]
    return rows


def malaysian_instrument(agreements: pd.DataFrame, legal_form: str) -> pd.Series:
    """Malaysia's agreement of one legal form (its MoU, its trade agreement)."""
    rows = agreements[(agreements["partner"] == MALAYSIA) & (agreements["legal_form"] == legal_form)]
    return rows.sort_values("date").iloc[0]


def _number(row: pd.Series | None, column: str) -> float:
    """A cell's number, NaN where there is no row or no value."""
    return float(row[column]) if row is not None and pd.notna(row[column]) else float("nan")


def cells(agreements: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """Every deal × every clause, deals in date order and clauses in schema order, with its state:
    'present' or 'absent' from the sourced row, 'not known' where there is no row (detail, source,
    status and due periods then empty)."""
    table = deals(agreements)
    labels = clause_labels()
    by_key = provisions.set_index(
        [provisions["agreement_id"].astype(str), provisions["provision"].astype(str)]
    )
    records = []
    for deal in table.itertuples():
        for provision in provisions_compared():
            key = (str(deal.agreement_id), provision)
            known = key in by_key.index
            row = by_key.loc[key] if known else None
            records.append(
                {
                    "agreement_id": str(deal.agreement_id),
                    "label": deal.label,
                    "partner": str(deal.partner),
                    "date": deal.date,
                    "provision": provision,
                    "clause": labels[provision],
                    "state": str(row["presence"]) if known else "not known",
                    "detail": str(row["detail"]) if known else "",
                    "amount_usd_bn": _number(row, "amount_usd_bn"),
                    "due_months": _number(row, "due_months"),
                    "due_days": _number(row, "due_days"),
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
    return table[list(provisions_compared())]


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
    agreements: pd.DataFrame,
    provisions: pd.DataFrame,
    provision: str,
    state: str = "present",
    binding: str | None = None,
) -> list[str]:
    """Labels of the deals whose ``provision`` is in ``state`` (and, if given, whose binding force
    is ``binding``), in date order."""
    long = cells(agreements, provisions)
    rows = long[(long["provision"] == provision) & (long["state"] == state)]
    if binding is not None:
        force = agreements.set_index("agreement_id")["binding"].astype(str)
        rows = rows[rows["agreement_id"].map(force) == binding]
    return list(rows["label"])


def partners_with(
    agreements: pd.DataFrame, provisions: pd.DataFrame, provision: str, state: str = "present"
) -> list[str]:
    """The partners (short names, in order of their first such deal) with a deal whose
    ``provision`` is in ``state``."""
    long = cells(agreements, provisions)
    rows = long[(long["provision"] == provision) & (long["state"] == state)]
    return list(dict.fromkeys(rows["partner"].map(short_partner)))


def period(agreements: pd.DataFrame) -> str:
    """The years the deals span: '2025' or '2025–26'."""
    years = agreements["date"].dt.year
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}–{last % 100:02d}"


def possessive(agreements: pd.DataFrame, labels: list[str]) -> str:
    """'Malaysia's and Thailand's MoUs' for deals of one form, else the labels joined."""
    rows = deals(agreements).set_index("label").loc[labels]
    forms = set(rows["form"])
    if len(forms) == 1 and UNKNOWN_FORM not in forms:
        form = forms.pop()
        owners = [f"{short_partner(p)}'s" for p in rows["partner"]]
        return f"{join(owners)} {form}{'s' if len(owners) > 1 else ''}"
    return join(labels)


def matrix_title(agreements: pd.DataFrame, provisions: pd.DataFrame) -> str:
    """The clause matrix's title: who sets deadlines, who commits no money."""
    deadline = with_clause(agreements, provisions, "deadline")
    no_money = with_clause(agreements, provisions, "investment_amount", "absent")
    parts = []
    if deadline:
        parts.append(f"only {possessive(agreements, deadline)} set deadlines")
    if no_money:
        verb = "commits" if len(no_money) == 1 else "commit"
        parts.append(f"{possessive(agreements, no_money)} {verb} no money")
    if not parts:
        return f"What each {period(agreements)} US deal is reported to hold"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def timeline_title(agreements: pd.DataFrame) -> str:
    """The timeline's title: how many deals, with how many partners, over which months."""
    table = deals(agreements)
    mou = table[(table["partner"] == MALAYSIA) & (table["legal_form"] == "mou")]
    first, last = table.iloc[0], table.iloc[-1]
    title = f"{len(table)} deals with {table['partner'].nunique()} partners, " + (
        f"{first['date']:%B} to {last['date']:%B %Y}"
        if first["date"].year == last["date"].year
        else f"{first['date']:%B %Y} to {last['date']:%B %Y}"
    )
    if len(mou):
        day = mou.iloc[0]["date"]
        same = table[(table["date"] == day) & (table["date_precision"] == "day")]
        title += f"; {len(same)} of them on {day.day} {day:%B} in {mou.iloc[0]['place']}"
    return title


# --- deadlines and money --------------------------------------------------------------------------


def due_dates(long: pd.DataFrame, agreement_id: str) -> tuple[str, str]:
    """When a deal's deadline falls due, counted from its date: (first step after ``due_months``,
    further step after ``due_days``); '' where the source gives no period."""
    rows = long[(long["agreement_id"] == agreement_id) & (long["provision"] == "deadline")]
    if not len(rows):
        return "", ""
    row = rows.iloc[0]
    months = (
        ""
        if pd.isna(row["due_months"])
        else long_date(row["date"] + pd.DateOffset(months=int(row["due_months"])))
    )
    days = (
        "" if pd.isna(row["due_days"]) else long_date(row["date"] + pd.Timedelta(days=int(row["due_days"])))
    )
    return months, days


def money(long: pd.DataFrame) -> pd.DataFrame:
    """The deals with a sourced amount of money (US$ billion), in date order."""
    rows = long[(long["provision"] == "investment_amount") & long["amount_usd_bn"].notna()]
    return rows.reset_index(drop=True)
