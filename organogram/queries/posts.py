"""Posts as of a date: the list (with vacancies), one post's terms of reference, its
classification history and who held it. Shared by the command line, the pages and the API.

``people`` False leaves out who holds a post (personal data): a post is then only said
to be filled or vacant.
"""

from __future__ import annotations

from typing import Any

from ..core.certainty import Certainty
from ..core.changes import Assign, CreatePost, RegradePost, Vacate
from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.model import Post, PostStatus
from ..core.record import Record
from ..core.structure import Structure
from ..core.terms import terms_at, versions
from ..formats.register import entry_to_dict
from ..formats.registers.posts import DESCRIPTIONS, TERMS
from .claims import node_claims
from .names import citations
from .structure import (
    NO_HOLDER,
    UNNAMED_WORDS,
    VACANT,
    holder_data,
    holding,
    uncertain_data,
)


def _unit(s: Structure, unit: str | None) -> dict[str, str] | None:
    return {"id": unit, "name": s.label(unit)} if unit else None


def post_row(
    s: Structure, post: Post, people: bool, known: bool = False, certainty: Certainty | None = None
) -> dict[str, Any]:
    """One post as a row of the list: its attributes, whether it is held, and by whom.

    ``holding``: "held", "vacant" (a source says so, or every assignment is recorded by
    then: ``known``) or "no holder recorded"; with ``certainty``, ``certainty`` says
    whether the post is in force or only possibly, and ``uncertain`` why."""
    held = s.holders.get(post.id, ())
    row: dict[str, Any] = {
        "id": post.id,
        "title": post.title,
        "grade": post.grade,
        "category": post.category,
        "unit": _unit(s, post.unit),
        "duty_station": post.duty_station,
        "senior": post.senior,
        "status": str(post.status),
        "funding": str(post.funding),
        "fte": post.fte,
        "filled": bool(held),
        "vacant": is_vacant(s, post, known),
        "holding": holding(s, post.id, known),
    }
    if certainty is not None:
        row["certainty"] = certainty.status(s, post.id)
        row["uncertain"] = uncertain_data(certainty, post.id)
    if people:
        row["holders"] = [holder_data(s, a, certainty) for a in held]
    return row


def is_vacant(s: Structure, post: Post, known: bool = False) -> bool:
    """An established post nobody holds, where a source says it is vacant or every
    assignment is recorded by then (``known``); without either, nobody is *recorded*
    holding it, which is not a vacancy. Proposed, frozen and abolished posts are not
    vacancies: they are not to be filled."""
    return post.status is PostStatus.ESTABLISHED and holding(s, post.id, known) == VACANT


def _in_scope(s: Structure, unit: str | None) -> list[Post]:
    if unit is None:
        return list(s.posts.values())
    if unit not in s.units:
        raise NotFound(f"no unit {unit!r} in force at this date")
    units = [u for u in s.subtree(unit) if u in s.units]
    return [s.posts[p] for u in units for p in s.posts_in(u)]


def posts_at(
    record: Record,
    at: str | FuzzyDate,
    *,
    unit: str | None = None,
    status: str | None = None,
    vacant: bool = False,
    people: bool = True,
) -> dict[str, Any]:
    """The posts in force at ``at`` (in ``unit`` and the units under it), by unit then
    title; ``status`` keeps those of one status, ``vacant`` only vacancies."""
    snap = record.timeline.snapshot(at)
    s = snap.structure
    if status is not None and status not in PostStatus._value2member_map_:
        raise NotFound(f"no post status {status!r}: use one of {', '.join(PostStatus)}")
    known = record.organization.vacancy_known(snap.day)
    rows = []
    for post in _in_scope(s, unit):
        if status is not None and post.status != status:
            continue
        if vacant and not is_vacant(s, post, known):
            continue
        rows.append(post_row(s, post, people, known, snap.certainty))
    rows.sort(key=lambda r: ((r["unit"] or {}).get("name", ""), not r["senior"], r["title"]))
    return {
        "date": snap.day.isoformat(),
        "unit": _unit(s, unit),
        "posts": rows,
        "count": len(rows),
        "fte": sum(r["fte"] for r in rows),
    }


