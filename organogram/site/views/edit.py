"""Recording a change from a unit's page, and reversing a recorded change.

Every save is a :class:`~organogram.registry.actions.RecordChange` action with the
token the form was drawn with: if someone changed the unit since, or the change does
not apply, the form comes back with the explanation and the input kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ...core.dates import DateError, FuzzyDate
from ...core.passages import is_unlisted_passage
from ...history.inverse import NotReversible, inverse, reversible
from ...queries.changes import change_data, changes_data
from ...queries.resolve import NotResolved
from ...registry import store
from ...registry.actions import RecordChange, Refused, ReverseChange, run
from ...registry.reading.names import cached_names
from ...registry.reading.timeline import sentences
from ...registry.reading.tokens import latest_token
from ...registry.store import State
from ..forms import ABBREVIATION_CHOICES, FIELD_OF, NAMED, OPS, ChangeForm, Op, change_mapping
from ..hidden import STALE, hidden_number
from .common import actor as web_actor
from .common import may_see_people, registry_page, requires


def _options(state: State, node: str, day: dt.date) -> dict[str, list[tuple[str, str]]]:
    """The choices of the forms for ``node``, from the structure on ``day`` (the fields
    that name a unit, post, person or source take a name: see :func:`_resolve_names`)."""
    record = state.record
    s = record.timeline.snapshot(day).structure
    posts = s.posts_in(node) if node in s.units else [node]
    held = [(p, a) for p in posts for a in s.holders.get(p, ())]
    return {
        "posts": [(p, f"{s.posts[p].title} ({p})") for p in posts if p in s.posts],
        "holders": [
            (f"{p}|{a.person}", f"{record.people[a.person].name if a.person in record.people else a.person} — {s.posts[p].title}")  # noqa: E501
            for p, a in held
        ],
        "lines": [
            (f"{ln.kind}|{ln.target}", f"{str(ln.kind).replace('-', ' ')} to {s.label(ln.target)}")
            for ln in s.lines_of(node)
            if ln.source == node
        ],
        "changes": [(c.id, f"{c.date} {c.op} ({c.id})") for c in record.timeline.touching(node)],
    }


def ops_for(is_unit: bool) -> list[Op]:
    """The operations offered on a unit's page (or a senior post's)."""
    return [o for o in OPS.values() if ("unit" if is_unit else "post") in o.on]


@registry_page
@requires(RecordChange.permissions)
def record(request: HttpRequest, state: State, node: str, op: str) -> HttpResponse:
    """GET: the form for ``op`` on ``node``; POST: record it, or show why not."""
    s = state.record.timeline.snapshot(dt.date.today()).structure
    if op not in OPS or not (node in s.units or node in s.posts):
        raise Http404("no such unit in force today, or no such operation")
    is_unit = node in s.units
    spec = OPS[op]
    if spec not in ops_for(is_unit):
        raise Http404(f"{spec.title} is not offered for this node")
    options = _options(state, node, dt.date.today())
    refusal: dict[str, Any] | None = None
    if request.method == "POST":
        form = ChangeForm(spec, options, request.POST)
        _ask_abbreviation(form, state, node)
        if form.is_valid() and _resolve_names(request, state, form):
            refusal = _save(request, form, spec, node, is_unit)
            if refusal and refusal.get("stale"):
                # Told what changed, the editor may save again on purpose: a fresh token.
                form.data = form.data.copy()
                form.data["token"] = str(latest_token(store.current()))
            if refusal is None:
                when = form.cleaned_data["date"]
                return redirect(reverse("site:unit", args=[node]) + f"?at={when}")
    else:
        initial = {"token": latest_token(state), "date": dt.date.today().isoformat()}
        form = ChangeForm(spec, options, initial=initial)
        _ask_abbreviation(form, state, node)
    at = _form_date(form)
    context = {
        "node": node,
        "name": s.label(node),
        # What the unit is called on the form's date, for a rename to show.
        "current": state.record.timeline.snapshot(at).structure.units.get(node),
        "at": at,
        "lookup_at": str(at),
        "spec": spec,
        "form": form,
        "refusal": refusal,
        "ops": ops_for(is_unit),
    }
    return render(request, "site/record.html", context, status=409 if refusal else 200)


def _form_date(form: ChangeForm) -> FuzzyDate:
    """The form's effective date if it reads, else today: names are read as of it."""
    raw = form.data.get("date") if form.is_bound else form.initial.get("date")
    try:
        return FuzzyDate.parse((raw or "").strip())
    except DateError:
        return FuzzyDate.day(dt.date.today())


