"""The timeline as data: every enacted change, filtered, with what a reader needs beside it.

Filters come as text (a web form's fields, a command's options) and are read here,
against the record, so a page and a command refuse the same bad values with the same
words: an unknown unit, op, source or plan, a date that is not one, a range that ends
before it begins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.changes import REGISTRY, Change
from ..core.dates import DateError, FuzzyDate
from ..core.plans import PlanStatus
from ..core.record import Record
from ..core.structure import Structure
from .changes import change_data

#: The ``plan`` filter's value for changes recorded outside any plan.
NO_PLAN = "none"

#: Filter fields, in the order a form shows them.
FIELDS = ("from", "to", "unit", "op", "source", "plan")


@dataclass(frozen=True)
class TimelineFilter:
    """What to keep: each field None keeps everything."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    unit: str | None = None
    op: str | None = None
    source: str | None = None
    #: a plan id, or :data:`NO_PLAN`.
    plan: str | None = None

    def active(self) -> bool:
        """True when at least one filter is set."""
        values = (self.start, self.end, self.unit, self.op, self.source, self.plan)
        return any(v is not None for v in values)


def op_label(op: str) -> str:
    """The human name of a change op ("Create unit"), or the op itself."""
    cls = REGISTRY.get(op)
    return (cls.label if cls is not None and cls.label else op).capitalize()


def plan_of(record: Record) -> dict[str, str]:
    """Change id -> the id of the enacted plan it came from."""
    return {
        c.id: p.id
        for p in record.plans.values()
        if p.status is PlanStatus.ENACTED
        for c in p.changes
    }


def _names(record: Record) -> dict[str, set[str]]:
    """Every name, abbreviation and title a node ever had (any case) -> the nodes."""
    memo = record.timeline.memo
    if "queries.names" not in memo:
        memo["queries.names"] = _name_index(record)
    return memo["queries.names"]  # type: ignore[return-value]


def _name_index(record: Record) -> dict[str, set[str]]:
    final = _final(record)
    index: dict[str, set[str]] = {}

    def add(text: Any, node: str) -> None:
        if isinstance(text, str) and text.strip():
            index.setdefault(text.strip().casefold(), set()).add(node)

    for table in (final.units, final.retired_units):
        for node, unit in table.items():
            add(unit.name, node)
            add(unit.abbreviation, node)
    for table in (final.posts, final.retired_posts):
        for node, post in table.items():
            add(post.title, node)
    # Earlier names: a reader may know a unit by the name it had then.
    for c in record.timeline:
        params = c.params()
        node = params.get("unit") or params.get("post")
        if isinstance(node, str):
            for key in ("name", "abbreviation", "title"):
                add(params.get(key), node)
        # New units described inside a change (create, merge, split, replace).
        for value in params.values():
            for spec in value if isinstance(value, tuple | list) else (value,):
                if isinstance(getattr(spec, "id", None), str):
                    add(getattr(spec, "name", None), spec.id)
                    add(getattr(spec, "abbreviation", None), spec.id)
    return index


def _final(record: Record) -> Structure:
    """The structure after every change (read-only: shared through the timeline's memo)."""
    memo = record.timeline.memo
    if "queries.final" not in memo:
        final, _ = record.timeline.fold()
        final.freeze()
        memo["queries.final"] = final
    return memo["queries.final"]  # type: ignore[return-value]


def find_node(record: Record, text: str) -> tuple[str | None, str]:
    """(node id, "") for an id or a name the record knows, else (None, why not)."""
    text = text.strip()
    known = {n for c in record.timeline for n in c.subjects()}
    if text in known:
        return text, ""
    found = _names(record).get(text.casefold(), set())
    if len(found) == 1:
        return next(iter(found)), ""
    if found:
        choices = ", ".join(sorted(found))
        return None, f"“{text}” names more than one unit or post: use one of {choices}"
    return None, f"no unit or post “{text}” in the record: give its id, name or abbreviation"


