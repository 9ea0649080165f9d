"""Validate the data package against data/datapackage.json, without pandas or frictionless.

Every check reports a :class:`~briefing.errors.Problem` naming the file, line, field and rule; all
problems of all files are collected before anything is raised, so a contributor sees the whole list
at once. Nothing is dropped, coerced or reordered: a value either passes as written or is reported.

Besides the Table Schema rules (types, required, enum, pattern, ranges, lengths, primary and foreign
keys) the descriptor's ``x_rules`` add the book's own:

* ``group-sum-max`` — shares of one group (e.g. one stage, year and source) must not exceed a total;
* ``max-words`` — a verbatim quote must stay within the house limit;
* every date-like field must not be later than the resource's ``x_as_of`` date (unless the field is
  marked ``x_allow_future``, as a scheduled due date is): ``date`` fields, string fields marked
  ``x_partial_date`` (YYYY, YYYY-MM or YYYY-MM-DD, each part a real calendar value) and integer
  fields marked ``x_year``;
* ``timing`` — dated items against the clock: a scheduled item the as-of date has passed needs an
  outcome or an explicit ``no_outcome_found`` with the date of the search (see :mod:`briefing.clock`);
* a row whose ``status`` is ``verified`` must cite a primary source (official text, government
  statement or dataset), not only news or analysis;
* ``unique-url`` — no two sources may give the same address (they are one source).

frictionless checks the same descriptor in the test suite and in ``python -m briefing validate``;
this module is the fast path used on every load.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataValidationError, Problem
from .paths import DESCRIPTOR_NAME

PRIMARY_SOURCE_KINDS = frozenset({"official_text", "government_statement", "dataset"})
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class Table:
    """One validated CSV: typed rows in file order, plus where each row came from."""

    name: str
    path: Path
    fields: list[dict[str, Any]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def read_descriptor(folder: Path) -> dict[str, Any]:
    """Read datapackage.json, reporting a malformed descriptor as a Problem, not a traceback."""
    path = folder / DESCRIPTOR_NAME
    label = _label(path)
    if not path.is_file():
        raise DataValidationError([Problem(label, None, None, "descriptor-missing", "not found")])
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataValidationError(
            [Problem(label, line, None, "descriptor-json", f"not valid JSON: {exc}")]
        ) from exc
    problems = _check_descriptor_shape(descriptor, label)
    if problems:
        raise DataValidationError(problems)
    return descriptor


def _check_descriptor_shape(descriptor: Any, label: str) -> list[Problem]:
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [Problem(label, None, None, "descriptor-shape", "needs a 'resources' list")]
    problems = []
    for index, resource in enumerate(descriptor["resources"]):
        where = f"resource {index}"
        if not isinstance(resource, dict):
            problems.append(Problem(label, None, None, "descriptor-shape", f"{where} is not an object"))
            continue
        for key in ("name", "path", "schema", "x_as_of"):
            if key not in resource:
                problems.append(Problem(label, None, None, "descriptor-shape", f"{where} lacks '{key}'"))
        fields = (
            resource.get("schema", {}).get("fields") if isinstance(resource.get("schema"), dict) else None
        )
        if not isinstance(fields, list) or not all(isinstance(f, dict) and "name" in f for f in fields):
            problems.append(
                Problem(label, None, None, "descriptor-shape", f"{where} needs schema.fields with names")
            )
    return problems


def _label(path: Path) -> str:
    """Name a file as contributors know it: data/<file>."""
    return f"{path.parent.name}/{path.name}"


def validate_package(folder: Path) -> dict[str, Table]:
    """Validate every resource of the package in ``folder``; raise with all problems, or return tables."""
    descriptor = read_descriptor(folder)
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for resource in descriptor["resources"]:
        table, found = check_table(folder, resource)
        problems.extend(found)
        tables[resource["name"]] = table
    if not any(p.rule in _FATAL_FILE_RULES for p in problems):
        problems.extend(_check_cross_table(descriptor, tables))
    else:  # keys cannot be checked across tables whose rows could not be read
        readable = {n: t for n, t in tables.items() if t.rows}
        problems.extend(_check_cross_table(descriptor, readable))
    if problems:
        raise DataValidationError(problems)
    return tables


_FATAL_FILE_RULES = frozenset(
    {
        "file-missing",
        "file-empty",
        "encoding-bom",
        "encoding-utf8",
        "column-missing",
        "column-extra",
        "column-order",
        "column-duplicate",
    }
)


def check_table(folder: Path, resource: dict[str, Any]) -> tuple[Table, list[Problem]]:
    """Check one CSV against its resource descriptor. Returns the typed table and its problems."""
    path = folder / resource["path"]
    label = _label(path)
    fields = resource["schema"]["fields"]
    table = Table(resource["name"], path, fields)
    if not path.is_file():
        return table, [Problem(label, None, None, "file-missing", "file not found")]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return table, [
            Problem(label, 1, None, "encoding-bom", "starts with a UTF-8 byte-order mark; save without BOM")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return table, [
            Problem(
                label, line, None, "encoding-utf8", f"byte {raw[exc.start]:#04x} is not UTF-8; save as UTF-8"
            )
        ]
    if not text.strip():
        return table, [Problem(label, None, None, "file-empty", "file is empty (not even a header)")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        return table, [Problem(label, 1, None, "csv-syntax", str(exc))]
    problems = _check_header(label, header, [f["name"] for f in fields])
    if problems:
        return table, problems

    as_of = _parse_date(resource["x_as_of"])
    try:
        for row in reader:
            line = reader.line_num
            if not row:
                problems.append(Problem(label, line, None, "row-blank", "blank line inside the table"))
                continue
            if len(row) != len(fields):
                problems.append(
                    Problem(label, line, None, "row-length", f"{len(row)} values for {len(fields)} columns")
                )
                continue
            record = {}
            for spec, cell in zip(fields, row, strict=True):
                value, found = _check_cell(label, line, spec, cell, as_of)
                problems.extend(found)
                record[spec["name"]] = value
            table.rows.append(record)
            table.lines.append(line)
    except csv.Error as exc:
        problems.append(Problem(label, reader.line_num, None, "csv-syntax", str(exc)))

    problems.extend(_check_primary_key(label, resource, table))
    problems.extend(_check_rules(label, resource, table, as_of))
    return table, problems


def _check_header(label: str, header: list[str], expected: list[str]) -> list[Problem]:
    problems = []
    for name in header:
        if name != name.strip():
            problems.append(
                Problem(label, 1, name.strip(), "whitespace", f"column name {name!r} has stray spaces")
            )
    names = [n.strip() for n in header]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(label, 1, name, "column-duplicate", "column appears twice"))
    for name in expected:
        if name not in names:
            problems.append(Problem(label, 1, name, "column-missing", "required column is missing"))
    for name in names:
        if name not in expected:
            problems.append(Problem(label, 1, name, "column-extra", "column is not in the schema"))
    if not problems and names != expected:
        problems.append(
            Problem(label, 1, None, "column-order", f"columns must be in schema order: {', '.join(expected)}")
        )
    return problems


def _check_cell(
    label: str, line: int, spec: dict[str, Any], cell: str, as_of: date
) -> tuple[Any, list[Problem]]:
    name = spec["name"]
    constraints = spec.get("constraints", {})
    if cell != cell.strip():
        return None, [
            Problem(label, line, name, "whitespace", f"value {cell!r} has leading or trailing spaces")
        ]
    if cell == "":
        if constraints.get("required"):
            return None, [Problem(label, line, name, "required", "value is required but empty")]
        return None, []
    value, error = _parse(spec.get("type", "string"), cell)
    if error:
        return None, [Problem(label, line, name, "type", error)]
    return value, _check_constraints(label, line, spec, cell, value, as_of)


def _parse(kind: str, cell: str) -> tuple[Any, str | None]:
    if kind == "string":
        return cell, None
    if kind == "integer":
        if _INTEGER.fullmatch(cell):
            return int(cell), None
        return None, f"{cell!r} is not a whole number"
    if kind == "number":
        if _NUMBER.fullmatch(cell):
            return float(cell), None
        return None, f"{cell!r} is not a number (digits and one '.', no separators or units)"
    if kind == "boolean":
        if cell in ("true", "false"):
            return cell == "true", None
        return None, f"{cell!r} is not 'true' or 'false'"
    if kind == "date":
        parsed = _parse_date(cell)
        if parsed is None:
            return None, f"{cell!r} is not a date in YYYY-MM-DD form"
        return parsed, None
    return None, f"unknown field type {kind!r} in the descriptor"


def _parse_date(text: str) -> date | None:
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _check_constraints(
    label: str, line: int, spec: dict[str, Any], cell: str, value: Any, as_of: date
) -> list[Problem]:
    name = spec["name"]
    constraints = spec.get("constraints", {})
    problems = []

    def report(rule: str, message: str) -> None:
        problems.append(Problem(label, line, name, rule, message))

    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(map(str, constraints["enum"]))
        report("enum", f"{cell!r} is not one of the allowed values: {allowed}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        report("pattern", f"{cell!r} does not match the pattern {constraints['pattern']}")
    if "maxLength" in constraints and len(cell) > constraints["maxLength"]:
        report("max-length", f"{len(cell)} characters, more than the limit of {constraints['maxLength']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        report("minimum", f"{cell} is below the minimum of {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        report("maximum", f"{cell} is above the maximum of {constraints['maximum']}")
    if spec.get("x_partial_date"):
        start, error = partial_date_start(cell)
        if error:
            report("calendar-date", error)
            return problems
        value = start
    if spec.get("x_year"):
        value = date(value, 1, 1)
    if isinstance(value, date) and value > as_of and not spec.get("x_allow_future"):
        report("after-as-of", f"{cell} is later than the dataset's as-of date {as_of.isoformat()}")
    return problems


def partial_date_start(cell: str) -> tuple[date | None, str | None]:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD value can mean, or why it is not a real date."""
    found = _PARTIAL_DATE.fullmatch(cell)
    if not found:
        return None, f"{cell!r} is not a date in YYYY, YYYY-MM or YYYY-MM-DD form"
    year, month, day = (int(part) if part else None for part in found.groups())
    if month is not None and not 1 <= month <= 12:
        return None, f"{cell!r} has month {month:02d}; months run from 01 to 12"
    try:
        return date(year, month or 1, day or 1), None
    except ValueError:
        return None, f"{cell!r} is not a real calendar day"


