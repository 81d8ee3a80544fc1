"""Reading the sections other than changes: organization, sources, people, plans, claims
and the registers."""

from __future__ import annotations

from ..core.model import Basis, Claim, Organization, Person, Source
from ..core.plans import Phase, Plan, PlanStatus, StatusEvent
from .entries import FieldSet, read_entry
from .fields import CLAIM, ORGANIZATION, PERSON_ENTRY, PLAN_ENTRY, SOURCE_ENTRY
from .kinds import BAD, Ctx
from .nodes import MappingNode, Node, ScalarNode, key_line, line_of
from .parse_changes import read_changes
from .register import REF_PREFIX, Register
from .state import Reading


def _entries(r: Reading, ctx: Ctx, items: list[Node], section: str, fields: FieldSet):
    """Yield (values, ok, where its id is, path) for each entry that is a mapping."""
    for i, node in enumerate(items):
        path = f"{section}[{i}]"
        before = len(r.problems.items)
        values = read_entry(node, fields, ctx, path)
        if values is not BAD:
            yield values, len(r.problems.items) == before, (ctx.file, key_line(node, "id")), path


def read_organization(r: Reading, ctx: Ctx, node: Node) -> None:
    """The dataset's header; exactly one file may have it."""
    before = len(r.problems.items)
    values = read_entry(node, ORGANIZATION, ctx, "organization")
    where = (ctx.file, line_of(node))
    if r.organization_at is not None:
        first = r.organization_at
        ctx.bad(node, "organization", f"a second header: the first is at {first[0]}:{first[1]}")
        return
    r.organization_at = where
    if values is BAD or len(r.problems.items) != before:
        return
    r.organization = Organization(
        id=values["id"],
        name=values["name"],
        description=values.get("description", ""),
        sources=values.get("sources", ()),
        assignments_complete_from=values.get("assignments_complete_from"),
    )


def read_sources(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``sources:`` entries."""
    for values, ok, where, path in _entries(r, ctx, items, section, SOURCE_ENTRY):
        if (
            "id" in values
            and r.claim_id("source", "source", values["id"], where, f"{path}.id")
            and ok
        ):
            cites = tuple(str(c) for c in values.pop("cites", ()))
            r.sources[values["id"]] = Source(**values, cites=cites)


def read_people(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``people:`` entries."""
    for values, ok, where, path in _entries(r, ctx, items, section, PERSON_ENTRY):
        if (
            "id" in values
            and r.claim_id("person", "person", values["id"], where, f"{path}.id")
            and ok
        ):
            r.people[values["id"]] = Person(**values)


def read_claims(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``claims:`` entries: what one source says about one fact."""
    for values, ok, _where, _path in _entries(r, ctx, items, section, CLAIM):
        if ok:
            r.claims.append(
                Claim(
                    subject=values["subject"],
                    field=values["field"],
                    value=values["value"],
                    citation=values["cite"],
                    basis=values.get("basis", Basis.STATED),
                    note=values.get("note", ""),
                )
            )


def read_plans(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``plans:`` entries, each with its phases, status history and changes."""
    for values, ok, where, path in _entries(r, ctx, items, section, PLAN_ENTRY):
        ident = values.get("id")
        fresh = ident is not None and r.claim_id("plan", "plan", ident, where, f"{path}.id")
        plan = Plan(
            id=ident or path,
            title=values.get("title", ""),
            effective=values.get("effective"),  # type: ignore[arg-type]  # None: reported
            status=values.get("status", PlanStatus.DRAFT),
            description=values.get("description", ""),
            drafted_at=values.get("drafted_at"),
            documents=values.get("documents", ()),
            phases=tuple(Phase(**p) for p in values.get("phases", ())),
            events=[StatusEvent(**e) for e in values.get("events", ())],
        )
        before = len(r.problems.items)
        plan.changes = read_changes(r, ctx, values.get("changes", []), f"{path}.changes", plan)
        if ok and fresh and len(r.problems.items) == before:
            r.plans[plan.id] = plan


def read_register(r: Reading, ctx: Ctx, items: list[Node], register: Register) -> None:
    """The entries of one register section; ids are unique within the register."""
    entries = r.registers.setdefault(register.section, {})
    namespace = REF_PREFIX + register.section
    for i, node in enumerate(items):
        path = f"{register.section}[{i}]"
        obj = register.read(node, ctx, path)
        ident = obj.id if obj is not BAD else _written_id(node)
        if ident is None:
            continue
        where = (ctx.file, key_line(node, "id"))
        if r.claim_id(namespace, register.noun, ident, where, f"{path}.id") and obj is not BAD:
            entries[ident] = obj
            r.entry_paths[(register.section, ident)] = (path, node)


def _written_id(node: Node) -> str | None:
    """The id an entry gives, even when the entry is wrong (to catch duplicates)."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                return v.value
    return None
