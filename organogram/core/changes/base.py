"""The base of every change: its date, citations, reason and who recorded it.

A change is a small class shared by the web, the API, the command line and the
loaders. :meth:`Change.check` lists what does not hold on a structure (empty: it
applies); :func:`step` is the one way a change is applied: it checks, then applies
when nothing is wrong (noting, if asked, what it touched). The loaders, plans,
validation, narration and the diff go through it, and the fold through :func:`steps`,
the same step over many changes in one loop. :meth:`Change.apply` is :func:`step` that
raises :class:`~organogram.core.errors.ChangeError` instead.

Valid time (``date``: when the change takes effect in the organization) and record
time (``recorded_at``, ``recorded_by``: when and by whom it entered the record) are
kept apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import ClassVar

from ..dates import FuzzyDate
from ..errors import ChangeError
from ..model import UNKNOWN_PLACE, Basis, Citation
from ..structure import Structure

#: op name -> change class; filled by :func:`register`.
REGISTRY: dict[str, type[Change]] = {}


def register(cls: type[Change]) -> type[Change]:
    """Class decorator that makes a change class known under its ``op`` name."""
    if cls.op in REGISTRY:
        raise RuntimeError(f"change op {cls.op!r} registered twice")
    REGISTRY[cls.op] = cls
    return cls


#: Fields every change has; the others are the change's own parameters.
COMMON_FIELDS = ("id", "date", "cites", "reason", "recorded_by", "recorded_at", "basis", "note")


@dataclass(kw_only=True, frozen=True)
class Change:
    """One dated operation on the structure.

    Immutable (``dataclasses.replace`` makes an amended copy) and hashable by its id, so
    that a change can key a dict or sit in a set; equality compares every field but the
    origin, so two changes with the same id and different fields are distinct keys (in
    one bucket). A change without an id (made in code and not yet recorded) hashes by
    its operation, date and subjects instead, so that many of them do not share a bucket.
    """

    op: ClassVar[str] = ""
    #: Human name of the operation, for tables and filters.
    label: ClassVar[str] = ""

    id: str = ""
    date: FuzzyDate
    cites: tuple[Citation, ...] = ()
    reason: str = ""
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    basis: Basis = Basis.STATED
    note: str = ""
    #: Where the change was read from (file, line), for error messages; not compared.
    origin: tuple[str, int] | None = field(default=None, compare=False, repr=False)

    def __hash__(self) -> int:
        if self.id:
            return hash(self.id)
        # Fields equality compares: equal changes still hash equal.
        return hash((self.op, self.date, self.subjects()))

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # ``@dataclass(frozen=True)`` gives a class a hash of all its fields (slow, not
        # the id's, and failing on a field holding a dict) unless the class defines its
        # own: this puts the id hash in each subclass before its decorator looks.
        cls.__hash__ = Change.__hash__  # type: ignore[method-assign]

    # ---------------------------------------------------------------- protocol
    def check(self, s: Structure) -> list[str]:
        """What does not hold for this change on ``s``; empty when it can apply."""
        raise NotImplementedError

    def _apply(self, s: Structure) -> None:
        # Mutates ``s`` assuming check(s) found nothing wrong: only step() calls it.
        raise NotImplementedError

    def apply(self, s: Structure) -> None:
        """Apply to ``s`` after checking; raises ChangeError and changes nothing if not."""
        problems = step(self, s)
        if problems:
            raise ChangeError(self.id or self.op, problems)

    def subjects(self) -> frozenset[str]:
        """Ids of the units and posts this change touches (for history and conflicts)."""
        raise NotImplementedError

    def creates(self) -> frozenset[str]:
        """Ids of the units and posts this change brings into being."""
        return frozenset()

    def needs(self) -> frozenset[str]:
        """Ids of the units and posts that must exist for this change to apply."""
        return self.subjects() - self.creates()

    def params(self) -> dict[str, object]:
        """The change's own parameters (not the common fields), by name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in COMMON_FIELDS and f.name != "origin"
        }

    def where(self) -> str:
        """``file:line`` the change was read from, or its id."""
        if self.origin:
            return f"{self.origin[0]}:{self.origin[1]}"
        return self.id or self.op