def _check_primary_key(label: str, resource: dict[str, Any], table: Table) -> list[Problem]:
    key = resource["schema"].get("primaryKey")
    if not key:
        return []
    key = [key] if isinstance(key, str) else key
    seen: dict[tuple, int] = {}
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        value = tuple(row[k] for k in key)
        if value in seen:
            shown = ", ".join(f"{k}={v}" for k, v in zip(key, value, strict=True))
            problems.append(
                Problem(label, line, ",".join(key), "primary-key", f"{shown} repeats line {seen[value]}")
            )
        else:
            seen[value] = line
    return problems


def _check_rules(label: str, resource: dict[str, Any], table: Table, as_of: date) -> list[Problem]:
    problems = []
    for rule in resource.get("x_rules", []):
        if rule["rule"] == "group-sum-max":
            totals: dict[tuple, float] = defaultdict(float)
            last_line: dict[tuple, int] = {}
            for row, line in zip(table.rows, table.lines, strict=True):
                if row[rule["field"]] is None:
                    continue
                group = tuple(row[g] for g in rule["group_by"])
                totals[group] += row[rule["field"]]
                last_line[group] = line
            for group, total in totals.items():
                if total > rule["max"] + 1e-9:
                    shown = ", ".join(f"{g}={v}" for g, v in zip(rule["group_by"], group, strict=True))
                    problems.append(
                        Problem(
                            label,
                            last_line[group],
                            rule["field"],
                            "group-sum-max",
                            f"values for {shown} add up to {total:g}, more than {rule['max']:g}",
                        )
                    )
        elif rule["rule"] == "max-words":
            when = rule.get("when", {})
            for row, line in zip(table.rows, table.lines, strict=True):
                text = row[rule["field"]]
                if text is None or any(row.get(k) != v for k, v in when.items()):
                    continue
                words = len(text.split())
                if words > rule["max"]:
                    problems.append(
                        Problem(
                            label,
                            line,
                            rule["field"],
                            "max-words",
                            f"quote of {words} words is longer than the house limit of {rule['max']}",
                        )
                    )
        elif rule["rule"] == "timing":
            problems.extend(_check_timing(label, rule, table, as_of))
        elif rule["rule"] == "periods":
            problems.extend(_check_periods(label, rule, table, as_of))
        elif rule["rule"] == "one-row-per-event":
            problems.extend(_check_one_row_per_event(label, rule, table))
        elif rule["rule"] == "unique-url":
            problems.extend(_check_unique_url(label, rule["field"], table))
    return problems


