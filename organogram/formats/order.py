"""Which top-level changes the writer may put in ``units:`` and ``posts:`` shorthand.

The timeline applies changes of the same date in the order they were read, and the
loader reads files in path order: changes.yaml, then posts.yaml, then units.yaml.
Writing a create change as shorthand moves it, among the changes of its date, after
every entry of changes.yaml (and a unit after every post). So within each date the
writer keeps the original order by putting in units.yaml only a trailing run of
unit creations, in posts.yaml only the run of post creations just before it, and
everything else in changes.yaml.
"""

from __future__ import annotations

from itertools import groupby

from ..core.changes import Change, CreatePost, CreateUnit


def _section(change: Change) -> str:
    """Where a change could go if order did not matter."""
    if type(change) is CreateUnit and change.id == f"create-{change.unit.id}":
        return "units"
    if type(change) is CreatePost and change.id == f"create-post-{change.post}":
        return "posts"
    return "changes"


def shorthand_ok(changes: list[Change]) -> dict[Change, str]:
    """change -> "units", "posts" or "changes" for changes in timeline order."""
    out: dict[Change, str] = {}
    for _, group in groupby(changes, key=lambda c: c.date.sort_key()):
        run = list(group)
        i = len(run)
        while i and _section(run[i - 1]) == "units":
            i -= 1
            out[run[i]] = "units"
        while i and _section(run[i - 1]) == "posts":
            i -= 1
            out[run[i]] = "posts"
        for change in run[:i]:
            out[change] = "changes"
    return out
