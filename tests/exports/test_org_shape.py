"""Every W3C Organization Ontology export conforms to the SHACL shapes of what the
project publishes (organogram/exporters/shapes/org-export.ttl), checked with pyshacl;
and the shapes do catch what they forbid."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SKOS, XSD

from organogram.exporters.orgont import to_jsonld, to_turtle
from organogram.formats import load_dataset

pyshacl = pytest.importorskip(
    "pyshacl", reason="pyshacl is a test dependency: pip install -e '.[test]'"
)

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "organogram/exporters/shapes/org-export.ttl"
# rdflib's JSON-LD parser uses a class it deprecates itself.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def iom():
    return load_dataset(ROOT / "data/iom")


def conforms(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return ok, text


@pytest.mark.parametrize("at", ["2016-06-30", "2019-12-31", "2022-12-31"])
def test_the_iom_export_conforms_at_each_date(iom, shapes, at):
    data = rdflib.Graph().parse(data=to_turtle(iom, at), format="turtle")
    ok, text = conforms(data, shapes)
    assert ok, text


def test_a_subtree_without_names_in_json_ld_conforms(iom, shapes):
    data = rdflib.Graph().parse(
        data=to_jsonld(iom, "2022-12-31", nodes=_subtree(iom, "dfam")), format="json-ld"
    )
    ok, text = conforms(data, shapes)
    assert ok, text


def test_the_full_fixture_conforms(shapes):
    record = load_dataset(ROOT / "tests/fixtures/datasets/full")
    data = rdflib.Graph().parse(data=to_turtle(record, "2021"), format="turtle")
    ok, text = conforms(data, shapes)
    assert ok, text


def test_the_shapes_refuse_a_second_name_and_a_date_more_exact_than_allowed(iom, shapes):
    data = rdflib.Graph().parse(data=to_turtle(iom, "2022-12-31"), format="turtle")
    unit = next(data.subjects(SKOS.prefLabel, rdflib.Literal("Budget Division")))
    data.add((unit, SKOS.prefLabel, rdflib.Literal("Another name")))
    event = next(data.subjects(rdflib.URIRef("http://purl.org/dc/terms/date"), None))
    data.add(
        (
            event,
            rdflib.URIRef("http://purl.org/dc/terms/date"),
            rdflib.Literal("2021-10-01T00:00:00", datatype=XSD.dateTime),
        )
    )
    ok, text = conforms(data, shapes)
    assert not ok
    assert "prefLabel" in text and "date" in text


def test_json_ld_is_written_the_same_every_time():
    """rdflib writes a set's order, which changes with Python's hash seed: the export
    sorts it, so two processes with different seeds write the same bytes."""
    script = (
        "import sys; from pathlib import Path; from organogram.formats import load_dataset; "
        "from organogram.exporters.orgont import to_jsonld; "
        "sys.stdout.write(to_jsonld(load_dataset(Path(sys.argv[1])), '2022-12-31'))"
    )
    out = [
        subprocess.run(
            [sys.executable, "-c", script, str(ROOT / "data/iom")],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert out[0] == out[1] and '"@graph"' in out[0]


def _subtree(record, top: str) -> set[str]:
    s = record.timeline.snapshot("2022-12-31").structure
    out = {top}
    for node, parent in s.oversight.items():
        chain = parent
        while chain is not None and chain not in out:
            chain = s.oversight.get(chain)
        if chain is not None:
            out.add(node)
    return out
