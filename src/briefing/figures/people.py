"""The who's-who page's chart and tables (notebooks/whos_who); its numbers are in
``briefing.chapters.whos_who`` and its logic in ``briefing.analysis.people``.

The chart is a chronology: one row per office, one bar per holder, from the date the sources give
(or the first date they show the holder in office) to the end they give; after the last date a
source shows an office holder still in post, a dotted line runs to the edition date (no source either
way). The tables list every term, country by country, and the companies and funds.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .. import loaders, style
from ..analysis import people as analysis
from ..text import long_date, short_date
from . import finish, new_figure, wrap

TEXT = style.MIN_FONT_PT


def _office_labels() -> dict[str, str]:
    return loaders.labels("people", "office")


def _short_office(code: str) -> str:
    """'Minister of Investment, Trade and Industry (MITI)' -> 'MITI'; labels without a bracket stay."""
    labels = _office_labels()
    label = labels[code]
    if label.startswith("Deputy "):  # 'Deputy Minister of X' -> '<X's abbreviation> deputy'
        minister = next((v for v in labels.values() if v.startswith(label[len("Deputy ") :])), "")
        return f"{_abbreviation(minister)} deputy" if "(" in minister else label
    return _abbreviation(label) if "(" in label else label.replace("Minister of ", "")


def _abbreviation(label: str) -> str:
    return label[label.index("(") + 1 : label.index(")")]


def chronology_chart(people: pd.DataFrame, country: str = "Malaysia") -> Figure:
    """Who held each office of ``country`` from 1 January of the year before the edition's to the
    edition date: bars from start to end (or last confirmation), dotted after that."""
    as_of = pd.Timestamp(loaders.as_of("people"))
    window = pd.Timestamp(as_of.year - 1, 1, 1)
    table = analysis.terms(people)
    table = table[(table["country"] == country) & (table["seen_to"] >= window)]
    offices = list(dict.fromkeys(table["office"].astype(str)))
    fig, ax = new_figure(height=2.2 + 0.85 * len(offices))
    colour = style.colour(country)
    for y, office in enumerate(offices):
        rows = table[table["office"] == office].reset_index(drop=True)
        for i, row in rows.iterrows():
            start = max(row["start"], window)
            end = row["seen_to"]
            ax.plot(
                [start, end],
                [y, y],
                color=colour,
                lw=7,
                solid_capstyle="butt",
                alpha=0.55 if row["acting"] else 1,
            )
            if row["from_basis"] == "in_office_by" and row["start"] > window:
                ax.plot([window, row["start"]], [y, y], color=colour, lw=1.6, ls=":")
            if row["open"]:
                ax.plot([end, as_of], [y, y], color=colour, lw=1.6, ls=":")
            below = i % 2 == 1
            ax.text(
                start,
                y + (0.16 if below else -0.16),
                str(row["short_name"]),
                fontsize=TEXT,
                va="top" if below else "bottom",
                ha="left",
            )
    ax.set_yticks(range(len(offices)), [wrap(_short_office(o), 14) for o in offices])
    ax.set_ylim(len(offices) - 0.35, -0.75)
    ax.set_xlim(window, as_of)
    ticks = [pd.Timestamp(as_of.year - 1, m, 1) for m in (1, 7)] + [
        pd.Timestamp(as_of.year, m, 1) for m in (1, 7)
    ]
    ax.set_xticks(ticks, [short_date(t, "month").replace(" ", "\n") for t in ticks])
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.spines[["left"]].set_visible(False)
    latest = table["seen_to"].max()
    together = analysis.named_together(people)
    together = together[together["date"] >= window]
    if len(together):
        last = together.iloc[-1]
        posts = " and ".join(_short_office(o) for o in last["offices"])
        title = f"{country}'s {posts} ministers changed in one reshuffle, on {long_date(last['date'])}"
    else:
        title = f"Who held {country}'s posts in the deal's story"
    subtitle = (
        "Who held each post, as the book's sources show it. Bars: in post (pale: acting). Dotted: no "
        f"source either way; the latest date a source shows a holder in post is {long_date(latest)}"
    )
    sources = [*table["source_id"].astype(str), *table["confirmed_by"].dropna().astype(str)]
    return finish(fig, ax, title, subtitle, sources, "people")


TERM_COLUMNS = {"office": "Office", "holder": "Holder", "from": "From", "to": "To", "sources": "Sources"}


def _from_text(row) -> str:
    if row["from_basis"] == "not_applicable" or pd.isna(row["start"]):
        return "—"
    day = long_date(row["start"], row["start_precision"])
    return {"took_office": day, "named": f"named {day}", "in_office_by": f"in office by {day}"}[
        row["from_basis"]
    ]


def _to_text(row) -> str:
    if pd.notna(row["end"]):
        return long_date(row["end"], row["end_precision"])
    if row["confirmed_on"] == row["start"]:
        return "no end found; no later source"
    return f"no end found; last confirmed {long_date(row['confirmed_on'])}"


def _sources_text(row) -> str:
    ids = "; ".join(dict.fromkeys(s for s in (row["source_id"], row["confirmed_by"]) if pd.notna(s)))
    return f"{ids} (unverified; see the page)" if row["status"] == "unverified" else ids


def terms_table(people: pd.DataFrame, country: str) -> pd.DataFrame:
    """Every term of ``country``'s office holders, as the page shows it (TERM_COLUMNS)."""
    table = analysis.terms(people)
    table = table[table["country"] == country]
    labels = _office_labels()
    return pd.DataFrame(
        {
            "office": table["office"].astype(str).map(labels),
            "holder": [
                f"{n} (acting)" if a else str(n) for n, a in zip(table["name"], table["acting"], strict=True)
            ],
            "from": [_from_text(r) for _, r in table.iterrows()],
            "to": [_to_text(r) for _, r in table.iterrows()],
            "sources": [_sources_text(r) for _, r in table.iterrows()],
        }
    ).reset_index(drop=True)


BODY_COLUMNS = {"name": "Name", "what": "What it is", "country": "Based in", "source_id": "Source"}


def bodies_table(people: pd.DataFrame) -> pd.DataFrame:
    """The companies and funds (BODY_COLUMNS)."""
    table = analysis.bodies(people)
    labels = _office_labels()
    return pd.DataFrame(
        {
            "name": table["name"],
            "what": [f"{labels[str(o)]}: {r}" for o, r in zip(table["office"], table["role"], strict=True)],
            "country": table["country"].astype(str),
            "source_id": table["source_id"],
        }
    )
