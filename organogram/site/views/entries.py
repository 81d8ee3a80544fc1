"""Adding and editing register entries (bodies, sessions, calls, nominations…) from forms.

Every save is a :class:`~organogram.registry.actions.SaveEntry` action with the
version of the entry the form was drawn with: if someone saved the entry since, the
form comes back saying so, with the input kept and the new version, so that saving
again is a decision and not an accident.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ...formats.register import entry_to_dict
from ...formats.registers import BY_SECTION
from ...registry.actions import Refused, SaveEntry, run
from ...registry.actions.entries import entry_version
from ...registry.store import State
from ..entry_form import inputs, posted
from ..hidden import STALE, hidden_number
from .common import actor as web_actor
from .common import registry_page, requires


def _back(section: str, data: dict[str, Any]) -> str:
    """Where a saved entry is shown."""
    if section == "nominations" and data.get("call"):
        return reverse("site:call", args=[data["call"]])
    if section == "calls":
        return reverse("site:call", args=[data["id"]])
    if section in ("sessions", "bureau") and data.get("body"):
        return reverse("site:body", args=[data["body"]])
    if section == "bodies":
        return reverse("site:body", args=[data["id"]])
    return reverse("site:bodies")


def _form(request: HttpRequest, state: State, section: str, key: str | None) -> HttpResponse:
    register = BY_SECTION.get(section)
    if register is None:
        raise Http404(f"no register {section!r}")
    entry = state.record.register(section).get(key) if key else None
    if key and entry is None:
        raise Http404(f"no {register.noun} {key!r}")
    errors: dict[str, list[str]] = {}
    refusal: dict[str, Any] | None = None
    version = entry_version(section, key) if key else 0
    if request.method == "POST":
        data, errors = posted(register.fields, request.POST)
        if key:
            data["id"] = key  # an entry's id is not edited here
        # Empty: a new entry (expected not to exist); anything but a number: stale.
        version_text = request.POST.get("version") or "0"
        expected = hidden_number(version_text, STALE)
        if not errors:
            actor = web_actor(request)
            try:
                saved = run(SaveEntry(section, data, expected, create=key is None), actor)
            except Refused as exc:
                if exc.stale:
                    refusal = {"message": exc.message, "reasons": [], "stale": True}
                    version = entry_version(section, data.get("id", ""))
                else:
                    refusal = {"message": exc.message, "reasons": exc.reasons}
                    errors = _by_field(exc.reasons)
                    version = expected
            else:
                messages.success(request, f"Saved the {register.noun} {saved.entry.id}.")
                return redirect(_back(section, data))
        else:
            version = expected
    else:
        data = entry_to_dict(register, entry) if entry is not None else dict(request.GET.items())
    context = {
        "register": register,
        "key": key,
        "inputs": inputs(register.fields, state.record, data, errors),
        "version": version,
        "refusal": refusal,
        "back": _back(section, data) if key else _local(request.GET.get("back", "")),
    }
    status = 409 if refusal and refusal.get("stale") else 422 if refusal or errors else 200
    return render(request, "site/entry_form.html", context, status=status)


def _local(url: str) -> str:
    """A "back" address from the query, kept only when it is a path of this site."""
    if url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return reverse("site:bodies")


def _by_field(reasons: list[str]) -> dict[str, list[str]]:
    """``field: why`` reasons as field -> problems (the top field of a path)."""
    out: dict[str, list[str]] = {}
    for reason in reasons:
        path, _, why = reason.partition(": ")
        name = path.split(".")[0].split("[")[0]
        out.setdefault(name, []).append(why or reason)
    return out


@registry_page
@requires(SaveEntry.permissions)
def entry_new(request: HttpRequest, state: State, section: str) -> HttpResponse:
    """GET: an empty form (fields may be given in the query); POST: add the entry."""
    return _form(request, state, section, None)


@registry_page
@requires(SaveEntry.permissions)
def entry_edit(request: HttpRequest, state: State, section: str, key: str) -> HttpResponse:
    """GET: the entry's form with its version; POST: save it unless saved since."""
    return _form(request, state, section, key)
