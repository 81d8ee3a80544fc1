"""Search in the registry: its stored index (FTS5 on SQLite, tsvector on PostgreSQL),
kept up to date by the writes in their transaction, and ``/api/search``."""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.changes import Reclassify, Rename
from organogram.core.dates import FuzzyDate
from organogram.formats.source_entry import source_to_dict
from organogram.registry import models as m
from organogram.registry import search_index, store
from organogram.registry.actions import Refused
from organogram.registry.audit import Actor
from organogram.registry.reading.search import search_registry
from organogram.registry.services import record_change, save_source
from organogram.search import documents

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 1)


def find(text, **kw):
    kw.setdefault("at", TODAY)
    return search_registry(store.current(), text, **kw)


def test_the_load_indexed_every_document_of_the_record():
    assert m.SearchDocument.objects.count() == len(documents(store.current_record()))


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("procurement", "supply-chain"),
        ("data protection", "dla"),
        ("Office of Legal Affairs", "dla"),
    ],
)
def test_the_api_answers_the_questions_users_ask(client, question, wanted):
    answer = client.get("/api/search", {"q": question, "at": "2026"})
    assert answer.status_code == 200
    hits = answer.json()["hits"]
    assert wanted in [h["id"] for h in hits[:3]]
    hit = next(h for h in hits if h["id"] == wanted)
    assert hit["kind"] == "unit" and hit["citation"] and hit["snippet"]
    assert any(part["match"] for part in hit["snippet"])


def test_a_former_name_is_answered_under_the_name_now_with_its_span(client):
    hit = client.get("/api/search", {"q": "Office of Legal Affairs", "at": "2026"}).json()["hits"][
        0
    ]
    assert (hit["id"], hit["name"], hit["text"]) == (
        "dla",
        "Department of Legal Affairs",
        "Office of Legal Affairs",
    )
    assert hit["until"] and not hit["current"]
    assert hit["when"].startswith("called Office of Legal Affairs until")


@pytest.mark.parametrize("q", ['"', "AND", "OR (", "a) OR (b", "*", "-", "\x00", "NEAR(", "'"])
def test_hostile_queries_are_answered(client, q):
    for typeahead in ("false", "true"):
        answer = client.get("/api/search", {"q": q, "typeahead": typeahead})
        assert answer.status_code == 200


def test_people_are_searched_only_for_those_who_may_see_names(client, auth):
    name = store.current_record().people["vojackova-sollorano"].name
    visitor = client.get("/api/search", {"q": name}).json()
    assert visitor["hits"] == []
    assert client.get("/api/search", {"q": "x", "kind": "person"}).status_code == 401
    editor = client.get("/api/search", {"q": name}, **auth).json()
    assert ("person", "vojackova-sollorano") in [(h["kind"], h["id"]) for h in editor["hits"]]


def test_a_visitor_gets_no_name_through_the_changes(client):
    names = [p.name for p in store.current_record().people.values()]
    for q in ("ad interim", "Director General", "holder", "vacant"):
        text = client.get("/api/search", {"q": q, "limit": 200}).text
        assert not any(n in text for n in names), q


def test_bad_kinds_and_dates_are_refused(client):
    assert client.get("/api/search", {"q": "x", "kind": "nonsense"}).status_code == 400
    assert client.get("/api/search", {"q": "x", "at": "yesterday-ish"}).status_code == 400


def test_a_recorded_change_is_searchable_in_the_same_write():
    record_change(
        Rename(date=FuzzyDate.parse("2025"), unit="dla", name="Office of the Legal Counsel"),
        Actor("tests"),
    )
    first = find("Legal Counsel").hits[0]
    assert (first.id, first.name, first.current) == ("dla", "Office of the Legal Counsel", True)
    former = find("Department of Legal Affairs").hits[0]
    assert (former.id, former.current, former.until) == ("dla", False, "2025")
    told = find("Legal Counsel", kinds=("change",)).hits
    assert told and "renamed the Office of the Legal Counsel" in told[0].text
    # What a refresh made is what a rebuild makes.
    mine = sorted(search_index._rows(documents(store.current_record())), key=_key)
    held = sorted(m.SearchDocument.objects.all(), key=_key)
    assert [_key(r) for r in held] == [_key(r) for r in mine]


