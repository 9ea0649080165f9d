"""The MoU explorer: filter the provisions by subject, verb strength and origin of the wording, and
read Malaysia's text beside Thailand's where both are known."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import loaders
from ..tables import to_html
from . import ALL, InPageFilters, PageFilters

PROVISION_COLUMNS = {
    "provision": "Provision",
    "text": "Malaysia's MoU",
    "thai_text": "Thailand's MoU",
    "basis": "Where it sits · wording · verb · source",
}
MISSING = "—"  # shown where Thailand's counterpart is not known


def provision_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The provisions as a reader sees them: Malaysia's text beside Thailand's, with what each rests on."""
    verb_labels = loaders.labels("mou_provisions", "verb_strength")
    category_labels = loaders.labels("mou_provisions", "category")
    verbs = rows["verb_strength"].astype(str).map(verb_labels)
    thai_sources = rows["thai_source_id"].astype("object")
    basis = [
        f"{section} · {wording} · {verb} · {source}" + (f" (Thai: {thai})" if isinstance(thai, str) else "")
        for section, wording, verb, source, thai in zip(
            rows["section"].astype(str),
            rows["wording"].astype(str),
            verbs,
            rows["source_id"].astype(str),
            thai_sources,
            strict=True,
        )
    ]
    provision = [
        f"{pid} · {category_labels[category]}"
        for pid, category in zip(rows["provision_id"].astype(str), rows["category"].astype(str), strict=True)
    ]
    thai = [t if isinstance(t, str) else MISSING for t in rows["thai_text"].astype("object")]
    return pd.DataFrame(
        {"provision": provision, "text": rows["text"].astype(str), "thai_text": thai, "basis": basis},
        index=rows.index,
    )


class ProvisionExplorer(InPageFilters):
    """Filter the MoU's provisions; optionally keep only those with a known Thai counterpart."""

    page_filters = PageFilters(
        noun=("provision", "provisions"),
        row_id="provision_id",
        choices=("category", "verb", "wording"),
        flags=("thai_only",),
    )

    def __init__(self, provisions: pd.DataFrame):
        self.provisions = provisions
        category_labels = loaders.labels("mou_provisions", "category")
        verb_labels = loaders.labels("mou_provisions", "verb_strength")
        present = set(provisions["category"].astype(str))
        categories = [c for c in provisions["category"].cat.categories if c in present]
        self.category = widgets.Dropdown(
            options=[(ALL, ALL), *((category_labels[c], c) for c in categories)],
            value=ALL,
            description="Subject",
        )
        verbs = [
            v for v in provisions["verb_strength"].cat.categories if v in set(provisions["verb_strength"])
        ]
        self.verb = widgets.Dropdown(
            options=[(ALL, ALL), *((verb_labels[v], v) for v in verbs)],
            value=ALL,
            description="Verb",
        )
        wordings = list(loaders.labels("mou_provisions", "wording"))
        self.wording = widgets.Dropdown(options=[ALL, *wordings], value=ALL, description="Wording")
        self.thai_only = widgets.Checkbox(value=False, description="Only with Thailand's text")
        self.output = widgets.HTML()
        for control in (self.category, self.verb, self.wording, self.thai_only):
            control.observe(self.refresh, names="value")
        self.refresh()

    def selected(self) -> pd.DataFrame:
        rows = self.provisions
        if self.category.value != ALL:
            rows = rows[rows["category"] == self.category.value]
        if self.verb.value != ALL:
            rows = rows[rows["verb_strength"] == self.verb.value]
        if self.wording.value != ALL:
            rows = rows[rows["wording"] == self.wording.value]
        if self.thai_only.value:
            rows = rows[rows["thai_text"].notna()]
        return rows

    def table(self) -> pd.DataFrame:
        return provision_table(self.selected())

    def static_table(self) -> tuple[pd.DataFrame, dict[str, str]]:
        """The rows and columns the default controls select (the book's static view)."""
        return self.table(), PROVISION_COLUMNS

    def refresh(self, *_):
        rows = self.selected()
        noun = "provision" if len(rows) == 1 else "provisions"
        self.output.value = f"<p>{len(rows)} {noun}</p>" + to_html(provision_table(rows), PROVISION_COLUMNS)

    def widget(self) -> widgets.Widget:
        controls = widgets.HBox([self.category, self.verb, self.wording])
        return widgets.VBox([controls, self.thai_only, self.output])
