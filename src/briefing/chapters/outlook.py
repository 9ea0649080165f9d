"""The outlook page (notebooks/outlook.ipynb): every number its prose glues.

Past or upcoming is judged against the indicators' own as-of date, never the clock. Event dates and
the trade agreement's terms are not computed here: the page takes them from the timeline and trade
pages by cross-page glue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import outlook
from ..loaders import as_of
from . import state_of_play

if TYPE_CHECKING:
    from ..chapter import Data


def numbers(data: Data) -> dict[str, object]:
    return {
        **outlook.outlook_numbers(data.watch_indicators, as_of("watch_indicators")),
        **state_of_play.numbers(data),  # what holds on the edition date
    }
