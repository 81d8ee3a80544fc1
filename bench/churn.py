"""The monthly change stream: units moved, merged, split or renamed, and posts moved.

Each change is made on the model (which writes the rows of what it ended) and returned
as the core's change object. Lateral moves, sibling merges and splits that keep new
units beside the old one never change a unit's depth or department, so the depth range
holds through the whole history, departments keep about their size, and no move can
make a cycle.
"""

from __future__ import annotations

import random

from organogram.core.changes import Change, Merge, Move, MovePost, Rename, Split

from .model import Model
from .sizes import month_day, unit_name

OPS = ("move", "merge", "split", "rename")


def stochastic(x: float, rng: random.Random) -> int:
    """``x`` rounded up or down at random, so small sizes still change on average."""
    whole = int(x)
    return whole + (rng.random() < x - whole)


class Churn:
    """Draws changes on ``model`` with the model's random generator."""

    def __init__(self, model: Model):
        self.model = model
        self.rng = model.rng
        self.ops = {
            "move": self.op_move,
            "merge": self.op_merge,
            "split": self.op_split,
            "rename": self.op_rename,
        }

    def pick_unit(self) -> int:
        """A unit that may change: not the root, a department, the wide unit or its children."""
        m = self.model
        while True:
            u = m.alive_units.choice(self.rng)
            if not m.frozen[u]:
                return u

    def op_move(self, u: int) -> Change | None:
        """``u`` to another parent one level up in its department (None if none was found)."""
        m = self.model
        # Within its department, one level up: departments keep their size over the
        # years (a fifth of the organization stays a fifth) and depths never change.
        level = m.by_level[(m.dept[u], m.depth[u] - 1)]
        for _ in range(8):
            q = level.choice(self.rng)
            # The wide unit keeps exactly its children, so it takes no new ones.
            if q != m.parent[u] and q != m.wide:
                m.set_parent(u, q)
                return Move(date=m.fdate, node=m.uid[u], to=m.uid[q])
        return None

    def op_merge(self, u: int) -> Change | None:
        """``u`` into a sibling (None if it has none)."""
        m = self.model
        siblings = [s for s in m.children[m.parent[u]] if s != u]
        if not siblings:
            return None
        into = siblings[self.rng.randrange(len(siblings))]
        # What reported to the merged unit, and its posts, go to the unit it merges into.
        for child in list(m.children[u]):
            m.set_parent(child, into)
        for j in list(m.posts_of[u]):
            m.move_post(j, into)
        m.retire(u)
        return Merge(date=m.fdate, units=(m.uid[u], m.uid[into]), into=m.uid[into])

    def op_split(self, u: int) -> Change:
        """``u`` split in two: kept beside a new unit, or replaced by two new ones."""
        m, rng = self.model, self.rng
        keep = bool(m.children[u]) or rng.random() < 0.5
        posts = list(m.posts_of[u])
        rng.shuffle(posts)
        half = posts[: len(posts) // 2]
        if keep:
            new = m.new_unit(m.parent[u])
            moves = {m.pid[j]: m.uid[new] for j in half}
            for j in half:
                m.move_post(j, new)
            into = (m.spec(new),)
        else:
            first = m.new_unit(m.parent[u])
            second = m.new_unit(m.parent[u])
            moves = {m.pid[j]: m.uid[second] for j in half}
            for j in half:
                m.move_post(j, second)
            for j in list(m.posts_of[u]):
                m.move_post(j, first)
            m.retire(u)
            into = (m.spec(first), m.spec(second))
        return Split(date=m.fdate, unit=m.uid[u], into=into, keep=keep, moves=moves)

    def op_rename(self, u: int) -> Change:
        """``u`` renamed."""
        m = self.model
        m.rename(u)
        return Rename(date=m.fdate, unit=m.uid[u], name=unit_name(u, m.namev[u]))

    def unit_change(self) -> tuple[str, Change]:
        """One change of a unit, of a kind drawn at random, and the kind's name."""
        while True:
            op = OPS[self.rng.randrange(len(OPS))]
            u = self.pick_unit()
            change = self.ops[op](u)
            if change is not None:
                return op, change

    def post_move(self) -> Change:
        """A post drawn at random moved to another unit drawn at random."""
        m, rng = self.model, self.rng
        j = rng.randrange(len(m.post_unit))
        while True:
            unit = m.alive_units.choice(rng)
            if unit != m.post_unit[j]:
                break
        m.move_post(j, unit)
        return MovePost(date=m.fdate, post=m.pid[j], unit=m.uid[unit])

    def month(self, m: int, changes: list[Change], counts: dict[str, int], n: int, k: int) -> None:
        """Generate ``n`` unit changes and ``k`` post moves dated month ``m``."""
        self.model.set_day(month_day(m))
        for _ in range(n):
            op, change = self.unit_change()
            counts[op] = counts.get(op, 0) + 1
            changes.append(change)
        for _ in range(k):
            changes.append(self.post_move())
        counts["move-post"] = counts.get("move-post", 0) + k