def _check_unique_url(label: str, name: str, table: Table) -> list[Problem]:
    """Two rows may not give the same address (compared without the scheme, a leading ``www.``,
    the case of the host or a trailing slash): they are one source, to be merged."""
    seen: dict[str, int] = {}
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        url = row.get(name)
        if url is None:
            continue
        host, _, path = re.sub(r"^[a-z]+://", "", url, flags=re.I).rstrip("/").partition("/")
        key = f"{host.lower().removeprefix('www.')}/{path}"
        if key in seen:
            message = f"{url!r} is also the {name} of line {seen[key]}: merge the two into one source"
            problems.append(Problem(label, line, name, "unique-url", message))
        else:
            seen[key] = line
    return problems


def _check_one_row_per_event(label: str, rule: dict[str, Any], table: Table) -> list[Problem]:
    """One row per real-world event: two rows with the same date, subject and action record the same
    event twice (a scheduled date and its outcome belong in one row, as timing and outcome). A row
    with no subject is not compared; an empty action matches any action of the same subject."""
    problems = []
    seen: dict[tuple, list[tuple[Any, int]]] = defaultdict(list)
    for row, line in zip(table.rows, table.lines, strict=True):
        subject = row.get(rule["subject"])
        if subject is None:
            continue
        action = row.get(rule["action"])
        for other_action, other_line in seen[(row[rule["date"]], subject)]:
            if action is None or other_action is None or action == other_action:
                problems.append(
                    Problem(
                        label,
                        line,
                        rule["subject"],
                        "one-row-per-event",
                        f"same date, subject ({subject}) and action as line {other_line}: one real-world "
                        "event, two rows; merge them (a scheduled date and its outcome share one row)",
                    )
                )
        seen[(row[rule["date"]], subject)].append((action, line))
    return problems


