"""Page fragments generated from the data for the Markdown pages (the front page and the summary),
which cannot paste a notebook's Markdown glue: written by ``python -m briefing prepare`` and
included with ``{include}``. A test checks that each committed fragment is current.

* ``book/generated/state-of-play.md`` — the state-of-play table for the edition date, the same
  Markdown the In Focus brief glues (:func:`briefing.chapters.state_of_play.table_markdown`);
* ``book/generated/not-covered.md`` — what this edition could not confirm
  (:func:`briefing.chapters.state_of_play.not_covered_markdown`).
"""

from __future__ import annotations

from pathlib import Path

from ...paths import repo_root, write_if_changed

STATE_OF_PLAY = Path("book") / "generated" / "state-of-play.md"
NOT_COVERED = Path("book") / "generated" / "not-covered.md"


def _glued(name: str) -> str:
    from ...chapter import Data
    from ...chapters import state_of_play as chapter

    return chapter.numbers(Data())[name]


FRAGMENTS = {
    STATE_OF_PLAY: lambda: _glued("state_of_play_md"),
    NOT_COVERED: lambda: _glued("not_covered_md"),
}


def write(root: Path | None = None) -> list[Path]:
    """Write every fragment whose text changed; return the paths written."""
    root = root or repo_root()
    written = []
    for relative, render in FRAGMENTS.items():
        path = root / relative
        text = render()
        if write_if_changed(path, text):
            written.append(path)
    return written
