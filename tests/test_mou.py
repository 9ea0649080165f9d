"""The MoU chapter: the counts behind its charts, its prose numbers and its explorer."""

from __future__ import annotations

import pandas as pd
import pytest

import briefing
from briefing.analysis import mou as analysis
from briefing.chapter import Data
from briefing.chapters import mou_text
from briefing.figures import mou as charts
from briefing.figures import title_of
from briefing.widgets import ALL
from briefing.widgets.mou import PROVISION_COLUMNS, ProvisionExplorer


@pytest.fixture(scope="module")
def provisions() -> pd.DataFrame:
    return briefing.load_mou_provisions()


@pytest.fixture(scope="module")
def agreements() -> pd.DataFrame:
    return briefing.load_agreements()


@pytest.fixture(scope="module")
def agreement_provisions() -> pd.DataFrame:
    return briefing.load_agreement_provisions()


# --- counts behind the charts -----------------------------------------------------------------


WORDINGS = ("verbatim", "paraphrase", "reconstructed")
VERBS = ("will", "intend", "expect", "good_faith", "may", "none")  # strongest first, as in the schema


def test_each_part_is_its_section_without_the_item_number(provisions):
    for row in provisions.itertuples():
        assert row.section.startswith(row.part)
        assert row.section == row.part or row.section[len(row.part) :].strip()[:1] in "0123456789("
    assert (
        provisions.loc[provisions["section"] == "Areas of cooperation 3", "part"]
        .eq("Areas of cooperation")
        .all()
    )


def test_vocabulary_comes_from_the_descriptor():
    assert analysis.codes("mou_provisions", "wording") == WORDINGS
    assert analysis.codes("mou_provisions", "verb_strength") == VERBS
    assert briefing.labels("mou_provisions", "verb_strength")["good_faith"] == "good faith"
    phrases = analysis.vocabulary("mou_provisions", "verb_strength", "x_phrases")
    assert phrases["good_faith"] == "will work in good faith" and "none" not in phrases
    for field in ("category",):
        assert set(analysis.vocabulary("mou_provisions", field, "x_phrases")) == set(
            analysis.codes("mou_provisions", field)
        )
    assert set(analysis.vocabulary("agreement_provisions", "provision", "x_phrases")) == set(
        analysis.codes("agreement_provisions", "provision")
    )


def test_wording_counts_add_up_to_every_provision(provisions):
    table = analysis.wording_counts(provisions)
    assert list(table.columns) == list(WORDINGS)
    assert table.to_numpy().sum() == len(provisions)
    for wording in WORDINGS:
        assert table[wording].sum() == (provisions["wording"] == wording).sum()
    assert table.index[0] == provisions["part"].iloc[0]  # text order kept


def test_verb_counts_match_the_rows(provisions):
    table = analysis.verb_counts(provisions)
    assert list(table.columns) == list(VERBS)
    assert table.to_numpy().sum() == len(provisions)
    for row in provisions.itertuples():
        assert table.loc[str(row.category), str(row.verb_strength)] >= 1
    first = provisions.iloc[0]
    expected = (
        (provisions["category"] == first["category"])
        & (provisions["verb_strength"] == first["verb_strength"])
    ).sum()
    assert table.loc[str(first["category"]), str(first["verb_strength"])] == expected


def test_quoted_verbs_come_only_from_verbatim_rows(provisions):
    verbs = analysis.quoted_verbs(provisions)
    verbatim = set(provisions.loc[provisions["wording"] == "verbatim", "verb_strength"].astype(str)) - {
        "none"
    }
    assert set(verbs) == verbatim
    assert verbs == sorted(verbs, key=VERBS.index)  # strongest first


def test_verb_title_follows_the_data(provisions):
    assert "plain 'will'" in analysis.verb_title(provisions)
    changed = provisions.copy()
    first_verbatim = changed.index[changed["wording"] == "verbatim"][0]
    changed.loc[first_verbatim, "verb_strength"] = "will"
    assert analysis.verb_title(changed).startswith("Verbs quoted word for word: 'will'")


def test_presence_grid_has_the_nearest_relatives(agreements, agreement_provisions):
    table = analysis.presence(agreements, agreement_provisions)
    assert list(table.columns) == [
        "Malaysia MoU",
        "Malaysia ART",
        "Thailand MoU",
        "Japan framework",
        "Australia framework",
    ]
    assert set(table.to_numpy().ravel()) <= {"present", "absent", ""}
    mou_id = analysis.nearest(agreements).iloc[0]["agreement_id"]
    rows = agreement_provisions[agreement_provisions["agreement_id"] == mou_id]
    for row in rows.itertuples():
        assert table.loc[str(row.provision), "Malaysia MoU"] == str(row.presence)
    assert table.loc["value_addition", "Thailand MoU"] == "present"


def test_mou_lacks_money_and_deadline(agreements, agreement_provisions):
    lacks = analysis.mou_lacks(agreements, agreement_provisions)
    assert "investment_amount" in lacks and "deadline" in lacks


def test_charts_are_figures_with_titles_from_the_data(provisions, agreements, agreement_provisions):
    wording = charts.wording_chart(provisions)
    verbatim = int((provisions["wording"] == "verbatim").sum())
    assert f"Only {verbatim} of the {len(provisions)}" in title_of(wording).replace("\n", " ")
    verbs = charts.verb_chart(provisions)
    assert "plain 'will'" in title_of(verbs).replace("\n", " ")
    relatives = charts.presence_chart(agreements, agreement_provisions)
    assert "no committed money" in title_of(relatives).replace("\n", " ")
    for fig in (wording, verbs, relatives):
        assert any(t.get_text().startswith("Source:") for t in fig.texts)


