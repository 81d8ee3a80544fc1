"""The Posts pages: the posts at a date (filtered by unit, status, vacancy) and one post
with its terms of reference, classification history and who held it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...core.model import PostStatus
from ...queries import posts as q
from ...registry.actions import RecordChange
from ...registry.store import State
from .common import as_of, dated_context, may, may_see_people, registry_page
from .downloads import sheet_links


def posts_asked(
    request: HttpRequest, state: State
) -> tuple[str | None, str | None, bool, dict[str, Any]]:
    """The filters of the query string (``unit``, ``status``, ``vacant``) and the posts
    they keep as of ``?at=``: what the page lists and its spreadsheet holds."""
    unit = request.GET.get("unit", "").strip() or None
    status = request.GET.get("status", "").strip() or None
    vacant = request.GET.get("vacant") == "1"
    try:
        data = q.posts_at(
            state.record,
            as_of(request).date,
            unit=unit,
            status=status,
            vacant=vacant,
            people=may_see_people(request),
        )
    except NotFound as exc:
        raise Http404(str(exc)) from None
    return unit, status, vacant, data


@registry_page
def posts(request: HttpRequest, state: State) -> HttpResponse:
    """The posts in force at ``?at=``, by unit; ``?unit=``, ``?status=``, ``?vacant=1``."""
    when = as_of(request)
    people = may_see_people(request)
    unit, status, vacant, data = posts_asked(request, state)
    s = state.record.timeline.snapshot(when.date).structure
    units = sorted(((u, s.label(u)) for u in s.units), key=lambda x: x[1])
    return render(
        request,
        "site/posts.html",
        dated_context(
            request,
            when,
            posts=data,
            units=units,
            statuses=[str(v) for v in PostStatus],
            unit=unit or "",
            status=status or "",
            vacant=vacant,
            vacancy_known=state.record.organization.vacancy_known(when.day),
            show_people=people,
            sheets=sheet_links(request, "site:posts_sheet"),
        ),
        status=400 if when.error else 200,
    )


@registry_page
def post(request: HttpRequest, state: State, post_id: str) -> HttpResponse:
    """One post at ``?at=``: attributes, terms of reference, grades over time, holders."""
    when = as_of(request)
    people = may_see_people(request)
    try:
        data = q.post_detail(state.record, post_id, when.date, people=people)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    amend: Any = None
    if data["in_force"] and may(request.user, RecordChange):
        amend = "amend-post"
    return render(
        request,
        "site/post.html",
        dated_context(request, when, post=data, show_people=people, amend=amend),
        status=400 if when.error else 200,
    )
