"""What the key findings and the state of play rest on: at least one source of the top three grades
(official text; government statement, wire or newspaper of record; established outlet), or a
sentence that says the finding rests on weaker reporting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import briefing

ROOT = Path(__file__).resolve().parents[1]
TOP = {"official_text", "record", "established"}
KEY_FINDINGS = "```{admonition} Key findings"
# Words with which a sentence says what weaker ground it stands on.
SAYS_SO = re.compile(
    r"trade press|single (?:weak|report)|weak(?:er)? report|aggregator|repost|unofficial", re.I
)
CITES = re.compile(r"\{cite:[pt]\}`([^`]*)`")


def grades() -> dict[str, str]:
    sources = briefing.load_sources()
    return dict(zip(sources["source_id"], sources["grade"].astype(str), strict=True))


def findings(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    if KEY_FINDINGS not in text:
        return []
    box = text[text.index(KEY_FINDINGS) :].split("\n```", 1)[0]
    return [item.strip() for item in re.split(r"\n- ", box) if CITES.search(item)]


PAGES = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_each_cited_key_finding_rests_on_a_strong_source_or_says_it_does_not(path):
    graded = grades()
    for finding in findings(path):
        cited = {s.strip() for group in CITES.findall(finding) for s in group.split(",")}
        if not {graded.get(s) for s in cited} & TOP:
            assert SAYS_SO.search(finding), f"{path.stem}: rests only on weaker sources: {finding[:160]}"


def test_each_state_rests_on_a_strong_source_or_says_it_does_not():
    graded = grades()
    states = briefing.load("states")
    for row in states.to_dict("records"):
        used = {graded[row["source_id"]], graded[row["confirmed_by"]]}
        if not used & TOP:
            assert SAYS_SO.search(str(row["note"] or "")), f"{row['state_id']} rests only on {used}"
