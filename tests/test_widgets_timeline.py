"""The timeline explorer: setting a control changes what the reader sees."""

from __future__ import annotations

import briefing
from briefing.widgets import ALL
from briefing.widgets.timeline import EventExplorer


def test_default_view_shows_every_event():
    events = briefing.load_events()
    explorer = EventExplorer(events)
    assert explorer.theme.value == ALL and explorer.country.value == ALL
    assert f"<p>{len(events)} events</p>" in explorer.output.value


def test_theme_filter_keeps_only_that_theme():
    events = briefing.load_events()
    explorer = EventExplorer(events)
    explorer.theme.value = "china"
    expected = events[events["themes"].apply(lambda t: "china" in t)]
    assert 0 < len(expected) < len(events)
    assert f"<p>{len(expected)} events</p>" in explorer.output.value
    assert all(t in explorer.output.value for t in expected["source_id"].astype(str))


def test_country_and_theme_filters_combine():
    events = briefing.load_events()
    explorer = EventExplorer(events)
    explorer.country.value = "China"
    explorer.theme.value = "domestic"
    rows = explorer.selected()
    assert (rows["country"] == "China").all()
    assert rows["themes"].apply(lambda t: "domestic" in t).all()
    assert f"<p>{len(rows)} events</p>" in explorer.output.value


def test_event_text_is_escaped_in_the_output():
    events = briefing.load_events().copy()
    events["event"] = events["event"].astype("object")
    events.loc[events.index[0], "event"] = "<script>alert(1)</script>"
    explorer = EventExplorer(events)
    assert "<script>alert(1)</script>" not in explorer.output.value
    assert "&lt;script&gt;" in explorer.output.value
