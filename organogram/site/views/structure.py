"""The Structure page: the tree of oversight as of a date, expandable, with search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ...core.dates import FuzzyDate
from ...registry.reading.structure import cached_structure
from ...registry.store import State
from .common import as_of, dated_context, may_see_people, registry_page
from .downloads import download_links, sheet_links
from .tree_levels import TreeIndex, branch, index_tree, top_levels, tree_units

#: Matches a search lists at most: on a large structure a short word matches thousands.
MATCHES_LISTED = 200


def search(
    nodes: list[dict[str, Any]], q: str, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Nodes whose name, abbreviation or id contains ``q`` (any case), with their chain:
    the first ``limit`` (all when None), and how many match in all."""
    needle = q.casefold()
    by_id = {n["id"]: n for n in nodes}
    found = []
    total = 0
    for n in nodes:
        text = " ".join((n["name"], n.get("abbreviation") or "", n["id"])).casefold()
        if needle not in text:
            continue
        total += 1
        if limit is not None and len(found) >= limit:
            continue  # counted, not listed (nor its chain made)
        chain, seen, parent = [], {n["id"]}, n["parent"]
        while parent in by_id and parent not in seen:
            seen.add(parent)
            chain.append(by_id[parent])
            parent = by_id[parent]["parent"]
        found.append({**n, "chain": list(reversed(chain))})
    return found, total


def cached_index(state: State, at: FuzzyDate, people: bool) -> TreeIndex:
    """The structure's tree index (children, units under each), once per revision and date."""
    return state.memo.kept(
        "structure.index",
        (str(at), people),
        lambda: index_tree(cached_structure(state, at, people=people)["nodes"]),
    )


def uncertain_summary(state: State, at: FuzzyDate, people: bool) -> dict[str, Any]:
    """How many nodes are only possibly in force at ``at``, and the "possibly still in
    force" list with each entry's words, once per revision and date: the structure of a
    large record has a million nodes, too many to go through on every request."""

    def summarize() -> dict[str, Any]:
        data = cached_structure(state, at, people=people)
        return {
            "possible_count": sum(
                1 for n in data["nodes"] if n.get("status") == "possibly in force"
            ),
            "possibly_still": [
                {**n, "words": list(dict.fromkeys(u["words"] for u in n["uncertain"]))}
                for n in data.get("possibly_still", [])
            ],
        }

    return state.memo.kept("structure.uncertain", (str(at), people), summarize)


def tree_html(
    state: State, at: FuzzyDate, at_query: str, people: bool, *, unplaced: bool = False
) -> SafeString:
    """The page's tree as HTML (its top levels only past :func:`tree_units` units),
    rendered once per revision for the dates asked last: on a large organization it is
    most of the page's work. ``unplaced``: the trees of the units no source places,
    shown apart, instead of the tree of oversight."""

    def render_tree() -> SafeString:
        index = cached_index(state, at, people)
        apart = set(cached_structure(state, at, people=people).get("unplaced", ()))
        roots = [r for r in index.roots if (r in apart) == unplaced]
        tree = top_levels(replace(index, roots=roots), tree_units())
        context = {"tree": tree, "at_query": at_query}
        return render_to_string("site/_tree.html", context)

    key = (str(at), at_query, people, tree_units(), unplaced)
    return state.memo.kept("structure.tree", key, render_tree)


@registry_page
def structure(request: HttpRequest, state: State) -> HttpResponse:
    """The tree of oversight as of ``?at=`` (default today); ``?q=`` searches it."""
    when = as_of(request)
    people = may_see_people(request)
    data = cached_structure(state, when.date, people=people)
    q = request.GET.get("q", "").strip()
    matches, matched = search(data["nodes"], q, MATCHES_LISTED) if q else (None, 0)
    context = dated_context(
        request,
        when,
        tree_html=tree_html(state, when.date, when.query, people),
        unplaced_html=tree_html(state, when.date, when.query, people, unplaced=True)
        if data.get("unplaced")
        else "",
        unplaced_count=len(data.get("unplaced", ())),
        **uncertain_summary(state, when.date, people),
        count=len(data["nodes"]),
        partial=len(data["nodes"]) > tree_units(),
        uncertain=data["uncertain"],
        q=q,
        matches=matches,
        matched=matched,
        sheets=sheet_links(request, "site:structure_sheet"),
        downloads=download_links(
            request, "site:structure_download", at=when.raw if not when.error else ""
        ),
    )
    return render(request, "site/structure.html", context, status=400 if when.error else 200)


@registry_page
def structure_children(request: HttpRequest, state: State, node: str) -> HttpResponse:
    """The children of ``node`` in the structure as of ``?at=``, as the tree's HTML list
    items: what a lazy node of a large structure's tree fetches when opened. 404 when
    ``node`` is not in force on that date; 400 for a date that cannot be read."""
    when = as_of(request)
    if when.error:
        return HttpResponse(when.error, status=400, content_type="text/plain; charset=utf-8")
    people = may_see_people(request)
    index = cached_index(state, when.date, people)
    if node not in index.nodes:
        raise Http404(f"No unit {node!r} in force on {when.day.isoformat()}.")

    def render_branch() -> SafeString:
        context = {"tree": branch(index, node, tree_units()), "at_query": when.query}
        return render_to_string("site/_tree.html", context)

    html = state.memo.kept(
        "structure.children",
        (str(when.date), when.query, people, tree_units(), node),
        render_branch,
        keep=64,
    )
    return HttpResponse(html)
