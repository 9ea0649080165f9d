"""Find sentences that speak of a date the as-of has passed in the present or future tense.

"China's suspension … is due to expire on 10 November 2026" is right on 1 November 2026 and wrong on
1 December. The scan reads a built page as a reader does (a table row counts as a sentence), drops
quotations (they are the speaker's words, of their day), and reports every sentence with a
present- or future-tense marker and a date before the as-of.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
LONG_DATE = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
PRESENT_OR_FUTURE = re.compile(
    r"\b(?:is|are) (?:due|scheduled|set|expected|planned) to\b"
    r"|\bwill (?:expire|end|lapse|take effect|enter into force|start|begin|apply|run"
    r"|be (?:lifted|suspended|extended))\b"
    r"|\b(?:is|are|remains?|stays?) (?:suspended|in force|in place) until\b"
    r"|\b(?:expires|ends|lapses) on\b|\bhas applied instead\b",
    re.I,
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A sentence ends at '.' or ';' and a space, except after an abbreviation (No. 70, Art. 5, a.m.).
SENTENCE_END = re.compile(r"(?<!\bNo\.)(?<!\bNos\.)(?<!\bArt\.)(?<!\bm\.)(?<!\bSt\.)(?<=[.;])\s+")


def page_text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    main = re.search(r"<main.*?</main>", raw, re.S)
    body = main.group() if main else raw
    body = re.sub(r"<blockquote.*?</blockquote>|<script.*?</script>|<style.*?</style>", " ", body, flags=re.S)
    body = body.replace("</tr>", ". ")  # a table row is a sentence of its own
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def dates_in(sentence: str) -> list[date]:
    found = [
        date(int(y), MONTHS.index(m) + 1, int(d) if d else 28) for d, m, y in LONG_DATE.findall(sentence)
    ]
    return found + [date(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(sentence)]


def stale_sentences(text: str, as_of: date) -> list[str]:
    stale = []
    for sentence in SENTENCE_END.split(QUOTED.sub("“…”", text)):
        if PRESENT_OR_FUTURE.search(sentence) and any(day < as_of for day in dates_in(sentence)):
            stale.append(sentence.strip()[:300])
    return stale


def scan(html_root: Path, as_of: date) -> list[tuple[str, str]]:
    """(page, sentence) for every stale sentence in the built book."""
    found = []
    for page in sorted(html_root.rglob("*.html")):
        if "_static" in page.parts or page.name in ("search.html", "genindex.html"):
            continue
        if page.name == "changes.html":  # its "before" column quotes the previous edition's rows
            continue
        found += [(str(page.relative_to(html_root)), s) for s in stale_sentences(page_text(page), as_of)]
    return found
