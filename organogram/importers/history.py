"""A history from successive snapshots: the diff between each and the next, as changes.

Importers of sources that publish the whole structure again at each date (organograms,
registers, lists) build the structure each snapshot describes; the core's diff turns
one into the next in the change vocabulary, so the imported timeline is made of the
same creations, moves, regradings and abolitions as any other. Each change cites the
snapshot's source, and the row that describes its subject when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.changes import Change
from ..core.dates import FuzzyDate
from ..core.diff import diff
from ..core.model import Citation, Person
from ..core.structure import Structure
from .progress import Progress


@dataclass
class Snapshot:
    """The structure one version of a source describes, and where each node is described."""

    date: FuzzyDate
    structure: Structure
    #: source id cited by changes that have no row of their own (removals).
    source: str
    #: node id -> (source id, passage) of the row that describes it.
    rows: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: prefix of the ids of this snapshot's changes.
    tag: str = ""
    note: str = ""


def _subject(change: Change) -> str | None:
    subjects = sorted(change.subjects())
    params = change.params()
    for key in ("post", "node", "unit"):
        value = params.get(key)
        if isinstance(value, str):
            return value
        if value is not None and hasattr(value, "id"):
            return value.id  # a UnitSpec
    return subjects[0] if subjects else None


def changes_between(current: Structure, snap: Snapshot) -> list[Change]:
    """The changes that turn ``current`` into the snapshot's structure; applies them."""
    changes = diff(current, snap.structure, date=snap.date)
    for n, change in enumerate(changes, 1):
        change.id = f"{snap.tag or snap.date}-{n}"
        subject = _subject(change)
        source, passage = snap.rows.get(subject or "", (snap.source, ""))
        change.cites = (Citation(source, passage),)
        if snap.note:
            change.note = snap.note
        change.apply(current)  # raises if the diff were wrong: better than a bad dataset
    return changes


def build_history(
    snapshots: list[Snapshot], people: dict[str, Person], progress: bool | None = None
) -> list[Change]:
    """The changes that build every snapshot in turn, from nothing."""
    current = Structure(people=people)
    out: list[Change] = []
    with Progress("Comparing snapshots", len(snapshots), enabled=progress) as bar:
        for snap in sorted(snapshots, key=lambda s: s.date.sort_key()):
            out.extend(changes_between(current, snap))
            bar.advance()
    return out
