"""Chapters: one module per page of the book, each exposing ``numbers(data) -> dict``.

``numbers`` returns every value the page's prose glues (name -> number, date text or phrase), computed
from the datasets through :mod:`briefing.analysis`. ``data`` is a :class:`briefing.chapter.Data`, which
loads datasets on first use and remembers which ones the page read (its as-of line comes from them).
Chapters import analysis and the base modules, never figures or widgets.
"""
