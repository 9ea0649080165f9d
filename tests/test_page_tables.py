"""The tables the book shows in place of the explorers: every row, each cell labelled with its
column, and for each filter the choices each row matches, the same rows the explorer keeps."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

import briefing
from briefing.publish.site.pagehtml import explore_sources, label_table_cells
from briefing.tables import Facet, explorer_table
from briefing.widgets import choices, neutral
from briefing.widgets.china import ChinaExplorer
from briefing.widgets.deals import DealExplorer
from briefing.widgets.domestic import PolicyExplorer
from briefing.widgets.mou import ProvisionExplorer
from briefing.widgets.outlook import OutlookExplorer
from briefing.widgets.timeline_page import TimelineExplorer
from briefing.widgets.trade import CommitmentExplorer


def parse(table: str) -> tuple[dict, list[dict[str, list[str]]]]:
    """The table's filter settings and, per row, its data-f-* values."""
    config = json.loads(html.unescape(re.search(r"data-explorer='([^']*)'", table).group(1)))
    attribute = re.compile(r' data-f-([\w-]+)="([^"]*)"')
    rows = [
        {key: html.unescape(value).split("|") if value else [] for key, value in attribute.findall(tr)}
        for tr in re.findall(r"<tr( data-f-[^>]*)>", table)
    ]
    return config, rows


EXPLORERS = {
    "timeline": lambda: (TimelineExplorer(briefing.load_events()), ("theme", "country", "status")),
    "china": lambda: (ChinaExplorer(briefing.load_events()), ("actor", "theme")),
    "mou": lambda: (ProvisionExplorer(briefing.load_mou_provisions()), ("category", "verb", "wording")),
    "trade": lambda: (CommitmentExplorer(briefing.load_art_commitments()), ("party", "area")),
    "domestic": lambda: (PolicyExplorer(briefing.load_malaysia_policy()), ("stage", "kind", "status")),
    "outlook": lambda: (
        OutlookExplorer(briefing.load("watch_indicators"), briefing.as_of("watch_indicators")),
        ("theme", "timing"),
    ),
    "deals": lambda: (
        DealExplorer(briefing.load_agreements(), briefing.load_agreement_provisions()),
        ("deals", "clauses"),
    ),
}


@pytest.mark.parametrize("name", EXPLORERS)
def test_each_choice_keeps_the_rows_the_explorer_keeps(name):
    explorer, controls = EXPLORERS[name]()
    table = explorer.page_table()
    config, rows = parse(table)
    spec = explorer.page_filters
    every = [*spec.choices, *spec.flags, *([spec.period[0]] if spec.period else [])]
    for attribute in every:  # every filter off, as when the reader sets only one
        getattr(explorer, attribute).value = neutral(getattr(explorer, attribute))
    facets = {facet["key"]: facet for facet in config["facets"]}
    assert set(controls) <= set(facets)
    for attribute in controls:
        control = getattr(explorer, attribute)
        for value, _label in facets[attribute]["options"]:
            chosen = next(v for _, v in choices(control) if str(v) == value)
            control.value = (chosen,) if type(control).__name__ == "SelectMultiple" else chosen
            page = sum(value in row[attribute] for row in rows)
            assert page == len(explorer.selected()), (name, attribute, value)
        control.value = neutral(control)


def test_the_page_opens_where_the_explorer_opens():
    config, _ = parse(CommitmentExplorer(briefing.load_art_commitments()).page_table())
    assert {f["key"]: f["default"] for f in config["facets"]}["area"] == "critical_minerals"
    config, _ = parse(ChinaExplorer(briefing.load_events()).page_table())
    assert {f["key"]: f["default"] for f in config["facets"]}["theme"] == "china"


def test_the_table_holds_every_row_and_labels_every_cell():
    events = briefing.load_events()
    table = TimelineExplorer(events).page_table()
    assert table.count("<tr data-f-") == len(events)
    assert table.count("<td ") == table.count('data-label="') == len(events) * 5


