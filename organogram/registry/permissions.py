"""Who may do what: the one rule table the pages, the API and the command line all ask.

Roles are Django groups of the same names (created by a migration): ``viewer``,
``editor``, ``administrator`` and ``approver``. An account may hold several; a
superuser is an administrator. A signed-in account without a group is a viewer.
Anonymous visitors read the structure only when ``ORGANOGRAM_ANONYMOUS_READ`` is
on, and never see personal data (``people.view``).

Call :func:`can` rather than checking groups or ``is_authenticated`` anywhere else, so
a rule lives in one place (as NetBox's ``restrict(user, action)`` does).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

VIEWER = "viewer"
EDITOR = "editor"
APPROVER = "approver"
ADMINISTRATOR = "administrator"
#: Every role, least to most powerful; also the names of their Django groups.
ROLES = (VIEWER, EDITOR, APPROVER, ADMINISTRATOR)
#: Not a role anyone holds: whoever has not signed in.
ANONYMOUS = "anonymous"

#: Everyone who may read, when the setting lets visitors read.
_READERS = frozenset({ANONYMOUS, *ROLES})
_SIGNED_IN = frozenset(ROLES)
_EDITORS = frozenset({EDITOR, ADMINISTRATOR})
_APPROVERS = frozenset({APPROVER, ADMINISTRATOR})
_ADMINISTRATORS = frozenset({ADMINISTRATOR})

#: action -> roles allowed. Anonymous reading is further subject to the setting.
RULES: dict[str, frozenset[str]] = {
    # reading the record: structure, units, timeline, comparisons, sources, plans
    "structure.view": _READERS,
    "plan.view": _READERS,
    # names of post holders and the claims and sentences that name them
    "people.view": _SIGNED_IN,
    # one's own API token
    "token.manage": _SIGNED_IN,
    # the timeline: recording, correcting and reversing dated changes
    "change.record": _EDITORS,
    "change.correct": _EDITORS,
    "change.reverse": _EDITORS,
    # plans: editors write and propose, approvers decide and enact
    "plan.draft": _EDITORS,
    "plan.edit": _EDITORS,
    "plan.propose": _EDITORS,
    "plan.approve": _APPROVERS,
    "plan.withdraw": _APPROVERS,
    "plan.enact": _APPROVERS,
    # source documents: adding, editing and removing them
    "source.edit": _EDITORS,
    # register entries (bodies, terms of reference…), unless a register names its own
    "register.edit": _EDITORS,
    # costs: computed costs and budgets are read like the structure; cost tables and
    # exchange rates are kept by editors
    "cost.view": _READERS,
    "cost.edit": _EDITORS,
    # administration
    "audit.view": _ADMINISTRATORS,
    "user.manage": _ADMINISTRATORS,
    "dataset.load": _ADMINISTRATORS,
}

#: Actions anonymous visitors may take only when ORGANOGRAM_ANONYMOUS_READ is on.
_READ_ACTIONS = frozenset(a for a, roles in RULES.items() if ANONYMOUS in roles)


class UnknownAction(KeyError):
    """An action the rule table does not name: a typo should fail, not deny quietly."""


def roles_of(user: Any) -> frozenset[str]:
    """The roles ``user`` holds: ``{"anonymous"}`` for a visitor, at least viewer if signed in."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset({ANONYMOUS})
    if not getattr(user, "is_active", True):
        return frozenset({ANONYMOUS})
    cached = getattr(user, "_organogram_roles", None)
    if cached is not None:
        return cached
    if getattr(user, "is_superuser", False):
        roles = frozenset(ROLES)
    else:
        held = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if ADMINISTRATOR in held:
            held.update(ROLES)
        roles = frozenset(held | {VIEWER})
    # One query per request, not one per question a page asks.
    user._organogram_roles = roles
    return roles


def role_of(user: Any) -> str:
    """The most powerful role ``user`` holds, for display ("anonymous" for a visitor)."""
    held = roles_of(user)
    for role in reversed(ROLES):
        if role in held:
            return role
    return ANONYMOUS


def can(user: Any, action: str, obj: Any = None) -> bool:
    """Whether ``user`` may take ``action`` (on ``obj``, reserved for per-object rules).

    Raises :class:`UnknownAction` for an action the table does not name.
    """
    try:
        allowed = RULES[action]
    except KeyError:
        raise UnknownAction(action) from None
    held = roles_of(user)
    if ANONYMOUS in held:
        return action in _READ_ACTIONS and bool(settings.ORGANOGRAM_ANONYMOUS_READ)
    return bool(held & allowed)


def allowed_actions(user: Any) -> frozenset[str]:
    """Every action ``user`` may take (for templates and the API's "who am I")."""
    return frozenset(a for a in RULES if can(user, a))


def forget_roles(user: Any) -> None:
    """Drop the roles cached on ``user`` (after its groups changed)."""
    if hasattr(user, "_organogram_roles"):
        del user._organogram_roles
