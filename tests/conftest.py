"""Shared fixtures: throwaway copies of the data to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loaders read instead of the real one (via BRIEFING_DATA_DIR)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("staging"))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(folder))
    return folder
