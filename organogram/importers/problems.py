"""Problems found while importing, each naming its file, sheet, row and column.

An import collects every problem before deciding anything. Errors stop it (nothing is
written); warnings are the known traps of a source that the importer handled, reported so
that a person can check what was done with them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..core.errors import OrganogramError

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem: where (file, sheet, row, column), what, and how bad."""

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    severity: str = ERROR
    #: a short name of the kind of problem, for summaries ("missing-manager").
    code: str = ""

    def where(self) -> str:
        """``FILE``, then the sheet, row and column when known."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data (for --format json and reports)."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(OrganogramError):
    """An import that found errors: nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == ERROR]
        n = len(errors)
        head = f"{n} problem{'s' if n != 1 else ''} in the import; nothing was written:"
        super().__init__("\n".join([head, *map(str, errors)]))


@dataclass
class Report:
    """The problems of one import, errors and warnings, in the order found."""

    problems: list[ImportProblem] = field(default_factory=list)

    def error(self, file: str, message: str, **where: object) -> None:
        """Record an error: the import will write nothing."""
        self.problems.append(ImportProblem(file, message, severity=ERROR, **where))  # type: ignore[arg-type]

    def warn(self, file: str, message: str, **where: object) -> None:
        """Record a warning: a trap of the data, handled as the message says."""
        self.problems.append(ImportProblem(file, message, severity=WARNING, **where))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[ImportProblem]:
        """The errors found so far."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        """The warnings found so far."""
        return [p for p in self.problems if p.severity == WARNING]

    def raise_if_errors(self) -> None:
        """Raise ImportFailed with every problem when there is an error."""
        if self.errors:
            raise ImportFailed(self.problems)

    def counts(self) -> Counter[str]:
        """How many warnings of each code."""
        return Counter(p.code or "other" for p in self.warnings)