def vacancies_at(
    record: Record, at: str | FuzzyDate, *, unit: str | None = None
) -> dict[str, Any]:
    """Established posts vacant at ``at`` (a source says so, or every assignment is
    recorded by then), apart those nobody is recorded holding (``no_holder_recorded``:
    not known to be vacant), and apart the frozen ones (not to be filled). Names no one,
    so anyone may see it."""
    snap = record.timeline.snapshot(at)
    s = snap.structure
    known = record.organization.vacancy_known(snap.day)
    scope = _in_scope(s, unit)
    c = snap.certainty
    return {
        "date": snap.day.isoformat(),
        "unit": _unit(s, unit),
        "vacant": [post_row(s, p, False, known, c) for p in scope if is_vacant(s, p, known)],
        "no_holder_recorded": [
            post_row(s, p, False, known, c)
            for p in scope
            if p.status is PostStatus.ESTABLISHED and holding(s, p.id, known) == NO_HOLDER
        ],
        "frozen": [
            post_row(s, p, False, known, c) for p in scope if p.status is PostStatus.FROZEN
        ],
    }


def classification_history(record: Record, post: str) -> list[dict[str, Any]]:
    """The post's grade over time: each create-post and regrade-post with its sources."""
    out = []
    for c in record.timeline.changes:
        if isinstance(c, CreatePost | RegradePost) and c.post == post:
            out.append(
                {
                    "date": str(c.date),
                    "change": c.id,
                    "op": c.op,
                    "grade": c.grade,
                    "title": c.title,
                    "basis": str(c.basis),
                    "reason": c.reason,
                    "sources": citations(c.cites, record.sources),
                }
            )
    return out


def assignments(record: Record, post: str) -> list[dict[str, Any]]:
    """Who held the post, from when to when, and how (personal data)."""
    open_: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for c in record.timeline.changes:
        if isinstance(c, Assign) and c.post == post:
            person = record.people.get(c.person)
            entry = {
                "person": c.person or None,
                "name": (person.name if person else c.person) or UNNAMED_WORDS,
                "contact": person.contact if person else "",
                "cv": person.cv if person else "",
                "kind": str(c.kind),
                "since": str(c.date),
                "since_words": c.date.describe(),
                "until": None,
                "sources": citations(c.cites, record.sources),
            }
            open_[c.person] = entry
            out.append(entry)
        elif isinstance(c, Vacate) and c.post == post:
            # A vacancy a source states (no person) ends every open assignment.
            for who in [c.person] if c.person else list(open_):
                if who in open_:
                    ended = open_.pop(who)
                    ended["until"] = str(c.date)
                    ended["until_words"] = c.date.describe()
    return out


#: The list parts of terms of reference and descriptions.
LIST_PARTS = ("duties", "values", "core_competencies", "managerial_competencies", "education",
              "experience", "languages")


def parts_dict(record: Record, register: Any, entry: Any) -> dict[str, Any]:
    """Terms of reference or a description as data: every list part present (empty when
    none), each citation with its readable form."""
    data = entry_to_dict(register, entry)
    data["sources"] = citations(entry.cite, record.sources)
    for part in LIST_PARTS:
        data[part] = data.get(part, [])
        for item, obj in zip(data[part], getattr(entry, part), strict=True):
            item["sources"] = citations(obj.cite, record.sources)
    return data


def post_detail(
    record: Record, post_id: str, at: str | FuzzyDate, *, people: bool = True
) -> dict[str, Any]:
    """One post at ``at``: its attributes, its terms of reference then (and every version),
    the generic description they follow, its classification history, the claims kept
    about it (a block of :mod:`.claims`) and, with ``people``, who held it."""
    snap = record.timeline.snapshot(at)
    s = snap.structure
    post = s.posts.get(post_id)
    state = "in-force"
    if post is None:
        post = s.retired_posts.get(post_id)
        state = "abolished"
    if post is None:
        final, _ = record.timeline.fold()
        post = final.posts.get(post_id) or final.retired_posts.get(post_id)
        state = "not-yet"
    if post is None:
        raise NotFound(f"no post {post_id!r} in the record")
    all_terms = record.registers.get(TERMS.section, {}).values()
    current = terms_at(all_terms, post_id, snap.day.isoformat())
    description = None
    if current is not None and current.description:
        generic = record.registers.get(DESCRIPTIONS.section, {}).get(current.description)
        if generic is not None:
            description = parts_dict(record, DESCRIPTIONS, generic)
    data = post_row(
        s,
        post,
        people and state == "in-force",
        record.organization.vacancy_known(snap.day),
        snap.certainty,
    )
    data.update(
        date=snap.day.isoformat(),
        state=state,
        in_force=state == "in-force",
        terms=parts_dict(record, TERMS, current) if current is not None else None,
        versions=[
            {"id": t.id, "effective": str(t.effective), "current": t is current}
            for t in versions(all_terms, post_id)
        ],
        description=description,
        classification=classification_history(record, post_id),
    )
    if state != "in-force":
        data["vacant"] = False
    if people:
        data["assignments"] = assignments(record, post_id)
    data["claims"] = node_claims(record, post_id, people=people)
    return data
