"""The name resolver: what a person typed, to the one unit, post, person or source it names."""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.changes import CreatePost, CreateUnit, Rename, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.model import Person, Source
from organogram.core.timeline import Timeline
from organogram.queries.resolve import NotResolved, former_names, names_at, normal


def _create(uid: str, name: str, parent: str | None = None, abbr: str = "") -> CreateUnit:
    spec = UnitSpec(id=uid, name=name, kind="division", abbreviation=abbr)
    return CreateUnit(id=f"create-{uid}", date=FuzzyDate.parse("2010"), unit=spec, parent=parent)


TIMELINE = Timeline(
    [
        _create("dom", "Department of Operations", abbr="DOE"),
        _create("dmr", "Department of Management and Reform", abbr="DMR"),
        _create("bud", "Budget Division", "dmr", abbr="BUD"),
        _create("eco", "Division de l'Économie", "dom"),
        _create("adm-a", "Administrative Unit", "dom"),
        _create("adm-b", "Administrative Unit", "dmr"),
        Rename(id="r1", date=FuzzyDate.parse("2015-06-01"), unit="eco", name="Economics Division"),
        Rename(id="r2", date=FuzzyDate.parse("2020-01-01"), unit="bud", name="Budget and Finance"),
        CreatePost(
            id="p1", date=FuzzyDate.parse("2010"), post="dg", title="Director General",
            unit="dom", grade="DG", senior=True,
        ),
    ]
)


def units(day: str):
    at = FuzzyDate.parse(day)
    s = TIMELINE.snapshot(at).structure
    return names_at("unit", s, former=former_names(TIMELINE, at))


def test_an_id_a_name_and_an_abbreviation_each_name_the_unit():
    names = units("2016")
    assert names.resolve("bud").id == "bud"
    assert names.resolve("Budget Division").id == "bud"
    assert names.resolve("DMR").id == "dmr"


def test_case_accents_and_spacing_do_not_matter():
    names = units("2012")
    assert normal("  Division de l'ÉCONOMIE ") == "division de l economie"
    assert names.resolve("division de l'economie").id == "eco"
    assert names.resolve("budget   DIVISION").id == "bud"


def test_a_former_name_counts_only_from_the_date_it_was_borne():
    # In 2016 the unit had been the Division de l'Économie: that name still finds it.
    assert units("2016").resolve("Division de l'Economie").id == "eco"
    assert units("2016").get("eco").former == ("Division de l'Économie",)
    # In 2012 "Economics Division" is a name it will take later: it names nothing yet.
    with pytest.raises(NotResolved, match="no unit is called “Economics Division”"):
        units("2012").resolve("Economics Division")
    # After the 2020 rename, the Budget Division is a former name of bud.
    assert units("2021").resolve("Budget Division").id == "bud"
    assert units("2019").get("bud").former == ()


def test_an_ambiguous_name_lists_the_candidates_by_name_kind_and_parent():
    with pytest.raises(NotResolved) as told:
        units("2016").resolve("administrative unit")
    assert {c.id for c in told.value.candidates} == {"adm-a", "adm-b"}
    assert "names 2 units" in told.value.message
    assert "division, under Department of Operations" in told.value.message
    assert "division, under Department of Management and Reform" in told.value.message
    # The way out the message offers works.
    assert units("2016").resolve("Administrative Unit (adm-b)").id == "adm-b"


def test_unknown_text_says_so_and_suggests_the_closest_names():
    with pytest.raises(NotResolved) as told:
        units("2016").resolve("Budjet Divison")
    assert "no unit is called “Budjet Divison”" in told.value.message
    assert [s.id for s in told.value.suggestions][:1] == ["bud"]
    assert "did you mean “Budget Division”" in told.value.message
    with pytest.raises(NotResolved, match="write the name of a unit"):
        units("2016").resolve("  ")


def test_search_puts_exact_and_leading_matches_first():
    found = [e.id for e in units("2016").search("d")]
    assert found[:2] == ["dmr", "dom"]  # abbreviations and names beginning with it
    assert [e.id for e in units("2016").search("budg")] == ["bud"]
    assert [e.id for e in units("2021").search("budget div")] == ["bud"]  # a former name
    assert units("2016").search("") == []


def test_fill_is_the_text_that_names_the_entry_alone():
    names = units("2016")
    assert names.fill(names.get("bud")) == "Budget Division"
    assert names.fill(names.get("adm-a")) == "Administrative Unit (adm-a)"


def test_posts_nodes_people_and_sources():
    s = TIMELINE.snapshot(dt.date(2016, 1, 1)).structure
    assert names_at("post", s).resolve("director general").id == "dg"
    dg = names_at("node", s).resolve("Director General")
    assert dg.detail == "DG post in Department of Operations"
    people = names_at("person", people=[Person("ana", "Ana Pérez"), Person("bo", "Bo Li")])
    assert people.resolve("ana perez").id == "ana"
    sources = names_at(
        "source", sources=[Source("scpf28", "Report on the review", symbol="S/28/8")]
    )
    assert sources.resolve("S/28/8").id == "scpf28"
    assert sources.resolve("report on the review").id == "scpf28"
    with pytest.raises(ValueError, match="is not one of"):
        names_at("building")
