"""The timeline page (notebooks/timeline.ipynb): every number its prose glues.

Besides the counts, the page publishes every event's date in words as ``day_<event id>``, so any
page can cite an event's date by cross-page glue (``{glue:text}`timeline.ipynb::day_E030:s```)
instead of computing it again, and, for every item that was or is due, its verb phrase in the tense
the as-of date calls for as ``phrase_<event id>`` (a sentence writes the subject and glues the rest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import timeline
from ..loaders import as_of
from .row_values import event_days, event_phrases

if TYPE_CHECKING:
    from ..chapter import Data


def numbers(data: Data) -> dict[str, object]:
    events = data.events
    values = timeline.timeline_numbers(events, as_of("events"))
    values.update(event_days(events))
    values.update(event_phrases(events))  # other pages glue these from here
    return values
