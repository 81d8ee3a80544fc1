"""``GET /api/structure`` in parts: levels below the roots, a subtree, pages of nodes, and
every node at once only when asked."""

from __future__ import annotations

import pytest

from organogram.api.structure_pages import levels

pytestmark = pytest.mark.django_db

AT = "at=2023-06-30"


def get(client, query: str, status: int = 200) -> dict:
    r = client.get(f"/api/structure?{AT}&{query}")
    assert r.status_code == status, r.content[:300]
    return r.json()


def test_the_whole_structure_fits_in_the_default_page(client):
    whole = get(client, "")
    assert whole["count"] == len(whole["nodes"]) > 50
    assert (whole["offset"], whole["limit"], whole["next"]) == (0, 2000, None)
    assert get(client, "all=true")["nodes"] == whole["nodes"]


def test_pages_follow_each_other_and_make_the_whole(client):
    whole = get(client, "all=true")["nodes"]
    seen, offset = [], 0
    while offset is not None:
        page = get(client, f"limit=40&offset={offset}")
        assert len(page["nodes"]) <= 40
        seen += page["nodes"]
        offset = page["next"]
    assert seen == whole
    assert get(client, "offset=100000")["nodes"] == []


def test_depth_keeps_the_levels_below_the_roots(client):
    whole = get(client, "all=true")["nodes"]
    top = get(client, "depth=0")["nodes"]
    assert top and all(
        n["parent"] is None or n["parent"] not in {t["id"] for t in top} for n in top
    )
    two = get(client, "depth=1")
    assert len(top) < two["count"] < len(whole)
    assert max(levels(two["nodes"])) == 1


def test_depth_of_a_subtree_counts_from_its_unit(client):
    unit = get(client, "unit=dfam&depth=0")
    assert [n["id"] for n in unit["nodes"]] == ["dfam"]
    below = get(client, "unit=dfam&depth=1")["nodes"]
    assert {n["parent"] for n in below[1:]} == {"dfam"}


@pytest.mark.parametrize("query", ["limit=0", "limit=10001", "depth=-1", "offset=-5"])
def test_parts_out_of_range_are_refused(client, query):
    get(client, query, status=422)
