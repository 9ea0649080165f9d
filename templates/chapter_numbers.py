"""Template for src/briefing/chapters/<page>.py: every number the page's prose glues.

Copy to src/briefing/chapters/my_page.py. Compute through briefing.analysis (pure pandas) and keep
this module to naming and formatting: no drawing, no widgets, no row ids, no numbers typed in.
"""

from __future__ import annotations

from ..chapter import Data


def numbers(data: Data) -> dict:
    events = data.events  # loading through `data` records the dataset for the as-of line
    return {"n_rows": len(events)}
