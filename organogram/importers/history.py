"""A history from successive snapshots: the diff between each and the next, as changes.

Importers of sources that publish the whole structure again at each date (organograms,
registers, lists) build the structure each snapshot describes; the core's diff turns
one into the next in the change vocabulary, so the imported timeline is made of the
same creations, moves, regradings and abolitions as any other. Each change cites the
snapshot's source, and the row that describes its subject when there is one.

A snapshot shows what was so on its date, not when it became so, and each change is dated
with what the snapshots allow (see :func:`seen_date`): what the first snapshot shows was in
place by its date, since when is not recorded (``../D``); what changed between two
snapshots changed some time from the day after the earlier one to the later one
(``D1+1/D2``). Both are inferred, and each change's note says from which snapshots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..core.changes import Change
from ..core.dates import DateError, FuzzyDate
from ..core.diff import diff
from ..core.model import Basis, Citation, Person
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
    #: how the snapshot is named in notes, ``{}`` standing for its date in words.
    label: str = "the version of {}"

    def named(self) -> str:
        """The snapshot in words: "the organogram as at 31 March 2013"."""
        return self.label.format(self.date.describe())


def seen_date(previous: FuzzyDate | None, date: FuzzyDate) -> FuzzyDate:
    """The date of what a snapshot of ``date`` shows first, ``previous`` the snapshot before.

    With no snapshot before: in place by ``date``, since when unknown (``../date``). Else
    some time from the day after ``previous`` to ``date`` (``previous+1/date``); ``date``
    itself when the two leave no day between them.
    """
    if previous is None:
        return FuzzyDate.not_later_than(date)
    try:
        return FuzzyDate.between(FuzzyDate.day(previous.end + dt.timedelta(days=1)), date)
    except (DateError, OverflowError):
        return date


def seen_note(previous: Snapshot | None, snap: Snapshot) -> str:
    """Why a change from ``previous`` to ``snap`` is dated as :func:`seen_date` dates it."""
    if previous is None:
        return f"first seen in {snap.named()}; in place by then, since when is not recorded"
    return f"seen between {previous.named()} and {snap.named()}"


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


def changes_between(
    current: Structure, snap: Snapshot, previous: Snapshot | None = None
) -> list[Change]:
    """The changes that turn ``current`` into the snapshot's structure; applies them.

    ``previous``: the snapshot ``current`` stands for (None: ``snap`` is the first). The
    changes are dated by :func:`seen_date`, inferred, their note naming the snapshots.
    """
    when = seen_date(previous.date if previous is not None else None, snap.date)
    note = seen_note(previous, snap) + (f"; {snap.note}" if snap.note else "")
    changes: list[Change] = []
    for n, found in enumerate(diff(current, snap.structure, date=when), 1):
        source, passage = snap.rows.get(_subject(found) or "", (snap.source, ""))
        change = replace(
            found,
            id=f"{snap.tag or snap.date}-{n}",
            cites=(Citation(source, passage),),
            basis=Basis.INFERRED,
            note=note,
        )
        change.apply(current)  # raises if the diff were wrong: better than a bad dataset
        changes.append(change)
    return changes


def build_history(
    snapshots: list[Snapshot], people: dict[str, Person], progress: bool | None = None
) -> list[Change]:
    """The changes that build every snapshot in turn, from nothing."""
    current = Structure(people=people)
    out: list[Change] = []
    previous: Snapshot | None = None
    with Progress("Comparing snapshots", len(snapshots), enabled=progress) as bar:
        for snap in sorted(snapshots, key=lambda s: s.date.sort_key()):
            out.extend(changes_between(current, snap, previous))
            previous = snap
            bar.advance()
    return out
