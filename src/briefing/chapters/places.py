"""The map page (notebooks/places): every value its prose glues."""

from __future__ import annotations

from ..analysis import places as analysis
from ..text import share_text
from .row_values import policy_values


def numbers(data) -> dict[str, object]:
    places, policy = data.places, data.malaysia_policy
    points = analysis.resource_points(places, policy)
    sites = analysis.sites(places)
    top = points.iloc[0]
    operating = places[places["kind"] == "plant_operating"]
    return {
        "n_estimate_states": len(points),
        "estimate_states": ", ".join(points["state"].astype(str).iloc[:-1])
        + " and "
        + str(points["state"].iloc[-1]),
        "top_state": str(top["state"]),
        "top_state_share": share_text(analysis.share_of_largest(points)),
        "states_total_mt": f"{points['amount'].sum() / 1e6:.1f}",
        "n_sites_drawn": len(sites),
        "n_projects": int((places["kind"] != analysis.RESOURCE).sum()),
        "n_not_drawn": len(analysis.not_drawn(places)),
        "n_at_state_centroid": int(
            ((places["kind"] != analysis.RESOURCE) & (places["location_basis"] == "state_centroid")).sum()
        ),
        "operating_town": str(operating["town"].iloc[0]) if len(operating) else "",
        **policy_values(policy),
    }
