"""The page comparing the 2025–26 US critical-minerals and trade deals (notebooks/deals_compared):
every value its prose glues. Numbers another page already publishes are glued from there, not
recomputed here: the ART's tariff rate, tariff lines and investment (the trade page), the MoU's
signing date and place and the Japan and Australia frameworks' reported terms (the MoU page)."""

from __future__ import annotations

from ..analysis import deals as analysis
from ..analysis import mou as mou_analysis
from ..analysis.trade import number_text
from ..text import long_date
from . import state_of_play
from .row_values import event_days


def numbers(data) -> dict[str, object]:
    """Counts, dates and phrases about the deals and their clauses, by glue name."""
    agreements, provisions = data.agreements, data.agreement_provisions
    table = analysis.deals(agreements)
    long = analysis.cells(agreements, provisions)
    state = long["state"].value_counts()
    per_deal = analysis.counts(agreements, provisions)
    clauses = analysis.provisions_compared()
    by_id = table.set_index("agreement_id")
    relatives = mou_analysis.nearest(agreements).set_index("partner")
    mou = analysis.malaysian_instrument(agreements, "mou")
    art = analysis.malaysian_instrument(agreements, "trade_agreement")
    phrases = mou_analysis.provision_phrases

    def phrase(provision: str, state_: str = "present") -> str:
        return mou_analysis.join(analysis.with_clause(agreements, provisions, provision, state_))

    def clauses_of(agreement_id: str, state_: str) -> list[str]:
        rows = long[(long["agreement_id"] == agreement_id) & (long["state"] == state_)]
        return list(rows["provision"])

    forms = table["form"].value_counts()
    form_phrase = mou_analysis.join(
        [
            f"{forms[f]} {f if forms[f] == 1 else f + 's'}"
            for f in [*analysis.form_labels().values(), analysis.UNKNOWN_FORM]
            if f in forms
        ]
    )
    binding = table["binding"].astype(str).value_counts()
    empty = per_deal[per_deal["not known"] == len(clauses)]
    with_export = analysis.with_clause(agreements, provisions, "export_restriction")
    export_binding = analysis.with_clause(agreements, provisions, "export_restriction", binding="binding")
    export_partners = analysis.partners_with(agreements, provisions, "export_restriction")
    numbers: dict[str, object] = {
        "n_deals": len(table),
        "period": analysis.period(agreements),
        "n_partners": int(table["partner"].nunique()),
        "first_deal": str(table.iloc[0]["label"]),
        "first_deal_date": long_date(table.iloc[0]["date"], str(table.iloc[0]["date_precision"])),
        "last_deal": str(table.iloc[-1]["label"]),
        "last_deal_date": long_date(table.iloc[-1]["date"], str(table.iloc[-1]["date_precision"])),
        "forms": form_phrase,
        "n_binding": int(binding.get("binding", 0)),
        "n_non_binding": int(binding.get("non_binding", 0)),
        "n_unclear": int(binding.get("unclear", 0)),
        "binding_deals": mou_analysis.join(list(table[table["binding"] == "binding"]["label"])),
        "n_clauses": len(clauses),
        "n_cells": len(long),
        "n_present": int(state.get("present", 0)),
        "n_absent": int(state.get("absent", 0)),
        "n_unknown": int(state.get("not known", 0)),
        "known_pct": 100 * (1 - state.get("not known", 0) / len(long)),
        "most_known_deal": str(per_deal["present"].idxmax()),
        "most_known_n": int(per_deal["present"].max()),
        "n_empty_deals": len(empty),
        "empty_deals": mou_analysis.join(list(empty.index)),
        "with_price_floor": phrase("price_floor"),
        "with_stockpiling": phrase("stockpiling"),
        "with_money": phrase("investment_amount"),
        "without_money": phrase("investment_amount", "absent"),
        "with_priority": phrase("asset_sale_priority"),
        "with_export": phrase("export_restriction"),
        "n_with_export": len(with_export),
        "export_partners": mou_analysis.join(export_partners),
        "n_export_partners": len(export_partners),
        "export_binding": mou_analysis.join(export_binding),
        "export_not_binding": mou_analysis.join([d for d in with_export if d not in export_binding]),
        "with_controls": phrase("export_control_alignment"),
        "n_with_controls": len(analysis.with_clause(agreements, provisions, "export_control_alignment")),
        "with_permitting": phrase("permitting"),
        "with_recycling": phrase("recycling"),
        "with_review": phrase("foreign_acquisition_review"),
        "with_deadline": phrase("deadline"),
        "without_deadline": phrase("deadline", "absent"),
        "with_value": phrase("value_addition"),
        "n_with_value": len(analysis.with_clause(agreements, provisions, "value_addition")),
        "without_value": phrase("value_addition", "absent"),
        "with_non_market": phrase("non_market_policies"),
        # Malaysia's MoU and trade agreement
        "mou_present": mou_analysis.join(phrases(clauses_of(mou["agreement_id"], "present"))),
        "mou_absent": mou_analysis.join(phrases(clauses_of(mou["agreement_id"], "absent")), "or"),
        "n_same_day": int(((table["date"] == mou["date"]) & (table["date_precision"] == "day")).sum()),
        "art_present": mou_analysis.join(phrases(clauses_of(art["agreement_id"], "present"))),
    }
    # the sourced amounts: the ART's as art_money_bn, every deal's as money_bn_<agreement id>
    for row in analysis.money(long).itertuples():
        numbers[f"money_bn_{row.agreement_id.lower()}"] = number_text(row.amount_usd_bn)
        if row.agreement_id == art["agreement_id"]:
            numbers["art_money_bn"] = f"{row.amount_usd_bn:,.0f}"
    if "Thailand" in relatives.index:
        grid = analysis.matrix(agreements, provisions)
        mou_row = grid.loc[by_id.loc[mou["agreement_id"], "label"]]
        thai_row = grid.loc[by_id.loc[relatives.loc["Thailand", "agreement_id"], "label"]]
        thai_only = [p for p in clauses if thai_row[p] == "present" and mou_row[p] != "present"]
        numbers["thai_only"] = mou_analysis.join(phrases(thai_only))
    for partner, key in (("Australia", "australia"), ("Japan", "japan")):
        if partner not in relatives.index:
            continue
        first, further = analysis.due_dates(long, str(relatives.loc[partner, "agreement_id"]))
        numbers[f"{key}_due"] = first
        if key == "japan" and further:
            numbers["japan_ministerial_due"] = further
    numbers |= event_days(data.events)
    numbers.update(state_of_play.numbers(data))  # what holds on the edition date
    return numbers
