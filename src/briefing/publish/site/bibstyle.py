"""How the Sources page prints book/references.bib: pybtex plugins for sphinxcontrib-bibtex.

* label style ``briefing``: each entry's label is its source id (``[S11]``), the id the book's tables
  print and link to;
* sorting style ``briefing``: entries in id order (S1, S2, … S753), so a reader looking up an id
  from a table finds it in place;
* formatting style ``briefing`` (``:style: briefing`` in book/references.md): each entry opens with
  the source's grade and, for a repost, the word "repost", then the author–year label the book's
  citations print ("The Star (2025a)"), the title, the kind of source and its date, what the
  repost copies, the date accessed and the address.

The author–year label itself is not made here: sphinxcontrib-bibtex's ``author_year`` citations
are built from an entry's author and year fields, so :func:`briefing.publish.pages.bib.author_year` writes the
a/b suffix into the year field of the generated .bib, and credit lines under charts use the same
function (:func:`briefing.sources.credit`). A label style alone could not do it: pybtex labels only
name the bibliography's entries, never the text of a citation.

:func:`register` adds the three to pybtex's plugin registry; the book's Sphinx extension calls it.
"""

from __future__ import annotations

import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, join, optional, sentence

NAME = "briefing"


def id_number(key: str) -> int:
    digits = re.search(r"\d+", key)
    return int(digits.group()) if digits else 0


class IdLabelStyle(BaseLabelStyle):
    """The label of an entry is its key, the source id."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class IdSortingStyle(BaseSortingStyle):
    """Entries in the numeric order of their ids (S9 before S10)."""

    def sorting_key(self, entry):
        return (id_number(entry.key), entry.key)


class BriefingStyle(UnsrtStyle):
    """'Official text · U.S. Geological Survey (2026). Mineral Commodity Summaries 2026 …. Dataset,
    2026. Accessed 2026-11-22. URL: …'"""

    default_label_style = NAME
    default_sorting_style = NAME

    def get_misc_template(self, e):
        lead = join(sep=" · ")[
            field("grade"),
            optional[field("repostof", apply_func=lambda _: "repost")],
            join[self.format_names("author", as_sentence=False), " (", field("year"), ")"],
        ]
        return toplevel[
            sentence[lead],
            sentence[field("title")],
            optional[sentence[join["By ", field("byline")]]],
            sentence[field("kind"), field("published")],
            optional[sentence[join["Repost of ", field("repostof")]]],
            optional[sentence(capfirst=True)[field("origin")]],
            sentence[join["Accessed ", field("accessed")]],
            self.format_web_refs(e),
        ]


def register() -> None:
    """Make the three styles known to pybtex under the name ``briefing`` (idempotent)."""
    register_plugin("pybtex.style.labels", NAME, IdLabelStyle, force=True)
    register_plugin("pybtex.style.sorting", NAME, IdSortingStyle, force=True)
    register_plugin("pybtex.style.formatting", NAME, BriefingStyle, force=True)
