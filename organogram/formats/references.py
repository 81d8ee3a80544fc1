"""Whether the references of an entry read from data point at something in a record.

A dataset file's references are checked by the loader once every file is read; an
entry given as data (a web form, an API body, a database row) is checked here
against the record it joins, with the same leniency on time: a unit or post only
needs to be created by some change of the timeline or of a plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.changes import Change, CreatePost
from ..core.model import Citation, Source
from ..core.passages import passage_problem
from ..core.record import Record
from .kinds import Ref
from .register import REF_PREFIX


def _nodes(record: Record) -> dict[str, str]:
    """Unit or post id -> "unit" / "post", over the timeline and every plan."""
    out: dict[str, str] = {}
    changes = [*record.timeline.changes, *(c for p in record.plans.values() for c in p.changes)]
    for change in changes:
        kind = "post" if isinstance(change, CreatePost) else "unit"
        for ident in change.creates():
            out.setdefault(ident, kind)
    return out


def dangling(record: Record, refs: list[Ref]) -> list[tuple[str, str]]:
    """(field path, why) for each reference in ``refs`` that points at nothing."""
    nodes: dict[str, str] | None = None
    out = []
    for ref in refs:
        v, cat = ref.value, ref.category
        why = None
        if cat in ("node", "unit", "post"):
            nodes = _nodes(record) if nodes is None else nodes
            kind = nodes.get(v)
            if kind is None:
                noun = "unit or post" if cat == "node" else cat
                why = f"{v!r} is not a {noun} of the record"
            elif cat != "node" and kind != cat:
                why = f"{v!r} is a {kind}, not a {cat}"
        elif cat == "person":
            why = None if v in record.people else f"{v!r} is not a person of the record"
        elif cat == "source":
            why = None if v in record.sources else f"{v!r} is not a source of the record"
        elif cat == "passage":
            why = passage_ref_problem(record.sources, v)
        elif cat.startswith(REF_PREFIX):
            section = cat[len(REF_PREFIX) :]
            if v not in record.register(section):
                why = f"{v!r} is not an entry of {section} in the record"
        if why:
            out.append((ref.path, why))
    return out


#: What a change's units and posts are checked by where it is recorded: whether they
#: exist at its date, which is stricter than the loader's "some change creates them".
_APPLYING = frozenset({"node", "unit", "post"})


def change_dangling(record: Record, change: Change) -> dict[str, list[str]]:
    """Top-level field -> why, for each reference of ``change`` that points at nothing in
    ``record`` (a source it cites, a passage its source does not list, a person...), as
    the loader would tell of the change in a dataset file; empty when none does.

    Its units and posts are left to the check of the change where it falls in the
    timeline (or the plan), which also tells whether they exist at its date.
    """
    from .codec import change_refs  # the codec imports the reader, which imports this

    refs = [r for r in change_refs(change) if r.category not in _APPLYING]
    out: dict[str, list[str]] = {}
    for path, why in dangling(record, refs):
        out.setdefault(path.split("[", 1)[0].split(".", 1)[0], []).append(why)
    return out


def passage_ref_problem(sources: Mapping[str, Source], citation: str) -> str | None:
    """Why the citation ``SOURCE:PASSAGE`` names a passage its source does not declare,
    or None (an unknown source is told by its own reference, not here)."""
    cited = Citation.parse(citation)
    source = sources.get(cited.source)
    return None if source is None else passage_problem(source, cited.passage)