def read_filter(record: Record, values: Mapping[str, str]) -> tuple[TimelineFilter, dict[str, str]]:
    """The filter the text ``values`` ask for, and field -> why a value was not taken.

    A value that cannot be read is left out of the filter (and said why), so the
    other filters still apply.
    """
    errors: dict[str, str] = {}
    got: dict[str, Any] = {}
    for name, key in (("from", "start"), ("to", "end")):
        raw = (values.get(name) or "").strip()
        if raw:
            try:
                got[key] = FuzzyDate.parse(raw)
            except DateError as exc:
                errors[name] = str(exc)
    if "start" in got and "end" in got and got["end"].end < got["start"].start:
        errors["to"] = f"the range ends ({got['end']}) before it begins ({got['start']})"
        del got["end"]
    raw = (values.get("unit") or "").strip()
    if raw:
        node, why = find_node(record, raw)
        if node is None:
            errors["unit"] = why
        else:
            got["unit"] = node
    raw = (values.get("op") or "").strip()
    if raw:
        if raw in REGISTRY:
            got["op"] = raw
        else:
            ops = ", ".join(sorted(REGISTRY))
            errors["op"] = f"“{raw}” is not a kind of change: use one of {ops}"
    raw = (values.get("source") or "").strip()
    if raw:
        if raw in record.sources:
            got["source"] = raw
        else:
            errors["source"] = f"no source “{raw}” in the record"
    raw = (values.get("plan") or "").strip()
    if raw:
        if raw == NO_PLAN or raw in record.plans:
            got["plan"] = raw
        else:
            errors["plan"] = f"no plan “{raw}” in the record"
    return TimelineFilter(**got), errors


def filter_changes(record: Record, f: TimelineFilter) -> list[Change]:
    """The timeline's changes that pass ``f``, in the order they apply.

    A change dated to a period (``2021-Q4``) is kept when the period overlaps the
    range: the record cannot tell which day of it the change took effect.
    """
    plans = plan_of(record) if f.plan is not None else {}
    out = []
    for c in record.timeline:
        if f.start is not None and c.date.end < f.start.start:
            continue
        if f.end is not None and c.date.start > f.end.end:
            continue
        if f.op is not None and c.op != f.op:
            continue
        if f.unit is not None and f.unit not in c.subjects():
            continue
        if f.source is not None and all(cite.source != f.source for cite in c.cites):
            continue
        if f.plan is not None and plans.get(c.id, NO_PLAN) != f.plan:
            continue
        out.append(c)
    return out


def timeline_options(record: Record) -> dict[str, Any]:
    """What the filters can choose from, each with how many changes of the timeline it has."""
    ops = Counter(c.op for c in record.timeline)
    # A change citing two passages of one document counts once for it.
    sources = Counter(s for c in record.timeline for s in {cite.source for cite in c.cites})
    plans = Counter(plan_of(record).values())
    final = _final(record)
    nodes = sorted({n for c in record.timeline for n in c.subjects()}, key=final.label)
    return {
        "ops": [{"op": op, "label": op_label(op), "count": ops[op]} for op in sorted(ops)],
        "sources": [
            {"id": s.id, "title": s.symbol or s.title, "count": sources.get(s.id, 0)}
            for s in record.sources.values()
        ],
        "plans": [
            {"id": p.id, "title": p.title, "count": plans.get(p.id, 0)}
            for p in record.plans.values()
            if p.status is PlanStatus.ENACTED
        ],
        "outside_plans": len(record.timeline) - sum(plans.values()),
        "units": [{"id": n, "name": final.label(n)} for n in nodes],
    }


def count_by_op(changes: Iterable[Change]) -> list[dict[str, Any]]:
    """How many of ``changes`` are of each op, most frequent first."""
    counts = Counter(c.op for c in changes)
    return [
        {"op": op, "label": op_label(op), "count": n}
        for op, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def timeline_rows(
    record: Record,
    changes: Iterable[Change],
    sentence: Callable[[Change], str],
    *,
    people: bool = True,
) -> list[dict[str, Any]]:
    """Changes as rows: their data and sentence, the units they touch, their plan, who recorded.

    ``sentence`` tells a change (the caller keeps the sentences of the whole
    timeline, told once, each with the names in force at its turn); ``people`` False
    leaves out the parameters that name a person.
    """
    final = _final(record)
    plans = plan_of(record)
    rows = []
    for c in changes:
        data = change_data(c, record.sources, sentence(c), people=people)
        data["units"] = [
            {"id": n, "name": final.label(n)}
            for n in sorted(c.subjects(), key=lambda n: final.label(n).casefold())
        ]
        data["plan"] = plans.get(c.id)
        data["plan_title"] = record.plans[data["plan"]].title if data["plan"] else ""
        data["recorded_by"] = c.recorded_by
        data["recorded_at"] = c.recorded_at.isoformat() if c.recorded_at else ""
        data["label"] = op_label(c.op)
        rows.append(data)
    return rows
