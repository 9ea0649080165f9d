"""The MoU-text page (notebooks/01_mou_text): every value its prose glues."""

from __future__ import annotations

from .. import loaders
from ..analysis import mou as analysis
from ..text import long_date
from . import state_of_play
from .row_values import event_days


def numbers(data) -> dict[str, object]:
    """Counts and phrases about the MoU's text, its signing, its relatives, and the dates the prose
    cites (``date_<event id>``)."""
    provisions, agreements, relatives = data.mou_provisions, data.agreements, data.agreement_provisions
    events, commitments = data.events, data.art_commitments
    mou = analysis.malaysian_mou(agreements)
    return {
        **state_of_play.numbers(data),  # what holds on the edition date
        "book_as_of": long_date(loaders.as_of()),
        "signing_date": long_date(mou["date"], str(mou["date_precision"])),
        "signing_place": str(mou["place"]),
        "mou_title": str(mou["instrument"]),
        "n_signing_day_events": int((events["date"] == mou["date"]).sum()),
        "n_art_minerals": int((commitments["area"] == "critical_minerals").sum()),
        **analysis.headline_numbers(provisions, agreements, relatives),
        **analysis.relative_details(agreements, relatives),
        **event_days(events),
    }
