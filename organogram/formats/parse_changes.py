"""Change entries into change objects: ``changes:``, ``units:``, ``posts:`` and plans' changes.

Every change is built through :data:`organogram.core.changes.REGISTRY`, so the loader
knows no rule of its own about what a change does. Each change gets
``origin=(file, line)`` for later validation messages, and an id: its own, or a
generated one (``create-UNIT``, ``create-post-POST``, ``FILESTEM-N``, ``PLAN-N``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.changes import REGISTRY, Change, CreatePost, CreateUnit, UnitSpec
from ..core.dates import FuzzyDate
from ..core.plans import Plan, PlanStatus
from .entries import read_entry
from .fields import CHANGE, OP, PLAN_CHANGE, POST_ENTRY, UNIT_ENTRY
from .kinds import BAD, Ctx, Ref
from .nodes import MappingNode, Node, ScalarNode, describe, key_line, line_of
from .state import TIMELINE, Reading

_COMMON = {"reason", "basis", "note", "recorded_by", "recorded_at"}
_SPEC = ("name", "kind", "abbreviation", "mandate", "functions", "location", "head")


def _common(values: dict[str, Any]) -> dict[str, Any]:
    kw = {k: v for k, v in values.items() if k in _COMMON}
    if "cite" in values:
        kw["cites"] = values["cite"]
    return kw


def _spec(ident: str, values: dict[str, Any]) -> UnitSpec:
    return UnitSpec(id=ident, **{k: values[k] for k in _SPEC if k in values})


def read_units(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``units:`` entries: each a create change with id ``create-UNIT``."""
    for i, node in enumerate(items):
        path = f"{section}[{i}]"
        before = len(r.problems.items)
        values = read_entry(node, UNIT_ENTRY, ctx, path)
        if values is BAD:
            continue
        where = (ctx.file, line_of(node))
        uid = values.get("id")
        if uid is None:
            continue
        id_at = (ctx.file, key_line(node, "id"))
        r.create_node("unit", uid, TIMELINE, id_at, f"{path}.id")
        cid = f"create-{uid}"
        r.claim_id("change", "change", cid, id_at, f"{path}.id")
        if len(r.problems.items) != before or "established" not in values:
            continue
        r.changes.append(
            CreateUnit(
                id=cid,
                date=values["established"],
                unit=_spec(uid, values),
                origin=where,
                **({"parent": values["parent"]} if "parent" in values else {}),
                **_common(values),
            )
        )


def read_posts(r: Reading, ctx: Ctx, items: list[Node], section: str) -> None:
    """``posts:`` entries: each a create-post change with id ``create-post-POST``."""
    own = [f.name for f in POST_ENTRY if f.name not in ("id", "established", "cite", *_COMMON)]
    for i, node in enumerate(items):
        path = f"{section}[{i}]"
        before = len(r.problems.items)
        values = read_entry(node, POST_ENTRY, ctx, path)
        if values is BAD or "id" not in values:
            continue
        where = (ctx.file, line_of(node))
        pid = values["id"]
        id_at = (ctx.file, key_line(node, "id"))
        r.create_node("post", pid, TIMELINE, id_at, f"{path}.id")
        cid = f"create-post-{pid}"
        r.claim_id("change", "change", cid, id_at, f"{path}.id")
        if len(r.problems.items) != before:
            continue
        r.changes.append(
            CreatePost(
                id=cid,
                date=values["established"],
                post=pid,
                origin=where,
                **{k: values[k] for k in own if k in values},
                **_common(values),
            )
        )


def read_changes(
    r: Reading, ctx: Ctx, items: list[Node], section: str, plan: Plan | None = None
) -> list[Change]:
    """Change entries of ``changes:`` (``plan`` None) or of one plan, in written order.

    Returns the changes built; none are built for entries with problems, which are
    reported. A top-level entry without id gets ``FILESTEM-N``, a plan's ``PLAN-N``.
    """
    stem = Path(ctx.file).stem
    scope = TIMELINE if plan is None or plan.status is PlanStatus.ENACTED else f"plan:{plan.id}"
    out: list[Change] = []
    for i, node in enumerate(items):
        path = f"{section}[{i}]"
        before = len(r.problems.items)
        op = _op(node, ctx, path)
        if op is None:
            continue
        values = read_entry(node, (CHANGE if plan is None else PLAN_CHANGE)[op], ctx, path)
        where = (ctx.file, line_of(node))
        cid = values.get("id") or f"{plan.id if plan else stem}-{i + 1}"
        r.claim_id("change", "change", cid, (ctx.file, key_line(node, "id")), f"{path}.id")
        _register(r, ctx, op, values, scope, node, path)
        date = values.get("date")
        if plan is not None:
            date = _plan_date(plan, values, ctx, node, path) if date is None else date
            if "phase" in values and plan.phase(values["phase"]) is not None:
                plan.phase_of[cid] = values["phase"]
            elif "phase" in values and "date" in values:
                _plan_date(plan, values, ctx, node, path)  # to report the unknown phase
        if len(r.problems.items) != before or date is None:
            continue
        out.append(_build(op, values, cid, date, where))
    return out


