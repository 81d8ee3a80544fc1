"""Editing a draft plan on its chart: what the chart's gestures post to, and what the
page needs to offer them.

``POST /chart/edit/?<the chart's query>`` with ``do`` = ``move``, ``rename``,
``reclassify``, ``create``, ``abolish`` or ``merge`` (fields naming boxes by id, or by
name where a person types them) adds the change through ``AddPlanChange``; ``do=undo``
removes the last change added from the chart (``RemovePlanChange``) and ``do=redo`` adds
it again. The chart's query rides along, so that the answer can go back to the same
chart. A script asking for JSON gets the change's sentence, the plan's cost and the new
search index, or the refusal in a short sentence naming the boxes
(:mod:`..chart_refusals`) with the full text, message and reasons (nothing written
then); a plain form is sent back to the chart with the same in a message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ...core.dates import DateError, FuzzyDate
from ...core.plans import plan_timeline
from ...queries.plans import plan_detail
from ...registry import store
from ...registry.actions import AddPlanChange, Refused, RemovePlanChange, run
from ...registry.reading.names import cached_names
from ...registry.store import State
from ..chart_gestures import GESTURES, Where, read_gesture
from ..chart_history import ChartHistory
from ..chart_refusals import tell, with_names
from ..new_ids import taken_ids
from .chart import asked_view, chart_index, parse_request
from .chart_panel import plan_cost_figure
from .common import actor, may_see_people, registry_page, requires

#: How a refusal's kind is answered to the script (as the API does).
_STATUS = {"forbidden": 403, "missing": 404, "invalid": 422, "stale": 409}


def _sentence(state: State, plan_id: str, change_id: str, people: bool) -> str:
    """The change told in a sentence, as the plan's page tells it."""
    detail = plan_detail(state.record, plan_id, people=people)
    rows = [r for sec in detail["sections"] for r in sec["changes"]]
    return next((r["text"] for r in rows if r["id"] == change_id), "")


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the chart the form was on (its query rode along with the post)."""
    return redirect(f"/chart/?{request.GET.urlencode()}")


def chart_where(request: HttpRequest, state: State, plan_id: str) -> Where:
    """The chart the gesture was made on (its date as the page drew it, with the plan):
    its structure, and the names its typed fields are read with."""
    day = _chart_day(request, state)

    def build():
        timeline = plan_timeline(state.record.timeline, state.record.plans[plan_id])
        return timeline.snapshot(day).structure

    structure = state.memo.kept("chart.edit.structure", (plan_id, str(day)), build, keep=4)
    return Where(structure, lambda kind: cached_names(state, kind, day, plan_id))


def _chart_day(request: HttpRequest, state: State) -> FuzzyDate:
    try:
        req, _ = parse_request(request, state)
        return FuzzyDate.parse(req.at)
    except (DateError, Http404) as exc:
        raise Http404(f"the chart's date: {exc}") from None


def _name_of(request: HttpRequest, state: State) -> Callable[[str], str | None]:
    """The name of a box, unit or post by id: as the chart draws it, else as of its date."""
    plan_id = request.GET.get("plan", "").strip()
    try:
        _, view = asked_view(request, state)
        where = chart_where(request, state, plan_id)
    except Http404:
        return lambda _: None
    boxes = {n.id: n.name for c in view.charts for n in c.nodes.values()}

    def name_of(ident: str) -> str | None:
        if ident in boxes:
            return boxes[ident]
        for kind in ("unit", "post"):
            entry = where.names(kind).get(ident)
            if entry is not None:
                return entry.name
        return None

    return name_of


def _refused(
    request: HttpRequest, message: str, reasons: list[str], fields: dict, status: int
) -> HttpResponse:
    """Nothing was written: say why in a few words (and in full), to the script or on
    the chart page."""
    name_of = _name_of(request, store.current())
    do = request.POST.get("do", "")
    told = tell(do, request.POST, message, reasons, fields, name_of)
    if _wants_json(request):
        body = {
            "ok": False,
            "short": told.short,
            "full": told.full,
            "message": with_names(message, name_of),
            "reasons": [with_names(r, name_of) for r in reasons],
            "fields": {k: [with_names(p, name_of) for p in v] for k, v in fields.items()},
        }
        return JsonResponse(body, status=status)
    said = f"Not done: {told.short}"
    if reasons:
        # The core's whole text, which the script folds under the few words.
        said += f" In full: {told.full}"
    messages.error(request, said)
    return _back(request)


def _done(
    request: HttpRequest, state: State, plan_id: str, said: str, change_id: str = ""
) -> HttpResponse:
    """Written: the change's sentence, the plan's cost and the chart's new index."""
    state = _fresh(state)
    people = may_see_people(request)
    sentence = _sentence(state, plan_id, change_id, people) if change_id else ""
    text = f"{said}: {sentence}" if sentence else said
    if not _wants_json(request):
        messages.success(request, text)
        return _back(request)
    req, _ = parse_request(request, state)
    return JsonResponse(
        {
            "ok": True,
            "message": text,
            "change": change_id,
            "cost": plan_cost_figure(request, state, plan_id),
            "index": chart_index(state, req),
            **ChartHistory(request.session, plan_id).counts(),
        }
    )


def _fresh(state: State) -> State:
    """The record after the write (the one the request began with is older)."""
    return store.current()


@require_POST
@requires(AddPlanChange.permissions)
@registry_page
def chart_edit(request: HttpRequest, state: State) -> HttpResponse:
    """Add, undo or redo a change of the draft plan the chart draws (``?plan=ID``)."""
    plan_id = request.GET.get("plan", "").strip()
    if plan_id not in state.record.plans:
        raise Http404(f"no plan {plan_id!r}")
    history = ChartHistory(request.session, plan_id)
    do = request.POST.get("do", "")
    try:
        if do == "undo":
            return _undo(request, state, plan_id, history)
        if do == "redo":
            return _redo(request, state, plan_id, history)
        where = chart_where(request, state, plan_id)
        gesture = read_gesture(request.POST, taken_ids(state.record, plan_id), where)
        if gesture.problems:
            return _refused(request, "a field could not be read", [], gesture.problems, 400)
        change = run(AddPlanChange(plan_id, gesture.mapping), actor(request))
    except Refused as exc:
        return _refused(
            request, exc.message, list(exc.reasons), dict(exc.fields), _STATUS.get(exc.kind, 409)
        )
    history.added(change.id, gesture.mapping)
    return _done(request, state, plan_id, f"Added a {GESTURES[do]} to the plan", change.id)


def _undo(request: HttpRequest, state: State, plan_id: str, history: ChartHistory) -> HttpResponse:
    """Remove the last change added from the chart (only one the chart added)."""
    last = history.last_done()
    if last is None:
        return _refused(request, "there is nothing to undo on this chart", [], {}, 409)
    change_id, _ = last
    try:
        run(RemovePlanChange(plan_id, change_id), actor(request))
    except Refused as exc:
        if exc.kind == "missing":
            # Removed on the plan's page since: nothing left here to undo.
            history.forget_last()
        raise
    history.undid()
    return _done(request, state, plan_id, f"Undone: change {change_id} removed from the plan")


def _redo(request: HttpRequest, state: State, plan_id: str, history: ChartHistory) -> HttpResponse:
    """Add the last change undone again."""
    mapping = history.last_undone()
    if mapping is None:
        return _refused(request, "there is nothing to redo on this chart", [], {}, 409)
    change = run(AddPlanChange(plan_id, mapping), actor(request))
    history.redid(change.id)
    return _done(request, state, plan_id, "Redone", change.id)