def test_flags_and_deal_cells():
    explorer = ProvisionExplorer(briefing.load_mou_provisions())
    _, rows = parse(explorer.page_table())
    explorer.thai_only.value = True
    assert sum(row["thai_only"] == ["yes"] for row in rows) == len(explorer.selected())
    deals = DealExplorer(briefing.load_agreements(), briefing.load_agreement_provisions())
    _, rows = parse(deals.page_table())
    assert len(rows) == len(deals.selected())


def test_a_period_keeps_the_events_the_months_keep():
    """The page keeps an event whose first and last month overlap the chosen months; the explorer
    keeps the same events for the same months."""
    explorer = TimelineExplorer(briefing.load_events())
    config, rows = parse(explorer.page_table())
    months = next(f for f in config["facets"] if f["key"] == "months")["options"]
    low, high = months[3], months[6]
    explorer.months.value = (explorer.months.options[3][1], explorer.months.options[6][1])
    page = sum(row["months"][0] <= high[0] and row["months"][-1] >= low[0] for row in rows)
    assert page == len(explorer.selected()) > 0


def test_source_ids_link_to_their_entries():
    table = TimelineExplorer(briefing.load_events()).page_table()
    link = r'<td data-label="[^"]*"><span><a href="../book/references.html#cite-s\d+">S\d+</a>'
    assert re.search(link, table)


def test_cell_text_and_filter_values_are_escaped():
    frame = pd.DataFrame({"a": ["<script>alert(1)</script>"], "b": ['say "hi" & go']})
    facet = Facet("who", "Who", [("<x>", "<x>")], [["<x>"]])
    table = explorer_table(frame, {"a": "A", "b": "B's"}, [facet], ("row", "rows"))
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert 'data-f-who="&lt;x&gt;"' in table and 'say "hi" &amp; go' in table
    assert parse(table)[0]["facets"][0]["options"] == [["<x>", "<x>"]]


def test_docutils_and_pandas_tables_get_column_labels():
    body = (
        '<table class="table"><thead><tr><th class="head"><p>Field</p></th><th>Type &amp; unit</th></tr>'
        "</thead><tbody><tr><td><p>date</p></td><td>date</td></tr></tbody></table>"
    )
    labelled = label_table_cells(body)
    assert '<td data-label="Field"><p>date</p></td><td data-label="Type &amp; unit">' in labelled
    assert 'class="briefing-reflow table"' in labelled
    index = '<table class="indextable genindextable"><thead><tr><th>x</th></tr></thead></table>'
    assert label_table_cells(index) == index


def test_sources_list_gets_its_filters():
    body = '<div class="citation-list">\n<div class="citation" id="id2">\n<p>A</p></div></div>'
    entries = {"id2": {"kind": "news", "year": "2025", "date": "2025-10", "publisher": "The Star"}}
    out = explore_sources(body, entries, {"official_text": "Official text", "news": "News report"})
    assert 'data-f-kind="news" data-f-year="2025" data-s-date="2025-10" data-s-publisher="The Star"' in out
    config = json.loads(html.unescape(re.search(r"data-explorer='([^']*)'", out).group(1)))
    assert config["facets"][0]["options"] == [["news", "News report"]]


def test_glossary_links_carry_the_definition_without_citations():
    from docutils import nodes
    from sphinx.addnodes import pending_xref

    from briefing.publish.site.pagehtml import define_terms, definition_text

    paragraph = nodes.paragraph("", "A binding deal ")
    citation = pending_xref("", nodes.inline("", "S11"), refdomain="cite", reftarget="S11")
    paragraph += [citation, nodes.Text(". See the chapter.")]
    definition = nodes.definition("", paragraph)
    assert definition_text(definition) == "A binding deal. See the chapter."
    body = '<a class="reference internal" href="../book/glossary.html#term-ART"><span>ART</span></a>'
    out = define_terms(body, {"../book/glossary.html#term-ART": 'Say "binding" & mean it'})
    assert 'data-definition="Say &quot;binding&quot; &amp; mean it">' in out
    assert define_terms(body, {}) == body
