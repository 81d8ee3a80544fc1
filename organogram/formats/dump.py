"""Writing a Record as a dataset folder in the format the loader reads.

One file per section: organization.yaml, sources.yaml, people.yaml, units.yaml and
posts.yaml (create changes written as shorthand), changes.yaml, plans.yaml and
claims.yaml. Ids are always explicit, dates in their precise form, fields in a fixed
order and left out when they hold their default, so the same record always gives
the same bytes and ``load(dump(record))`` equals ``record``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..core.changes import Change, CreatePost, CreateUnit, UnitSpec
from ..core.model import Basis, Claim, Organization, Person, Source
from ..core.plans import Plan, PlanStatus
from ..core.record import Record
from .copies import copy_path
from .emit import to_yaml, write_folder
from .entries import FieldSet, dump_fields
from .fields import (
    CHANGE,
    CLAIM,
    ORGANIZATION,
    PERSON_ENTRY,
    PLAN_CHANGE,
    PLAN_ENTRY,
    POST_ENTRY,
    SOURCE_ENTRY,
    UNIT_ENTRY,
)
from .order import shorthand_ok
from .registers import ALL as REGISTERS
from .values import changed, entry_values

_SPEC = ("name", "kind", "abbreviation", "mandate", "functions", "location", "head")


def _spec(spec: UnitSpec, with_id: bool = True) -> dict[str, Any]:
    values = {"id": spec.id} if with_id else {}
    values.update(changed(spec, _SPEC))
    return values


def _common(change: Change) -> dict[str, Any]:
    values = changed(change, ("reason", "basis", "note", "recorded_by", "recorded_at"))
    if change.cites:
        values["cite"] = change.cites
    return values


def _own(change: Change, fieldset: FieldSet) -> dict[str, Any]:
    """The change's own parameters as fields: required ones always, others when set."""
    if isinstance(change, CreateUnit):
        values = {"unit": change.unit.id, **_spec(change.unit, with_id=False)}
        if change.parent is not None:
            values["parent"] = change.parent
        return values
    own = change.params()  # once: it walks the dataclass's fields, per field asked it cost a lot
    names = [f.name for f in fieldset if f.name in own]
    required = {f.name for f in fieldset if f.required}
    values = {n: getattr(change, n) for n in required if n in names}
    values.update(changed(change, names))
    if "into" in values and change.op == "split":
        values["into"] = tuple(_spec(s) for s in values["into"])
    if values.get("new") is not None:
        target = values["into" if change.op == "merge" else "by"]
        values["new"] = _spec(values["new"], with_id=values["new"].id != target)
    return values


def change_entry(change: Change, plan: Plan | None = None, fallback_id: str = "") -> dict[str, Any]:
    """A change as written in ``changes:`` (or, with ``plan``, inside that plan).

    A change without an id (made in code) is written with ``fallback_id``, the id the
    loader would give it at that place, so that ids are always explicit.
    """
    fieldset = (CHANGE if plan is None else PLAN_CHANGE)[change.op]
    ident = change.id or fallback_id
    values: dict[str, Any] = {"op": change.op, "id": ident, "date": change.date}
    if plan is not None:
        phase = plan.phase(plan.phase_of.get(change.id, ""))
        if phase is not None:
            values["phase"] = phase.id
        # A date that the loader would give the change anyway is left out.
        if change.date == (phase.effective if phase is not None else plan.effective):
            del values["date"]
    values.update(_own(change, fieldset))
    values.update(_common(change))
    return dump_fields(fieldset, values)


def unit_entry(change: CreateUnit) -> dict[str, Any]:
    """A create change as a ``units:`` entry."""
    values = _spec(change.unit)
    if change.parent is not None:
        values["parent"] = change.parent
    values["established"] = change.date
    values.update(_common(change))
    return dump_fields(UNIT_ENTRY, values)


