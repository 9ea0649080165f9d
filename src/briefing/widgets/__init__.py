"""Explorers: live ipywidgets controls over the data, for readers who re-run the notebooks.

Each explorer is a class holding its controls and an HTML output, so tests can set a control and
read what the reader would see. In the rendered book these cells are removed, because an embedded
widget is a frozen snapshot that would mislead; the book shows the explorer's rows instead as a table
the page itself can filter, search and sort (``page_table``), with the explorer's own controls.

One module per chapter's explorer; shared bits live here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

import pandas as pd

ALL = "(all)"  # the "no filter" choice of every dropdown
YES = "yes"  # what a row matching a check box holds in the page table


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


def choice_matches(
    control, all_ids: list, row_ids: Callable[[], pd.Series], controls: Sequence, code=str
) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """For each choice of ``control`` (every other filter off): set it, ask the explorer which rows
    it keeps. Returns the choices as (value, label) and, per row of ``all_ids``, the choices that keep
    it: the page then filters exactly as the explorer does, without repeating its rules."""
    options, matches = [], {row_id: [] for row_id in all_ids}
    several = type(control).__name__ == "SelectMultiple"
    with unfiltered(controls):
        for label, value in choices(control):
            control.value = (value,) if several else value
            for row_id in set(row_ids()):
                matches[row_id].append(code(value))
            options.append((code(value), label))
    return options, [matches[row_id] for row_id in all_ids]


def flag_matches(control, all_ids: list, row_ids: Callable[[], pd.Series], controls: Sequence):
    """Per row of ``all_ids``: [YES] when ticking the box ``control`` keeps it, else []."""
    with unfiltered(controls):
        control.value = True
        kept = set(row_ids())
    return [[YES] if row_id in kept else [] for row_id in all_ids]


def default_of(control, code=str) -> str:
    """The choice the explorer opens on, as the page table records it ("" when it filters nothing)."""
    value = control.value
    if type(control).__name__ == "Checkbox":
        return YES if value else ""
    return "" if value == neutral(control) else code(value)
