"""A large structure's tree: only its top levels sent, the rest fetched branch by branch."""

from __future__ import annotations

import importlib
import re

import pytest
from django.template.loader import render_to_string

from organogram.core.dates import FuzzyDate
from organogram.formats import load_dataset
from organogram.queries.structure import structure_at
from organogram.site.views.tree_levels import build_tree

from .conftest import IOM
from .test_views import page

LAZY = re.compile(r'<details class="lazy" data-children="([^"]+)">')
NODE_ID = re.compile(r'<li class="node" data-search="[^"]* ([^" ]+)">')


def generated(fanout: tuple[int, ...]) -> list[dict]:
    """A tree of nodes in tree order: one root, then ``fanout[i]`` children per node of
    level i."""
    nodes: list[dict] = []

    def add(nid: str, parent: str | None, level: int) -> None:
        nodes.append(
            {"id": nid, "name": f"Unit {nid}", "kind": "unit", "parent": parent, "lines": []}
        )
        for i in range(fanout[level] if level < len(fanout) else 0):
            add(f"{nid}-{i}", nid, level + 1)

    add("u", None, 0)
    return nodes


def test_a_structure_over_the_limit_sends_its_top_levels_with_counts_and_addresses():
    nodes = generated((10, 10, 29))  # 1 + 10 + 100 + 2,900 = 3,011 units
    assert len(nodes) == 3011
    html = render_to_string("site/_tree.html", {"tree": build_tree(nodes, 2000), "at_query": ""})
    shown = NODE_ID.findall(html)
    assert len(shown) == 111  # three levels fit in 2,000; the fourth does not
    assert all(nid.count("-") <= 2 for nid in shown)
    addresses = LAZY.findall(html)
    assert len(addresses) == 100  # every node of the third level, none above
    assert "/tree/u-3-7/" in addresses
    assert html.count("29 under it") == 100
    # Without the script, a lazy node leads to the unit's page, which lists its sub-units.
    assert 'href="/units/u-3-7/">29 sub-units on the unit\u2019s page' in html


def test_at_least_the_root_and_its_children_are_sent_and_counts_are_of_every_level():
    nodes = generated((50, 3, 2))  # 1 + 50 + 150 + 300 units
    tree = build_tree(nodes, 20)
    assert len(tree[0]["children"]) == 50
    child = tree[0]["children"][0]
    assert child["lazy"] and child["children"] == []
    assert (child["child_count"], child["under"]) == (3, 9)


def test_under_the_limit_the_whole_tree_is_sent():
    nodes = generated((10, 10, 29))
    html = render_to_string("site/_tree.html", {"tree": build_tree(nodes, 5000), "at_query": ""})
    assert len(NODE_ID.findall(html)) == len(nodes) and "data-children" not in html


# The IOM structure of mid-2023: 85 units, the root with 11 children, ddg-mr with 13.
AT = "2023-06-30"
IOM_RECORD = load_dataset(IOM)


def children_of(node: str, at: str, people: bool = False) -> list[str]:
    nodes = structure_at(IOM_RECORD, FuzzyDate.parse(at), people=people)["nodes"]
    return [n["id"] for n in nodes if n["parent"] == node]


@pytest.fixture
def small_limit(settings):
    """A limit of 12 units: the IOM's root and its 11 children in 2023."""
    settings.ORGANOGRAM_TREE_UNITS = 12


@pytest.mark.django_db
def test_the_page_over_the_limit_shows_the_top_levels_and_says_so(client, small_limit):
    html = page(client, f"/?at={AT}")
    # The tree of oversight; units no source places are listed apart after it.
    shown = NODE_ID.findall(html.split('id="unplaced-title"')[0])
    assert shown == ["dg", *children_of("dg", AT)]
    assert f"/tree/ddg-mr/?at={AT}" in LAZY.findall(html)
    assert "53 under it" in html  # ddg-mr: 13 children, 53 units in all
    assert "data-partial" in html and "only its top levels are shown" in html
    assert "Expand loaded" in html and "too much for the browser" in html
    # The server's search still finds every unit, loaded or not.
    deep = children_of("ddg-mr", AT)[0]
    assert f"/units/{deep}/" not in html
    assert f'href="/units/{deep}/?at={AT}"' in page(client, f"/?at={AT}&q={deep}")


@pytest.mark.django_db
def test_the_page_under_the_limit_is_whole(client):
    html = page(client, f"/?at={AT}")
    assert len(NODE_ID.findall(html)) == 86
    assert "data-children" not in html and "data-partial" not in html
    assert "Expand all" in html and "only its top levels" not in html


@pytest.mark.django_db
def test_the_children_endpoint_returns_the_nodes_children(client, settings, small_limit):
    html = page(client, f"/tree/ddg-mr/?at={AT}")
    assert not html.lstrip().startswith("<!DOCTYPE")  # a fragment, not a page
    assert NODE_ID.findall(html) == children_of("ddg-mr", AT)
    assert f'href="/units/{children_of("ddg-mr", AT)[0]}/?at={AT}"' in html  # keeps the date
    # A branch within the limit comes whole: deeper levels are sent too.
    # 18 units under it: the Policy Hub and the two divisions go on inside the Department of
    # Policy and Research, beside the Protection Division (scpf28 paras. 26-27).
    assert "data-children" in page(client, f"/tree/ddg-op/?at={AT}")
    settings.ORGANOGRAM_TREE_UNITS = 18
    whole = page(client, f"/tree/ddg-op/?at={AT}")
    assert "data-children" not in whole and len(NODE_ID.findall(whole)) == 18


@pytest.mark.django_db
def test_the_children_endpoint_follows_the_date(client, small_limit):
    assert NODE_ID.findall(page(client, "/tree/dg/?at=2016-11-30")) == children_of(
        "dg", "2016-11-30"
    )
    assert children_of("dg", "2016-11-30") != children_of("dg", AT)
    page(client, "/tree/eo/?at=2016-11-30", status=404)  # the Executive Office came in 2021
    page(client, f"/tree/eo/?at={AT}")
    page(client, "/tree/no-such-unit/", status=404)
    assert "not a valid date" in page(client, "/tree/dg/?at=2016-13-01", status=400)


@pytest.mark.django_db
def test_the_children_endpoint_shows_holders_only_to_readers_allowed(client, signed_in):
    nodes = structure_at(IOM_RECORD, FuzzyDate.parse(AT), people=True)["nodes"]
    held = next(n for n in nodes if n["holders"] and n["parent"])
    name = held["holders"][0]["name"]
    url = f"/tree/{held['parent']}/?at={AT}"
    assert name in page(signed_in, url)
    signed_in.logout()
    assert name not in page(client, url)


@pytest.mark.django_db
def test_a_search_lists_its_first_matches_and_counts_them_all(client, monkeypatch):
    structure_view = importlib.import_module("organogram.site.views.structure")
    monkeypatch.setattr(structure_view, "MATCHES_LISTED", 3)
    nodes = structure_at(IOM_RECORD, FuzzyDate.parse(AT))["nodes"]
    matching = [n for n in nodes if "department" in n["name"].casefold()]
    assert len(matching) > 3
    html = page(client, f"/?at={AT}&q=department")
    assert f"{len(matching)} matches for “department”" in html
    listed = html.split('id="matches-title"')[1].split("</section>")[0]
    assert listed.count("<li>") == 3 and "The first 3 are listed" in listed
    assert "The first" not in page(client, f"/?at={AT}&q=executive office")
