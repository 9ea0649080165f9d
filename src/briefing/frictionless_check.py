"""Second opinion on the data: validate the package with the frictionless library.

Used by ``python -m briefing validate`` and the tests; the loaders use the faster checks in
:mod:`briefing.validate`, which apply the same descriptor plus the book's own rules.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .paths import DESCRIPTOR_NAME


def frictionless_problems(folder: Path) -> list[Problem]:
    """Every error frictionless finds, as Problems (file, line, field, frictionless error type)."""
    from frictionless import Package, system

    problems = []
    with system.use_context(trusted=True):
        package = Package(str(folder / DESCRIPTOR_NAME))
        report = package.validate()
    for task in report.tasks:
        label = f"{folder.name}/{Path(task.place).name}" if task.place else f"{folder.name}/?"
        for error in task.errors:
            line = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            problems.append(Problem(label, line, field, f"frictionless:{error.type}", error.message))
    for error in report.errors:
        problems.append(
            Problem(
                f"{folder.name}/{DESCRIPTOR_NAME}", None, None, f"frictionless:{error.type}", error.message
            )
        )
    return problems