# --- numbers for the prose --------------------------------------------------------------------


def test_headline_numbers(provisions, agreements, agreement_provisions):
    numbers = analysis.headline_numbers(provisions, agreements, agreement_provisions)
    assert numbers["n_provisions"] == len(provisions)
    assert numbers["n_verbatim"] + numbers["n_paraphrase"] + numbers["n_reconstructed"] == len(provisions)
    assert numbers["n_will"] + numbers["n_soft_verb"] + numbers["n_no_verb"] == len(provisions)
    assert numbers["n_with_thai"] == provisions["thai_text"].notna().sum()
    assert numbers["will_verbatim_word"] == "none"
    assert numbers["relatives_with_deadline"] == "Japan and Australia"
    assert "committed money" in numbers["mou_lacks"] and " or " in numbers["mou_lacks"]


def test_relative_details_come_from_the_rows(agreements, agreement_provisions):
    details = analysis.relative_details(agreements, agreement_provisions)
    assert details["japan_place"] == "Tokyo"
    assert "US$1 billion" in details["australia_money"]
    assert not details["australia_money"].endswith(".")
    assert "‘Within six months’" in details["japan_deadline"]  # typographic, on any page it is glued to
    assert analysis.curly_quotes("'a' and Japan's") == "‘a’ and Japan’s"


def test_a_new_relative_needs_only_an_order(agreements, agreement_provisions):
    extra = agreements[agreements["relative_order"].isna()].iloc[[0]].copy()
    extra["relative_order"] = 9
    chosen = analysis.nearest(pd.concat([agreements, extra]))
    assert chosen.iloc[-1]["agreement_id"] == extra.iloc[0]["agreement_id"]
    assert analysis.malaysian_mou(agreements)["legal_form"] == "mou"


def test_page_numbers_include_the_signing_and_cited_dates(agreements):
    numbers = mou_text.numbers(Data())
    mou = analysis.malaysian_mou(agreements)
    assert numbers["signing_place"] == mou["place"] and numbers["signing_date"].endswith("2025")
    assert {"day_E052", "day_E065"} <= set(numbers)


# --- explorer ---------------------------------------------------------------------------------


def test_default_view_shows_every_provision(provisions):
    explorer = ProvisionExplorer(provisions)
    assert (explorer.category.value, explorer.verb.value, explorer.wording.value) == (ALL, ALL, ALL)
    assert f"<p>{len(provisions)} provisions</p>" in explorer.output.value
    assert all(title in explorer.output.value for title in PROVISION_COLUMNS.values())


def test_filters_combine(provisions):
    explorer = ProvisionExplorer(provisions)
    explorer.wording.value = "verbatim"
    explorer.verb.value = "good_faith"
    rows = explorer.selected()
    assert 0 < len(rows) < len(provisions)
    assert (rows["wording"] == "verbatim").all() and (rows["verb_strength"] == "good_faith").all()
    noun = "provision" if len(rows) == 1 else "provisions"
    assert f"<p>{len(rows)} {noun}</p>" in explorer.output.value
    assert all(pid in explorer.output.value for pid in rows["provision_id"].astype(str))


def test_category_filter_uses_readable_labels(provisions):
    explorer = ProvisionExplorer(provisions)
    labels = dict(explorer.category.options)
    assert labels["US investment priority"] == "investment_priority"
    explorer.category.value = "investment_priority"
    rows = explorer.selected()
    assert (rows["category"] == "investment_priority").all()
    assert "US investment priority" in explorer.output.value


def test_thai_box_shows_both_texts_side_by_side(provisions):
    explorer = ProvisionExplorer(provisions)
    explorer.thai_only.value = True
    rows = explorer.selected()
    assert len(rows) == provisions["thai_text"].notna().sum() > 0
    table = explorer.table()
    assert (table["thai_text"] != "—").all() and table["text"].notna().all()
    first = rows.iloc[0]
    assert str(first["thai_text"])[:30] in explorer.output.value.replace("&#x27;", "'")


def test_a_filter_with_no_match_says_zero(provisions):
    explorer = ProvisionExplorer(provisions)
    explorer.wording.value = "reconstructed"
    explorer.verb.value = "will"
    assert "<p>0 provisions</p>" in explorer.output.value


def test_provision_text_is_escaped(provisions):
    changed = provisions.copy()
    changed["text"] = changed["text"].astype("object")
    changed.loc[changed.index[0], "text"] = "<script>alert(1)</script>"
    explorer = ProvisionExplorer(changed)
    assert "<script>alert(1)</script>" not in explorer.output.value
    assert "&lt;script&gt;" in explorer.output.value


def test_static_view_is_every_provision(provisions):
    frame, columns = ProvisionExplorer(provisions).static_table()
    assert len(frame) == len(provisions) and columns == PROVISION_COLUMNS


def test_missing_thai_text_shows_a_dash(provisions):
    explorer = ProvisionExplorer(provisions)
    table = explorer.table()
    missing = provisions["thai_text"].isna()
    assert (table.loc[missing, "thai_text"] == "—").all()
    assert "&lt;NA&gt;" not in explorer.output.value and "None" not in explorer.output.value
