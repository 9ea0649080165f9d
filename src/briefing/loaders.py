"""One call per dataset, returning a tidy, typed pandas DataFrame.

Every loader validates the whole package first (once per process and per state of data/), so a
notebook can never draw from a file that breaks its schema: bad data raises
:class:`~briefing.errors.DataValidationError` naming file, line, field and rule.

Types follow the descriptor: dates become ``datetime64``, enum fields ordered categoricals (in the
descriptor's order), numbers ``Float64``, integers ``Int64``, booleans ``boolean``, text ``string``.
Missing values stay missing (``<NA>``); nothing is filled, dropped or reordered. A field marked
``x_separator`` in the descriptor (such as ``events.themes``) is parsed here, once, into a list per
row, so no caller splits strings.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .paths import data_dir
from .validate import package_stamp, read_descriptor, validated_package

_files_read: set[str] = set()


def files_read() -> list[str]:
    """Data files the loaders have read in this process (the notebook runner records them)."""
    return sorted(_files_read)


def _record_read(folder: Path, name: str, tables: dict) -> None:
    """Remember the files this dataset's content depends on: itself, what its foreign keys point
    to, and the descriptor. (The whole package is validated on every load, but a change elsewhere
    cannot change this dataset's rows, so it need not re-execute the notebook.)"""
    resource = next(r for r in metadata()["resources"] if r["name"] == name)
    targets = {name} | {
        fk["reference"]["resource"] or name for fk in resource["schema"].get("foreignKeys", [])
    }
    _files_read.add(str(folder / "datapackage.json"))
    _files_read.update(str(tables[t].path) for t in targets)


def _dtype(spec: dict[str, Any]) -> Any:
    enum = spec.get("constraints", {}).get("enum")
    kind = spec.get("type", "string")
    if enum is not None and kind == "string":
        return pd.CategoricalDtype(categories=enum, ordered=True)
    return {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(kind, "string")


def load(name: str) -> pd.DataFrame:
    """Load dataset ``name`` (e.g. ``"events"``) as a typed DataFrame, validated.

    Each call returns a fresh copy, so a notebook may change its frame without changing what the
    next caller gets."""
    folder = data_dir()
    tables = validated_package(folder)
    if name not in tables:
        raise KeyError(f"No dataset named {name!r}; known: {', '.join(sorted(tables))}")
    _record_read(folder, name, tables)
    return _frame(str(folder), name, package_stamp(folder)).copy()


@lru_cache(maxsize=64)
def _frame(folder: str, name: str, stamp: tuple) -> pd.DataFrame:
    table = validated_package(Path(folder))[name]
    columns = {}
    for spec in table.fields:
        values = pd.Series([row[spec["name"]] for row in table.rows], dtype="object")
        if spec.get("type") == "date":
            columns[spec["name"]] = pd.to_datetime(values, format="%Y-%m-%d")
        elif "x_separator" in spec:
            columns[spec["name"]] = pd.Series(
                [value.split(spec["x_separator"]) if value else [] for value in values], dtype="object"
            )
        else:
            columns[spec["name"]] = values.astype(_dtype(spec))
    frame = pd.DataFrame(columns, columns=[f["name"] for f in table.fields])
    frame.attrs.update(dataset=name, as_of=as_of(name), path=str(table.path))
    return frame


def metadata(name: str | None = None) -> dict[str, Any]:
    """The descriptor of one dataset (or of the whole package when ``name`` is None)."""
    descriptor = read_descriptor(data_dir())
    if name is None:
        return descriptor
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"No dataset named {name!r}")


def labels(name: str, field: str) -> dict[str, str]:
    """Reader-facing labels of a coded field's values (``x_labels`` in the descriptor), in the
    descriptor's order; a value without a label is shown as itself."""
    spec = next(f for f in metadata(name)["schema"]["fields"] if f["name"] == field)
    codes = spec.get("constraints", {}).get("enum") or list(spec.get("x_labels", {}))
    given = spec.get("x_labels", {})
    return {code: given.get(code, code) for code in codes}


def presentation() -> dict[str, Any]:
    """How the book presents its data (``data/presentation.json``): wording, order and links that
    are not facts, kept beside the descriptor."""
    return _presentation(str(data_dir()), package_stamp(data_dir()))


@lru_cache(maxsize=4)
def _presentation(folder: str, stamp: tuple) -> dict[str, Any]:
    import json

    path = Path(folder) / "presentation.json"
    _files_read.add(str(path))
    return json.loads(path.read_text(encoding="utf-8"))


def dataset_names() -> list[str]:
    return [resource["name"] for resource in metadata()["resources"]]


def as_of(name: str | None = None) -> date:
    """The date a dataset's information is as of; for the whole package, the latest of them."""
    if name is None:
        return max(as_of(n) for n in dataset_names())
    return date.fromisoformat(metadata(name)["x_as_of"])


def csv_path(name: str) -> Path:
    """Path of a dataset's CSV (for download links)."""
    return data_dir() / metadata(name)["path"]


def load_sources() -> pd.DataFrame:
    """The source registry: one row per source every fact cites."""
    return load("sources")


def load_events() -> pd.DataFrame:
    """The timeline: dated events with actor, country, themes and source."""
    return load("events")


def load_mou_provisions() -> pd.DataFrame:
    """The US–Malaysia MoU, clause by clause, with wording origin and verb strength."""
    return load("mou_provisions")


def load_agreements() -> pd.DataFrame:
    """The 2025 US critical-minerals deals: partner, date, instrument, legal form."""
    return load("agreements")


def load_agreement_provisions() -> pd.DataFrame:
    """Which provisions each 2025 deal contains (long form; a missing row means unknown)."""
    return load("agreement_provisions")


def load_art_commitments() -> pd.DataFrame:
    """The Agreement on Reciprocal Trade, commitment by commitment."""
    return load("art_commitments")


def load_ree_production() -> pd.DataFrame:
    """USGS rare-earth mine production by country, year and edition (tonnes REO)."""
    return load("ree_production")


def load_ree_reserves() -> pd.DataFrame:
    """USGS rare-earth reserves by country and edition (tonnes REO)."""
    return load("ree_reserves")


def load_value_chain_shares() -> pd.DataFrame:
    """Country shares of mining, separation/refining and magnet making (per cent)."""
    return load("value_chain_shares")


def load_malaysia_policy() -> pd.DataFrame:
    """Malaysia's rare-earth policy instruments, by value-chain stage and status."""
    return load("malaysia_policy")


def load_tariff_rates() -> pd.DataFrame:
    """US tariff rates on most Malaysian goods, by date and stage (announced, in force, ended)."""
    return load("tariff_rates")


def load_watch_indicators() -> pd.DataFrame:
    """Dated indicators to watch, with outcomes where the date has passed (as far as sourced)."""
    return load("watch_indicators")


def load_trade() -> pd.DataFrame:
    """US–Malaysia goods trade by year and flow (long form; missing years stay missing)."""
    return load("trade")
