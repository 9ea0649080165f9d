"""The loaders return tidy, typed frames of the real data, and every source id resolves."""

from __future__ import annotations

import pandas as pd
import pytest

import briefing
from briefing import loaders


@pytest.mark.parametrize("name", loaders.dataset_names())
def test_every_dataset_loads_typed_and_nonempty(name):
    frame = briefing.load(name)
    assert len(frame) > 0, f"{name} is empty"
    spec = {f["name"]: f for f in briefing.metadata(name)["schema"]["fields"]}
    assert list(frame.columns) == list(spec)
    for column, field in spec.items():
        dtype = frame[column].dtype
        if field.get("type") == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), column
        elif field.get("type") == "number":
            assert pd.api.types.is_float_dtype(dtype), column
        elif "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype), column
    assert frame.attrs["as_of"] == briefing.as_of(name)


def test_row_count_matches_the_file_exactly():
    """Nothing is silently dropped: one row per data line of the CSV."""
    for name in loaders.dataset_names():
        lines = briefing.csv_path(name).read_text(encoding="utf-8").splitlines()
        import csv

        rows = list(csv.reader(lines))
        assert len(briefing.load(name)) == len(rows) - 1, name


def test_every_cited_source_is_in_the_registry():
    known = set(briefing.load_sources()["source_id"])
    for name in loaders.dataset_names():
        frame = briefing.load(name)
        for column in ("source_id", "thai_source_id"):
            if column in frame:
                cited = set(frame[column].dropna())
                assert cited <= known, f"{name}.{column}: {sorted(cited - known)}"


def test_loaders_cache_within_a_process():
    first = briefing.load_events()
    from briefing.validate import _cached_package

    hits = _cached_package.cache_info().hits
    briefing.load_events()
    assert _cached_package.cache_info().hits == hits + 1
    assert len(first) > 0


def test_unknown_dataset_name_is_a_clear_error():
    with pytest.raises(KeyError, match="No dataset named 'evnts'"):
        briefing.load("evnts")


def test_import_is_light():
    """Importing briefing must not pull in pandas or matplotlib (checked in a fresh interpreter)."""
    import subprocess
    import sys

    code = "import sys, briefing; print(sorted(m for m in ('pandas','matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_files_read_records_what_the_loaders_opened():
    briefing.load_events()
    read = briefing.files_read()
    assert any(p.endswith("events.csv") for p in read)
    assert any(p.endswith("sources.csv") for p in read)
