"""Deterministic edits to the chapter notebooks, run by whoever merges (never by hand in Lab).

``python -m briefing lab-prose NOTEBOOK…``
    Rewrites each local ``{glue:text}`name``` / ``{glue:text}`name:fmt``` in the notebook's
    markdown as ``{eval}`glued("name")``` / ``{eval}`glued("name", "fmt")```, and imports
    ``glued`` in the cell that publishes the numbers. jupyterlab-myst evaluates the expression in
    the kernel; the book resolves it from the same stored glue (``publish.site.sphinxext``), so the book
    and Lab show one value. Cross-page glue (``page.ipynb::name``) is left alone: its value lives in
    another notebook's kernel.

``python -m briefing rerun-box [NOTEBOOK…]``
    Puts a short "Re-running this chapter" box (tagged ``remove-cell``: hidden in the book) right
    after each notebook's title cell, or refreshes it if it is there.

Both are idempotent: a second run changes nothing. Each notebook is written as the runner writes
it (``nbformat.writes`` + newline), and only when its text changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

GLUE_TEXT = re.compile(r"\{glue:text\}`([\w.-]+)(?::([^`:]*))?`")
IMPORT = 'from briefing.text import glued  # {eval}`glued("name")` in the prose shows a published value'
RERUN_TAG = "rerun-box"
_EXPLORER = re.compile(r"\b([A-Z]\w*Explorer)\(")


def _eval(match: re.Match) -> str:
    name, fmt = match.group(1), match.group(2)
    return f'{{eval}}`glued("{name}", "{fmt}")`' if fmt and fmt != "s" else f'{{eval}}`glued("{name}")`'


def to_eval_roles(text: str) -> str:
    """Markdown with every local ``{glue:text}`` role written as an ``{eval}`glued(...)``` role."""
    return GLUE_TEXT.sub(_eval, text)


def _write(path: Path, nb, before: str) -> bool:
    after = nbformat.writes(nb) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


def lab_prose(path: Path) -> bool:
    """Convert one notebook's local glue roles to ``{eval}``; True if the file changed."""
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = to_eval_roles(cell.source)
    publishing = next((c for c in nb.cells if c.cell_type == "code" and "publish_numbers(" in c.source), None)
    if publishing is None:
        raise SystemExit(f"{path.name}: no cell calls publish_numbers(); nothing to evaluate")
    if "import glued" not in publishing.source:
        lines = publishing.source.split("\n")
        last_import = max(i for i, line in enumerate(lines) if line.startswith(("from ", "import ")))
        lines.insert(last_import + 1, IMPORT)
        publishing.source = "\n".join(lines)
    return _write(path, nb, before)


def rerun_text(nb) -> str:
    """The box, naming the chapter's explorer (if it has one) and how to preset it."""
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    explorer = _EXPLORER.search(code)
    explore = (
        "Use the live explorer further down: change its controls to filter and sort the rows "
        f"(`help({explorer.group(1)})` lists what it offers, including any presets). "
        if explorer
        else ""
    )
    return (
        "```{admonition} Re-running this chapter\n"
        ":class: note\n"
        "This box shows only in JupyterLab (`make lab`); the book hides it. "
        "**Run → Run All Cells** recomputes every number, chart and table from the data package: "
        "the numbers in the text, the charts and the tables are the book's own. "
        f"{explore}"
        "To change a fact, edit its row in `data/` (see `docs/SCHEMA.md`), run `make validate`, "
        "then Run All again. Saving stores the notebook exactly as the book's runner does, so a "
        "re-run alone leaves `git status` clean; commit a notebook only after `make book`.\n"
        "```"
    )


def rerun_box(path: Path) -> bool:
    """Insert or refresh the box after the title cell; True if the file changed."""
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    text = rerun_text(nb)
    existing = [c for c in nb.cells if RERUN_TAG in c.metadata.get("tags", [])]
    if existing:
        existing[0].source = text
    else:
        cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": ["remove-cell", RERUN_TAG]})
        cell.id = "rerun-" + path.stem.replace("_", "-")[:20]  # deterministic, not random
        title = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), -1)
        nb.cells.insert(title + 1, cell)
    return _write(path, nb, before)


def main(command: str, paths: list[Path]) -> int:
    root = Path.cwd()
    targets = paths or sorted((root / "notebooks").glob("*.ipynb"))
    if command == "lab-prose" and not paths:
        raise SystemExit("name the notebook(s) to convert, e.g. notebooks/timeline.ipynb")
    edit = lab_prose if command == "lab-prose" else rerun_box
    for path in targets:
        print(f"{'rewrote' if edit(path) else 'unchanged'} {path}")
    return 0
