"""Editions: what changed in the data since the last edition, as a generated page (book/changes.md).

Each published edition's data is kept as a snapshot in ``editions/<version>/data`` (the CSVs and the
descriptor as they were), so the comparison works in any clone, with or without git tags. The
current edition is ``data/``; its version and date are the descriptor's ``version`` and ``x_as_of``.
Rows are matched by each dataset's primary key; a changed row lists every field whose value changed
(old → new). Each dataset is shown under the pages that read it (from the notebooks' freshness
manifest), so a reader can go from a change to the pages it touches.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...paths import data_dir, repo_root, write_if_changed

EDITIONS = Path("editions")
PAGE = Path("book") / "changes.md"


@dataclass(frozen=True)
class Change:
    dataset: str
    key: str
    kind: str  # added, changed, removed
    field: str = ""
    old: str = ""
    new: str = ""


def _descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _rows(folder: Path, resource: dict) -> dict[str, dict[str, str]]:
    """A dataset's rows keyed by their primary key (joined with ' / ' when it has several fields)."""
    path = folder / resource["path"]
    if not path.is_file():
        return {}
    key = resource["schema"].get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {" / ".join(row[k] for k in key): row for row in rows}


def previous_edition(root: Path | None = None) -> Path | None:
    """The newest snapshot in editions/ (by version number), or None."""
    folders = [p for p in ((root or repo_root()) / EDITIONS).glob("*/data") if p.is_dir()]
    if not folders:
        return None
    return max(folders, key=lambda p: tuple(int(part) for part in p.parent.name.split(".")))


def changes(old: Path, new: Path) -> list[Change]:
    """Every row added, removed or changed between two data folders, dataset by dataset."""
    found = []
    old_resources = {r["name"]: r for r in _descriptor(old)["resources"]}
    for resource in _descriptor(new)["resources"]:
        name = resource["name"]
        before = _rows(old, old_resources[name]) if name in old_resources else {}
        after = _rows(new, resource)
        for key in after.keys() - before.keys():
            found.append(Change(name, key, "added"))
        for key in before.keys() - after.keys():
            found.append(Change(name, key, "removed"))
        for key in before.keys() & after.keys():
            for field in after[key]:
                was, now = before[key].get(field), after[key][field]
                if was is None and now == "":
                    continue  # a new, empty column is not a change to the row
                if was != now:
                    found.append(Change(name, key, "changed", field, was or "", now))
    order = {"added": 0, "changed": 1, "removed": 2}
    return sorted(found, key=lambda c: (c.dataset, order[c.kind], _natural(c.key), c.field))


def _natural(key: str) -> tuple:
    """Natural order: a key ending in 9 sorts before one ending in 10."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key))


def _cell(text: object, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("|", "\\|").replace("`", "'").replace("<", "&lt;") or "(empty)"


def _pages_reading(root: Path) -> dict[str, list[str]]:
    """Dataset file name -> the pages (notebooks) that read it, from the freshness manifest."""
    from ..run.execute import read_manifest

    pages: dict[str, list[str]] = {}
    for notebook, record in sorted(read_manifest(root).items()):
        for name in record["inputs"]:
            if name.startswith("data/") and name.endswith(".csv"):
                pages.setdefault(Path(name).name, []).append(notebook)
    return pages


def _title(notebook: Path) -> str:
    """A page's title: the first heading of its notebook."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        text = "".join(cell["source"]).strip()
        if cell["cell_type"] == "markdown" and text.startswith("# "):
            return _cell(text.splitlines()[0][2:].split(":")[0])
    return notebook.stem


