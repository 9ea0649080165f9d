"""Explorers: live ipywidgets controls over the data, for readers who re-run the notebooks.

Each explorer is a class holding its controls and an HTML output, so tests can set a control and
read what the reader would see. In the rendered book these cells are removed, because an embedded
widget is a frozen snapshot that would mislead; the book shows the explorer's rows instead as a table
the page itself can filter, search and sort (``page_table``), with the explorer's own controls.

One module per chapter's explorer; shared bits live here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from ..tables import Facet, explorer_table

ALL = "(all)"  # the "no filter" choice of every dropdown
YES = "yes"  # what a row matching a check box holds in the page table


@dataclass(frozen=True)
class PageFilters:
    """How an explorer's controls become the book's in-page filters.

    ``row_id``: the column (or columns) of ``selected()`` that identify a row. ``choices`` and
    ``flags``: the names of the explorer's dropdowns and check boxes the page offers. ``period``:
    (range slider, column of a row's first day, column of its last day or None for the same day).
    ``labels``: a control's label in the page, where its own description does not fit. ``sort_by``:
    for a shown column whose text does not sort (a date in words), the column of ``selected()``
    whose values do."""

    noun: tuple[str, str]
    row_id: str | tuple[str, ...]
    choices: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    period: tuple[str, str, str | None] | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    sort_by: Mapping[str, str] = field(default_factory=dict)


def choices(control) -> list[tuple[str, object]]:
    """A dropdown's or list's choices as (label, value) pairs, without the "no filter" one."""
    pairs = [(o, o) if isinstance(o, str) else (str(o[0]), o[1]) for o in control.options]
    return [(label, value) for label, value in pairs if value != ALL]


def neutral(control) -> object:
    """The value at which ``control`` filters nothing out."""
    kind = type(control).__name__
    if kind == "Checkbox":
        return False
    if kind == "SelectMultiple":
        return tuple(value for _, value in choices(control))
    if kind == "SelectionRangeSlider":
        return (control.options[0][1], control.options[-1][1])
    return ALL


@contextmanager
def unfiltered(controls: Sequence):
    """Every control at its no-filter value for the duration; the reader's settings after."""
    kept = [control.value for control in controls]
    try:
        for control in controls:
            control.value = neutral(control)
        yield
    finally:
        for control, value in zip(controls, kept, strict=True):
            control.value = value


def default_of(control) -> str:
    """The choice the explorer opens on, as the page table records it ("" when it filters nothing)."""
    value = control.value
    if type(control).__name__ == "Checkbox":
        return YES if value else ""
    return "" if value == neutral(control) else str(value)


def month_code(value) -> str:
    """'2025-10' for a month (a Period or any day in it): codes that sort as text."""
    return pd.Period(value, freq="M").strftime("%Y-%m")


def _row_ids(rows: pd.DataFrame, row_id: str | tuple[str, ...]) -> list[str]:
    names = [row_id] if isinstance(row_id, str) else list(row_id)
    return ["|".join(str(v) for v in values) for values in rows[names].itertuples(index=False)]


def page_table(explorer) -> str:
    """Every row the explorer can show, as a table the page filters exactly as the explorer does.

    For each choice of each control (every other filter off) the explorer itself says which rows it
    keeps, so the page repeats none of its rules. The page opens on the explorer's own defaults."""
    spec: PageFilters = explorer.page_filters
    controls = {name: getattr(explorer, name) for name in (*spec.choices, *spec.flags)}
    if spec.period is not None:
        controls[spec.period[0]] = getattr(explorer, spec.period[0])
    defaults = {name: default_of(control) for name, control in controls.items()}
    with unfiltered(list(controls.values())):
        rows = explorer.selected()
        frame, columns = explorer.static_table()
        ids = _row_ids(rows, spec.row_id)
        if len(frame) != len(ids):
            raise ValueError(f"{type(explorer).__name__}: the table's rows do not match the explorer's")
        facets = []
        for name in spec.choices:
            control = controls[name]
            several = type(control).__name__ == "SelectMultiple"
            matches: dict[str, list[str]] = {row: [] for row in ids}
            options = []
            for label, value in choices(control):
                control.value = (value,) if several else value
                for row in set(_row_ids(explorer.selected(), spec.row_id)):
                    matches[row].append(str(value))
                options.append((str(value), label))
            control.value = neutral(control)
            label = spec.labels.get(name, control.description)
            facets.append(Facet(name, label, options, [matches[r] for r in ids], default=defaults[name]))
        for name in spec.flags:
            control = controls[name]
            control.value = True
            kept = set(_row_ids(explorer.selected(), spec.row_id))
            control.value = False
            flagged = [[YES] if row in kept else [] for row in ids]
            label = spec.labels.get(name, control.description)
            facets.append(Facet(name, label, [], flagged, kind="flag", default=defaults[name]))
        if spec.period is not None:
            name, first, last = spec.period
            control = controls[name]
            months = [(month_code(value), label) for label, value in control.options]
            spans = zip(rows[first], rows[last or first], strict=True)
            periods = [[month_code(start), month_code(end)] for start, end in spans]
            label = spec.labels.get(name, control.description)
            facets.append(Facet(name, label, months, periods, kind="period"))
    sort_keys = {
        shown: [value.strftime("%Y-%m-%d") if pd.notna(value) else "9999" for value in rows[source]]
        for shown, source in spec.sort_by.items()
    }
    return explorer_table(
        frame,
        columns,
        facets,
        spec.noun,
        sort_keys,
        link_sources=getattr(explorer, "link_sources", False),
    )


class InPageFilters:
    """An explorer the book shows as a table the page filters (``page_filters`` says how)."""

    page_filters: PageFilters

    def page_table(self) -> str:
        return page_table(self)
