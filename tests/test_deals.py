"""The page comparing the 2025 US critical-minerals deals: the clause matrix, its explorer, its
charts and the numbers in its prose.

Expected values are recomputed here from the raw CSVs with the csv module, independently of the
loaders and of ``briefing.analysis.deals``, so a change to the data or to the logic that alters what
a reader sees makes a test fail.
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from helpers import DATA, ROOT

import briefing
from briefing.analysis import deals as analysis
from briefing.chapter import Data
from briefing.chapters import deals_compared
from briefing.figures import deals as charts
from briefing.figures import title_of
from briefing.widgets.deals import CELL_COLUMNS, DealExplorer

NOTEBOOK = ROOT / "notebooks" / "deals_compared.ipynb"
CLAUSES = (
    "price_floor", "stockpiling", "investment_amount", "asset_sale_priority", "export_restriction",
    "export_control_alignment",
    "permitting", "recycling", "foreign_acquisition_review", "deadline", "value_addition",
    "non_market_policies",
)  # fmt: skip


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data():
    return dict(agreements=briefing.load_agreements(), provisions=briefing.load_agreement_provisions())


# --- the matrix: three honest states ---------------------------------------------------------


def test_every_cell_is_present_absent_or_not_known_and_matches_the_rows(data):
    long = analysis.cells(**data)
    agreements, provisions = rows("agreements"), rows("agreement_provisions")
    assert len(long) == len(agreements) * len(CLAUSES)
    assert analysis.provisions_compared() == CLAUSES
    sourced = {(r["agreement_id"], r["provision"]): r for r in provisions}
    for cell in long.itertuples():
        row = sourced.get((cell.agreement_id, cell.provision))
        if row is None:
            assert cell.state == "not known" and cell.source_id == "" and cell.detail == ""
        else:
            assert cell.state == row["presence"] and cell.source_id == row["source_id"]
            assert cell.detail == row["detail"]


def test_absent_is_only_ever_sourced(data):
    long = analysis.cells(**data)
    absent = long[long["state"] == "absent"]
    assert len(absent) == sum(r["presence"] == "absent" for r in rows("agreement_provisions"))
    assert (absent["source_id"] != "").all()


def test_deals_come_in_date_order_with_unique_labels(data):
    table = analysis.deals(data["agreements"])
    assert list(table["date"]) == sorted(table["date"])
    assert table["label"].is_unique
    assert "Malaysia MoU" in set(table["label"])


# --- the explorer --------------------------------------------------------------------------------


def test_default_view_lists_every_sourced_cell_with_its_source(data):
    explorer = DealExplorer(**data)
    provisions = rows("agreement_provisions")
    assert len(explorer.selected()) == len(provisions)
    html = explorer.output.value
    total = len(rows("agreements")) * len(CLAUSES)
    absent = sum(r["presence"] == "absent" for r in provisions)
    unknown = total - len(provisions)
    assert (
        f"<p>{total} cells: {len(provisions) - absent} present, {absent} absent, {unknown} not known</p>"
        in html
    )
    for title in CELL_COLUMNS.values():
        assert f"<th>{title}</th>" in html
    for row in provisions:
        assert f"<td>{row['source_id']}</td>" in html


def test_static_view_is_every_sourced_cell(data):
    frame, columns = DealExplorer(**data).static_table()
    assert len(frame) == len(rows("agreement_provisions")) and columns == CELL_COLUMNS
    assert (frame["detail"] != "").all()


def test_choosing_deals_and_clauses_shows_those_cells_only(data):
    explorer = DealExplorer(**data)
    explorer.deals.value = ("Malaysia MoU", "Thailand MoU")
    explorer.clauses.value = ("value_addition", "investment_amount")
    selected = explorer.selected()
    assert set(selected["label"]) <= {"Malaysia MoU", "Thailand MoU"}
    assert set(selected["provision"]) <= {"value_addition", "investment_amount"}
    ids = {"Malaysia MoU": "A04", "Thailand MoU": "A06"}
    expected = [
        r for r in rows("agreement_provisions")
        if r["agreement_id"] in ids.values() and r["provision"] in ("value_addition", "investment_amount")
    ]  # fmt: skip
    assert len(selected) == len(expected)
    for row in expected:
        assert (
            row["detail"].replace("'", "&#x27;") in explorer.output.value
            or row["detail"] in explorer.output.value
        )


def test_not_known_cells_appear_only_when_asked(data):
    explorer = DealExplorer(**data)
    explorer.deals.value = ("Kazakhstan MoU",)
    assert not any(r["agreement_id"] == "A10" for r in rows("agreement_provisions"))
    assert "No sourced cell for this choice" in explorer.output.value
    explorer.unknown.value = True
    assert len(explorer.selected()) == len(CLAUSES)
    assert explorer.output.value.count("<td>not known</td>") == len(CLAUSES)


# --- the charts ----------------------------------------------------------------------------------


def test_matrix_chart_title_comes_from_the_rows(data):
    provisions, agreements = rows("agreement_provisions"), {r["agreement_id"]: r for r in rows("agreements")}
    deadline = sorted({agreements[r["agreement_id"]]["partner"] for r in provisions
                       if r["provision"] == "deadline" and r["presence"] == "present"})  # fmt: skip
    title = title_of(charts.matrix_chart(**data))
    for partner in deadline:
        assert partner in title.split(";")[0]
    no_money = [agreements[r["agreement_id"]]["partner"] for r in provisions
                if r["provision"] == "investment_amount" and r["presence"] == "absent"]  # fmt: skip
    for partner in no_money:
        assert partner in title.split(";")[1]


def test_matrix_draws_one_mark_per_cell(data):
    fig = charts.matrix_chart(**data)
    ax = fig.axes[0]
    n_deals = len(rows("agreements"))
    absent = sum(r["presence"] == "absent" for r in rows("agreement_provisions"))
    binding_marks = sum(r["binding"] != "unclear" for r in rows("agreements"))
    # one scatter per cell, a second (the cross) for each absent cell, one per binding square
    assert len(ax.collections) == n_deals * len(CLAUSES) + absent + binding_marks


def test_timeline_title_counts_the_deals(data):
    agreements = rows("agreements")
    title = title_of(charts.timeline_chart(data["agreements"]))
    assert title.startswith(
        f"{len(agreements)} deals with {len({r['partner'] for r in agreements})} partners"
    )
    mou = next(r for r in agreements if (r["partner"], r["legal_form"]) == ("Malaysia", "mou"))
    same_day = sum(r["date"] == mou["date"] and r["date_precision"] == "day" for r in agreements)
    assert f"{same_day} of them on" in title


def test_due_dates_are_counted_from_the_signing_day(data):
    import pandas as pd

    long = analysis.cells(**data)
    deadlines = {r["agreement_id"]: r for r in rows("agreement_provisions") if r["provision"] == "deadline"}
    dated = {a: r for a, r in deadlines.items() if r["due_months"] or r["due_days"]}
    assert dated, "some deadline gives a period"
    for agreement_id, row in dated.items():
        signed = pd.Timestamp(
            next(r["date"] for r in rows("agreements") if r["agreement_id"] == agreement_id)
        )
        first, further = analysis.due_dates(long, agreement_id)
        if row["due_months"]:
            assert first == briefing.text.long_date(signed + pd.DateOffset(months=int(row["due_months"])))
        if row["due_days"]:
            assert further == briefing.text.long_date(signed + pd.Timedelta(days=int(row["due_days"])))
    numbers = deals_compared.numbers(Data())
    assert numbers["australia_due"] == "20 April 2026"
    assert numbers["japan_due"] == "28 April 2026" and numbers["japan_ministerial_due"] == "26 April 2026"


def test_a_deadline_without_a_period_has_no_due_date(data):
    long = analysis.cells(**data)
    undated = long[(long["provision"] == "deadline") & long["due_months"].isna() & long["due_days"].isna()]
    for agreement_id in undated["agreement_id"]:
        assert analysis.due_dates(long, agreement_id) == ("", "")


# --- the prose ----------------------------------------------------------------------------------


def markdown() -> str:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_the_arts_numbers_are_the_trade_pages():
    """One concept, one page: the ART's rate, lines and investment are glued from the trade page."""
    from briefing.chapters import trade_deal

    cross = set(re.findall(r"\{glue:text\}`02_trade_deal\.ipynb::([a-z_0-9]+)", markdown()))
    assert cross == {"art_rate", "n_lines", "invest_bn", "ieepa_end_date"}
    assert cross <= set(trade_deal.numbers(Data()))


def test_the_mous_numbers_are_the_mou_pages():
    from briefing.chapters import mou_text

    cross = set(re.findall(r"\{glue:text\}`01_mou_text\.ipynb::([a-z_0-9]+)", markdown()))
    assert cross == {
        "signing_date",
        "signing_place",
        "australia_deadline",
        "australia_money",
        "japan_deadline",
    }
    assert cross <= set(mou_text.numbers(Data()))


def test_money_is_published_for_every_deal_with_an_amount():
    numbers = deals_compared.numbers(Data())
    amounts = {r["agreement_id"]: float(r["amount_usd_bn"]) for r in rows("agreement_provisions")
               if r["provision"] == "investment_amount" and r["amount_usd_bn"]}  # fmt: skip
    for agreement_id, amount in amounts.items():
        assert float(numbers[f"money_bn_{agreement_id.lower()}"].replace(",", "")) == amount
