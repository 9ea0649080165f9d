"""Shared fixtures: throwaway copies of the data to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA

# Tests that read the real data package or break a copy of it; the others in tests/ are unit tests.
DATA_TESTS = {
    "test_bad_input",
    "test_loaders",
    "test_state",
    "test_dateline",
    "test_grades",
    "test_consistency",
    "test_generated_pages",
    "test_sources",
    "test_contract",
    "test_prose_numbers",
}


def pytest_collection_modifyitems(items):
    """Every test gets the marker of its stage, from where it lives, so `make test` can run the
    stages by marker (tests/run_all.sh) and a contributor can run one: pytest -m data."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "book" in parts:
            item.add_marker(pytest.mark.book)
            if item.fspath.basename == "test_browser.py":
                item.add_marker(pytest.mark.browser)
        elif "lab" in parts:
            item.add_marker(pytest.mark.lab)
        elif "setup" in parts:
            item.add_marker(pytest.mark.setup)
        elif Path(str(item.fspath)).stem in DATA_TESTS:
            item.add_marker(pytest.mark.data)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loaders read instead of the real one (via BRIEFING_DATA_DIR)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("staging"))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder
