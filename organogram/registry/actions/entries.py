"""Actions on register entries (bodies, terms of reference, cost tables…): save one,
remove one.

An entry is checked with the dataset format's field table, its references against
the record, its register's own check, and what saving it would do to the other
entries. An edit names the version of the entry the editor saw; if someone saved the
entry since, the edit is refused as stale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Max

from ...core.record import Record
from ...formats.references import dangling
from ...formats.register import REF_PREFIX, EntryDataError, entry_from_dict, entry_to_dict
from ...formats.registers import ALL, BY_SECTION
from .. import models as m
from .base import Action, Audit, Context, Outcome, Refused


class EntryRefused(Refused):
    """An entry that is not valid, or whose references point at nothing."""


class StaleEntry(EntryRefused):
    """Someone saved the entry since the editor read it: nothing overwritten."""

    kind = "stale"


@dataclass(frozen=True)
class SavedEntry:
    """An entry as written: its core object, its row's version, the new revision."""

    entry: Any
    version: int
    revision: int


def register_of(section: str) -> Any:
    """The register of ``section``; refused as missing when there is none."""
    try:
        return BY_SECTION[section]
    except KeyError:
        known = ", ".join(sorted(BY_SECTION))
        raise EntryRefused(
            f"no register {section!r} (registers: {known})", kind="missing"
        ) from None


def _check_version(row: m.Entry | None, section: str, key: str, expected: int | None) -> None:
    if expected is None:
        return
    found = row.version if row is not None else 0
    if found != expected:
        raise StaleEntry(
            f"{section} entry {key!r} has changed since you read it "
            f"(you had version {expected}, it is now at {found}); read it again and retry"
        )


def _permissions_of(section: str) -> tuple[str, ...]:
    """A register names the permission that edits it (cost tables: ``cost.edit``)."""
    return (register_of(section).edit_action,)


class _EntryAction(Action):
    """What the writes of one register share: its permission, the step they leave."""

    section: str
    permissions = ("register.edit", "cost.edit")
    step = m.Step.Kind.ENTRIES

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """The register's own permission (cost tables are kept by ``cost.edit``)."""
        return _permissions_of(self.section)


@dataclass
class SaveEntry(_EntryAction):
    """Add or replace the entry of register ``section`` described by ``data``.

    ``expected`` is the version the editor read (0 for "it did not exist"); None skips
    the check, as a script that owns the data may. ``create`` True refuses to replace
    an existing entry, False refuses to add one. ``key``, when editing, is the id of
    the entry edited: an entry's id never changes.
    """

    section: str
    data: Mapping[str, Any]
    expected: int | None = None
    create: bool | None = None
    key: str | None = None

    def prepare(self) -> None:
        """Read the entry with the format's field table."""
        self._register = register_of(self.section)
        if self.key is not None:
            given = self.data.get("id", self.key)
            if given != self.key:
                raise EntryRefused(
                    f"the entry's id {given!r} is not {self.key!r}: an id cannot change",
                    fields={"id": ["an entry's id cannot change"]},
                    kind="invalid",
                )
            self.data = {**self.data, "id": self.key}
        try:
            self._entry, self._refs = entry_from_dict(self._register, self.data)
        except EntryDataError as exc:
            raise EntryRefused(
                f"not a valid {self._register.noun}",
                [f"{p.field or 'entry'}: {p.message}" for p in exc.problems],
                exc.by_field(),
                kind="invalid",
            ) from None

    def check(self, ctx: Context) -> m.Entry | None:
        """References, the register's check, the other entries, existence, version."""
        register, entry = self._register, self._entry
        record = ctx.state.record
        key = entry.id
        problems = dangling(record, self._refs)
        if problems:
            raise EntryRefused(
                f"the {register.noun} {key!r} refers to what the record does not hold",
                [f"{path}: {why}" for path, why in problems],
                {path: [why] for path, why in problems},
            )
        told = register.check(record, entry) if register.check else []
        if told:
            fields: dict[str, list[str]] = {}
            for name, why in told:
                fields.setdefault(name, []).append(why)
            raise EntryRefused(
                f"the {register.noun} {key!r} does not agree with the record",
                [f"{name}: {why}" for name, why in told],
                fields,
            )
        broken = _broken_by(record, self.section, entry)
        if broken:
            raise EntryRefused(
                f"saving the {register.noun} {key!r} would leave other entries wrong", broken
            )
        row = m.Entry.objects.select_for_update().filter(register=self.section, key=key).first()
        if self.create is True and row is not None:
            raise EntryRefused(f"there is already a {register.noun} {key!r}")
        if self.create is False and row is None:
            raise EntryRefused(f"there is no {register.noun} {key!r} to edit", kind="missing")
        _check_version(row, self.section, key, self.expected)
        return row

    def execute(self, ctx: Context, row: m.Entry | None) -> Outcome:
        """Write the row (a new version of it); the result is the :class:`SavedEntry`."""
        key = self._entry.id
        before = row.data if row is not None else None
        after = entry_to_dict(self._register, self._entry)
        if row is None:
            found = m.Entry.objects.filter(register=self.section)
            top = found.aggregate(top=Max("position"))["top"]
            row = m.Entry(register=self.section, key=key, position=(top or 0) + 1, data=after)
        else:
            row.data = after
            row.version += 1
        row.save()
        verb = "edit" if before is not None else "add"
        audit = Audit(
            f"organogram.{self.section}.{verb}", self.section, key, before=before, after=after
        )
        version = row.version
        return Outcome(
            None, audit, numbered=lambda number: SavedEntry(self._entry, version, number)
        )


