"""The Unit page: a unit (or senior post) as of a date, its history, lineage and sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode

from ...core.dates import FuzzyDate
from ...core.errors import NotFound
from ...history.inverse import reversible
from ...queries.changes import change_data
from ...queries.unit import unit_at
from ...registry.actions import RecordChange, ReverseChange
from ...registry.reading.structure import cached_snapshot
from ...registry.reading.timeline import node_history, sentences
from ...registry.store import State
from .common import as_of, dated_context, may, may_see_people, registry_page
from .downloads import download_links
from .edit import ops_for


def touching(state: State, node: str, people: bool) -> list[dict[str, Any]]:
    """The timeline changes that touched ``node``, newest last, each with its sentence."""
    told = sentences(state, people)
    record = state.record
    return [
        {
            **change_data(c, record.sources, told.get(c, ""), people=people),
            "reversible": reversible(c),
        }
        for c in record.timeline.touching(node)
    ]


#: Rendered unit pages kept per revision (the last ones asked, per reader's rights): a
#: unit's page is the same for every reader with the same rights until the record moves.
UNIT_PAGES_KEPT = 256


@registry_page
def unit(request: HttpRequest, state: State, node: str) -> HttpResponse:
    """One unit or senior post as of ``?at=``, with its history, lineage and sources."""
    when = as_of(request)
    people = may_see_people(request)
    may_record = may(request.user, RecordChange)
    may_reverse = may(request.user, ReverseChange)

    def build() -> tuple[str, str]:
        try:
            now = unit_at(
                state.record,
                node,
                when.date,
                people=people,
                snapshot=cached_snapshot(state, when.date),
            )
            history = node_history(state, node, people)
        except NotFound as exc:
            raise Http404(str(exc)) from None
        versions = history["versions"]
        context = dated_context(
            request,
            when,
            unit=now,
            history=history,
            names=_names(versions),
            see_at=_see_at(now["state"], versions),
            changes=touching(state, node, people),
            show_people=people,
            record_ops=_record_ops(state, node) if may_record else [],
            may_reverse=may_reverse,
            downloads=download_links(
                request, "site:unit_download", node, at=when.raw if not when.error else ""
            )
            if now["state"] == "in-force"
            else None,
            chart_query=_chart_query(request, when.day, node),
        )
        return now["name"], render_to_string("site/_unit_body.html", context, request)

    # What the body shows follows from the revision and these alone: the address (the
    # unit, the date asked and the plan), the day it means (today moves at midnight) and
    # the reader's rights. The page around it (who is signed in, messages) is not kept.
    key = (request.get_full_path(), when.day, dt.date.today(), people, may_record, may_reverse)
    title, body = state.memo.kept("unit.page", key, build, keep=UNIT_PAGES_KEPT)
    return render(
        request,
        "site/unit.html",
        dated_context(request, when, title=title, body=body),
        status=400 if when.error else 200,
    )


def _chart_query(request: HttpRequest, day: dt.date, node: str) -> str:
    """The Chart page's query for ``node``'s subtree, at the page's date (and plan, if given)."""
    query = {"at": day.isoformat(), "unit": node}
    plan = request.GET.get("plan", "").strip()
    if plan:
        query["plan"] = plan
    return urlencode(query)


def _record_ops(state: State, node: str) -> list[Any]:
    """The "Record a change" operations offered (to editors) for a node in force today."""
    s = cached_snapshot(state, FuzzyDate.day(dt.date.today())).structure
    if node not in s.units and node not in s.posts:
        return []
    return ops_for(node in s.units)


def _see_at(state: str, versions: list[dict[str, Any]]) -> str:
    """For a unit not in force on the day asked: a day on which it was."""
    if state == "not-yet":
        return versions[0]["since"]
    if state == "abolished":
        ended = next((v for v in reversed(versions) if not v["exists"]), None)
        if ended is not None:
            first = FuzzyDate.parse(ended["since"]).start
            if first == dt.date.min:
                return ""  # ended by a date with no earliest day: no day known before it
            return (first - dt.timedelta(days=1)).isoformat()
    return ""


def _names(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The names (with abbreviation and kind) a unit had, each with its span and sources."""
    names: list[dict[str, Any]] = []
    for v in versions:
        if not v["exists"]:
            continue
        label = (
            v.get("name") or v.get("title") or "",
            v.get("abbreviation", ""),
            v.get("kind", ""),
        )
        if names and names[-1]["label"] == label:
            names[-1]["until"] = v["until"]
            names[-1]["sources"] += [s for s in v["sources"] if s not in names[-1]["sources"]]
            continue
        names.append(
            {
                "label": label,
                "since": v["since"],
                "until": v["until"],
                "sources": list(v["sources"]),
            }
        )
    return names
