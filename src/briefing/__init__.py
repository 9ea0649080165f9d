"""The briefing book's shared package: validated loaders, house-style charts, tables and widgets.

Importing ``briefing`` is cheap: pandas, matplotlib and ipywidgets load only when a function that
needs them is first used (notebooks import the package in their first cell; the CLI and the Sphinx
extension should not pay for plotting).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.3.0"

# public name -> module that defines it
_EXPORTS = {
    "DataValidationError": "errors",
    "Problem": "errors",
    "load": "loaders",
    "labels": "loaders",
    "presentation": "loaders",
    "metadata": "loaders",
    "as_of": "loaders",
    "csv_path": "loaders",
    "dataset_names": "loaders",
    "files_read": "loaders",
    "load_sources": "loaders",
    "load_events": "loaders",
    "load_mou_provisions": "loaders",
    "load_agreements": "loaders",
    "load_agreement_provisions": "loaders",
    "load_art_commitments": "loaders",
    "load_ree_production": "loaders",
    "load_ree_reserves": "loaders",
    "load_value_chain_shares": "loaders",
    "load_malaysia_policy": "loaders",
    "load_trade": "loaders",
    "load_tariff_rates": "loaders",
    "load_watch_indicators": "loaders",
    "sources_reviewed_to": "sources",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
