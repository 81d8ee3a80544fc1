"""A graph of RDF triples for the exports, and its two writings: Turtle and JSON-LD.

The exporters add triples with prefixed names (``org:Post``), absolute IRIs and blank
nodes (``_:b1``); the graph itself and both writings are rdflib's, the library made
for them, so escaping, IRIs and literal forms follow the RDF standards rather than
code of our own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import rdflib
from rdflib.term import BNode, Node, URIRef

PREFIXES = {
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "edtf": "http://id.loc.gov/datatypes/edtf/",
}
TYPE = "rdf:type"


@dataclass(frozen=True)
class Literal:
    """A literal, typed with a prefixed name such as ``xsd:date`` (empty: a plain string)."""

    value: str
    datatype: str = ""


@dataclass(frozen=True)
class Ref:
    """A node: an absolute IRI, a prefixed name (``org:Post``) or a blank node (``_:b1``)."""

    name: str


def expand(name: str) -> str:
    """The full IRI of a prefixed name (other names are returned as they are)."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return name


def _node(name: str) -> Node:
    return BNode(name[2:]) if name.startswith("_:") else URIRef(expand(name))


def _object(obj: Ref | Literal) -> Node:
    if isinstance(obj, Ref):
        return _node(obj.name)
    if not obj.datatype:
        return rdflib.Literal(obj.value)
    # Kept as written: an EDTF form or a gYear is a lexical form, not a value to recast.
    return rdflib.Literal(obj.value, datatype=URIRef(expand(obj.datatype)), normalize=False)


class Graph:
    """The triples of an export, in an rdflib graph bound to :data:`PREFIXES`."""

    def __init__(self) -> None:
        self.rdf = rdflib.Graph(bind_namespaces="none")
        for prefix, iri in PREFIXES.items():
            self.rdf.bind(prefix, iri)
        self.subjects: set[str] = set()

    def add(self, subject: str, predicate: str, obj: Ref | Literal | str) -> None:
        """Add a triple; a str object is a plain literal."""
        if isinstance(obj, str):
            obj = Literal(obj)
        self.subjects.add(subject)
        self.rdf.add((_node(subject), _node(predicate), _object(obj)))

    def __len__(self) -> int:
        return len(self.rdf)


def turtle(graph: Graph) -> str:
    """The graph in Turtle."""
    return graph.rdf.serialize(format="turtle")


def jsonld(graph: Graph) -> str:
    """The graph in JSON-LD: a ``@context`` of the prefixes and a ``@graph`` of nodes,
    in a stable order (by node id, and each property's values sorted), so that the same
    record always gives the same file."""
    text = graph.rdf.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    doc = _stable(json.loads(text))
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _stable(value: Any) -> Any:
    """``value`` with every list sorted: rdflib writes a graph's nodes, and a node's
    values, in the order of a set. (The exports hold no ordered RDF lists.)"""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
