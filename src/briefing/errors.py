"""The one error type for bad data: it names the file, the line, the field and the rule broken."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LISTED = 40


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule in one place. ``line`` is the line number in the file (header = line 1)."""

    file: str
    line: int | None
    field: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


class DataValidationError(ValueError):
    """Raised when any dataset breaks its schema; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or ""))
        shown = [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"  … and {more} more")
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} data {noun}:\n" + "\n".join(shown))
