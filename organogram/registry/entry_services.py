"""The write path of register entries: add, edit and remove, each audited.

Like :mod:`organogram.registry.services`, each function runs in one transaction
that locks the revision row first, checks the entry with the dataset format's field
table and its references against the record, writes, bumps the revision and leaves
an audit entry, or refuses and writes nothing. An edit names the version of the
entry the editor saw; if someone saved the entry since, the edit is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import Max

from ..core.record import Record
from ..formats.references import dangling
from ..formats.register import REF_PREFIX, EntryDataError, entry_from_dict, entry_to_dict
from ..formats.registers import ALL, BY_SECTION
from . import models as m
from . import store
from .audit import Actor, write_audit
from .services import RegistryError, _bump, _lock_revision


class EntryRefused(RegistryError):
    """An entry that is not valid, or whose references point at nothing.

    ``fields`` maps each field at fault to its problems, for forms and the API.
    """

    def __init__(
        self, message: str, reasons: list[str] | None = None, fields: dict | None = None
    ):
        super().__init__(message, reasons)
        self.fields: dict[str, list[str]] = dict(fields or {})


class StaleEntry(RegistryError):
    """Someone saved the entry since the editor read it: nothing overwritten."""


@dataclass(frozen=True)
class SavedEntry:
    """An entry as written: its core object, its row's version, the new revision."""

    entry: Any
    version: int
    revision: int


def _register(section: str):
    try:
        return BY_SECTION[section]
    except KeyError:
        known = ", ".join(sorted(BY_SECTION))
        raise EntryRefused(f"no register {section!r} (registers: {known})") from None


def _check_version(row: m.Entry | None, section: str, key: str, expected: int | None) -> None:
    if expected is None:
        return
    found = row.version if row is not None else 0
    if found != expected:
        raise StaleEntry(
            f"{section} entry {key!r} has changed since you read it "
            f"(you had version {expected}, it is now at {found}); read it again and retry"
        )


def save_entry(
    section: str,
    data: Mapping[str, Any],
    actor: Actor,
    *,
    expected: int | None = None,
    create: bool | None = None,
) -> SavedEntry:
    """Add or replace the entry of register ``section`` described by ``data``.

    ``expected`` is the version the editor read (0 for "it did not exist"); None
    skips the check, as a script that owns the data may. ``create`` True refuses to
    replace an existing entry, False refuses to add one.
    """
    register = _register(section)
    try:
        entry, refs = entry_from_dict(register, data)
    except EntryDataError as exc:
        raise EntryRefused(
            f"not a valid {register.noun}",
            [f"{p.field or 'entry'}: {p.message}" for p in exc.problems],
            exc.by_field(),
        ) from None
    with transaction.atomic():
        rev = _lock_revision()
        record = store.current_record()
        key = entry.id
        problems = dangling(record, refs)
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
        broken = _broken_by(record, section, entry)
        if broken:
            raise EntryRefused(
                f"saving the {register.noun} {key!r} would leave other entries wrong",
                broken,
            )
        row = m.Entry.objects.select_for_update().filter(register=section, key=key).first()
        if create is True and row is not None:
            raise EntryRefused(f"there is already a {register.noun} {key!r}")
        if create is False and row is None:
            raise EntryRefused(f"there is no {register.noun} {key!r} to edit")
        _check_version(row, section, key, expected)
        before = row.data if row is not None else None
        after = entry_to_dict(register, entry)
        if row is None:
            top = m.Entry.objects.filter(register=section).aggregate(top=Max("position"))["top"]
            row = m.Entry(register=section, key=key, position=(top or 0) + 1, data=after)
        else:
            row.data = after
            row.version += 1
        row.save()
        number = _bump(rev, m.Step.Kind.ENTRIES)
        write_audit(
            actor,
            f"organogram.{section}.{'edit' if before is not None else 'add'}",
            section,
            key,
            before=before,
            after=after,
            revision=number,
        )
    return SavedEntry(entry, row.version, number)


def remove_entry(section: str, key: str, actor: Actor, *, expected: int | None = None) -> int:
    """Remove one entry; refused while other entries refer to it. Returns the revision."""
    register = _register(section)
    with transaction.atomic():
        rev = _lock_revision()
        row = m.Entry.objects.select_for_update().filter(register=section, key=key).first()
        if row is None:
            raise EntryRefused(f"there is no {register.noun} {key!r}")
        _check_version(row, section, key, expected)
        users = _referrers(section, key)
        if users:
            raise EntryRefused(f"other entries refer to the {register.noun} {key!r}", users)
        before = row.data
        row.delete()
        number = _bump(rev, m.Step.Kind.ENTRIES)
        write_audit(
            actor, f"organogram.{section}.remove", section, key, before=before, revision=number
        )
    return number


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