def _key(row):
    return (row.kind, row.ident, row.field, row.text, row.since, row.until, row.audience)


def _held_is_rebuilt():
    """The index the writes left is the one a rebuild makes from the record."""
    mine = sorted(search_index._rows(documents(store.current_record())), key=_key)
    held = sorted(m.SearchDocument.objects.all(), key=_key)
    assert [_key(r) for r in held] == [_key(r) for r in mine]


def test_a_backdated_rename_retells_the_later_changes_that_name_the_unit():
    reclassify = Reclassify(date=FuzzyDate.parse("2025-06"), unit="dla", kind="office")
    record_change(reclassify, Actor("t"))
    told = find("reclassified", kinds=("change",)).hits
    assert told and "Department of Legal Affairs" in told[0].text
    record_change(
        Rename(date=FuzzyDate.parse("2025-03"), unit="dla", name="Office of the Legal Counsel"),
        Actor("t"),
    )
    # The reclassification, recorded first but dated after, now names the new name.
    told = [h.text for h in find("Legal Counsel reclassified", kinds=("change",)).hits]
    assert "The Office of the Legal Counsel is reclassified from a department to an office." in told
    _held_is_rebuilt()


def test_the_changes_citing_an_edited_source_are_told_with_its_new_symbol():
    held = source_to_dict(store.current_record().sources["scpf28"])
    save_source({**held, "symbol": "SCPF/28/REV"}, Actor("tests"))
    told = [h.text for h in find("reclassified", kinds=("change",)).hits]
    assert any("(SCPF/28/REV para. 31)" in t for t in told)
    _held_is_rebuilt()


def test_a_refused_write_leaves_the_index_as_it_was():
    before = m.SearchDocument.objects.count()
    with pytest.raises(Refused):
        record_change(
            Rename(date=FuzzyDate.parse("2025"), unit="no-such-unit", name="Nowhere"),
            Actor("tests"),
        )
    assert m.SearchDocument.objects.count() == before
    assert not find("Nowhere").hits


def test_an_edited_source_is_searched_by_its_new_title():
    save_source({"id": "scpf28", "title": "Headquarters Review Paper of 2021"}, Actor("tests"))
    assert "scpf28" in [h.id for h in find("Review Paper", kinds=("source",)).hits]


def test_the_typeahead_gives_names_beginning_so():
    found = find("suppl", typeahead=True)
    assert found.hits[0].id == "supply-chain"


def test_french_and_spanish_text_is_stemmed_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL=postgres://…): SQLite's FTS5 stems English only"
        )
    save_source(
        {"id": "note-fr", "title": "Note", "language": "fr", "note": "Les bureaux régionaux"},
        Actor("tests"),
    )
    save_source(
        {"id": "nota-es", "title": "Nota", "language": "es", "note": "Las oficinas nacionales"},
        Actor("tests"),
    )
    assert "note-fr" in [h.id for h in find("bureau régional", kinds=("source",)).hits]
    assert "nota-es" in [h.id for h in find("oficina nacional", kinds=("source",)).hits]


def test_the_index_is_the_engines_own():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes "
                "WHERE indexname = 'registry_searchdocument_name_gin'"
            )
            assert "gin" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'registry_searchindex'")
            assert "fts5" in cursor.fetchone()[0].lower()


def test_the_index_can_be_rebuilt_from_the_record_as_it_stands():
    from organogram.registry.actions import RebuildSearchIndex, run

    m.SearchDocument.objects.all().delete()
    assert not find("procurement").hits
    count = run(RebuildSearchIndex(), Actor("tests"))
    assert count == m.SearchDocument.objects.count() > 0
    assert "supply-chain" in [h.id for h in find("procurement").hits]
    entry = m.AuditEntry.objects.filter(action="organogram.search.rebuild").first()
    assert entry is not None and entry.after == {"documents": count}
