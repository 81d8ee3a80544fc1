"""One person and the posts they held, with dates and citations (personal data: for
readers allowed to see names only; the caller checks)."""

from __future__ import annotations

from typing import Any

from ..core.changes import Assign
from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.record import Record
from .posts import assignments


def person_detail(record: Record, person_id: str) -> dict[str, Any]:
    """The person's name, contact, CV and note, and every post they held, oldest first:
    the post (its title, last known), how, from when until when, and the sources."""
    if not person_id:
        raise NotFound("a holder the sources do not name has no page")
    person = record.people.get(person_id)
    held_posts = dict.fromkeys(
        c.post for c in record.timeline.changes if isinstance(c, Assign) and c.person == person_id
    )
    if person is None and not held_posts:
        raise NotFound(f"no person {person_id!r} in the record")
    final, _ = record.timeline.fold()
    posts = []
    for post in held_posts:
        for a in assignments(record, post):
            if a["person"] != person_id:
                continue
            posts.append(
                {
                    "post": post,
                    "title": final.label(post),
                    "kind": a["kind"],
                    "since": a["since"],
                    "until": a["until"],
                    "sources": a["sources"],
                }
            )
    posts.sort(key=lambda p: FuzzyDate.parse(p["since"]).sort_key())
    return {
        "id": person_id,
        "name": person.name if person else person_id,
        "note": person.note if person else "",
        "contact": person.contact if person else "",
        "cv": person.cv if person else "",
        "posts": posts,
    }
