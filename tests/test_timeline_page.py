"""The timeline page: its counts, its chart, its explorer and its prose."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest
from helpers import ROOT, glued_names, notebook_markdown, without_roles

import briefing
from briefing.analysis import timeline as tl
from briefing.chapter import Data
from briefing.chapters import timeline as chapter
from briefing.figures import timeline as charts
from briefing.figures import title_of
from briefing.widgets import ALL
from briefing.widgets.timeline_page import COLUMNS, TimelineExplorer

NOTEBOOK = ROOT / "notebooks" / "timeline.ipynb"
# A name another page takes from this one: {glue:text}`timeline.ipynb::day_E030:s` (or ../notebooks/…)
CROSS_PAGE = r"\{glue:text\}`(?:\.\./)?(?:notebooks/)?timeline\.ipynb::([A-Za-z0-9_]+)"


@pytest.fixture(scope="module")
def events():
    return briefing.load_events()


@pytest.fixture(scope="module")
def as_of():
    return briefing.as_of("events")


def _texts(fig) -> str:
    """Every text drawn on the figure (title, subtitle, labels), newlines as spaces."""
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    return " ".join(t.get_text() for t in texts).replace("\n", " ")


def _events(rows: list[tuple]) -> pd.DataFrame:
    """A small timeline (id, date, precision, country, themes, text, status) for unit tests; every
    event happened (``timing``) and ``themes`` is a list, as the loader gives it."""
    frame = pd.DataFrame(
        rows, columns=["event_id", "date", "date_precision", "country", "themes", "event", "status"]
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["themes"] = frame["themes"].str.split(";")
    frame["timing"] = "happened"
    frame["actor"] = "someone"
    frame["source_id"] = "S1"
    frame["country"] = frame["country"].astype(pd.CategoricalDtype(["China", "Malaysia", "United States"]))
    return frame


# --- counts ---------------------------------------------------------------------------------------


def test_theme_counts_count_each_theme_of_each_event(events):
    counts = tl.theme_counts(events)
    assert list(counts.index) == tl.themes() == list(briefing.labels("events", "themes"))
    assert counts.sum() == sum(len(t) for t in events["themes"])
    assert counts["trade"] == events["themes"].apply(lambda t: "trade" in t).sum()


def test_status_counts_cover_every_row_and_every_status(events):
    counts = tl.status_counts(events)
    assert list(counts.index) == tl.statuses() == list(events["status"].cat.categories)
    assert counts.sum() == len(events)


def test_country_counts_are_sorted_and_complete(events):
    counts = tl.country_counts(events)
    assert counts.sum() == len(events)
    assert list(counts) == sorted(counts, reverse=True)


def test_month_counts_leave_out_year_only_dates():
    frame = _events(
        [
            ("E001", "2014-01-01", "year", "Malaysia", "trade", "a", "reported"),
            ("E002", "2025-10-01", "month", "Malaysia", "trade", "b", "reported"),
            ("E003", "2025-10-26", "day", "China", "china", "c", "reported"),
            ("E004", "2025-11-03", "day", "China", "china", "d", "reported"),
        ]
    )
    counts = tl.month_counts(frame)
    assert counts.to_dict() == {pd.Period("2025-10", "M"): 2, pd.Period("2025-11", "M"): 1}
    assert tl.densest_months(frame) == ([pd.Period("2025-10", "M")], 2)


def test_ties_for_the_densest_month_are_all_named():
    frame = _events(
        [
            ("E001", "2025-10-02", "day", "Malaysia", "trade", "a", "reported"),
            ("E002", "2026-02-05", "day", "Malaysia", "trade", "b", "reported"),
        ]
    )
    months, top = tl.densest_months(frame)
    assert top == 1 and tl.month_names(months) == "October 2025 and February 2026"


def test_scheduled_rows_are_the_rows_whose_timing_says_so(events):
    flagged = tl.flagged(events)
    assert len(flagged[flagged["scheduled"]]) > 0
    due = events["timing"].astype(str).isin(["scheduled", "suspended", "superseded", "no_outcome_found"])
    assert (flagged["scheduled"] == due).all()
    frame = _events(
        [
            ("E001", "2026-07-24", "day", "China", "trade", "Scheduled date: a period ends.", "reported"),
            ("E002", "2026-07-25", "day", "China", "trade", "A period ended.", "reported"),
        ]
    )
    frame["timing"] = ["happened", "scheduled"]
    assert list(tl.is_scheduled(frame)) == [False, True]  # the typed column decides, not the text
    frame["timing"] = ["lapsed", "no_outcome_found"]
    assert list(tl.is_scheduled(frame)) == [False, True]  # a lapsed period ended: it happened


def test_rows_worded_as_scheduled_are_typed_scheduled(events):
    """Data check: an event whose own words say it was scheduled or expected is not typed as
    having happened (the text is not what the code reads; this only guards the data)."""
    worded = events["event"].astype(str).str.match(r"^(Scheduled|Expected)")
    assert (events.loc[worded, "timing"].astype(str) != "happened").all()


def test_period_end_follows_the_precision():
    dates = pd.Series(pd.to_datetime(["2025-10-26", "2025-10-01", "2014-01-01"]))
    ends = tl.period_end(dates, pd.Series(["day", "month", "year"]))
    assert list(ends.dt.strftime("%Y-%m-%d")) == ["2025-10-26", "2025-10-31", "2014-12-31"]


def test_axis_starts_after_an_isolated_early_event(events):
    assert tl.axis_start(events).year > events["date"].min().year or events["date"].min().year >= 2020
    frame = _events(
        [
            ("E001", "2014-01-01", "year", "Malaysia", "trade", "a", "reported"),
            ("E002", "2023-01-12", "day", "Malaysia", "trade", "b", "reported"),
            ("E003", "2025-10-26", "day", "China", "china", "c", "reported"),
        ]
    )
    assert tl.axis_start(frame) == pd.Timestamp("2023-01-01")


def test_numbers_agree_with_the_data(events, as_of):
    numbers = tl.timeline_numbers(events, as_of)
    assert numbers["n_scheduled"] == int(tl.is_scheduled(events).sum())
    assert numbers["n_events"] == len(events)
    assert sum(numbers[f"n_status_{s}"] for s in tl.statuses()) == len(events)
    assert sum(numbers[f"n_theme_{t}"] for t in tl.themes()) == sum(len(t) for t in events["themes"])
    assert numbers["n_day"] + numbers["n_month"] + numbers["n_year"] == len(events)
    keys = ("malaysia", "us", "china", "international", "other")
    assert sum(numbers[f"n_country_{k}"] for k in keys) == len(events)
    first = events.sort_values(["date", "event_id"]).iloc[0]
    assert numbers["first_date"] == briefing.text.long_date(first["date"], str(first["date_precision"]))
    _, top = tl.densest_months(events)
    assert numbers["n_densest"] == top == tl.month_counts(events).max()
    # the 'last event that happened' is never a scheduled row and never after the as-of date
    done = tl.happened(events, as_of)
    assert not done["scheduled"].any() and (done["end"] <= pd.Timestamp(as_of)).all()
    assert numbers["last_date"] == done.sort_values(["date", "event_id"]).iloc[-1]["when"]


def test_month_only_events_are_shown_in_words_without_a_day(events):
    flagged = tl.flagged(events)
    month_only = flagged[flagged["date_precision"].astype(str) == "month"]
    assert len(month_only)
    assert all(re.fullmatch(r"[A-Z][a-z]+ \d{4}", w) for w in month_only["when"])


def test_theme_country_table_adds_up(events):
    table = tl.theme_country_table(events)
    assert list(table["Theme"]) == list(briefing.labels("events", "themes").values())
    by_country = table.drop(columns=["Theme", "Events"]).sum(axis=1)
    assert (by_country == table["Events"]).all()
    assert table.columns.name is None


# --- the chart ------------------------------------------------------------------------------------


def test_strip_chart_draws_every_event_on_the_axis_once_per_theme(events, as_of):
    fig = charts.strip_chart(events, as_of)
    ax = fig.axes[0]
    start = tl.axis_start(events)
    shown = events[events["date"] >= start]
    per_theme = shown["themes"].explode()
    day = shown["date_precision"].astype(str) == "day"
    n_dots = sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == "event")
    n_bars = len([line for line in ax.get_lines() if line.get_gid() == "event"])
    assert n_dots == shown[day]["themes"].explode().shape[0]
    assert n_dots + n_bars == len(per_theme)


def test_strip_chart_title_states_the_densest_month(events, as_of):
    fig = charts.strip_chart(events, as_of)
    months, top = tl.densest_months(events)
    text = _texts(fig)
    assert tl.month_names(months) in text and f"{top} of the {len(events)}" in text
    off = int((events["date"] < tl.axis_start(events)).sum())
    if off:
        assert f"Not drawn: {off} earlier" in text


def test_cells_stack_dots_that_would_overlap():
    frame = _events(
        [
            ("E001", "2025-10-26", "day", "Malaysia", "trade", "a", "reported"),
            ("E002", "2025-10-26", "day", "China", "trade", "b", "reported"),
            ("E003", "2025-10-27", "day", "China", "trade", "c", "reported"),
            ("E004", "2025-10-10", "day", "China", "trade", "d", "reported"),
            ("E005", "2025-10-01", "month", "China", "trade", "e", "reported"),
        ]
    )
    levels = charts._levels(frame)
    assert levels["E005"] == 0  # the month-wide bar takes its own level first
    assert len({levels["E001"], levels["E002"], levels["E003"]}) == 3
    assert levels["E004"] == 1  # far from the others: back on the first free level


# --- the explorer ---------------------------------------------------------------------------------


def test_default_view_is_every_event_in_date_order(events):
    explorer = TimelineExplorer(events)
    assert explorer.theme.value == ALL and explorer.country.value == ALL and explorer.status.value == ALL
    rows = explorer.selected()
    assert len(rows) == len(events)
    assert list(rows["event_id"]) == list(events.sort_values(["date", "event_id"])["event_id"])
    assert f"<p>{len(events)} events</p>" in explorer.output.value


def test_presets_in_the_constructor_by_label_or_code(events):
    explorer = TimelineExplorer(events, country="china", theme="Trade", sort="actor")
    assert (explorer.country.value, explorer.theme.value, explorer.sort.value) == ("China", "trade", "actor")
    assert (explorer.selected()["country"] == "China").all()
    with pytest.raises(ValueError, match=r"choose one of: .*China"):
        TimelineExplorer(events, country="Atlantis")


def test_an_empty_view_says_why_and_what_to_change(events):
    explorer = TimelineExplorer(events)
    country = next(c for c in explorer.country.options if c != ALL)
    explorer.country.value = country
    present = set(explorer.selected()["status"].astype(str))
    missing = next((s for s in explorer.status.options if s != ALL and s not in present), None)
    if missing is None:
        pytest.skip("every status occurs for that country")
    explorer.status.value = missing
    assert explorer.selected().empty
    text = explorer.output.value
    assert f"country {country}" in text and f"status {missing}" in text and f"back to {ALL}" in text


def test_filters_combine(events):
    explorer = TimelineExplorer(events)
    explorer.theme.value = "trade"
    explorer.country.value = "Malaysia"
    rows = explorer.selected()
    assert len(rows) and (rows["country"] == "Malaysia").all()
    assert rows["theme_list"].apply(lambda t: "trade" in t).all()
    assert f"<p>{len(rows)} events</p>" in explorer.output.value
    explorer.status.value = "unverified"
    assert (explorer.selected()["status"] == "unverified").all()


def test_month_range_keeps_events_whose_period_overlaps(events):
    explorer = TimelineExplorer(events)
    options = [value for _, value in explorer.months.options]
    october = options.index(pd.Period("2023-10", "M"))
    explorer.months.index = (october, october)
    rows = explorer.selected()
    assert len(rows)
    assert ((rows["date"] <= pd.Timestamp("2023-10-31")) & (rows["end"] >= pd.Timestamp("2023-10-01"))).all()
    # the month-precision cabinet decision of that month is kept and shown without a day
    month_rows = rows[rows["date_precision"].astype(str) == "month"]
    assert len(month_rows) and "<td>October 2023</td>" in explorer.output.value


def test_sort_by_actor_and_by_theme(events):
    explorer = TimelineExplorer(events)
    explorer.sort.value = "actor"
    actors = list(explorer.selected()["actor"].astype(str).str.lower())
    assert actors == sorted(actors)
    explorer.sort.value = "theme"
    first = [min(tl.themes().index(t) for t in themes) for themes in explorer.selected()["theme_list"]]
    assert first == sorted(first)
    rows = tl.sort_rows(tl.flagged(events), "country")
    assert list(rows["country"].astype(str)) == sorted(rows["country"].astype(str))


def test_table_columns_and_escaping(events):
    frame = events.copy()
    frame["event"] = frame["event"].astype("object")
    frame.loc[frame.index[0], "event"] = "<b>bold</b>"
    explorer = TimelineExplorer(frame)
    assert "<b>bold</b>" not in explorer.output.value and "&lt;b&gt;bold&lt;/b&gt;" in explorer.output.value
    shown, columns = TimelineExplorer(events).static_table()
    assert columns == COLUMNS and set(COLUMNS) <= set(shown.columns)
    assert list(shown["event_id"]) == list(events.sort_values(["date", "event_id"])["event_id"])
    assert all(title in explorer.output.value for title in ("Date", "Themes", "Event", "Source (status)"))


def test_the_explorers_load_no_plotting_library():
    """Explorers take their rows from analysis, not from the chart modules, so a re-runner's explorer
    does not pay for matplotlib."""
    code = (
        "import sys, briefing.widgets.timeline, briefing.widgets.timeline_page, briefing.widgets.outlook; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- the notebook's prose -------------------------------------------------------------------------


def test_every_event_date_is_published_for_other_pages(events):
    published = chapter.numbers(Data())
    for row in events.itertuples():
        assert published[f"day_{row.event_id}"] == briefing.text.long_date(row.date, str(row.date_precision))


def test_names_other_pages_take_from_this_page_are_published():
    pages = [*ROOT.joinpath("notebooks").glob("*.ipynb"), *ROOT.joinpath("book").glob("*.md")]
    cited = set()
    for page in [*pages, ROOT / "index.md"]:
        text = notebook_markdown(page) if page.suffix == ".ipynb" else page.read_text(encoding="utf-8")
        cited |= set(re.findall(CROSS_PAGE, text))
    assert cited, "no page cites the timeline's glue: this test checks nothing"
    assert cited <= glued_names(NOTEBOOK), cited - glued_names(NOTEBOOK)


def test_prose_digits_are_only_identifiers():
    prose = re.sub(r"```\{glue:figure\}[^\n]*\n(?::[^\n]*\n)*", "", notebook_markdown(NOTEBOOK))
    identifiers = (
        r"Executive Order \d{5}|Announcement No\. \d+|Section 122|Section 301|Trade Act of 1974|\.\./book/\S+"
    )
    left = re.sub(identifiers, "", without_roles(prose))
    assert not re.search(r"\d", left), re.findall(r".{0,30}\d.{0,30}", left)


# --- the story timeline ---------------------------------------------------------------------------


def test_story_timeline_draws_the_labelled_key_events_in_period_order():
    from briefing.analysis.timeline import STORY, story_rows

    events = briefing.load_events()
    rows = story_rows(events)
    drawn = events[events["charts"].map(lambda charts: STORY in charts)]
    assert len(rows) == len(drawn) and rows["short_label"].notna().all()
    assert (rows["short_label"].str.len() <= 40).all()
    assert rows["end"].is_monotonic_increasing  # a month-only event never comes before the days of its month
    for month, cell in rows.groupby(rows["date"].dt.to_period("M")):
        order = list(cell["date_precision"].astype(str))
        if "month" in order and "day" in order:
            assert order.index("month") > max(i for i, p in enumerate(order) if p == "day"), month


def test_story_timeline_draws_what_did_not_happen_hollow_and_names_every_mark():
    from briefing.analysis.timeline import story_rows
    from briefing.figures.timeline import story_chart

    data = Data()
    rows = story_rows(data.events)
    fig = story_chart(data.events, data.agreements)
    marks = [c for c in fig.axes[0].collections if c.get_gid() == "event"]
    assert len(marks) == len(rows)
    for mark, happened in zip(marks, rows["happened"], strict=True):
        face = tuple(mark.get_facecolor()[0])
        assert (face == (1.0, 1.0, 1.0, 1.0)) != bool(happened)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any("day" in label for label in labels) and any("month" in label for label in labels)
    assert any("due" in label for label in labels)
    assert title_of(fig).startswith("After the ")
