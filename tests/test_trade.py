"""Chapter 02 (the trade deal): the numbers behind its charts, its explorer and its prose."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from helpers import ROOT
from matplotlib.dates import date2num

import briefing
from briefing.analysis import trade as t
from briefing.analysis.trade import EMPTY, amount_text, commitment_rows
from briefing.chapter import Data
from briefing.chapters import trade_deal
from briefing.figures import title_of
from briefing.figures import trade as charts
from briefing.widgets import ALL
from briefing.widgets.trade import COLUMNS, DEFAULT_AREA, CommitmentExplorer, columns_for

NOTEBOOK = ROOT / "notebooks" / "02_trade_deal.ipynb"


@pytest.fixture(scope="module")
def rates():
    return briefing.load_tariff_rates()


@pytest.fixture(scope="module")
def commitments():
    return briefing.load_art_commitments()


@pytest.fixture(scope="module")
def trade():
    return briefing.load_trade()


@pytest.fixture(scope="module")
def events():
    return briefing.load_events()


@pytest.fixture(scope="module")
def numbers():
    return trade_deal.numbers(Data())


# --- tariff rates ---------------------------------------------------------------------------------


def test_tariff_rates_are_dated_changes_with_known_stages(rates):
    assert list(rates["rate_id"]) == [f"R{i:02d}" for i in range(1, len(rates) + 1)]
    assert rates["date"].is_monotonic_increasing, "rows are kept in date order"
    assert rates["rate_pct"].between(0, 100).all()
    assert set(rates["stage"].astype(str)) <= {"announced", "in_force", "ended"}


def test_in_force_segments_do_not_overlap_and_only_the_last_is_open(rates):
    segments = t.in_force_segments(rates)
    assert len(segments) == (rates["stage"] == "in_force").sum()
    assert segments["start"].is_monotonic_increasing
    closed = segments.iloc[:-1]
    assert closed["end"].notna().all() and segments["end"].iloc[-1] is pd.NaT
    assert (closed["end"] > closed["start"]).all()
    assert (closed["end"].to_numpy() <= segments["start"].iloc[1:].to_numpy()).all()


def test_each_segment_is_the_rate_of_its_in_force_row(rates):
    by_id = rates.set_index("rate_id")
    for seg in t.in_force_segments(rates).itertuples():
        assert by_id.loc[seg.rate_id, "stage"] == "in_force"
        assert by_id.loc[seg.rate_id, "date"] == seg.start
        assert by_id.loc[seg.rate_id, "rate_pct"] == seg.rate_pct


def test_an_ended_row_closes_the_segment_of_the_same_rate(rates):
    segments = t.in_force_segments(rates)
    for row in rates[rates["stage"] == "ended"].itertuples():
        closed = segments[segments["end"] == row.date]
        assert len(closed) == 1 and closed.iloc[0]["rate_pct"] == row.rate_pct


def test_announced_rates_that_never_applied_are_not_drawn_as_applied(rates):
    applied = set(t.in_force_segments(rates)["rate_pct"])
    never = rates[(rates["stage"] == "announced") & ~rates["rate_pct"].isin(applied)]
    assert len(never) >= 2  # the July letter rate and the announced Section 122 increase
    for row in never.itertuples():
        assert t.rate_on(rates, row.date) != row.rate_pct


def test_rate_on_reads_the_step_function(rates):
    segments = t.in_force_segments(rates)
    first, last = segments.iloc[0], segments.iloc[-1]
    assert t.rate_on(rates, first["start"] - pd.Timedelta(days=1)) is None
    assert t.rate_on(rates, first["start"]) == first["rate_pct"]
    assert t.rate_on(rates, last["start"] + pd.Timedelta(days=400)) == last["rate_pct"]


def test_tariff_chart_title_is_computed_from_the_data(rates):
    signed = briefing.load_agreements().query("partner == 'Malaysia' and legal_form == 'trade_agreement'")
    kept = t.kept_rate(rates, signed.iloc[0]["date"])
    art = rates[rates["legal_basis"].astype(str).str.contains("ART")].iloc[0]
    assert kept == art["rate_pct"]  # the rate announced the day the ART was signed
    fig = charts.tariff_chart(rates, kept=kept)
    title = title_of(fig)
    assert f"{kept:.0f}%" in title
    assert f"{t.in_force_segments(rates).iloc[-1]['rate_pct']:.0f}%" in title
    assert "Source:" in " ".join(text.get_text() for text in fig.texts)


def test_tariff_chart_runs_to_the_as_of_date_and_names_the_current_duty(rates):
    """The rate applied at the edition date is drawn up to that date, and the title names its legal
    basis through the event marked where it began (``chart_event_id``)."""
    as_of = pd.Timestamp(briefing.loaders.as_of("tariff_rates"))
    current = t.current_segment(t.in_force_segments(rates))
    assert pd.isna(current["end"]) and t.chart_end(rates, as_of) == max(as_of, t.chart_end(rates))
    marks = t.chart_marks(rates, briefing.load_events())
    fig = charts.tariff_chart(rates, marks, kept=19.0)
    assert fig.axes[0].get_xlim()[1] >= date2num(as_of)
    named = marks[marks["date"] == current["start"]]
    assert len(named) == 1
    assert named.iloc[0]["label"] in title_of(fig).replace("\n", " ")
    # no legend (at 11 pt it would cover the rates): each event is named at its line, and the
    # subtitle says what the dotted lines are
    drawn = {text.get_text().strip() for text in fig.axes[0].texts}
    assert set(marks["label"]) <= drawn
    assert any("dotted lines: events" in " ".join(text.get_text().split()) for text in fig.texts)


# --- pledges --------------------------------------------------------------------------------------


def test_one_headline_and_every_itemised_money_pledge_has_a_chart_label(commitments):
    assert commitments["headline"].sum() == 1
    assert t.headline(commitments)["area"] == "purchases_investment"
    table = t.pledge_table(commitments)
    labelled = commitments.set_index("commitment_id")["short_label"]
    money = commitments[
        (commitments["area"] == "purchases_investment")
        & commitments["unit"].astype(str).isin(t.MONEY_UNITS)
        & ~commitments["headline"].astype(bool)
    ]
    assert len(table) == len(money) and (table["label"] == list(labelled.loc[table["commitment_id"]])).all()
    assert labelled.dropna().str.len().le(40).all()


def test_a_new_pledge_row_needs_no_code_change(commitments):
    extra = commitments.iloc[[0]].copy()
    extra["commitment_id"] = "T99"
    extra["area"] = "purchases_investment"
    extra["unit"] = "usd_bn"
    extra["amount"] = 1.0
    extra["short_label"] = pd.NA
    extra["headline"] = False
    table = t.pledge_table(pd.concat([commitments, extra])).set_index("commitment_id")
    assert table.loc["T99", "label"] == extra.iloc[0]["commitment"]  # unlabelled: its own words
    assert table.loc["T99", "usd_bn"] == 1.0


def test_pledge_table_converts_units_and_never_annualises(commitments):
    table = t.pledge_table(commitments).set_index("commitment_id")
    raw = commitments.set_index("commitment_id")
    for cid, row in table.iterrows():
        unit = str(raw.loc[cid, "unit"])
        factor = 0.001 if unit.startswith("usd_m") else 1.0
        assert row["usd_bn"] == pytest.approx(float(raw.loc[cid, "amount"]) * factor)
        assert row["per_year"] == unit.endswith("_per_year")
    lump = table.loc[~table["per_year"], "usd_bn"].sum()
    assert lump == pytest.approx(
        sum(
            float(raw.loc[c, "amount"]) * (0.001 if str(raw.loc[c, "unit"]) == "usd_m" else 1.0)
            for c in table.index
            if not table.loc[c, "per_year"]
        )
    )
    assert lump == pytest.approx(t.lump_sum(t.pledge_table(commitments)))
    assert lump <= float(t.headline(commitments)["amount"]) + 1e-9


def test_pledge_labels_state_the_horizon(commitments):
    labels = {r.commitment_id: t.pledge_label(r) for r in t.pledge_table(commitments).itertuples()}
    raw = commitments.set_index("commitment_id")
    for cid, label in labels.items():
        if str(raw.loc[cid, "unit"]).endswith("_per_year"):
            assert label.endswith("a year")
        elif pd.isna(raw.loc[cid, "horizon_years"]):
            assert label.endswith("no horizon stated")
        elif raw.loc[cid, "status"] == "contested":
            assert label.endswith(f"over {raw.loc[cid, 'horizon_years']:.0f} years (horizon contested)")
        else:
            assert label.endswith(f"over {raw.loc[cid, 'horizon_years']:.0f} years")


# --- goods trade ----------------------------------------------------------------------------------


def test_trade_table_keeps_missing_years_missing(trade):
    table = t.trade_usd_table(trade)
    usd = trade[(trade["unit"] == "usd_bn") & trade["flow"].astype(str).isin(list(t.FLOWS))]
    years = set(usd["year"].astype(int))
    assert list(table["year"]) == list(range(min(years), max(years) + 1))
    for row in table.itertuples():
        if row.year not in years:
            assert all(pd.isna(getattr(row, flow)) for flow in t.FLOWS), f"{row.year} was filled in"


def test_missing_runs_are_exactly_the_years_without_a_usd_figure(trade):
    table = t.trade_usd_table(trade)
    usd_years = set(trade.loc[trade["unit"] == "usd_bn", "year"].astype(int))
    in_runs = {y for first, last in t.missing_runs(table) for y in range(first, last + 1)}
    assert in_runs == set(table["year"]) - usd_years
    assert in_runs, "the sourced series has a gap; the chart must show it"


def test_trade_values_are_the_csv_values_unchanged(trade):
    table = t.trade_usd_table(trade).set_index("year")
    for flow in t.FLOWS:
        for year, value in table[flow].dropna().items():
            source = table.loc[year, f"{flow}_source"]
            row = trade[(trade["year"] == year) & (trade["flow"] == flow) & (trade["source_id"] == source)]
            assert float(row.iloc[0]["value"]) == value


def test_us_statistics_win_over_malaysian_for_the_same_year(trade):
    mine = trade.iloc[[0]].copy()
    year, flow = int(mine.iloc[0]["year"]), str(mine.iloc[0]["flow"])
    mine["reporter"] = "Malaysia"
    mine["value"] = 999.0
    mine["source_id"] = "S0"
    table = t.trade_usd_table(pd.concat([mine, trade])).set_index("year")
    assert table.loc[year, flow] != 999.0 and table.loc[year, f"{flow}_reporter"] == "US"


def test_trade_chart_title_names_the_us_deficits_around_the_gap(trade):
    table = t.trade_usd_table(trade)
    before, after = t.deficit_before_and_after_gap(table)
    assert before["year"] < t.missing_runs(table)[0][0] <= after["year"]
    title = title_of(charts.trade_chart(trade)).replace("\\", "").replace("\n", " ")
    assert f"US${-before['us_balance']:.1f} bn in {before['year']}" in title
    assert f"US${-after['us_balance']:.1f} bn in {after['year']}" in title


# --- the numbers in the prose ---------------------------------------------------------------------


def test_chapter_numbers_are_all_filled_strings(numbers, commitments):
    from briefing.chapter import Data
    from briefing.chapters import state_of_play

    shared = set(state_of_play.numbers(Data()))  # the state of play, tested in test_state.py
    own = {k: v for k, v in numbers.items() if k not in shared}
    assert all(isinstance(v, str) and v and "nan" not in v.lower() for v in own.values())
    lines = commitments[commitments["glue"] == "n_lines"].iloc[0]
    assert numbers["n_lines"] == f"{float(lines['amount']):,.0f}"
    assert numbers["gap_first"] < numbers["gap_last"]


def test_glue_columns_name_each_quantity_once(commitments, rates):
    for frame, column in ((commitments, "glue"), (commitments, "horizon_glue"), (rates, "glue")):
        names = frame[column].dropna()
        assert names.is_unique, names[names.duplicated()].tolist()
    assert not set(commitments["glue"].dropna()) & set(commitments["horizon_glue"].dropna())


def test_a_new_rate_row_is_published_without_code_change(rates):
    extra = rates.iloc[[-1]].copy()
    extra["rate_id"], extra["glue"], extra["rate_pct"] = "R99", "later", 12.5
    published = t.rate_numbers(pd.concat([rates, extra]))
    assert published["later_rate"] == "12.5" and published["later_date"]


def test_malaysias_tariff_cuts_are_grouped_by_treatment(numbers, commitments):
    kept = t.tariff_treatment(commitments, "kept")
    assert (kept["party"] == "Malaysia").all() and len(kept) == 3
    assert numbers["stay_rates"] == "2%, 3% or 5%" and numbers["cut_rates"] == "10% or 15%"
    phased = t.tariff_treatment(commitments, "phased_out")["horizon_years"]
    assert (numbers["phase_short"], numbers["phase_long"]) == (f"{phased.min():.0f}", f"{phased.max():.0f}")


def test_tariff_chart_marks_come_from_the_rate_rows(rates, events):
    marks = t.chart_marks(rates, events)
    linked = events[events["event_id"].isin(set(rates["chart_event_id"].dropna()))]
    assert len(marks) == len(linked) >= 2
    assert marks["label"].str.len().between(1, 40).all()
    assert t.chart_end(rates) == rates["scheduled_end"].max()
    ruling = t.ruling_event(rates, events)
    ended = rates[rates["stage"] == "ended"].iloc[-1]
    assert ruling["date"] <= ended["date"]


def test_every_event_date_is_published(numbers, events):
    for row in events.itertuples():
        assert numbers[f"day_{row.event_id}"].endswith(str(row.date.year))


def _glue_names_used(page: str) -> set[str]:
    """Glue names of ``page`` used by its own prose and, cross-page, by every other page."""
    nb = json.loads((ROOT / "notebooks" / page).read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    used = set(re.findall(r"\{glue:text\}`([A-Za-z0-9_]+)", prose))
    used |= set(re.findall(r"```\{glue:figure\} (\w+)", prose))
    others = [*ROOT.glob("book/*.md"), ROOT / "index.md", *ROOT.glob("notebooks/*.ipynb")]
    for path in others:
        used |= set(re.findall(re.escape(page) + r"::([A-Za-z0-9_]+)", path.read_text(encoding="utf-8")))
    return used


ROW_ID = re.compile(r"[\"'][ESTMAPWDV]\d{2,4}[\"']")
TOPIC_MODULES = [
    f"src/briefing/{layer}/{name}.py"
    for layer, names in {
        "analysis": ("trade", "mou", "deals"),
        "chapters": ("trade_deal", "mou_text", "deals_compared"),
        "figures": ("trade", "mou", "deals"),
        "widgets": ("trade", "mou", "deals"),
    }.items()
    for name in names
]
TOPIC_NOTEBOOKS = ["01_mou_text.ipynb", "02_trade_deal.ipynb", "deals_compared.ipynb"]


@pytest.mark.parametrize("module", TOPIC_MODULES)
def test_no_row_id_literal_in_the_code(module):
    assert not ROW_ID.findall((ROOT / module).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", TOPIC_NOTEBOOKS)
def test_no_row_id_literal_in_the_notebook_code(page):
    nb = json.loads((ROOT / "notebooks" / page).read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert not ROW_ID.findall(code)
    assert "publish_numbers(" in code


def _without_roles(text: str) -> str:
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)


def test_prose_digits_are_only_identifiers():
    """Every digit left in the prose, once glue and cite roles are removed, is part of an identifier."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    prose = re.sub(r"```\{glue:figure\}[^\n]*\n(?::[^\n]*\n)*", "", prose)  # directive options
    identifiers = (
        r"Art\. \d+(\.\d+)*(\(\d\))?|EO \d{5}|Executive Order \(EO\) \d{5}|Section 122|Section 301"
        r"|Trade Act of\s+1974|47th ASEAN|chapter \d|Articles \d and \d"
    )
    left = re.sub(identifiers, "", _without_roles(prose))
    assert not re.search(r"\d", left), re.findall(r".{0,30}\d.{0,30}", left)


# --- the explorer ---------------------------------------------------------------------------------


def test_default_view_is_the_critical_minerals_commitments(commitments):
    explorer = CommitmentExplorer(commitments)
    expected = commitments[commitments["area"] == DEFAULT_AREA]
    assert explorer.party.value == ALL and explorer.area.value == DEFAULT_AREA
    assert f"<p>{len(expected)} commitments</p>" in explorer.output.value
    assert all(cid in explorer.output.value for cid in expected["commitment_id"])
    assert "&lt;NA&gt;" not in explorer.output.value and "<NA>" not in explorer.output.value


def test_party_and_area_filters_combine(commitments):
    explorer = CommitmentExplorer(commitments)
    explorer.area.value = "tariffs"
    explorer.party.value = "United States"
    rows = explorer.selected()
    assert len(rows) and (rows["party"] == "United States").all() and (rows["area"] == "tariffs").all()
    assert f"<p>{len(rows)} commitments</p>" in explorer.output.value
    assert "1,711 tariff lines" in explorer.output.value


def test_amounts_only_keeps_rows_with_an_amount_and_shows_horizons(commitments):
    explorer = CommitmentExplorer(commitments)
    explorer.area.value = "purchases_investment"
    explorer.amounts_only.value = True
    rows = explorer.selected()
    assert rows["amount"].notna().all()
    assert "US$150 bn over 5 years" in explorer.output.value
    explorer.area.value = ALL
    assert len(explorer.selected()) == commitments["amount"].notna().sum()


def test_all_areas_show_every_commitment(commitments):
    explorer = CommitmentExplorer(commitments)
    explorer.area.value = ALL
    assert f"<p>{len(commitments)} commitments</p>" in explorer.output.value


def test_commitment_text_is_escaped(commitments):
    rows = commitments.copy()
    rows["commitment"] = rows["commitment"].astype("object")
    rows.loc[rows["area"] == DEFAULT_AREA, "commitment"] = "<script>alert(1)</script>"
    explorer = CommitmentExplorer(rows)
    assert "<script>" not in explorer.output.value and "&lt;script&gt;" in explorer.output.value


def test_amount_text_formats():
    assert amount_text(1711, "tariff_lines") == "1,711 tariff lines"
    assert amount_text(19, "percent") == "19%"
    assert amount_text(3.4, "usd_bn_per_year") == "US$3.4 bn a year"
    assert amount_text(70, "usd_bn", 10) == "US$70 bn over 10 years"
    assert amount_text(None, "percent") == ""
    commitments = briefing.load_art_commitments()
    rows = commitment_rows(commitments, briefing.labels("art_commitments", "area"))
    assert (rows["amount_text"] == EMPTY).sum() == rows["amount"].isna().sum()


def test_trade_chart_never_joins_a_gap_or_two_statistical_sources(trade):
    import itertools
    import math

    table = t.trade_usd_table(trade).set_index("year")
    fig = charts.trade_chart(trade)
    colours = {v: k for k, v in charts.FLOW_COLOURS.items()}
    for line in fig.axes[0].lines:
        flow = colours.get(line.get_color())
        if flow is None:
            continue
        pairs = itertools.pairwise(zip(line.get_xdata(), line.get_ydata(), strict=True))
        for (x0, y0), (x1, y1) in pairs:
            if math.isnan(y0) or math.isnan(y1):
                continue  # matplotlib leaves a gap here
            assert x1 == x0 + 1, f"{flow}: line joins {x0} and {x1} across missing years"
            assert table.loc[x0, f"{flow}_reporter"] == table.loc[x1, f"{flow}_reporter"]


def test_a_fixed_filter_drops_its_column(commitments):
    explorer = CommitmentExplorer(commitments)
    assert "<th>Area</th>" not in explorer.output.value and "<th>Party</th>" in explorer.output.value
    explorer.party.value = "Malaysia"
    assert "<th>Party</th>" not in explorer.output.value
    explorer.area.value = ALL
    assert "<th>Area</th>" in explorer.output.value
    assert columns_for() == COLUMNS


def test_static_view_is_the_default_selection(commitments):
    explorer = CommitmentExplorer(commitments)
    frame, columns = explorer.static_table()
    assert list(frame["commitment_id"]) == list(
        commitments[commitments["area"] == DEFAULT_AREA]["commitment_id"]
    )
    assert columns == columns_for(area=DEFAULT_AREA)


# --- itemised sums: the book's totals equal the sum of their items -------------------------------


def test_the_stated_lump_sum_equals_the_sum_of_its_itemised_pledges(commitments):
    """Mechanical check of the book's one itemised money total (``pledge_lump``, chart and prose).

    Policy for what counts (see :func:`briefing.analysis.trade.lump_sum`): every non-headline
    ``purchases_investment`` row whose amount is a sum in US$ (``usd_bn`` or ``usd_m``), converted to
    US$ billion; per-year amounts (no end date) and non-money units (aircraft, tonnes) never count,
    and the headline is compared with the total, never added to it."""
    numbers = trade_deal.numbers(Data())
    rows = commitments[
        (commitments["area"] == "purchases_investment")
        & commitments["unit"].astype(str).isin(t.SUM_TO_BN)
        & ~commitments["headline"].astype(bool)
    ]
    expected = sum(float(a) * t.SUM_TO_BN[str(u)] for a, u in zip(rows["amount"], rows["unit"], strict=True))
    assert float(numbers["pledge_lump"]) == pytest.approx(expected, abs=0.05)
    assert expected <= float(t.headline(commitments)["amount"])  # 'over US$240 bn' is not exceeded


def test_every_itemised_pledge_of_the_headline_source_is_named_in_the_prose(commitments):
    """Completeness: every money pledge that the headline's source itemises is in the chart's table
    and glued by name in the chapter's prose (a dropped item fails here)."""
    top = t.headline(commitments)
    items = commitments[
        (commitments["area"] == "purchases_investment")
        & (commitments["source_id"] == top["source_id"])
        & commitments["unit"].astype(str).isin(t.MONEY_UNITS)
        & ~commitments["headline"].astype(bool)
    ]
    assert set(items["commitment_id"]) <= set(t.pledge_table(commitments)["commitment_id"])
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for glue in items["glue"]:
        assert isinstance(glue, str) and f"{{glue:text}}`{glue}`" in prose, glue