def step(
    change: Change,
    s: Structure,
    touched: set[str] | None = None,
    before: Callable[[Change, Structure], object] | None = None,
) -> list[str]:
    """Check ``change`` on ``s`` and apply it when nothing is wrong: one step of a fold.

    Returns what does not hold (as :meth:`Change.check`); empty means the change was
    applied. When it is not empty, ``s`` is exactly as it was.

    ``touched``: a set that receives the ids of the units and posts the change touched
    (nothing when it did not apply). What a change touches is known only by applying
    it: a merge hands the reporters of the units it ends to another.

    ``before``: called as ``before(change, s)`` once the change is known to apply, just
    before it does, to read the structure as the change finds it (narration names
    things as they were).
    """
    problems = change.check(s)
    if problems:
        return problems
    if before is not None:
        before(change, s)
    if touched is None:
        change._apply(s)
        return problems
    # The structure's writes note what they touch in ``s.touched``: pointing it at the
    # caller's set for this one change collects exactly that, without copying a set.
    kept = s.touched
    s.touched = touched
    try:
        change._apply(s)
    finally:
        s.touched = kept
    return problems


def steps(changes: Iterable[Change], s: Structure) -> list[tuple[Change, list[str]]]:
    """:func:`step` each of ``changes`` in turn on ``s``; those that did not apply, and why.

    The loop of a fold: the same check-then-apply as :func:`step`, written out here
    because a call per change costs a fold about 5% (measured on a generated
    organization of 12,000 changes).
    """
    failed: list[tuple[Change, list[str]]] = []
    for change in changes:
        problems = change.check(s)
        if problems:
            failed.append((change, problems))
        else:
            change._apply(s)
    return failed


# ------------------------------------------------------------------ helpers
def node_ids(*ids: str | None) -> frozenset[str]:
    """The ids given, without the Nones and the unknown place (which is no node)."""
    return frozenset(i for i in ids if i is not None and i != UNKNOWN_PLACE)


def need_unit(s: Structure, unit: str, problems: list[str], role: str = "unit") -> bool:
    """Record a problem unless ``unit`` is a unit in force."""
    if unit in s.units:
        return True
    if unit in s.retired_units:
        problems.append(f"{role} {s.named(unit)} was abolished before this date")
    else:
        problems.append(f"{role} {s.named(unit)} does not exist at this date")
    return False


def need_post(s: Structure, post: str, problems: list[str], role: str = "post") -> bool:
    """Record a problem unless ``post`` is a post in force."""
    if post in s.posts:
        return True
    if post in s.retired_posts:
        problems.append(f"{role} {s.named(post)} was abolished before this date")
    else:
        problems.append(f"{role} {s.named(post)} does not exist at this date")
    return False


def need_new_id(s: Structure, node: str, problems: list[str]) -> None:
    """Record a problem if ``node`` is already a unit or post in force."""
    if s.exists(node):
        problems.append(f"{s.named(node)} already exists at this date")


def need_target(s: Structure, node: str, target: str | None, problems: list[str]) -> None:
    """Check that ``target`` can be the line of oversight of ``node``: it exists, no cycle."""
    if target is None or target == UNKNOWN_PLACE:
        return
    if not s.exists(target):
        if target in s.retired_units or target in s.retired_posts:
            problems.append(f"oversight target {s.named(target)} was abolished before this date")
        else:
            problems.append(f"oversight target {s.named(target)} does not exist at this date")
        return
    if target == node:
        problems.append(f"{s.named(node)} cannot oversee itself")
    elif node in s.ancestors(target):
        problems.append(
            f"{s.named(target)} is under {s.named(node)}: "
            f"placing {s.named(node)} under it would make a cycle"
        )
