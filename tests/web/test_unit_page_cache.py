"""Unit pages kept per revision: rendered once per address and reader's rights, never
shown to a reader with other rights, around a header that is always the reader's own,
and dropped when the record changes."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import record_change

from .test_views import PEOPLE, page

pytestmark = pytest.mark.django_db
unit_view = importlib.import_module("organogram.site.views.unit")

DG = "/units/dg/?at=2016-11-30"


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The nodes whose unit page was rendered (not taken from what was kept)."""
    calls: list[str] = []
    real = unit_view.unit_at

    def counting(record, node, *args, **kwargs):
        calls.append(node)
        return real(record, node, *args, **kwargs)

    monkeypatch.setattr(unit_view, "unit_at", counting)
    store.forget()
    return calls


def test_a_unit_page_is_rendered_once_per_address(client, counted):
    first = page(client, DG)
    assert page(client, DG) == first
    assert counted == ["dg"]
    page(client, "/units/dg/?at=2023-06-30")
    page(client, "/units/ddg-mr/?at=2023-06-30")
    assert counted == ["dg", "dg", "ddg-mr"]


def test_a_visitor_never_gets_the_page_made_for_someone_who_may_see_people(
    signed_in, counted
):
    assert PEOPLE[0] in page(signed_in, DG)
    visitor = page(Client(), DG)
    assert not any(name in visitor for name in PEOPLE)
    assert counted == ["dg", "dg"]


def test_only_editors_get_the_editors_page(client, counted):
    add_user("ed", "editor", Actor("tests"), password="a long password 1")
    editor = Client()
    assert editor.login(username="ed", password="a long password 1")
    assert "Record a change" in page(editor, "/units/dfam/")
    assert "Record a change" not in page(client, "/units/dfam/")
    # The page around the kept part is each reader's own.
    assert "Signed in as" in page(editor, "/units/dfam/")
    assert "Signed in as" not in page(client, "/units/dfam/")
    assert counted == ["dfam", "dfam"]


def test_a_change_recorded_shows_on_the_unit_page_kept_before(client):
    store.forget()
    state = store.current()
    assert "A renamed department" not in page(client, "/units/dfam/")
    record_change(
        Rename(date=FuzzyDate.parse("2023-01-01"), unit="dfam", name="A renamed department"),
        Actor("tests"),
        expected=state.token(["dfam"]),
    )
    assert "A renamed department" in page(client, "/units/dfam/")


def test_an_unknown_unit_is_still_not_found(client):
    store.forget()
    assert client.get("/units/no-such-unit/").status_code == 404
    assert client.get("/units/no-such-unit/").status_code == 404