def _check_periods(label: str, rule: dict[str, Any], table: Table, as_of: date) -> list[Problem]:
    """Periods in which a state held (see briefing.analysis.state): one subject's periods may not
    overlap; a period ends after it starts; an end date says how it ended (and an end that is only
    due may not lie before the as-of); a period is confirmed no earlier than it began."""
    from .clock import is_past

    subject, start, end = rule["subject"], rule["start"], rule["end"]
    timing, searched, confirmed = rule["timing"], rule["searched"], rule["confirmed"]
    problems = []

    def report(line: int, field: str, name: str, message: str) -> None:
        problems.append(Problem(label, line, field, name, message))

    by_subject: dict[Any, list[tuple[date, date | None, int]]] = defaultdict(list)
    for row, line in zip(table.rows, table.lines, strict=True):
        began, ended, how = row.get(start), row.get(end), row.get(timing)
        if began is None:
            report(line, start, "period-needs-start", "a period needs the day it began")
            continue
        if ended is not None and ended < began:
            report(line, end, "period-ends-before-start", f"ends {ended} before it starts {began}")
        if (ended is None) != (how is None):
            report(line, timing, "period-end-needs-timing", f"give both {end} and {timing}, or neither")
        precision = row.get(rule["end_precision"]) or "day"
        if how == "scheduled" and ended is not None and is_past(ended, as_of, precision):
            report(
                line,
                timing,
                "scheduled-past-due",
                f"due to end on {ended.isoformat()}, which the as-of date {as_of.isoformat()} has passed: "
                f"record how it ended (happened) or set no_outcome_found with the date searched ({searched})",
            )
        if how == "happened" and ended is not None and ended > as_of:
            report(line, end, "happened-after-as-of", f"ended {ended.isoformat()}, after the as-of date")
        if how == "no_outcome_found" and row.get(searched) is None:
            report(line, searched, "no-outcome-needs-search-date", "no_outcome_found needs the date searched")
        if row.get(confirmed) is not None and row[confirmed] < began:
            report(line, confirmed, "confirmed-before-start", f"confirmed {row[confirmed]} before it began")
        by_subject[row[subject]].append((began, ended, line))
    for periods in by_subject.values():
        periods.sort(key=lambda p: p[0])
        for (_, ended, line), (began, _, next_line) in itertools.pairwise(periods):
            if ended is None or began < ended:
                report(
                    next_line,
                    start,
                    "periods-overlap",
                    f"starts {began.isoformat()}, while the period of line {line} for the same subject "
                    + ("is still open" if ended is None else f"runs to {ended.isoformat()}"),
                )
    return problems


