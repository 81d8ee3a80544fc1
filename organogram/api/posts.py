"""Reading posts: the posts at a date, the vacancies, and one post in full."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ..queries.posts import post_detail, posts_at, vacancies_at
from ..registry import store
from ..registry.permissions import can
from .auth import need
from .common import when
from .schemas.posts import PostOut, PostsOut, VacanciesOut

router = Router(tags=["posts"])


@router.get(
    "/posts",
    response=PostsOut,
    summary="The posts in force at a date, with status, funding and FTE",
)
def posts(
    request: HttpRequest,
    at: str | None = None,
    unit: str | None = None,
    status: str | None = None,
    vacant: bool = False,
) -> dict[str, Any]:
    """Posts (in ``unit`` and the units under it); holders only for those who may see them."""
    need(request, "structure.view")
    return posts_at(
        store.current().record, when(at), unit=unit, status=status, vacant=vacant,
        people=can(request.auth, "people.view"),
    )


@router.get(
    "/vacancies",
    response=VacanciesOut,
    summary="Established posts nobody holds at a date; frozen apart",
)
def vacancies(request: HttpRequest, at: str | None = None, unit: str | None = None) -> dict:
    """Vacant and frozen posts; names no one."""
    need(request, "structure.view")
    return vacancies_at(store.current().record, when(at), unit=unit)


@router.get(
    "/posts/{post_id}",
    response=PostOut,
    exclude_unset=True,
    summary="One post: terms of reference, grades, holders",
)
def post(request: HttpRequest, post_id: str, at: str | None = None) -> dict[str, Any]:
    """The post at a date with its terms of reference then, their versions, the generic
    description they follow, its classification history and (if allowed) who held it."""
    need(request, "structure.view")
    return post_detail(
        store.current().record, post_id, when(at), people=can(request.auth, "people.view")
    )
