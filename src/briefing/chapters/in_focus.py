"""The In Focus brief (notebooks/in_focus.ipynb): what holds on the edition date.

The brief takes its other numbers from the chapters that own them, by cross-page glue, so that a
number in the brief can never differ from its chapter; what holds now is computed here once, from
the same function every page uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import state_of_play
from .outlook import watch_lists

if TYPE_CHECKING:
    from ..chapter import Data


def numbers(data: Data) -> dict[str, object]:
    return {**state_of_play.numbers(data), **watch_lists(data.watch_indicators)}
