"""The market explorer: one country's mine production, share of world output and reserves, in one
USGS edition or in every edition side by side (which shows how USGS revises its figures).

All arithmetic is ``briefing.analysis.market``'s (``country_production``, ``country_reserves``); this module
only lays it out. A missing row is said to be missing: never shown as zero."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..analysis import market
from ..tables import to_html
from . import ALL

DEFAULT_COUNTRY = "Malaysia"

PRODUCTION_COLUMNS = {
    "edition": "Edition",
    "year": "Year",
    "production": "Tonnes REO",
    "world": "World (t)",
    "share": "Share",
    "basis": "Basis",
    "source_id": "Source",
}
RESERVES_COLUMNS = {
    "edition": "USGS edition",
    "reserves": "Reserves (t REO)",
    "source_id": "Source",
}


def share_text(value: float) -> str:
    """'69.2%', '0.028%': enough digits to show a small producer, never rounded to zero."""
    if pd.isna(value):
        return "—"
    if value >= 1:
        return f"{value:.1f}%"
    return f"{value:.3f}%"


def reserves_text(value: float, qualifier: str) -> str:
    """'710,000', 'more than 75,000,000', or 'not available (NA)'."""
    if qualifier == "not_available" or pd.isna(value):
        return "not available (NA)"
    return ("more than " if qualifier == "greater_than" else "") + f"{value:,.0f}"


def basis_notes(rows: pd.DataFrame) -> list[str]:
    """USGS's notes on the rows of ``market.country_production``, each once, in order of first use."""
    return list(dict.fromkeys(n for n in rows["basis_note"] if isinstance(n, str) and n))


def production_rows(production: pd.DataFrame, country: str, edition: str | None) -> pd.DataFrame:
    """The country's production rows as the explorer shows them; 'Basis' says whether USGS marks the
    figure as an estimate and points to USGS's note (numbered as in ``basis_notes``)."""
    rows = market.country_production(production, country, edition)
    notes = basis_notes(rows)
    basis = []
    for estimated, note in zip(rows["estimated"], rows["basis_note"], strict=True):
        text = "estimate" if estimated else ("reported" if estimated is False else "not marked")
        if isinstance(note, str) and note:
            text += f", note {notes.index(note) + 1}"
        basis.append(text)
    return pd.DataFrame(
        {
            "edition": rows["edition"],
            "year": rows["year"].astype(str),
            "production": rows["production_t"].map(lambda v: f"{v:,.0f}"),
            "world": rows["world_t"].map(lambda v: "—" if pd.isna(v) else f"{v:,.0f}"),
            "share": rows["share_pct"].map(share_text),
            "basis": basis,
            "source_id": rows["source_id"],
        }
    )


def reserves_rows(reserves: pd.DataFrame, country: str, edition: str | None) -> pd.DataFrame:
    """The country's reserves rows as the explorer shows them."""
    rows = market.country_reserves(reserves, country, edition)
    return pd.DataFrame(
        {
            "edition": rows["edition"],
            "reserves": [
                reserves_text(v, q) for v, q in zip(rows["reserves_t"], rows["qualifier"], strict=True)
            ],
            "source_id": rows["source_id"],
        }
    )


class MarketExplorer:
    """Choose a country and a USGS edition ("(all)" compares every edition)."""

    link_sources = True  # the book's table links each source id to its entry on the Sources page

    def __init__(self, production: pd.DataFrame, reserves: pd.DataFrame):
        self.production = production
        self.reserves = reserves
        named = set(production["country"].astype(str)) | set(reserves["country"].astype(str))
        countries = sorted(named - set(market.AGGREGATES))
        self.country = widgets.Dropdown(
            options=countries,
            value=DEFAULT_COUNTRY if DEFAULT_COUNTRY in countries else countries[0],
            description="Country",
        )
        both = sorted(
            set(market.editions(production)) | set(market.editions(reserves)), key=market.edition_year
        )
        self.edition = widgets.Dropdown(options=[ALL, *both], value=ALL, description="Edition")
        self.output = widgets.HTML()
        for control in (self.country, self.edition):
            control.observe(self.refresh, names="value")
        self.refresh()

    def chosen_edition(self) -> str | None:
        return None if self.edition.value == ALL else str(self.edition.value)

    def production_table(self) -> pd.DataFrame:
        return production_rows(self.production, self.country.value, self.chosen_edition())

    def reserves_table(self) -> pd.DataFrame:
        return reserves_rows(self.reserves, self.country.value, self.chosen_edition())

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The default choice's mine-production rows (the book shows the explorer's full output)."""
        return self.production_table(), PRODUCTION_COLUMNS

    def refresh(self, *_):
        country = html.escape(str(self.country.value))
        where = (
            "every USGS edition in the data" if self.edition.value == ALL else html.escape(self.edition.value)
        )
        production, reserves = self.production_table(), self.reserves_table()
        parts = [f"<p><strong>{country}</strong>, {where}</p>"]
        if production.empty:
            parts.append(
                "<p>Mine production: no row in the book's data for this choice. "
                "That means not known here, not zero.</p>"
            )
        else:
            noun = "figure" if len(production) == 1 else "figures"
            parts.append(f"<p>Mine production: {len(production)} {noun}</p>")
            parts.append(to_html(production, PRODUCTION_COLUMNS, self.link_sources))
            rows = market.country_production(self.production, self.country.value, self.chosen_edition())
            notes = basis_notes(rows)
            if notes:
                listed = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
                parts.append(f"<p>USGS notes:</p><ol>{listed}</ol>")
        if reserves.empty:
            parts.append("<p>Reserves: no row in the book's data for this choice (not known, not zero).</p>")
        else:
            parts.append("<p>Reserves</p>")
            parts.append(to_html(reserves, RESERVES_COLUMNS, self.link_sources))
        self.output.value = "".join(parts)

    def widget(self) -> widgets.Widget:
        return widgets.VBox([widgets.HBox([self.country, self.edition]), self.output])
