"""The Compare page: what differs between the structure on two dates, and what happened."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.dates import DateError, FuzzyDate
from ...core.diff.between import SUMMARY_KEYS
from ...core.plans import PlanStatus
from ...queries.diff import diff_dates
from ...queries.diff_groups import KIND_KEYS, group_changes, summary_counts
from ...registry.store import State
from .common import may_see_people, registry_page

#: Differences and events listed at most; the rest are counted (and on the Timeline).
MAX_LISTED = 500


def asked_kind(request: HttpRequest) -> str:
    """The kind of change the page is filtered to (``?kind=units-added``); "" for all."""
    kind = request.GET.get("kind", "").strip()
    return kind if kind in KIND_KEYS else ""


def suggestions(state: State) -> list[dict[str, str]]:
    """Pairs of dates worth comparing: around each enacted plan, and the last year."""
    out = []
    for plan in state.record.plans.values():
        if plan.status is PlanStatus.ENACTED and plan.changes:
            first = min(c.date.start for c in plan.changes)
            end = max(c.date.end for c in plan.changes)
            if first == dt.date.min or end == dt.date.max:
                continue  # a change with an open side: no day before or after to offer
            start = first - dt.timedelta(days=1)
            out.append({"from": start.isoformat(), "to": end.isoformat(), "title": plan.title})
    today = dt.date.today()
    year_ago = (today - dt.timedelta(days=365)).isoformat()
    out.append({"from": year_ago, "to": today.isoformat(), "title": "The last twelve months"})
    return out


@registry_page
def compare(request: HttpRequest, state: State) -> HttpResponse:
    """``?from=…&to=…``: the net differences, narrated and counted, and the changes between,
    grouped by department and kind (``&kind=…``: that kind only)."""
    raw = {k: request.GET.get(k, "").strip() for k in ("from", "to")}
    errors: dict[str, str] = {}
    read: dict[str, FuzzyDate] = {}
    for key, text in raw.items():
        if not text:
            continue
        try:
            read[key] = FuzzyDate.parse(text)
        except DateError as exc:
            errors[key] = str(exc)
    context: dict[str, Any] = {
        "values": raw,
        "errors": errors,
        "suggestions": suggestions(state),
        "result": None,
    }
    if not errors and len(read) == 2:
        data = diff_dates(state.record, raw["from"], raw["to"], people=may_see_people(request))
        kind = asked_kind(request)
        changes, events = data["changes"][:MAX_LISTED], data["events"][:MAX_LISTED]
        changes_grouped = group_changes(changes, kind)
        ordered = {k: data["summary"].get(k, 0) for k in SUMMARY_KEYS}
        context.update(
            result=data,
            changes=changes,
            events=events,
            kind=kind,
            # The page's own query, for the filters' links.
            query=urlencode({"from": raw["from"], "to": raw["to"]}),
            changes_grouped=changes_grouped,
            events_grouped=group_changes(events, kind),
            # Each count filters the differences to its kind.
            summary=summary_counts(ordered, changes_grouped),
            backward=data["from"] > data["to"],
            vague={k: not d.exact for k, d in read.items()},
            day_from=dt.date.fromisoformat(data["from"]),
            day_to=dt.date.fromisoformat(data["to"]),
            # The period in between, earlier day first, for the timeline's filters.
            span=sorted((data["from"], data["to"])),
        )
    elif not errors and len(read) == 1:
        missing = "to" if "to" in raw and not raw["to"] else "from"
        errors[missing] = "give both dates to compare"
    return render(request, "site/compare.html", context, status=400 if errors else 200)
