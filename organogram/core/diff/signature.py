"""What makes two structures the same, for the diff, its tests and its callers.

Two structures are the same when they hold the same units and posts (every
attribute), the same lines of oversight, the same typed lines and, for each post,
the same holders as a set of (person, kind). A placement no source gives counts as a line
to :data:`~organogram.core.model.UNKNOWN_PLACE`. Retired units, lineage, people and the
date a holder took up a post are history, not structure, and are not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import UNKNOWN_PLACE, Line, Post, Unit
from ..structure import Structure


@dataclass(frozen=True)
class Signature:
    """The comparable content of a structure."""

    units: dict[str, Unit]
    posts: dict[str, Post]
    oversight: dict[str, str]
    lines: frozenset[Line]
    holders: dict[str, frozenset[tuple[str, str]]]


def holder_set(s: Structure, post: str) -> frozenset[tuple[str, str]]:
    """Who holds ``post`` in ``s``, as (person, kind) pairs."""
    return frozenset((a.person, str(a.kind)) for a in s.holders.get(post, ()))


def structure_signature(s: Structure) -> Signature:
    """The comparable content of ``s``; equal signatures mean the same structure."""
    return Signature(
        units=dict(s.units),
        posts=dict(s.posts),
        oversight={**s.oversight, **{n: UNKNOWN_PLACE for n in s.unplaced if s.exists(n)}},
        lines=frozenset(s.lines),
        holders={p: holder_set(s, p) for p, held in s.holders.items() if held},
    )


def same_structure(a: Structure, b: Structure) -> bool:
    """True when ``a`` and ``b`` hold the same units, posts, lines and holders."""
    return structure_signature(a) == structure_signature(b)


def differences(a: Structure, b: Structure, limit: int = 20) -> list[str]:
    """Readable lines saying where ``a`` and ``b`` differ (empty when the same).

    Meant for test failures and logs, not for users: the diff says it in changes.
    """
    sa, sb = structure_signature(a), structure_signature(b)
    out: list[str] = []
    for what in ("units", "posts", "oversight", "holders"):
        da: dict = getattr(sa, what)
        db: dict = getattr(sb, what)
        for key in sorted(set(da) | set(db)):
            if da.get(key) != db.get(key):
                out.append(f"{what}[{key}]: {da.get(key)!r} != {db.get(key)!r}")
    for line in sorted(sa.lines ^ sb.lines, key=lambda ln: (ln.source, ln.kind, ln.target)):
        side = "only in first" if line in sa.lines else "only in second"
        out.append(f"line {line.source} -{line.kind}-> {line.target}: {side}")
    return out[:limit]
