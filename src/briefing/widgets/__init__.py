"""Explorers: live ipywidgets controls over the data, for readers who re-run the notebooks.

Each explorer is a class holding its controls and an HTML output, so tests can set a control and
read what the reader would see. In the rendered book these cells are removed (a static default view
stands in), because an embedded widget is a frozen snapshot that would mislead.

One module per chapter's explorer; shared bits live here.
"""

from __future__ import annotations

ALL = "(all)"  # the "no filter" choice of every dropdown
