"""Where the book's files live.

The data folder is found from the current directory upwards (notebooks run with their own folder as
the working directory), so a temporary copy of the repository uses its own data. ``BRIEFING_DATA_DIR``
overrides the search; tests use it to point at broken copies of the data.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DESCRIPTOR_NAME = "datapackage.json"


def _search_upwards(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "data" / DESCRIPTOR_NAME).is_file():
            return folder
    return None


def repo_root() -> Path:
    """The repository root: the nearest folder above the working directory holding data/."""
    found = _search_upwards(Path.cwd().resolve()) or _search_upwards(PACKAGE_DIR)
    if found is None:
        raise FileNotFoundError(
            f"Cannot find data/{DESCRIPTOR_NAME} above {Path.cwd()} or {PACKAGE_DIR}; "
            "run from inside the repository or set BRIEFING_DATA_DIR."
        )
    return found


def data_dir() -> Path:
    """The folder holding datapackage.json and the CSVs."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override).resolve()
    return repo_root() / "data"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` (UTF-8) only when the file's content differs, making its folder
    if needed; return whether it wrote. A generated file rewritten with the same content would
    still look new to Sphinx's incremental build and to make, and rebuild pages for nothing."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
