"""The search box in the header of every page, the results page and its suggestions."""

from __future__ import annotations

import pytest

from organogram.registry import store

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/posts/", "/sources/", "/timeline/", "/plans/"])
def test_every_page_has_the_search_box(client, path):
    html = client.get(path).content.decode()
    assert 'class="site-search"' in html and 'action="/search/"' in html
    assert "site/search.js" in html


def test_the_results_are_grouped_by_kind_with_the_words_marked(client):
    html = client.get("/search/", {"q": "Office of Legal Affairs", "at": "2026"}).content.decode()
    assert 'id="found-unit"' in html and 'id="found-change"' in html
    assert html.index('id="found-unit"') < html.index('id="found-change"')
    assert "Department of Legal Affairs" in html
    assert "<mark>Legal</mark>" in html
    assert "Called Office of Legal Affairs until" in html
    assert 'href="/units/dla/?at=2026"' in html
    assert 'href="/sources/scpf28/?at=2026#passage-31"' in html  # the citation's passage


def test_the_three_questions_on_the_page(client):
    for q, unit in (("procurement", "supply-chain"), ("data protection", "dla")):
        html = client.get("/search/", {"q": q}).content.decode()
        assert f'href="/units/{unit}/"' in html


def test_kinds_narrow_the_results(client):
    html = client.get("/search/", {"q": "legal", "kind": "change"}).content.decode()
    assert 'id="found-change"' in html and 'id="found-unit"' not in html


def test_nothing_found_and_hostile_text_are_pages_too(client):
    for q in ("zzzqxq", '"', "AND (", "\x00", "*"):
        answer = client.get("/search/", {"q": q})
        assert answer.status_code == 200
    assert "Nothing found" in client.get("/search/", {"q": "zzzqxq"}).content.decode()


def test_text_found_is_escaped(client):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_suggestions_are_names_as_json(client):
    data = client.get("/search/suggest/", {"q": "suppl"}).json()
    assert data["hits"][0]["id"] == "supply-chain"
    assert data["hits"][0]["url"] == "/units/supply-chain/"


def test_people_are_neither_suggested_nor_found_for_visitors(client, signed_in):
    name = store.current_record().people["vojackova-sollorano"].name
    assert signed_in.get("/search/suggest/", {"q": name[:8]}).json()["hits"]
    signed_in.logout()
    assert client.get("/search/suggest/", {"q": name[:8]}).json()["hits"] == []
    assert "Nothing found" in client.get("/search/", {"q": name}).content.decode()
    assert name not in client.get("/search/", {"q": "ad interim"}).content.decode()
