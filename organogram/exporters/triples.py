"""A small graph of RDF triples and its two writings: Turtle and JSON-LD.

Written by hand rather than with an RDF library, so that exporting needs nothing
beyond the standard library; the tests read both writings back with rdflib, an
independent parser, and compare the triples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

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


@dataclass
class Graph:
    """Triples in the order added, grouped by subject when written."""

    subjects: dict[str, list[tuple[str, Ref | Literal]]] = field(default_factory=dict)

    def add(self, subject: str, predicate: str, obj: Ref | Literal | str) -> None:
        """Add a triple; a str object is a plain literal."""
        if isinstance(obj, str):
            obj = Literal(obj)
        self.subjects.setdefault(subject, []).append((predicate, obj))

    def __len__(self) -> int:
        return sum(len(v) for v in self.subjects.values())


def expand(name: str) -> str:
    """The full IRI of a prefixed name (other names are returned as they are)."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return name


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _term(name: str) -> str:
    if name.startswith("_:"):
        return name
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and local.replace("_", "a").replace("-", "a").isalnum():
        return name
    iri = expand(name).replace("\\", "%5C").replace(">", "%3E").replace(" ", "%20")
    return f"<{iri}>"


def _object(obj: Ref | Literal) -> str:
    if isinstance(obj, Ref):
        return _term(obj.name)
    text = f'"{_escape(obj.value)}"'
    return f"{text}^^{_term(obj.datatype)}" if obj.datatype else text


def turtle(graph: Graph) -> str:
    """The graph in Turtle."""
    lines = [f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()]
    for subject, pairs in graph.subjects.items():
        lines.append("")
        body = [f"    {'a' if p == TYPE else _term(p)} {_object(o)}" for p, o in pairs]
        lines.append(_term(subject))
        lines.append(" ;\n".join(body) + " .")
    return "\n".join(lines) + "\n"


def jsonld(graph: Graph) -> str:
    """The graph in JSON-LD: a ``@context`` of the prefixes and a ``@graph`` of nodes."""
    nodes = []
    for subject, pairs in graph.subjects.items():
        node: dict[str, object] = {"@id": subject}
        for p, o in pairs:
            if p == TYPE:
                node.setdefault("@type", []).append(o.name)  # type: ignore[union-attr]
                continue
            value: object
            if isinstance(o, Ref):
                value = {"@id": o.name}
            elif o.datatype:
                value = {"@value": o.value, "@type": o.datatype}
            else:
                value = o.value
            node.setdefault(p, []).append(value)  # type: ignore[union-attr]
        nodes.append(node)
    doc = {"@context": dict(PREFIXES), "@graph": nodes}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
