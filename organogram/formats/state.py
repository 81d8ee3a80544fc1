"""What has been read of a dataset so far: its objects, its ids, its references.

Ids are checked for duplicates as they are read; references are checked once every
file is read, since a unit may be created in a later file than the one that cites it.
The check is lenient on time: a reference only needs *some* change of the dataset to
create its target (whether the target exists at the change's date is the validator's
business, not the loader's).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..core.changes import Change
from ..core.model import Claim, Organization, Person, Source
from ..core.plans import Plan
from .kinds import Ref
from .problems import Problems
from .references import passage_ref_problem
from .register import REF_PREFIX

#: Namespace of the ids created by the timeline (top-level and enacted plans' changes).
TIMELINE = "timeline"


@dataclass
class Reading:
    """Everything read so far, and the problems found."""

    problems: Problems = field(default_factory=Problems)
    files: list[str] = field(default_factory=list)
    organization: Organization | None = None
    organization_at: tuple[str, int] | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    #: top-level changes, shorthand included, in the order they are written.
    changes: list[Change] = field(default_factory=list)
    plans: dict[str, Plan] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    #: register section -> entry id -> entry, in the order written.
    registers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: (register section, entry id) -> the entry's field path (``nominations[2]``) and node.
    entry_paths: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
    #: namespace -> id -> where first given (file, line).
    ids: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    #: unit or post id -> "unit" / "post", over the timeline and every plan.
    nodes: dict[str, str] = field(default_factory=dict)

    def mark(self) -> dict[str, Any]:
        """What has been read so far, in a form :meth:`rollback` can return to.

        A file is read while it is composed (:mod:`organogram.formats.stream`), so a
        syntax error late in it is met after its first entries are read: they are taken
        back, and the file counts as unread, as when the whole file was composed first.
        Reading only adds (to lists, to dicts, to the dicts in :attr:`ids` and
        :attr:`registers`), so lengths are enough to go back.
        """
        out: dict[str, Any] = {"problems": len(self.problems.items)}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                out[f.name] = len(value)
            elif isinstance(value, dict):
                inner = {k: len(v) for k, v in value.items() if isinstance(v, dict)}
                out[f.name] = (len(value), inner)
            elif f.name != "problems":
                out[f.name] = value
        return out

    def rollback(self, mark: dict[str, Any]) -> None:
        """Forget what was read since ``mark`` (see :meth:`mark`), problems included."""
        del self.problems.items[mark["problems"] :]
        for f in fields(self):
            value, kept = getattr(self, f.name), mark.get(f.name)
            if isinstance(value, list):
                del value[kept:]
            elif isinstance(value, dict):
                size, inner = kept
                for key in list(value)[size:]:
                    del value[key]
                for key, n in inner.items():
                    for added in list(value[key])[n:]:
                        del value[key][added]
            elif f.name != "problems":
                setattr(self, f.name, kept)

    def claim_id(
        self, namespace: str, what: str, ident: str, where: tuple[str, int], path: str
    ) -> bool:
        """Register ``ident`` in ``namespace``; report and return False if already there."""
        seen = self.ids.setdefault(namespace, {})
        first = seen.get(ident)
        if first is None:
            seen[ident] = where
            return True
        self.problems.add(
            where[0],
            where[1],
            path,
            f"duplicate {what} id {ident!r} (first at {first[0]}:{first[1]})",
        )
        return False

    def create_node(
        self, kind: str, ident: str, scope: str, where: tuple[str, int], path: str
    ) -> None:
        """Register a unit or post created in ``scope`` (the timeline or one plan).

        Units and posts share one namespace. Two plans may each create the same new
        unit (they are alternatives), but one scope may not create an id twice.
        """
        self.claim_id(f"node:{scope}", "unit or post", ident, where, path)
        self.nodes.setdefault(ident, kind)

    def known(self, category: str, ident: str) -> bool:
        """Whether a reference of ``category`` to ``ident`` points at something read
        already (only the kinds that are cheap to tell; False for the others). Such a
        reference passes :meth:`check_references` whatever is read after it."""
        if category in ("unit", "post"):
            return self.nodes.get(ident) == category
        if category == "node":
            return ident in self.nodes
        if category == "person":
            return ident in self.people
        if category == "source":
            return ident in self.sources
        return False

    def check_references(self) -> None:
        """Report every reference to an id that nothing in the dataset creates."""
        subjects = set(self.nodes) | set(self.people) | set(self.sources) | set(self.plans)
        subjects |= set(self.ids.get("change", ()))
        for entries in self.registers.values():
            subjects |= set(entries)
        if self.organization is not None:
            subjects.add(self.organization.id)
        for ref in self.refs:
            message = self._unknown(ref, subjects)
            if message:
                self.problems.add(ref.file, ref.line, ref.path, message)

    def _unknown(self, ref: Ref, subjects: set[str]) -> str | None:
        """Why ``ref`` points nowhere, or None when it is fine."""
        v, cat = ref.value, ref.category
        kind = self.nodes.get(v)
        if cat == "node":
            return None if kind else f"{v!r} is not a unit or post of the dataset"
        if cat in ("unit", "post"):
            if kind == cat:
                return None
            if kind:
                return f"{v!r} is a {kind}, not a {cat}"
            return f"{v!r} is not a {cat} of the dataset"
        if cat == "person":
            return None if v in self.people else f"{v!r} is not a person of the dataset"
        if cat == "source":
            return None if v in self.sources else f"{v!r} is not a source of the dataset"
        if cat == "passage":
            return passage_ref_problem(self.sources, v)
        if cat == "subject":
            return None if v in subjects else f"{v!r} is not an id of the dataset"
        if cat.startswith(REF_PREFIX):
            section = cat[len(REF_PREFIX) :]
            if v in self.ids.get(REF_PREFIX + section, ()):
                return None
            return f"{v!r} is not an entry of {section} in the dataset"
        raise ValueError(f"unknown reference category {cat!r}")
