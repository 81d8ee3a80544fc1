"""Narrators of the changes to posts and their holders."""

from __future__ import annotations

from ..changes import (
    AbolishPost,
    AmendPost,
    Assign,
    CreatePost,
    MovePost,
    RegradePost,
    Vacate,
)
from ..model import UNKNOWN_PLACE, AssignmentKind
from .telling import _Telling, narrates
from .words import join


@narrates(CreatePost)
def _create_post(c: CreatePost, t: _Telling) -> str:
    grade = f" ({c.grade})" if c.grade else ""
    where = f" in {t.node(c.unit)}" if c.unit else ""
    if c.reports_to == UNKNOWN_PLACE:
        reports = "; to whom it reports is not recorded"
    else:
        reports = f", reporting to {t.node(c.reports_to)}" if c.reports_to else ""
    senior = "a senior" if c.senior else "a"
    extra = _post_terms(c.status, c.funding, c.fte, created=True)
    # "../2021-09": the record knows the post was there by then, not that it began.
    verb = "is in place" if c.date.earliest is None else "is created"
    since = " (since when is not recorded)" if c.date.earliest is None else ""
    return f"{senior} post of {c.title}{grade} {verb}{where}{reports}{extra}{since}"


_STATUS_WORDS = {
    "proposed": "proposed",
    "established": "established",
    "frozen": "frozen",
    "abolished": "marked abolished",
}


_FUNDED = {"core": "funded from the core budget", "projects": "funded from projects"}


def _fte(fte: float) -> str:
    """1.0 -> "full-time"; 0.5 -> "0.5 full-time equivalent"."""
    return "full-time" if fte == 1 else f"{fte:g} full-time equivalent"


def _post_terms(status: object, funding: object, fte: object, created: bool = False) -> str:
    """ ", proposed, funded from projects": what a create-post says beyond
    the title (a create leaves out the defaults)."""
    parts: list[str] = []
    if status is not None and not (created and status == "established"):
        parts.append(_STATUS_WORDS.get(str(status), str(status)))
    if funding:
        parts.append(_FUNDED[str(funding)])
    if fte is not None and not (created and fte == 1):
        parts.append(_fte(float(fte)))  # type: ignore[arg-type]
    return "".join(f", {p}" for p in parts)


@narrates(AbolishPost)
def _abolish_post(c: AbolishPost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    where = f" in {t.node(post.unit)}" if post is not None and post.unit else ""
    return f"{t.post(c.post)}{where} is abolished"


@narrates(RegradePost)
def _regrade_post(c: RegradePost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    title = post.title if post is not None else c.post
    old = post.grade if post is not None else ""
    text = f"the post of {title} is " + (
        f"regraded from {old} to {c.grade}" if old and old != c.grade else f"graded {c.grade}"
    )
    if c.title and c.title != title:
        text += f" and retitled {c.title}"
    if c.category and (post is None or c.category != post.category):
        text += f", in the {c.category} category"
    return text


@narrates(AmendPost)
def _amend_post(c: AmendPost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    parts: list[str] = []
    if c.title is not None and (post is None or c.title != post.title):
        parts.append(f"is retitled {c.title}")
    if c.category is not None:
        parts.append(f"moves to the {c.category} category" if c.category else "has no category")
    if c.duty_station is not None:
        parts.append(f"is based in {c.duty_station}" if c.duty_station else "has no duty station")
    if c.senior is not None:
        parts.append("becomes a senior post" if c.senior else "is no longer a senior post")
    if c.status is not None:
        parts.append(f"is {_STATUS_WORDS.get(str(c.status), str(c.status))}")
    if c.funding is not None:
        parts.append("is " + _FUNDED[str(c.funding)])
    if c.fte is not None:
        parts.append(f"becomes {_fte(float(c.fte))}")
    return f"{t.post(c.post)} {join(parts) if parts else 'is amended'}"


@narrates(MovePost)
def _move_post(c: MovePost, t: _Telling) -> str:
    post = t.s.posts.get(c.post)
    parts: list[str] = []
    if c.unit != "=":
        old = post.unit if post is not None else None
        if c.unit is None:
            parts.append(f"no longer sits in {t.node(old)}" if old else "sits in no unit")
        else:
            since = f" from {t.node(old)}" if old else ""
            parts.append(f"moves{since} to {t.node(c.unit)}")
    if c.reports_to != "=":
        if c.reports_to == UNKNOWN_PLACE:
            parts.append("reports to a post not recorded")
        else:
            parts.append(
                f"reports to {t.node(c.reports_to)}"
                if c.reports_to
                else "no longer reports to a post"
            )
    return f"{t.post(c.post)} {join(parts)}"


_TAKES_UP = {
    AssignmentKind.REGULAR: ("{p} is appointed to {post}", "{post} is filled"),
    AssignmentKind.AD_INTERIM: ("{p} holds {post} ad interim", "{post} is filled ad interim"),
    AssignmentKind.ACTING: ("{p} acts in {post}", "{post} is filled on an acting basis"),
    AssignmentKind.OFFICER_IN_CHARGE: (
        "{p} is placed in charge of {post} as officer-in-charge",
        "an officer-in-charge is placed in {post}",
    ),
}


@narrates(Assign)
def _assign(c: Assign, t: _Telling) -> str:
    try:
        named, anonymous = _TAKES_UP[AssignmentKind(c.kind)]
    except ValueError:
        named, anonymous = f"{{p}} takes up {{post}} ({c.kind})", "{post} is filled"
    wording = named if t.show_people and c.person else anonymous
    return wording.format(p=t.person(c.person), post=t.post(c.post))


@narrates(Vacate)
def _vacate(c: Vacate, t: _Telling) -> str:
    if not c.person:
        return f"{t.post(c.post)} is vacant"
    if t.show_people:
        return f"{t.person(c.person)} leaves {t.post(c.post)}"
    return f"{t.post(c.post)} is vacated"
