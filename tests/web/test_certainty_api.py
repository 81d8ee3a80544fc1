"""The API says what is certain and what is only possible at a date, where no source
places a unit, and who holds a post (named or not, vacant or not recorded)."""

from __future__ import annotations

from .test_certainty_pages import AT, uncertain  # noqa: F401 (a fixture)


def test_the_structure_says_status_why_placement_and_holding(client, uncertain):  # noqa: F811
    data = client.get("/api/structure" + AT).json()
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["media"]["status"] == "possibly in force"
    why = nodes["media"]["uncertain"][0]
    assert (why["aspect"], why["date"], why["when"], why["cites"]) == (
        "existence",
        "2001/2021-06",
        "between 2001 and June 2021",
        ["rev:14"],
    )
    assert nodes["fin"]["status"] == "in force" and nodes["fin"]["uncertain"] == []
    assert nodes["rbm"]["placement"] == "unknown" and nodes["rbm"]["parent"] is None
    assert nodes["fin"]["placement"] == "recorded"
    assert set(data["unplaced"]) == {"rbm", "gcu"}
    assert [n["id"] for n in data["possibly_still"]] == ["old"]
    assert nodes["cro"]["holding"] == "vacant"
    assert nodes["adviser"]["holding"] == "no holder recorded"
    assert nodes["ddg"]["holding"] == "held"
    assert "holders" not in nodes["ddg"] or nodes["ddg"]["holders"] == []  # a visitor


def test_signed_in_the_unnamed_holder_has_no_person(signed_in, uncertain):  # noqa: F811
    nodes = {n["id"]: n for n in signed_in.get("/api/structure" + AT).json()["nodes"]}
    (holder,) = nodes["ddg"]["holders"]
    assert holder["person"] is None
    assert holder["name"] == "a holder not named in the sources"
    assert holder["certain"] is False


def test_a_unit_and_a_post(signed_in, uncertain):  # noqa: F811
    rbm = signed_in.get("/api/units/rbm" + AT).json()
    assert (rbm["certainty"], rbm["placement"]) == ("possibly in force", "unknown")
    assert rbm["uncertain"][0]["words"] == "possibly not yet in force: by June 2021 (rev:12)"
    old = signed_in.get("/api/units/old" + AT).json()
    assert (old["state"], old["certainty"]) == ("abolished", "possibly in force")
    fin = signed_in.get("/api/units/fin" + AT).json()
    rows = {p["id"]: p for p in fin["posts"]}
    assert rows["p4"]["holding"] == "no holder recorded"
    assert rows["chief"]["holders"][0]["person"] is None
    ddg = signed_in.get("/api/posts/ddg" + AT).json()
    assert (ddg["certainty"], ddg["holding"], ddg["vacant"]) == ("possibly in force", "held", False)
    assert ddg["assignments"][0]["person"] is None


def test_vacancies_are_those_a_source_states(client, uncertain):  # noqa: F811
    data = client.get("/api/vacancies" + AT).json()
    assert [p["id"] for p in data["vacant"]] == ["cro"]
    assert {p["id"] for p in data["no_holder_recorded"]} == {"adviser", "p4"}


def test_the_api_description_still_builds(client, db):
    assert client.get("/api/docs").status_code == 200
    spec = client.get("/api/openapi.json").json()
    assert "/api/structure" in spec["paths"]
