"""The W3C Organization Ontology exports, read back with rdflib (an independent parser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from organogram.cli.main import main
from organogram.exporters.orgont import to_jsonld, to_turtle
from organogram.exporters.popolo import to_popolo
from organogram.formats import load_dataset

ROOT = Path(__file__).resolve().parents[2]
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
BASE = "urn:organogram:acme:"
# rdflib's JSON-LD parser uses a class it deprecates itself.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def unit(ident: str) -> URIRef:
    return URIRef(f"{BASE}unit/{ident}")


def post(ident: str) -> URIRef:
    return URIRef(f"{BASE}post/{ident}")


@pytest.fixture(scope="module")
def record():
    return load_dataset(ROOT / "tests/fixtures/datasets/full")


@pytest.fixture(scope="module")
def graphs(record):
    turtle = Graph().parse(data=to_turtle(record, "2021"), format="turtle")
    jsonld = Graph().parse(data=to_jsonld(record, "2021"), format="json-ld")
    return turtle, jsonld


def test_turtle_and_json_ld_hold_the_same_graph(graphs):
    turtle, jsonld = graphs
    assert len(turtle) > 100
    assert isomorphic(turtle, jsonld)


def test_units_posts_and_lines(graphs, record):
    g, _ = graphs
    s = record.timeline.snapshot("2021").structure
    below_units = [u for u in s.units if s.oversight.get(u) in s.units]
    assert below_units
    for u in below_units:
        assert (unit(u), RDF.type, ORG.OrganizationalUnit) in g
        assert (unit(u), ORG.subOrganizationOf, unit(s.oversight[u])) in g
        assert (unit(u), ORG.unitOf, URIRef(f"{BASE}organization/acme")) in g
    assert (unit("ops"), SKOS.prefLabel, Literal("Department of Operations")) in g
    assert (unit("ops"), SKOS.altLabel, Literal("DOE")) in g
    assert (post("dg"), RDF.type, ORG.Post) in g
    # A unit overseen by a senior post reports to it.
    assert (unit("ops"), ORG.reportsTo, post("dg")) in g


def test_change_events_link_original_and_resulting_units(graphs):
    g, _ = graphs
    merges = list(g.subjects(DCT.type, Literal("merge")))
    assert merges, "the fixture's merge is an org:ChangeEvent"
    event = merges[0]
    assert (event, RDF.type, ORG.ChangeEvent) in g
    originals = set(g.objects(event, ORG.originalOrganization))
    results = set(g.objects(event, ORG.resultingOrganization))
    assert originals and results
    for u in results:
        assert (u, ORG.resultedFrom, event) in g
    assert any(
        o.datatype in (XSD.date, XSD.gYear, XSD.gYearMonth) for o in g.objects(event, DCT.date)
    )


def test_memberships_have_intervals(graphs):
    g, _ = graphs
    memberships = list(g.subjects(RDF.type, ORG.Membership))
    assert memberships
    m = memberships[0]
    person = next(g.objects(m, ORG.member))
    assert (person, RDF.type, FOAF.Person) in g
    interval = next(g.objects(m, ORG.memberDuring))
    assert (interval, RDF.type, TIME.Interval) in g
    start = next(g.objects(interval, TIME.hasBeginning))
    assert list(g.objects(start, None))


def test_iom_export_parses_and_holds_the_replacement_of_the_office_of_the_dg():
    record = load_dataset(ROOT / "data/iom")
    g = Graph().parse(
        data=to_turtle(record, "2023", base="https://example.org/iom/"), format="turtle"
    )
    odg = URIRef("https://example.org/iom/unit/odg")
    events = list(g.objects(odg, ORG.changedBy))
    assert any((e, DCT.type, Literal("replace")) in g for e in events)


def test_popolo_has_organizations_posts_persons_memberships(record):
    doc = to_popolo(record, "2021")
    orgs = {o["id"]: o for o in doc["organizations"]}
    s = record.timeline.snapshot("2021").structure
    for u in s.units:
        if s.oversight.get(u) in s.units:
            assert orgs[u]["parent_id"] == s.oversight[u]
    assert orgs["ops"]["parent_id"] == "acme"  # overseen by a senior post: up to the top
    assert {"id", "label", "organization_id"} <= set(doc["posts"][0])
    assert doc["persons"] and doc["memberships"]
    m = doc["memberships"][0]
    assert m["person_id"] in {p["id"] for p in doc["persons"]}
    assert "start_date" in m
    json.dumps(doc)  # plain JSON


def test_export_as_writes_each_format(tmp_path, capsys):
    dataset = str(ROOT / "tests/fixtures/datasets/full")
    for fmt, parse in (("turtle", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"out.{fmt}"
        assert main(["export-as", fmt, dataset, "-o", str(out), "--at", "2021"]) == 0
        assert len(Graph().parse(out, format=parse)) > 100
    assert main(["export-as", "popolo", dataset]) == 0
    assert "memberships" in json.loads(capsys.readouterr().out)
    assert main(["export-as", "csv", dataset]) == 1  # needs -o
