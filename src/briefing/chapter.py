"""The chapter contract: what every page notebook does the same way.

A notebook's first cell is::

    from briefing.chapter import Data, publish_numbers
    from briefing.chapters import trade

    data = Data()
    publish_numbers(trade, data)

which glues every number of the page's prose plus ``chapter_as_of``, the as-of date of the datasets the
page actually read. An explorer's static view (the table the book shows in place of the live widget)
is shown one way: ``show_static(explorer)``.
"""

from __future__ import annotations

from datetime import date
from types import ModuleType
from typing import Any

from . import loaders
from .text import long_date, publish


class Data:
    """The data package as a page sees it: ``data.events`` loads (validated, typed) on first use and
    is kept; ``data.used`` lists the datasets read, in order of first use."""

    def __init__(self) -> None:
        self._frames: dict[str, Any] = {}

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._frames:
            if name not in loaders.dataset_names():
                raise AttributeError(
                    f"no dataset named {name!r}; known: {', '.join(loaders.dataset_names())}"
                )
            self._frames[name] = loaders.load(name)
        return self._frames[name]

    @property
    def used(self) -> list[str]:
        return list(self._frames)

    def as_of(self) -> date:
        """The latest as-of date among the datasets read so far."""
        return max(loaders.as_of(name) for name in self.used)


def publish_numbers(page: ModuleType, data: Data) -> dict[str, Any]:
    """Compute ``page.numbers(data)``, add the page's dates (``chapter_as_of``; the edition's date,
    the date its sources run to and, when those are far apart, a note saying so), glue them all."""
    from .dateline import edition_dates

    numbers = dict(page.numbers(data))
    numbers["chapter_as_of"] = long_date(data.as_of())
    numbers.update(edition_dates())
    publish(**numbers)
    return numbers


def show_static(explorer: Any):
    """The book's view of an explorer. A tracker table (an explorer with ``page_table``) shows every
    row, with the explorer's filters offered in the page and opening on its defaults; any other
    explorer shows the rows its default controls select. Source ids link to the Sources page when
    the explorer's ``link_sources`` is true."""
    from IPython.display import HTML

    from .tables import show

    if hasattr(explorer, "page_table"):
        return HTML(explorer.page_table())

    frame, columns = explorer.static_table()
    return show(frame, columns, link_sources=getattr(explorer, "link_sources", False))
