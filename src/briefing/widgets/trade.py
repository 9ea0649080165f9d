"""The commitments explorer: the Agreement on Reciprocal Trade, filtered by party and area."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from ..tables import Facet, explorer_table, to_html
from . import ALL, choice_matches, default_of, flag_matches, unfiltered

AREA_LABELS = {
    "tariffs": "Tariffs",
    "non_tariff_barriers": "Non-tariff barriers",
    "economic_security": "Economic security",
    "critical_minerals": "Critical minerals",
    "purchases_investment": "Purchases and investment",
    "digital": "Digital trade",
    "labour_environment": "Labour and environment",
    "legal_mechanics": "Legal mechanics",
    "other": "Other",
}
EMPTY = "—"
DEFAULT_AREA = "critical_minerals"  # the chapter's focus; the book shows this view
COLUMNS = {
    "commitment_id": "Id",
    "party": "Party",
    "area_label": "Area",
    "article": "Article",
    "commitment": "Commitment",
    "amount_text": "Amount",
    "source_id": "Source",
    "status": "Status",
}


def columns_for(party: str = ALL, area: str = ALL) -> dict[str, str]:
    """The table's columns, without one a filter has fixed (narrower tables read better on phones)."""
    fixed = {"party"} if party != ALL else set()
    fixed |= {"area_label"} if area != ALL else set()
    return {name: title for name, title in COLUMNS.items() if name not in fixed}


_UNITS = {
    "percent": "{}%",
    "tariff_lines": "{} tariff lines",
    "usd_bn": "US${} bn",
    "usd_bn_per_year": "US${} bn a year",
    "usd_m_per_year": "US${} m a year",
    "aircraft": "{} aircraft",
    "mt_per_year": "{} Mt a year",
    "days": "{} days",
}


def amount_text(amount, unit, horizon=None) -> str:
    """'US$150 bn over 5 years', '1,711 tariff lines', '19%'; empty when there is no amount."""
    if amount is None or pd.isna(amount):
        return ""
    value = float(amount)
    number = f"{value:,.0f}" if value.is_integer() else f"{value:,.10g}"
    text = _UNITS.get(str(unit), "{} " + str(unit)).format(number)
    if horizon is not None and not pd.isna(horizon):
        text += f" over {float(horizon):.0f} years"
    return text


def commitment_rows(commitments: pd.DataFrame, party: str = ALL, area: str = ALL, amounts_only=False):
    """The rows the explorer shows, with readable area and amount columns added."""
    rows = commitments
    if party != ALL:
        rows = rows[rows["party"] == party]
    if area != ALL:
        rows = rows[rows["area"] == area]
    if amounts_only:
        rows = rows[rows["amount"].notna()]
    shown = rows.assign(
        area_label=rows["area"].astype(str).map(AREA_LABELS),
        amount_text=[
            amount_text(a, u, h) or None
            for a, u, h in zip(rows["amount"], rows["unit"], rows["horizon_years"], strict=True)
        ],
    )
    for name in ("article", "amount_text"):  # a missing value reads as a dash, not '<NA>'
        shown[name] = shown[name].astype(object).where(shown[name].notna(), EMPTY)
    return shown


class CommitmentExplorer:
    """Filter the ART's commitments by party and area; optionally only those with an amount."""

    def __init__(self, commitments: pd.DataFrame):
        self.commitments = commitments
        parties = [p for p in commitments["party"].cat.categories if p in set(commitments["party"])]
        self.party = widgets.Dropdown(options=[ALL, *parties], value=ALL, description="Party")
        areas = [a for a in commitments["area"].cat.categories if a in set(commitments["area"])]
        self.area = widgets.Dropdown(
            options=[(ALL, ALL), *((AREA_LABELS[a], a) for a in areas)],
            value=DEFAULT_AREA if DEFAULT_AREA in areas else ALL,
            description="Area",
        )
        self.amounts_only = widgets.Checkbox(value=False, description="Only with an amount")
        self.output = widgets.HTML()
        for control in (self.party, self.area, self.amounts_only):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        return commitment_rows(self.commitments, self.party.value, self.area.value, self.amounts_only.value)

    def refresh(self, *_):
        rows = self.selected()
        noun = "commitment" if len(rows) == 1 else "commitments"
        columns = columns_for(self.party.value, self.area.value)
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(rows, columns)

    def page_table(self) -> str:
        """Every commitment, as the book shows it: a table the page filters like this explorer and
        opens, like it, on the critical-minerals commitments."""
        filters = (self.party, self.area, self.amounts_only)
        defaults = {"party": default_of(self.party), "area": default_of(self.area)}
        with unfiltered(filters):
            rows = self.selected()
        ids = list(rows["commitment_id"].astype(str))

        def row_ids():
            return self.selected()["commitment_id"].astype(str)

        facets = []
        for key, control in (("party", self.party), ("area", self.area)):
            options, matches = choice_matches(control, ids, row_ids, filters)
            facets.append(Facet(key, control.description, options, matches, default=defaults[key]))
        amounts = flag_matches(self.amounts_only, ids, row_ids, filters)
        facets.append(Facet("amount", self.amounts_only.description, [], amounts, kind="flag"))
        return explorer_table(rows, COLUMNS, facets, ("commitment", "commitments"))

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.party, self.area, self.amounts_only]), self.output])
