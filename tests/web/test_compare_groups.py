"""Comparisons to scan: the Compare page and a plan's difference from the present,
grouped by department then kind, the kinds' counts as filters, with the chart."""

from __future__ import annotations

import re

import pytest

from organogram.formats import load_dataset
from organogram.queries.diff import diff_dates
from organogram.queries.diff_groups import ACROSS, KIND_KEYS, group_changes, kind_of

from .conftest import IOM

pytestmark = pytest.mark.django_db

RECORD = load_dataset(IOM)
URL = "/compare/?from=2020-06-30&to=2022-12-31"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:800]
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    """The HTML of the page's section headed by ``anchor``."""
    start = html.index(f'<h2 id="{anchor}"')
    return html[start : html.index("</section>", start)]


def rows(html: str) -> int:
    """How many changes the lists in ``html`` show."""
    return sum(ol.count("<li>") for ol in re.findall(r'<ol class="changes">(.*?)</ol>', html, re.S))


def test_every_change_falls_under_one_department_and_one_kind():
    data = diff_dates(RECORD, "2020-06-30", "2022-12-31")
    grouped = group_changes(data["changes"])
    assert grouped["total"] == grouped["shown"] == len(data["changes"])
    # The groups are named by departments, after the changes across the organization.
    names = [g["name"] for g in grouped["groups"]]
    assert names[0] == ACROSS
    assert "Department of Policy and Research" in names
    assert "Department of Peace and Development Coordination" in names
    # Each group counts its rows, and the kinds count every row once.
    for g in grouped["groups"]:
        assert g["count"] == sum(len(s["rows"]) for s in g["kinds"])
        assert all(s["count"] == len(s["rows"]) for s in g["kinds"])
    assert sum(k["count"] for k in grouped["kinds"]) == len(data["changes"])
    assert {"key": "units-added", "count": 6, "words": "6 units added"} in grouped["kinds"]


def test_a_new_unit_falls_under_the_department_it_was_put_in():
    data = diff_dates(RECORD, "2020-06-30", "2022-12-31")
    grouped = group_changes(data["changes"])
    policy = next(g for g in grouped["groups"] if g["name"] == "Department of Policy and Research")
    added = next(s for s in policy["kinds"] if s["key"] == "units-added")
    assert added["count"] == 2
    assert all(r["op"] == "create" for r in added["rows"])


def test_a_kind_keeps_only_its_changes_and_still_counts_all():
    data = diff_dates(RECORD, "2020-06-30", "2022-12-31")
    grouped = group_changes(data["changes"], "units-added")
    rows = [r for g in grouped["groups"] for s in g["kinds"] for r in s["rows"]]
    assert len(rows) == grouped["shown"] == 6
    assert {kind_of(r["op"]) for r in rows} == {"units-added"}
    assert grouped["total"] == len(data["changes"])


def test_every_change_op_has_a_kind():
    from organogram.core.changes import REGISTRY

    assert {kind_of(op) for op in REGISTRY} <= KIND_KEYS - {"other"}


def test_the_compare_page_groups_counts_and_draws_the_chart(client):
    html = page(client, URL)
    differences = section(html, "differences")
    summaries = re.findall(r'<span class="dept-name">([^<]+)</span>', differences)
    assert summaries[0] == ACROSS and "Department of Policy and Research" in summaries
    # The first group is open, the others closed; every change is still on the page.
    assert differences.count('<details class="dept" data-dept open>') == 1
    assert rows(differences) == 79
    assert ">6 units added</a>" in differences
    assert 'href="?from=2020-06-30&amp;to=2022-12-31&amp;kind=units-added#differences"' in html
    # The chart of the two days, with a link to the whole chart page.
    assert '<img src="/chart/export.svg?at=2022-12-31&amp;compare=2020-06-30"' in html
    assert 'href="/chart/?at=2022-12-31&amp;compare=2020-06-30"' in html
    # Facts and citations kept.
    events = section(html, "events")
    assert events.count('<span class="date">') == 83
    assert "<strong>8</strong> units added" in html


def test_the_filter_shows_only_its_kind_with_every_group_open(client):
    html = page(client, URL + "&kind=units-added")
    differences = section(html, "differences")
    assert rows(differences) == 6
    assert "Showing 6 of 79" in differences
    assert differences.count('<details class="dept" data-dept open>') == differences.count(
        'class="dept"'
    )
    assert re.search(r'data-kind="units-added" aria-current="true"', differences)
    assert 'data-kind="units-moved" data-n' not in differences
    # An unknown kind is no filter.
    assert rows(section(page(client, URL + "&kind=nonsense"), "differences")) == 79


def test_the_plan_page_groups_its_difference_and_draws_the_chart(client):
    html = page(client, "/plans/hq-review-2021/")
    difference = section(html, "difference")
    assert '<span class="dept-name">' in difference
    assert 'data-kind="units-added"' in difference
    assert "/chart/export.svg?plan=hq-review-2021&amp;at=" in difference
    filtered = section(page(client, "/plans/hq-review-2021/?kind=units-moved"), "difference")
    assert 'href="?kind=units-moved#difference"' in filtered
    assert "Showing " in filtered and 'data-kind="units-added" data-n' not in filtered


def test_the_chart_the_pages_embed_is_drawn(client):
    response = client.get("/chart/export.svg?at=2022-12-31&compare=2020-06-30")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
