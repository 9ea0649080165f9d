"""Generate the book's data catalogue page (book/data.md) from data/datapackage.json and the data.

Like references.bib, the page is derived, committed, refreshed by ``make book`` and checked by a
test, so it can never drift from the data it describes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ...paths import data_dir, repo_root, write_if_changed
from ...validate import read_descriptor, validated_package

STATUS_ORDER = ("verified", "reported", "contested", "unverified")


def _cell(text: object) -> str:
    """Make text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _long_date(iso: str) -> str:
    from datetime import date

    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def render(folder: Path | None = None) -> str:
    folder = folder or data_dir()
    descriptor = read_descriptor(folder)
    tables = validated_package(folder)
    lines = [
        "# Data catalogue",
        "",
        "Every number in this book is computed from the datasets below. Each is a CSV file you can",
        "download, described by a [Frictionless Data](https://specs.frictionlessdata.io/) descriptor",
        "(`data/datapackage.json` in the repository) that gives its fields, types, units, allowed values",
        "and keys. Every row names its source and says how sure we are of it (see [Methods](methods.md)).",
        "This page is generated from that descriptor and the data; do not edit it by hand.",
        "",
        "| Dataset | What it holds | Rows | As of | Download |",
        "|---|---|---:|---|---|",
    ]
    for resource in descriptor["resources"]:
        rows = len(tables[resource["name"]].rows)
        lines.append(
            f"| {{ref}}`{_cell(resource['title'])} <data-{resource['name']}>` "
            f"| {_cell(resource['description'])} "
            f"| {rows} | {_long_date(resource['x_as_of'])} "
            f"| {{download}}`{resource['path']} <../data/{resource['path']}>` |"
        )
    lines += [
        "",
        "```{container} print-edition-note",
        "**In the printed edition** the description of each dataset's fields (names, types, units,",
        "allowed values and keys) is left out. It is on this page in the web edition of the book, and it",
        "travels with the data, in the data package's descriptor.",
        "```",
    ]
    for resource in descriptor["resources"]:
        lines += ["", *_section(resource, tables[resource["name"]])]
    return "\n".join(lines) + "\n"


def _section(resource: dict, table) -> list[str]:
    name = resource["name"]
    origin = resource.get("x_origin", {})
    licence = ", ".join(lic.get("title", lic.get("name", "")) for lic in resource.get("licenses", []))
    out = [
        f"({'data-' + name})=",
        f"## {resource['title']}",
        "",
        resource["description"],
        "",
        f"- **File:** {{download}}`{resource['path']} <../data/{resource['path']}>` ({len(table.rows)} rows)",
        f"- **Information as of:** {_long_date(resource['x_as_of'])}",
        f"- **Producer:** {origin.get('producer', 'this project')}",
        f"- **Licence:** {origin.get('licence', licence)}",
    ]
    names = {f["name"] for f in table.fields}
    if "status" in names:
        counts = Counter(row["status"] for row in table.rows)
        shown = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s])
        out.append(f"- **How sure:** {shown}")
    cited = sorted(
        {row[c] for row in table.rows for c in ("source_id", "thai_source_id") if c in names and row[c]},
        key=lambda s: int(s[1:]),
    )
    if cited and name != "sources":
        out.append(f"- **Sources ({len(cited)}):** {{cite:p}}`{','.join(cited)}`")
    out += ["", "| Field | Type | Unit | Meaning |", "|---|---|---|---|"]
    for spec in table.fields:
        meaning = spec.get("description", spec.get("title", ""))
        enum = spec.get("constraints", {}).get("enum")
        if enum and len(enum) <= 12:
            meaning = meaning.rstrip(".")
            meaning = f"{meaning}. One of: {', '.join(map(str, enum))}."
        out.append(
            f"| `{spec['name']}` | {spec.get('type', 'string')} | {spec.get('x_unit', '')} "
            f"| {_cell(meaning)} |"
        )
    return out


def page_path() -> Path:
    return repo_root() / "book" / "data.md"


def write(path: Path | None = None) -> Path:
    """Write the page only when its content changes (keeps Sphinx's incremental build warm)."""
    path = path or page_path()
    text = render()
    write_if_changed(path, text)
    return path
