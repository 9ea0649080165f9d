"""Generate docs/SCHEMA.md, the contributor's reference to every CSV column, from the descriptor
(data/datapackage.json), so the reference can never fall behind the data. A test checks that the
committed file is current; ``make book`` (``python -m briefing prepare``) rewrites it."""

from __future__ import annotations

from pathlib import Path

from ...paths import data_dir, repo_root, write_if_changed
from ...validate import read_descriptor

HEADER = """# Data schema (contributor reference)

Generated from `datapackage.json` by `python -m briefing prepare` (run by `make book`); edit the
descriptor, not this file. Every CSV is UTF-8 without a byte-order mark, comma-separated, with a
header row; an empty cell means not known (never guessed). Every fact row cites a `source_id` from
`sources.csv` and carries a `status` (`verified` needs an official text, government statement or
dataset). `make validate` names file, line, field and rule for anything that breaks these rules.
"""


def _rule(field: dict) -> str:
    """Type, required, allowed values or pattern, in a few words."""
    constraints = field.get("constraints", {})
    parts = [field.get("type", "string")]
    if constraints.get("required"):
        parts.append("required")
    if field.get("x_partial_date"):
        parts.append("YYYY, YYYY-MM or YYYY-MM-DD")
    if "enum" in constraints:
        labels = field.get("x_labels", {})
        codes = [
            f"`{code}`" + (f" ({labels[code]})" if code in labels else "") for code in constraints["enum"]
        ]
        parts.append("one of " + ", ".join(codes))
    elif "pattern" in constraints:
        parts.append(f"pattern `{constraints['pattern']}`")
    for key, words in (("minimum", "at least"), ("maximum", "at most"), ("maxLength", "at most")):
        if key in constraints:
            parts.append(f"{words} {constraints[key]}" + (" characters" if key == "maxLength" else ""))
    if field.get("x_allow_future"):
        parts.append("may lie after the as-of date")
    return "; ".join(parts)


def render(folder: Path | None = None) -> str:
    descriptor = read_descriptor(folder or data_dir())
    lines = [HEADER]
    for resource in descriptor["resources"]:
        key = resource["schema"].get("primaryKey")
        key = ", ".join(key) if isinstance(key, list) else key
        lines += [f"## {resource['path']} — {resource['title']}", ""]
        lines += [resource.get("description", ""), ""]
        if key:
            lines += [f"Key: `{key}`. As of {resource.get('x_as_of', '')}.", ""]
        lines += ["| Column | Rule | What it holds |", "|---|---|---|"]
        for field in resource["schema"]["fields"]:
            what = (
                (field.get("description") or field.get("title") or "").replace("|", "\\|").replace("\n", " ")
            )
            rule = _rule(field).replace("|", "\\|")
            lines.append(f"| `{field['name']}` | {rule} | {what} |")
        lines.append("")
    return "\n".join(lines)


def path() -> Path:
    """Beside the other contributor documents, not in data/: builds never write into data/."""
    return repo_root() / "docs" / "SCHEMA.md"


def write(folder: Path | None = None) -> Path:
    target = path()
    text = render(folder)
    write_if_changed(target, text)
    return target
