"""The package's layers import downwards only.

base (loaders, validation, text, ...) <- analysis <- chapters
                                      <- analysis <- figures <- widgets
publish (pages, builds, prints) may import all of them; none of them imports publish.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "briefing"
LAYERS = ("analysis", "chapters", "figures", "widgets", "publish")
# What each layer may not import (other than the standard library, pandas and the base modules).
FORBIDDEN = {
    "analysis": {
        "matplotlib",
        "ipywidgets",
        "IPython",
        "briefing.chapters",
        "briefing.figures",
        "briefing.widgets",
        "briefing.publish",
    },
    "chapters": {"matplotlib", "ipywidgets", "briefing.figures", "briefing.widgets", "briefing.publish"},
    "figures": {"ipywidgets", "briefing.chapters", "briefing.widgets", "briefing.publish"},
    "widgets": {"briefing.chapters", "briefing.publish"},
    "base": {
        "briefing.analysis",
        "briefing.chapters",
        "briefing.figures",
        "briefing.widgets",
        "briefing.publish",
    },
    "publish": set(),
}


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 and relative.parts[0] in LAYERS else "base"


def test_base_holds_no_publishing_module():
    """The flat package is the content base only: loaders, validation, formatting, the chapter
    contract, the dateline. Anything that executes notebooks, builds, post-processes or prints
    lives in publish/ (a module named for its job there)."""
    base = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    publishing = {
        "sphinxext",
        "pagehtml",
        "site_assets",
        "bibstyle",
        "fonts",
        "pdf",
        "bib",
        "catalogue",
        "editions",
        "execute",
        "notebook_format",
        "notebook_tools",
    }
    assert not publishing & set(base), sorted(publishing & set(base))


def _imports(path: Path, package_parts: tuple[str, ...] | None = None) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    parts = package_parts if package_parts is not None else path.relative_to(PACKAGE).parts[:-1]
    package = ["briefing", *parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def violations(names: set[str], layer: str) -> list[str]:
    return sorted(
        name
        for name in names
        for banned in FORBIDDEN[layer]
        if name == banned or name.startswith(banned + ".")
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_downwards(path):
    layer = _layer(path)
    bad = violations(_imports(path), layer)
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) imports {', '.join(bad)}"


def test_every_layer_exists():
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer


def test_the_rule_catches_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("import matplotlib.pyplot as plt\nfrom ..figures import finish\n", encoding="utf-8")
    names = _imports(module, package_parts=("analysis",))
    assert violations(names, "analysis") == [
        "briefing.figures",
        "briefing.figures.finish",
        "matplotlib.pyplot",
    ]


def test_the_rule_catches_content_importing_publishing(tmp_path):
    """A planted violation: a chapter reaching into the publishing wing is refused."""
    module = tmp_path / "bad.py"
    module.write_text("from ..publish import pages\n", encoding="utf-8")
    names = _imports(module, package_parts=("chapters",))
    assert violations(names, "chapters") == ["briefing.publish", "briefing.publish.pages"]
