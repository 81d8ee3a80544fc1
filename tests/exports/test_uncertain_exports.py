"""Exports never write a bounded or approximate date as if it were exact, keep unknown
placements unknown, holders not named unnamed, and say what is only possibly in force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.core.dates import FuzzyDate
from organogram.exporters.orgont import date_literal, to_turtle
from organogram.exporters.popolo import date_note, popolo_date, to_popolo
from organogram.exporters.snapshot import record_at
from organogram.formats import load_dataset
from organogram.formats.dump import dataset_text

UNCERTAIN = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "uncertain"
AT = "2020-06-30"


@pytest.fixture(scope="module")
def record():
    return load_dataset(UNCERTAIN)


@pytest.mark.parametrize("form", ["../2021-06", "2021/..", "2009/2021", "2011~", "2021-06?"])
def test_a_bounded_or_approximate_date_is_not_a_popolo_date(form):
    date = FuzzyDate.parse(form)
    assert popolo_date(date) is None
    assert date_note("founding_date", date).endswith(f"({form})")


def test_plain_dates_are_written_as_before():
    assert popolo_date(FuzzyDate.parse("2021-06")) == "2021-06"
    assert popolo_date(FuzzyDate.parse("2021-Q4")) == "2021"
    assert date_note("founding_date", FuzzyDate.parse("2021-Q4")) is None
    assert date_literal(FuzzyDate.parse("2021-10-28")).datatype == "xsd:date"


def test_an_org_date_in_a_bounded_form_is_an_edtf_literal():
    lit = date_literal(FuzzyDate.parse("../2021-06"))
    assert (lit.value, lit.datatype) == ("../2021-06", "edtf:EDTF")


def test_popolo_leaves_the_dates_out_and_notes_them(record):
    doc = to_popolo(record, AT)
    text = json.dumps(doc)
    assert "0001" not in text and "9999" not in text
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert "founding_date" not in orgs["rbm"]
    assert orgs["rbm"]["date_notes"] == ["founding_date: by June 2021 (../2021-06)"]
    assert orgs["fin"]["founding_date"] == "2005" and "date_notes" not in orgs["fin"]
    assert orgs["old"]["date_notes"] == ["dissolution_date: between 2020 and 2022 (2020/2022)"]
    unnamed = [m for m in doc["memberships"] if m["post_id"] == "chief"]
    assert unnamed and "person_id" not in unnamed[0]
    assert unnamed[0]["note"] == "held by a person the sources do not name"
    assert {p["id"] for p in doc["persons"]} == {"ada"}


def test_org_writes_edtf_dates_and_no_person_for_an_unnamed_holder(record):
    rdflib = pytest.importorskip("rdflib")
    text = to_turtle(record, AT)
    assert "0001-01-01" not in text and "9999-12-31" not in text
    g = rdflib.Graph().parse(data=text, format="turtle")
    edtf = rdflib.URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
    dates = {str(o) for o in g.objects(None, rdflib.DCTERMS.date) if o.datatype == edtf}
    assert {"../2021-06", "2001/2021-06", "2020/2022"} <= dates
    persons = set(g.subjects(rdflib.RDF.type, rdflib.FOAF.Person))
    assert all(str(p).endswith("/ada") for p in persons) and len(persons) == 1


def test_the_snapshot_keeps_unknown_placement_vacancy_and_notes_what_is_possible(record):
    snap = record_at(record, AT)
    by_subject = {next(iter(c.subjects())): c for c in snap.timeline.changes if c.op != "assign"}
    assert by_subject["rbm"].parent == "unknown" and by_subject["gcu"].parent == "unknown"
    assert by_subject["rbm"].note == (
        "possibly in force on 2020-06-30: possibly not yet in force: by June 2021 (rev:12)"
    )
    assert str(by_subject["rbm"].basis) == "inferred"
    assert by_subject["fin"].note == "" and str(by_subject["fin"].basis) == "stated"
    assert by_subject["cro"].op == "vacate" and by_subject["cro"].person == ""
    text = dataset_text(snap)
    assert "parent: unknown" in text
    # What it writes reads back to the same structure, placements still unknown.
    back = snap.timeline.snapshot(AT).structure
    assert set(back.unplaced_nodes()) == {"gcu", "rbm"}
    assert "cro" in back.vacant
