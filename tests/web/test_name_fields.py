"""Names, never ids: the change forms take names, and the lookup finds them as one types."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")


@pytest.fixture
def draft():
    return draft_plan(TESTS, title="Finance review", effective="2030-01-01").id


def added(plan_id: str):
    return store.current_record().plan(plan_id).changes[-1]


def test_a_plan_change_moves_a_unit_named_by_name_with_a_citation_by_source_name(
    signed_in, draft
):
    body = {
        "op": "move",
        "node": "budget division",  # its name, in any case
        "to": "Department of Legal Affairs",
        "cite": "IOM Headquarters Organizational Review",  # the source by its title
        "passage": "21",
    }
    response = signed_in.post(f"/plans/{draft}/changes/new/?op=move", body)
    assert response.status_code == 302, response.content.decode()[-3000:]
    change = added(draft)
    assert (change.node, change.to) == ("budget", "dla")
    assert [str(c) for c in change.cites] == ["scpf28:21"]


def test_a_former_name_counts_as_of_the_changes_date(signed_in, draft):
    # The Department of Legal Affairs was the Office of Legal Affairs before.
    body = {"op": "relocate", "unit": "Office of Legal Affairs", "location": "Manila"}
    assert signed_in.post(f"/plans/{draft}/changes/new/?op=relocate", body).status_code == 302
    assert added(draft).unit == "dla"


def test_a_name_that_names_nothing_is_said_beside_its_field_with_suggestions(signed_in, draft):
    body = {"op": "move", "node": "Budjet Division", "to": "", "cite": "No such paper"}
    response = signed_in.post(f"/plans/{draft}/changes/new/?op=move", body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "no unit or senior post is called “Budjet Division”" in html
    assert "did you mean “Budget Division”" in html
    assert "no source is called “No such paper”" in html
    assert 'value="Budjet Division"' in html  # the input is kept
    assert not store.current_record().plan(draft).changes


def test_a_passage_without_a_source_is_said(signed_in, draft):
    body = {"op": "relocate", "unit": "budget", "location": "Manila", "passage": "21"}
    response = signed_in.post(f"/plans/{draft}/changes/new/?op=relocate", body)
    assert response.status_code == 400
    assert "choose the source the passage is in" in response.content.decode()


def test_a_rename_asks_about_the_abbreviation_of_a_unit_that_has_one(signed_in, draft):
    url = f"/plans/{draft}/changes/new/?op=rename"
    body = {"op": "rename", "unit": "GMDAC", "name": "Migration Data Centre"}
    response = signed_in.post(url, body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Global Migration Data Analysis Centre is abbreviated GMDAC" in html
    assert "Now: Global Migration Data Analysis Centre (GMDAC)" in html
    assert signed_in.post(url, {**body, "abbreviation-choice": "none"}).status_code == 302
    assert added(draft).abbreviation == ""
    body = {**body, "name": "Data Centre", "abbreviation-choice": "new", "abbreviation": "DC"}
    assert signed_in.post(url, body).status_code == 302
    assert added(draft).abbreviation == "DC"
    body = {**body, "name": "The Data Centre", "abbreviation-choice": "keep"}
    assert signed_in.post(url, body).status_code == 302
    assert added(draft).abbreviation is None  # kept, as chosen


def test_the_lookup_answers_the_best_matches_as_json(client):
    response = client.get("/lookup/?kind=unit&q=budg&at=2030")
    assert response.status_code == 200
    first = response.json()["matches"][0]
    assert (first["id"], first["name"]) == ("budget", "Budget Division")
    assert first["fill"] == "Budget Division"  # what the field takes: it names it alone
    found = client.get("/lookup/?kind=unit&q=accounting&at=2030").json()["matches"]
    assert found[0]["id"] == "finance-accounting"
    assert found[0]["former"] == ["Accounting Division"]
    # Before the rename, the former name is the name, and nothing is former yet.
    found = client.get("/lookup/?kind=unit&q=accounting&at=2016-11-30").json()["matches"]
    assert (found[0]["name"], found[0]["former"]) == ("Accounting Division", [])
    assert client.get("/lookup/?kind=source&q=scpf").json()["matches"][0]["id"] == "scpf28"
    assert client.get("/lookup/?kind=building&q=x").status_code == 400
    assert client.get("/lookup/?kind=unit&q=x&at=2030-13").status_code == 400


def test_the_lookup_inside_a_plan_sees_its_changes(client, draft, signed_in):
    body = {"op": "rename", "unit": "budget", "name": "Budget Office"}
    assert signed_in.post(f"/plans/{draft}/changes/new/?op=rename", body).status_code == 302
    found = client.get(f"/lookup/?kind=unit&q=budget&at=2030&plan={draft}").json()["matches"]
    assert (found[0]["name"], found[0]["former"]) == ("Budget Office", ["Budget Division"])
    assert client.get("/lookup/?kind=unit&q=budget&plan=nope").status_code == 404


def test_the_lookup_lists_people_only_to_those_who_may_see_them(client, signed_in):
    assert signed_in.get("/lookup/?kind=person&q=irena").json()["matches"][0]["id"] == (
        "vojackova-sollorano"
    )
    signed_in.logout()
    response = client.get("/lookup/?kind=person&q=irena")
    assert response.status_code == 403
    assert "irena" not in response.content.decode().lower()


@pytest.mark.parametrize(("typed", "place"), [("", None), ("Unknown", "unknown")])
def test_a_move_to_the_top_or_to_a_place_no_source_gives(signed_in, draft, typed, place):
    """The form says "Reports to", not the format's "to"; empty is the top, and
    "unknown" is a place no source gives, not a name to look up."""
    form = signed_in.get(f"/plans/{draft}/changes/new/?op=move").content.decode()
    assert ">Reports to" in form and ">Unit or senior post" in form and "null:" not in form
    body = {"op": "move", "node": "Budget Division", "to": typed}
    response = signed_in.post(f"/plans/{draft}/changes/new/?op=move", body)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert added(draft).to == place
