"""The outlook page (notebooks/outlook.ipynb): every number its prose glues.

Past or upcoming is judged against the indicators' own as-of date, never the clock. Event dates and
the trade agreement's terms are not computed here: the page takes them from the timeline and trade
pages by cross-page glue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..analysis import outlook
from ..loaders import as_of
from . import state_of_play

if TYPE_CHECKING:
    from ..chapter import Data


def _cites(row) -> str:
    return ",".join(dict.fromkeys(s for s in (row.source_id, row.outcome_source_id) if pd.notna(s)))


def watch_lists(indicators) -> dict[str, str]:
    """The watch lists the pages print, in MyST Markdown, from the indicators and the edition date:
    ``watch_ahead_md`` (only what is still ahead, with its due date or 'no date set', and what it
    would signal) and ``watch_due_md`` ('Due, not confirmed': items whose date has passed, with
    their outcome status from the data); ``_short`` variants without the signal, for the two-page
    brief. Each item cites its sources."""
    rows = outlook.with_timing(indicators, as_of("watch_indicators"))
    ahead, due = outlook.ahead(rows), outlook.fallen_due(rows)
    lists = {
        "watch_ahead_md": [
            f"- **{r.indicator}** ({r.due_text}). {r.signal} {{cite:p}}`{_cites(r)}`"
            for r in ahead.itertuples()
        ],
        "watch_ahead_short_md": [
            f"- {r.indicator} ({r.due_text}) {{cite:p}}`{_cites(r)}`" for r in ahead.itertuples()
        ],
        "watch_due_md": [
            f"- **{r.indicator}** (due {r.due_text}). {r.status_text} {{cite:p}}`{_cites(r)}`"
            for r in due.itertuples()
        ],
        "watch_due_short_md": [
            f"- {r.indicator} (due {r.due_text}): {r.status_text} {{cite:p}}`{_cites(r)}`"
            for r in due.itertuples()
        ],
    }
    nothing = "- Nothing is listed here for this edition."
    return {name: "\n".join(items or [nothing]) + "\n" for name, items in lists.items()}


def numbers(data: Data) -> dict[str, object]:
    return {
        **outlook.outlook_numbers(data.watch_indicators, as_of("watch_indicators")),
        **watch_lists(data.watch_indicators),
        **state_of_play.numbers(data),  # what holds on the edition date
    }
