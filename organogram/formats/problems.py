"""Problems found while reading a dataset, and the error that carries all of them.

A loader does not stop at the first problem: it collects every one, each naming the
file, line and field, so an author can fix a dataset in one pass. Nothing is loaded
when there is any problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import OrganogramError


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a dataset: where (file, line, field) and what."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DatasetError(OrganogramError):
    """A dataset that could not be loaded; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = "1 problem in the dataset:" if n == 1 else f"{n} problems in the dataset:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class Problems:
    """The problems collected so far while reading one dataset."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int | None, field: str, message: str) -> None:
        """Record one problem."""
        self.items.append(Problem(file, line, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, file_order: list[str]) -> None:
        """Raise DatasetError with the problems in reading order (file, then line)."""
        if not self.items:
            return
        rank = {f: i for i, f in enumerate(file_order)}
        ordered = sorted(self.items, key=lambda p: (rank.get(p.file, -1), p.line or 0))
        raise DatasetError(ordered)