def post_entry(change: CreatePost) -> dict[str, Any]:
    """A create-post change as a ``posts:`` entry."""
    names = [f.name for f in POST_ENTRY if f.name in change.params() and f.name != "post"]
    values = {"id": change.post, "title": change.title, **changed(change, names)}
    values["established"] = change.date
    values.update(_common(change))
    return dump_fields(POST_ENTRY, values)


def plan_entry(plan: Plan) -> dict[str, Any]:
    """A plan with its changes."""
    names = [f.name for f in PLAN_ENTRY if f.name not in ("changes", "phases", "events")]
    values = {"id": plan.id, "title": plan.title, "status": plan.status, **changed(plan, names)}
    values["effective"] = plan.effective
    if plan.phases:
        values["phases"] = [
            {"id": p.id, "title": p.title, "effective": p.effective} for p in plan.phases
        ]
    if plan.events:
        values["events"] = [
            {"status": e.status, "at": e.at, **changed(e, ("by", "note"))} for e in plan.events
        ]
    out = dump_fields(PLAN_ENTRY, values)
    if plan.changes:
        out["changes"] = [
            change_entry(c, plan, f"{plan.id}-{i}") for i, c in enumerate(plan.changes, 1)
        ]
    return out


def _entry(obj: Source | Person | Organization, fieldset: FieldSet) -> dict[str, Any]:
    return dump_fields(fieldset, entry_values(obj, fieldset))


def claim_entry(claim: Claim) -> dict[str, Any]:
    """A claim."""
    values = {"subject": claim.subject, "field": claim.field, "value": claim.value}
    values["cite"] = claim.citation
    if claim.basis != Basis.STATED:
        values["basis"] = claim.basis
    if claim.note:
        values["note"] = claim.note
    return dump_fields(CLAIM, values)


def dataset_files(record: Record) -> dict[str, str]:
    """File name -> YAML text of the dataset that holds ``record``."""
    enacted = {
        c for p in record.plans.values() if p.status is PlanStatus.ENACTED for c in p.changes
    }
    top = [c for c in record.timeline.changes if c not in enacted]
    where = shorthand_ok(top)
    sections: dict[str, list[dict[str, Any]]] = {
        "sources": [_entry(s, SOURCE_ENTRY) for s in record.sources.values()],
        "people": [_entry(p, PERSON_ENTRY) for p in record.people.values()],
        "units": [unit_entry(c) for c in top if where[c] == "units"],  # type: ignore[arg-type]
        "posts": [post_entry(c) for c in top if where[c] == "posts"],  # type: ignore[arg-type]
        "changes": [
            change_entry(c, None, f"changes-{i}")
            for i, c in enumerate((c for c in top if where[c] == "changes"), 1)
        ],
        "plans": [plan_entry(p) for p in record.plans.values()],
        "claims": [claim_entry(c) for c in record.claims],
    }
    for register in REGISTERS:
        sections[register.section] = [
            register.entry(e) for e in record.register(register.section).values()
        ]
    files = {
        "organization.yaml": to_yaml({"organization": _entry(record.organization, ORGANIZATION)})
    }
    for name, entries in sections.items():
        if entries:
            files[f"{name}.yaml"] = to_yaml({name: entries})
    return files


def dataset_text(record: Record) -> str:
    """The dataset that holds ``record`` as one YAML file (``load_dataset`` reads it back)."""
    return "\n".join(dataset_files(record).values())


def dump_dataset(
    record: Record,
    folder: str | os.PathLike[str],
    overwrite: bool = False,
    copies: Mapping[str, bytes] | None = None,
) -> None:
    """Write ``record`` as a dataset folder, atomically (all files or none).

    ``folder`` must not exist or be empty, unless ``overwrite`` is given: then its YAML
    files are replaced and its other files kept. ``copies`` maps a source's id to the
    bytes of its copy, written as ``files/SOURCE/FILE`` (FILE its ``file`` field).
    """
    files: dict[str, str | bytes] = dict(dataset_files(record))
    for source_id, data in (copies or {}).items():
        files[copy_path(source_id, record.sources[source_id].file)] = data
    write_folder(folder, files, overwrite)