def _check_timing(label: str, rule: dict[str, Any], table: Table, as_of: date) -> list[Problem]:
    """Dated items against the clock (see briefing.clock): a scheduled item the as-of has passed
    needs an outcome row or 'no_outcome_found' with the date of the search; a 'no_outcome_found'
    item needs that date; an item that happened cannot be dated after the as-of."""
    from .clock import is_past

    date_field, precision_field = rule["date"], rule.get("precision")
    outcome, searched = rule["outcome"], rule["searched"]
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        day, timing = row.get(date_field), row.get("timing")
        precision = (row.get(precision_field) if precision_field else None) or "day"
        if timing == "no_outcome_found" and row.get(searched) is None:  # dated or not
            problems.append(
                Problem(
                    label,
                    line,
                    searched,
                    "no-outcome-needs-search-date",
                    "no_outcome_found needs the date the sources were last searched",
                )
            )
        if day is None or timing is None:
            continue
        if timing == "scheduled" and is_past(day, as_of, precision) and row.get(outcome) is None:
            problems.append(
                Problem(
                    label,
                    line,
                    "timing",
                    "scheduled-past-due",
                    f"scheduled for {day.isoformat()}, which the as-of date {as_of.isoformat()} has passed: "
                    f"give the row that records its outcome ({outcome}) or set timing to no_outcome_found "
                    f"with the date the sources were searched ({searched})",
                )
            )
        if timing in ("happened", "lapsed") and day > as_of:
            problems.append(
                Problem(
                    label,
                    line,
                    date_field,
                    "happened-after-as-of",
                    f"marked {timing} but dated {day.isoformat()}, after the as-of date {as_of.isoformat()}",
                )
            )
    return problems


def _check_cross_table(descriptor: dict[str, Any], tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        label = _label(table.path)
        for foreign in resource["schema"].get("foreignKeys", []):
            problems.extend(_check_foreign_key(label, table, foreign, tables))
        problems.extend(_check_primary_sources(label, table, tables.get("sources")))
        for rule in resource.get("x_rules", []):
            if rule["rule"] == "not-after-search" and descriptor.get(rule["searched"]):
                problems.extend(_check_not_after_search(label, table, rule, descriptor[rule["searched"]]))
    return problems


def _check_not_after_search(label: str, table: Table, rule: dict[str, Any], searched: str) -> list[Problem]:
    """No source can be newer than the search that found it: its date, or the date its content runs
    to, may not fall after the package's ``x_searched_to``, the date the dateline prints."""
    limit = _parse_date(searched)
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        for name in rule["fields"]:
            start, _ = partial_date_start(row[name]) if row.get(name) else (None, None)
            if start is not None and limit is not None and start > limit:
                problems.append(
                    Problem(
                        label,
                        line,
                        name,
                        "after-search",
                        f"{row[name]} is after the date the sources were searched to ({searched}): a "
                        "fact cannot rest on a source newer than the search; move x_searched_to",
                    )
                )
    return problems


def _check_foreign_key(
    label: str, table: Table, foreign: dict[str, Any], tables: dict[str, Table]
) -> list[Problem]:
    local = foreign["fields"]
    target_name = foreign["reference"]["resource"] or table.name
    remote = foreign["reference"]["fields"]
    target = tables.get(target_name)
    if target is None:
        return []
    known = {row[remote] for row in target.rows}
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        value = row[local]
        if value is not None and value not in known:
            problems.append(
                Problem(
                    label, line, local, "foreign-key", f"{value!r} is not a {remote} in {_label(target.path)}"
                )
            )
    return problems


def _check_primary_sources(label: str, table: Table, sources: Table | None) -> list[Problem]:
    names = {f["name"] for f in table.fields}
    if sources is None or table.name == "sources" or not {"status", "source_id"} <= names:
        return []
    kinds = {row["source_id"]: row["kind"] for row in sources.rows}
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        kind = kinds.get(row["source_id"])
        if row["status"] == "verified" and kind is not None and kind not in PRIMARY_SOURCE_KINDS:
            problems.append(
                Problem(
                    label,
                    line,
                    "status",
                    "verified-needs-primary",
                    f"'verified' but source {row['source_id']} is {kind}; use 'reported' or cite a "
                    "primary source",
                )
            )
    return problems


@lru_cache(maxsize=8)
def _cached_package(folder: str, stamp: tuple) -> dict[str, Table]:
    return validate_package(Path(folder))


def package_stamp(folder: Path) -> tuple:
    """A cheap fingerprint of the data folder: names, sizes and modification times."""
    entries = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            entries.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def validated_package(folder: Path) -> dict[str, Table]:
    """Validate once per process and per state of the folder; later calls are free."""
    return _cached_package(str(folder), package_stamp(folder))