def _op(node: Node, ctx: Ctx, path: str) -> str | None:
    """The entry's op, or None after reporting why there is none."""
    if not isinstance(node, MappingNode):
        ctx.bad(node, path, f"expected a mapping of fields with an op, got {describe(node)}")
        return None
    for knode, vnode in node.value:
        if isinstance(knode, ScalarNode) and knode.value == "op":
            op = OP.read(vnode, ctx, f"{path}.op")
            return None if op is BAD else op
    ctx.bad(node, f"{path}.op", f"required field is missing: say which change ({OP.listing()})")
    return None


def _plan_date(plan: Plan, values: dict[str, Any], ctx: Ctx, node: Node, path: str) -> FuzzyDate:
    """The date of a plan's change written without one: its phase's, or the plan's."""
    phase_id = values.get("phase")
    if phase_id is None:
        return plan.effective
    phase = plan.phase(phase_id)
    if phase is None:
        known = ", ".join(p.id for p in plan.phases) or "none"
        ctx.problems.add(
            ctx.file,
            key_line(node, "phase"),
            f"{path}.phase",
            f"{phase_id!r} is not a phase of plan {plan.id!r} (phases: {known})",
        )
        return plan.effective
    return phase.effective


def _register(
    r: Reading, ctx: Ctx, op: str, values: dict[str, Any], scope: str, node: Node, path: str
) -> None:
    """Record the units and posts a change creates, and its references that depend on it."""

    def at(*keys: str | int) -> tuple[str, int]:
        return (ctx.file, key_line(node, *keys))

    if op == "create" and "unit" in values:
        r.create_node("unit", values["unit"], scope, at("unit"), f"{path}.unit")
    elif op == "create-post" and "post" in values:
        r.create_node("post", values["post"], scope, at("post"), f"{path}.post")
    elif op in ("merge", "replace"):
        target = "into" if op == "merge" else "by"
        if target not in values:
            return
        if "new" in values:
            new_id = values["new"].get("id", values[target])
            r.create_node("unit", new_id, scope, at(target), f"{path}.{target}")
        else:
            line = at(target)[1]
            r.refs.append(Ref("unit", values[target], ctx.file, line, f"{path}.{target}"))
    elif op == "split" and "into" in values:
        new_ids = set()
        for j, spec in enumerate(values["into"]):
            r.create_node("unit", spec["id"], scope, at("into", j, "id"), f"{path}.into[{j}].id")
            new_ids.add(spec["id"])
        for key in values.get("parents", {}):
            if key not in new_ids:
                msg = f"{key!r} is not one of the new units of this split"
                r.problems.add(ctx.file, at("parents", key)[1], f"{path}.parents.{key}", msg)


def _build(
    op: str, values: dict[str, Any], cid: str, date: FuzzyDate, where: tuple[str, int]
) -> Change:
    """The change object of a checked entry."""
    cls = REGISTRY[op]
    names = set(cls.__dataclass_fields__)
    own = {
        k: v for k, v in values.items() if k in names and k not in ("op", "id", "date", *_COMMON)
    }
    if op == "create":
        own = {"unit": _spec(values["unit"], values)}
        if "parent" in values:
            own["parent"] = values["parent"]
    elif op in ("merge", "replace") and "new" in own:
        target = values["into" if op == "merge" else "by"]
        new = own["new"]
        own["new"] = _spec(new.get("id", target), new)
    elif op == "split":
        own["into"] = tuple(_spec(spec["id"], spec) for spec in own["into"])
    return cls(id=cid, date=date, origin=where, **own, **_common(values))