@dataclass
class RemoveEntry(_EntryAction):
    """Remove one entry; refused while other entries refer to it. Returns the revision."""

    section: str
    key: str
    expected: int | None = None

    def prepare(self) -> None:
        """The register exists."""
        self._register = register_of(self.section)

    def check(self, ctx: Context) -> m.Entry:
        """The entry exists, is the version seen, and nothing refers to it."""
        row = (
            m.Entry.objects.select_for_update()
            .filter(register=self.section, key=self.key)
            .first()
        )
        if row is None:
            raise EntryRefused(f"there is no {self._register.noun} {self.key!r}", kind="missing")
        _check_version(row, self.section, self.key, self.expected)
        users = _referrers(self.section, self.key)
        if users:
            raise EntryRefused(
                f"other entries refer to the {self._register.noun} {self.key!r}", users
            )
        return row

    def execute(self, ctx: Context, row: m.Entry) -> Outcome:
        """Delete the row."""
        before = row.data
        row.delete()
        audit = Audit(f"organogram.{self.section}.remove", self.section, self.key, before=before)
        return Outcome(None, audit, numbered=lambda number: number)


def _findings(record: Record) -> set[str]:
    """What every entry of a register with its own check says the record does not bear out."""
    out = set()
    for register in ALL:
        if register.check is None:
            continue
        for key, entry in record.register(register.section).items():
            for name, why in register.check(record, entry):
                out.add(f"{register.section}: {key}: {name}: {why}")
    return out


def _broken_by(record: Record, section: str, entry: Any) -> list[str]:
    """Problems of *other* entries that saving ``entry`` would bring (a call losing a post
    that a nomination is for), each naming the entry."""
    entries = {**record.register(section), entry.id: entry}
    after = replace(record, registers={**record.registers, section: entries})
    own = f"{section}: {entry.id}: "
    return sorted(p for p in _findings(after) - _findings(record) if not p.startswith(own))


def _referrers(section: str, key: str) -> list[str]:
    """The entries whose references name entry ``key`` of ``section``."""
    out = []
    for row in m.Entry.objects.exclude(register=section, key=key):
        register = BY_SECTION.get(row.register)
        if register is None:
            continue
        _entry, refs = entry_from_dict(register, row.data)
        if any(r.category == REF_PREFIX + section and r.value == key for r in refs):
            out.append(f"{row.register}: {row.key}")
    return out


def entry_version(section: str, key: str) -> int:
    """The version of an entry as stored now (0 when there is none), for edit forms."""
    row = m.Entry.objects.filter(register=section, key=key).only("version").first()
    return row.version if row is not None else 0
