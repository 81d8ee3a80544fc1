"""What a narrator is told from (the structure before the change) and the table of narrators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..changes import Change
from ..model import Unit
from ..structure import Structure
from .words import the


@dataclass(frozen=True)
class _Telling:
    """The structure a change is told from, and how much may be said about people."""

    s: Structure
    show_people: bool = True

    def unit(self, unit_id: str) -> Unit | None:
        """The unit's version in force (or its last one), if known."""
        return self.s.units.get(unit_id) or self.s.retired_units.get(unit_id)

    def node(self, node: str) -> str:
        """A unit or post as named in a sentence ("the Department of …"), or its bare id."""
        label = self.s.label(node)
        return the(label) if label != node else node

    def post(self, post_id: str) -> str:
        """A post with its grade: "the post of Director, Global Data Institute (D-2)"."""
        post = self.s.posts.get(post_id) or self.s.retired_posts.get(post_id)
        if post is None:
            return f"the post {post_id}"
        grade = f" ({post.grade})" if post.grade else ""
        return f"the post of {post.title}{grade}"

    def person(self, person_id: str) -> str:
        """The person's name as recorded, or their id."""
        if not person_id:
            return "a holder the sources do not name"
        person = self.s.people.get(person_id)
        return person.name if person is not None else person_id


Narrator = Callable[[Change, _Telling], str]

#: op -> function telling a change of that op (a sentence without its final period).
NARRATORS: dict[str, Narrator] = {}


def narrates(cls: type[Change]) -> Callable[[Narrator], Narrator]:
    """Decorator that makes a function the narrator of a change class."""

    def register(fn: Narrator) -> Narrator:
        NARRATORS[cls.op] = fn
        return fn

    return register
