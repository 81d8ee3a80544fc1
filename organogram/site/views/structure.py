"""The Structure page: the tree of oversight as of a date, expandable, with search."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ...core.dates import FuzzyDate
from ...queries.structure import structure_at
from ...registry.store import State
from .common import as_of, dated_context, may_see_people, registry_page
from .downloads import download_links

#: Levels of the tree shown open at first; deeper ones open on demand.
OPEN_DEPTH = 2


def build_tree(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nest nodes (in tree order, each with ``parent``) under their parents.

    Each node gets ``children`` and ``depth``; nodes whose parent is not shown are
    roots. Returns the roots.
    """
    by_id = {n["id"]: {**n, "children": []} for n in nodes}
    roots: list[dict[str, Any]] = []
    for n in by_id.values():
        parent = by_id.get(n["parent"]) if n["parent"] else None
        (parent["children"] if parent is not None else roots).append(n)

    def mark(node: dict[str, Any], depth: int) -> None:
        node["depth"] = depth
        node["open"] = depth < OPEN_DEPTH
        for child in node["children"]:
            mark(child, depth + 1)

    for root in roots:
        mark(root, 0)
    return roots


def search(nodes: list[dict[str, Any]], q: str) -> list[dict[str, Any]]:
    """Nodes whose name, abbreviation or id contains ``q`` (any case), with their chain."""
    needle = q.casefold()
    by_id = {n["id"]: n for n in nodes}
    found = []
    for n in nodes:
        text = " ".join((n["name"], n.get("abbreviation") or "", n["id"])).casefold()
        if needle not in text:
            continue
        chain, seen, parent = [], {n["id"]}, n["parent"]
        while parent in by_id and parent not in seen:
            seen.add(parent)
            chain.append(by_id[parent])
            parent = by_id[parent]["parent"]
        found.append({**n, "chain": list(reversed(chain))})
    return found


def cached_structure(
    state: State,
    at: FuzzyDate,
    *,
    unit: str | None = None,
    plan: str | None = None,
    people: bool = True,
) -> dict[str, Any]:
    """:func:`structure_at`, made once per revision for the dates asked last (shared by
    the page and the API; nobody may change what it returns)."""
    return state.kept(
        "structure",
        (str(at), unit, plan, people),
        lambda: structure_at(state.record, at, unit=unit, plan=plan, people=people),
    )


def tree_html(state: State, at: FuzzyDate, at_query: str, people: bool) -> SafeString:
    """The page's tree as HTML, rendered once per revision for the dates asked last: on a
    large organization it is most of the page's work."""

    def render_tree() -> SafeString:
        nodes = cached_structure(state, at, people=people)["nodes"]
        context = {"tree": build_tree(nodes), "at_query": at_query}
        return render_to_string("site/_tree.html", context)

    return state.kept("structure.tree", (str(at), at_query, people), render_tree)


@registry_page
def structure(request: HttpRequest, state: State) -> HttpResponse:
    """The tree of oversight as of ``?at=`` (default today); ``?q=`` searches it."""
    when = as_of(request)
    people = may_see_people(request)
    data = cached_structure(state, when.date, people=people)
    q = request.GET.get("q", "").strip()
    context = dated_context(
        request,
        when,
        tree_html=tree_html(state, when.date, when.query, people),
        count=len(data["nodes"]),
        uncertain=data["uncertain"],
        q=q,
        matches=search(data["nodes"], q) if q else None,
        downloads=download_links(
            request, "site:structure_download", at=when.raw if not when.error else ""
        ),
    )
    return render(request, "site/structure.html", context, status=400 if when.error else 200)