def _long(iso: str) -> str:
    from datetime import date

    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def render(root: Path | None = None) -> str:
    root = root or repo_root()
    new = data_dir()
    old = previous_edition(root)
    now = _descriptor(new)
    lines = ["# What changed since the last edition", ""]
    if old is None:
        return "\n".join([*lines, "This is the first edition; there is nothing to compare.", ""])
    was = _descriptor(old)
    found = changes(old, new)
    lines += [
        f"This edition ({now['version']}, information as of {_long(now['x_as_of'])}) compared with the",
        f"previous one ({was['version']}, information as of {_long(was['x_as_of'])}): every data row",
        "added, changed or removed, dataset by dataset, with the pages that use each dataset. Sources",
        "added are listed first. The page is generated from the two editions' data; see",
        "[Methods](methods.md) for how editions are made.",
        "",
    ]
    counts = {
        kind: len({(c.dataset, c.key) for c in found if c.kind == kind})
        for kind in ("added", "changed", "removed")
    }
    lines += [
        f"In all: {counts['added']} rows added, {counts['changed']} rows changed and "
        f"{counts['removed']} rows removed.",
        "",
    ]
    sources = [c for c in found if c.dataset == "sources" and c.kind == "added"]
    if sources:
        rows = _rows(new, next(r for r in now["resources"] if r["name"] == "sources"))
        lines += ["## Sources added", "", "| Source | Kind | Title | Published |", "|---|---|---|---|"]
        for change in sources:
            row = rows[change.key]
            lines.append(
                f"| {{cite:t}}`{change.key}` | {_cell(row['kind'])} | {_cell(row['title'])} "
                f"| {_cell(row['date_published'])} |"
            )
        lines.append("")
    pages = _pages_reading(root)
    for resource in now["resources"]:
        rows = [c for c in found if c.dataset == resource["name"]]
        if not rows or (resource["name"] == "sources" and all(c.kind == "added" for c in rows)):
            continue
        used_by = pages.get(Path(resource["path"]).name, [])
        links = ", ".join(f"[{_title(root / p)}](../{p})" for p in used_by) or "no page"
        described = _rows(new, resource)
        title_field = resource.get("x_row_title") or resource["schema"]["fields"][1]["name"]
        lines += [f"## {resource['title']}", "", f"Used by: {links}.", ""]
        lines += ["| Row | Change | Field | Before | Now |", "|---|---|---|---|---|"]
        for change in rows:
            if resource["name"] == "sources" and change.kind == "added":
                continue
            if change.kind == "added":
                what, old, new_value = title_field, "", _cell(described[change.key][title_field])
            elif change.kind == "changed":
                what, old, new_value = change.field, _cell(change.old), _cell(change.new)
            else:
                what, old, new_value = "", "", ""
            lines.append(f"| {_cell(change.key)} | {change.kind} | {what} | {old} | {new_value} |")
        lines.append("")
    return "\n".join(lines)


def write(root: Path | None = None) -> Path:
    root = root or repo_root()
    target = root / PAGE
    text = render(root)
    write_if_changed(target, text)
    return target


def _with_as_of(descriptor: dict, as_of: date, version: str | None) -> dict:
    stamped = json.loads(json.dumps(descriptor))
    stamped["x_as_of"] = as_of.isoformat()
    for resource in stamped["resources"]:
        resource["x_as_of"] = as_of.isoformat()
    if version:
        stamped["version"] = version
    return stamped


def _timed_rows(folder: Path) -> list[tuple[str, int, str, str, str]]:
    """(file, line, key, date, timing) of every row under a timing rule, read as text: the package
    may not validate under the old as-of date (new rows accessed since), so no typed load here."""
    found = []
    for resource in _descriptor(folder)["resources"]:
        for rule in resource.get("x_rules", []):
            if rule["rule"] not in ("timing", "periods"):
                continue
            # a dated item (timing) or the due end of a period in which a state held (periods)
            day_field = rule["date"] if rule["rule"] == "timing" else rule["end"]
            timing_field = "timing" if rule["rule"] == "timing" else rule["timing"]
            with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    if row.get(day_field):
                        key = next(iter(row.values()))
                        found.append((resource["path"], line, key, row[day_field], row.get(timing_field, "")))
    return found


def stamp(as_of: date, version: str | None = None, folder: Path | None = None) -> tuple[bool, list[str]]:
    """Stamp a new edition: set every dataset's as-of date (and the version) in the descriptor.

    First lists what the new date changes (every dated item under a timing rule that falls due
    between the two dates), then validates the whole package as of the new date in a scratch copy:
    a scheduled item the date has passed with neither an outcome nor 'no_outcome_found' (or any
    other problem) refuses the stamp, listing each. Returns whether it stamped and the report."""
    import shutil
    import tempfile

    from ...errors import DataValidationError
    from ...validate import validate_package

    folder = folder or data_dir()
    descriptor = _descriptor(folder)
    before = date.fromisoformat(descriptor["x_as_of"])
    report = [f"Edition as of {as_of.isoformat()} (the data are now as of {before.isoformat()})."]
    falling_due = [r for r in _timed_rows(folder) if before.isoformat() < r[3] <= as_of.isoformat()]
    for path, line, key, day, timing in falling_due:
        marked = timing or "(none)"
        report.append(f"  falls due: data/{path}, line {line}: {key}, dated {day}, now marked {marked}")
    if not falling_due:
        report.append("  No dated item falls due between the two dates.")
    stamped = _with_as_of(descriptor, as_of, version)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "data"
        shutil.copytree(folder, trial)
        (trial / "datapackage.json").write_text(json.dumps(stamped, indent=2, ensure_ascii=False) + "\n")
        try:
            validate_package(trial)
        except DataValidationError as exc:
            for problem in exc.problems:
                report.append(f"  {str(problem).replace(str(trial), 'data')}")
            past_due = sum(p.rule == "scheduled-past-due" for p in exc.problems)
            report.append(
                f"Not stamped: {len(exc.problems)} problem(s) as of {as_of.isoformat()}, {past_due} of them "
                "scheduled items now past due with no outcome (record the outcome, or no_outcome_found "
                "with the date of the search)."
            )
            return False, report
    (folder / "datapackage.json").write_text(json.dumps(stamped, indent=2, ensure_ascii=False) + "\n")
    report.append(f"Stamped: every dataset is now as of {as_of.isoformat()}; run make book.")
    return True, report
