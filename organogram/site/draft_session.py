"""The drafts a person is deciding on, kept in their session between requests.

A draft (:func:`.draft_proposals.draft_document`) holds the document's
paragraphs and every proposal; the person's decisions are added to it, proposal by
proposal, until the accepted ones are saved into a plan. None of it is the record's:
it lives in the session (stored server-side, with the session's lifetime), never in
the registry's tables, so nothing enters the record unconfirmed. Why the session and
not a signed hidden field: see docs/web.md.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.http import Http404, HttpRequest

from .draft_proposals import ACCEPTED, DECISIONS, EDITED, REJECTED

#: The session key holding the drafts, by their key.
_KEY = "organogram.drafts"
#: Drafts kept per session: a new one beyond this pushes out the oldest.
KEPT = 4


def keep(request: HttpRequest, draft: dict[str, Any]) -> str:
    """Keep ``draft`` in the session with no decision yet; returns its key."""
    drafts = dict(request.session.get(_KEY, {}))
    key = secrets.token_urlsafe(9)
    for proposal in draft["operations"]:
        proposal["decision"] = ""
        proposal["edited"] = None
    drafts[key] = draft
    while len(drafts) > KEPT:
        drafts.pop(next(iter(drafts)))
    request.session[_KEY] = drafts
    return key


def kept(request: HttpRequest, key: str) -> dict[str, Any]:
    """The draft kept under ``key``; 404 when the session holds none (it expired, or
    belongs to another person)."""
    draft = request.session.get(_KEY, {}).get(key)
    if draft is None:
        raise Http404("this draft is no longer kept: draft the document again")
    return draft


def proposal(draft: dict[str, Any], n: int) -> dict[str, Any]:
    """The ``n``-th proposal (from 1); 404 when there is none."""
    if not 1 <= n <= len(draft["operations"]):
        raise Http404(f"the draft has no proposal {n}")
    return draft["operations"][n - 1]


def decide(
    request: HttpRequest, key: str, n: int, decision: str, change: dict | None = None
) -> None:
    """Record the decision on proposal ``n`` (``""`` undoes it); an edit keeps the
    change as the person wrote it."""
    if decision and decision not in DECISIONS:
        raise ValueError(f"{decision!r} is not a decision")
    draft = kept(request, key)
    p = proposal(draft, n)
    p["decision"] = decision
    p["edited"] = change if decision == EDITED else None
    _save(request, key, draft)


def target(request: HttpRequest, key: str, plan_id: str) -> None:
    """Remember the plan the draft is meant for (empty: a new one)."""
    draft = kept(request, key)
    draft["plan"] = plan_id
    _save(request, key, draft)


def drop(request: HttpRequest, key: str) -> None:
    """Forget the draft (its accepted changes were saved)."""
    drafts = dict(request.session.get(_KEY, {}))
    drafts.pop(key, None)
    request.session[_KEY] = drafts


def _save(request: HttpRequest, key: str, draft: dict[str, Any]) -> None:
    drafts = dict(request.session.get(_KEY, {}))
    drafts[key] = draft
    # Reassigned so that the session notices a change deep inside it.
    request.session[_KEY] = drafts


def standing(p: dict[str, Any]) -> dict[str, Any] | None:
    """The change proposal ``p`` stands for now: the person's edit, the proposal's own,
    or None when rejected."""
    if p["decision"] == REJECTED:
        return None
    return p["edited"] if p["decision"] == EDITED else p["change"]


def chosen(draft: dict[str, Any]) -> list[tuple[int, dict[str, Any], dict[str, Any]]]:
    """(number, proposal, change) of each proposal accepted or edited, in order."""
    out = []
    for n, p in enumerate(draft["operations"], start=1):
        if p["decision"] == EDITED:
            out.append((n, p, p["edited"]))
        elif p["decision"] == ACCEPTED:
            out.append((n, p, p["change"]))
    return out
