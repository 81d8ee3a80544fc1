"""The columns of each kind of version, and the numbers that stand for "none".

Every table holds versions: a row says what a unit, post, typed line or holding was
from one day (``since``) until another (``until``, :data:`OPEN` while it lasts). Days
are day numbers (``date.toordinal()``) as int32. A version starts on the first day of
the date of the change that made it (the day the fold applies it, see docs/dates.md);
``since_hi`` is that date's last day, so from ``since`` to the day before ``since_hi``
the version is only possibly in force. ``until`` and ``until_hi`` are the same two days
of the change that ended it. ``made`` and ``ended`` are the positions, in the
timeline, of those changes (-1: still open), which link a version back to the change
vocabulary.
"""

from __future__ import annotations

import numpy as np

#: ``parent`` of a node at the top (no line of oversight).
TOP = -1
#: ``parent`` of a node whose placement no source gives (``UNKNOWN_PLACE``).
UNPLACED = -2
#: In the dense arrays of a day: a node not in force then.
ABSENT = -3
#: ``unit`` of a post that sits in no unit; ``ended`` of a version still open.
NONE = -1
#: ``until`` and ``until_hi`` of a version still open.
OPEN = int(np.iinfo(np.int32).max)

I4, I1 = np.int32, np.int8
_DATES = {"since": I4, "since_hi": I4, "until": I4, "until_hi": I4, "made": I4, "ended": I4}

#: node, its line of oversight, name and kind (numbers in the string tables).
UNITS = {"node": I4, "parent": I4, "name": I4, "kind": I4, **_DATES}
#: node, the unit it sits in, its own line of oversight, grade, seniority and title.
POSTS = {"node": I4, "unit": I4, "parent": I4, "grade": I4, "senior": I1, "title": I4, **_DATES}
#: typed lines other than oversight: from ``source`` to ``target``, of ``kind``.
LINES = {"source": I4, "kind": I4, "target": I4, **_DATES}
#: a person holding a post: ``kind`` (regular, ad interim…), ``stated`` the holding's own
#: date as written (its number in the string table; "" when none).
HOLDERS = {"post": I4, "person": I4, "kind": I4, "stated": I4, **_DATES}
#: links of lineage (merges, splits, replacements), each made by one change.
LINEAGE = {"predecessor": I4, "successor": I4, "kind": I4, "since": I4, "made": I4}
#: every change of the timeline, in its order: its date's first and last day, and whether
#: it failed to apply where it stands (then it made nothing).
CHANGES = {"start": I4, "end": I4, "failed": I1}

#: The tables whose rows are versions (the others are not dated that way).
VERSIONED = ("units", "posts", "lines", "holders")
