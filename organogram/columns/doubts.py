"""What a change dated to a span leaves open, recorded as rows when the change is folded.

Only a change whose date is not known to the day can leave anything open, so the rows
cost nothing for a record dated to the day. What each row means is the core's rule
(:func:`~organogram.core.certainty.in_force_aspects` and
:func:`~organogram.core.certainty.open_links`), kept as bits; which rows are open on a
day is read by :mod:`.certainty`.
"""

from __future__ import annotations

from ..core import certainty as core
from ..core.changes import Change
from .schema import LINK_FIELDS, NONE

#: One bit per aspect, in the order a node's reasons are listed.
BITS = {
    core.EXISTENCE: 1,
    core.ENDED: 2,
    core.PLACEMENT: 4,
    core.HOLDERS: 8,
    core.LINES: 16,
    core.DETAILS: 32,
}
#: ``created`` of a doubt row: not created, created and touched, created only.
KEPT, CREATED, CREATED_UNTOUCHED = 0, 1, 2


def aspect_bits(change: Change) -> int:
    """The bits of what ``change`` leaves open about a node in force it did not create."""
    bits = 0
    for aspect in core.in_force_aspects(change):
        bits |= BITS[aspect]
    return bits


def record(recorder, change: Change, touched: set[str], at: int) -> None:
    """Rows for ``change`` (at position ``at``, applied, dated to a span) and the nodes
    it ``touched``."""
    doubts = recorder.tables["doubts"]
    number = recorder.number
    created = change.creates()
    bits = aspect_bits(change)
    for node in sorted(touched):
        doubts.append((at, number(node), CREATED if node in created else KEPT, bits))
    for node in sorted(created - touched):
        doubts.append((at, number(node), CREATED_UNTOUCHED, 0))
    links = recorder.tables["link_doubts"]
    text = recorder.text.number
    for field, key in core.open_links(change):
        what = LINK_FIELDS.index(field)
        if field.startswith("lines"):
            row = (at, what, number(key.source), text(str(key.kind)), number(key.target), NONE)
        else:
            post, person = key
            row = (at, what, number(post), NONE, NONE, text(person))
        links.append(row)