def _ask_abbreviation(form: ChangeForm, state: State, node: str) -> None:
    """A rename of a unit that has an abbreviation must say what becomes of it (kept, a new
    one, none): an old abbreviation never carries silently into the new name."""
    if "abbreviation_choice" not in form.fields:
        return
    unit = state.record.timeline.snapshot(_form_date(form)).structure.units.get(node)
    field = form.fields["abbreviation_choice"]
    field.required = bool(unit and unit.abbreviation)
    if unit and unit.abbreviation:
        field.choices = [("keep", f"keep {unit.abbreviation}"), *ABBREVIATION_CHOICES[1:]]


def _resolve_names(request: HttpRequest, state: State, form: ChangeForm) -> bool:
    """Turn the names typed in the form's name fields into ids, as of the form's date;
    False, each problem beside its field, when one names nothing or several things."""
    at = _form_date(form)
    for field, kind in NAMED.items():
        typed = form.cleaned_data.get(field)
        if field not in form.fields or not typed:
            continue
        if kind == "person" and not may_see_people(request):
            form.add_error(field, "people are named only to those signed in")
            continue
        try:
            form.cleaned_data[field] = cached_names(state, kind, at).resolve(typed).id
        except NotResolved as exc:
            form.add_error(field, exc.message)
    return not form.errors


def _save(
    request: HttpRequest, form: ChangeForm, spec: Op, node: str, is_unit: bool
) -> dict[str, Any] | None:
    """Record the form's change; None when done, else what to tell (fields marked)."""
    data = form.cleaned_data
    actor = web_actor(request)
    action = RecordChange(
        change_mapping(spec, node, is_unit, data),
        expected=data["token"],
        corrects=data.get("corrects") or None,
    )
    try:
        done = run(action, actor)
    except Refused as exc:
        if exc.kind == "invalid":
            for field, problems in exc.fields.items():
                for p in problems:
                    if field == "cite" and is_unlisted_passage(p):
                        form.add_error("cite_passage", p)  # beside the passage typed
                        continue
                    target = FIELD_OF.get(field)
                    form.add_error(target if target in form.fields else None, f"{field}: {p}")
            return {"message": "the change is not complete", "reasons": []}
        return {"message": exc.message, "reasons": exc.reasons, "stale": exc.stale}
    messages.success(request, f"Recorded: {spec.title.lower()} ({done.change.id}).")
    return None


def _left_by(timeline: Any, change: Any) -> Any:
    """The structure ``change`` left: as of its date, or of its first day when its date
    has no last day (``2021-10/..``), which a snapshot cannot be asked for."""
    date = change.date
    if date.latest is None:
        date = FuzzyDate.day(date.earliest or dt.date.today())
    return timeline.snapshot(date).structure


@registry_page
@requires(ReverseChange.permissions)
def reverse_change(request: HttpRequest, state: State, change_id: str) -> HttpResponse:
    """GET: what reversing the change would record; POST: record it, or say why not."""
    timeline = state.record.timeline
    original = timeline.get(change_id)
    if original is None:
        raise Http404(f"no change {change_id!r} in the timeline")
    told = sentences(state, True)
    errors: dict[str, str] = {}
    refusal: dict[str, Any] | None = None
    raw_date = request.POST.get("date", str(original.date)).strip()
    reason = request.POST.get("reason", "").strip()
    try:
        preview = inverse(timeline, original)
    except NotReversible as exc:
        preview, refusal = [], {"message": str(exc), "reasons": []}
    if request.method == "POST" and refusal is None:
        try:
            date = FuzzyDate.parse(raw_date)
        except DateError as exc:
            errors["date"] = str(exc)
        if not reason:
            errors["reason"] = "say why it is reversed"
        if not errors:
            actor = web_actor(request)
            token = request.POST.get("token") or "0"
            # No token: no check; anything but a number: stale, nothing reversed.
            expected = hidden_number(token, STALE) or None
            try:
                done = run(ReverseChange(change_id, date, reason, expected), actor)
            except Refused as exc:
                refusal = {"message": exc.message, "reasons": exc.reasons}
            else:
                ids = ", ".join(d.change.id for d in done)
                messages.success(request, f"Reversed {change_id}: recorded {ids}.")
                node = sorted(original.subjects())[0]
                return redirect(reverse("site:unit", args=[node]) + f"?at={date}")
    context = {
        "change": change_data(original, state.record.sources, told.get(original, "")),
        # Told from the structure the change left, so names read as they were then.
        "inverse": changes_data(preview, _left_by(timeline, original), state.record.sources),
        "date": raw_date,
        "reason": reason,
        "errors": errors,
        "refusal": refusal,
        "token": request.POST.get("token") or latest_token(state),
        "units": sorted(original.subjects()),
    }
    status = 409 if refusal and request.method == "POST" else 400 if errors else 200
    return render(request, "site/reverse.html", context, status=status)


__all__ = ["record", "reverse_change", "reversible"]
