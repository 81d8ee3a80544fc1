"""No internal id shown unless asked for: the plan's page, its cost, the cost tables, the
passages of a source and the forms name things by their names; an id a reader may need
to type or copy is folded behind "Identifier" (or given where they searched for it)."""

from __future__ import annotations

import html as entities
import re

import pytest

from organogram.registry import store

pytestmark = pytest.mark.django_db

FOLDED = re.compile(r'<details class="identifier">.*?</details>', re.S)


def shown(client, url: str) -> str:
    """What a reader sees of the page at ``url``: its text, without the tags (and their
    attributes), the folded identifiers or the printed footer."""
    response = client.get(url)
    assert response.status_code == 200, url
    body = FOLDED.sub(" ", response.content.decode())
    body = re.sub(r"<(script|style|title)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return entities.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_plans_page_names_its_changes_and_findings_not_their_ids(client):
    record = store.current_record()
    plan = record.plans["hq-review-2021"]
    html = client.get("/plans/hq-review-2021/").content.decode()
    page = shown(client, "/plans/hq-review-2021/")
    ids = [c.id for c in plan.changes]
    assert ids and not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", page)]
    # Each is still there for whoever asks: folded behind "Identifier".
    assert all(f"<code>{i}</code>" in html for i in ids)
    assert "hq-review-2021" not in page.replace("/plans/hq-review-2021/", "")
    # The cost table is named by its title; the claims about the cost by what they are about.
    assert "illustrative-2021" not in page and "Illustrative standard costs, 2021" in page
    assert "Director of the Global Data Institute" in page and "gdi-director" not in page


def test_the_cost_pages_name_their_tables(client):
    for url in ("/cost/", "/plans/hq-review-2021/cost/"):
        page = shown(client, url)
        assert "illustrative-2021" not in page, url
        assert "Illustrative standard costs, 2021" in page, url


def test_a_sources_passages_are_named_and_their_ids_kept_for_citing(client):
    record = store.current_record()
    source = record.sources["scpf28"]
    titled = [p for p in source.passages if p.title and not p.id.isdigit()]
    assert titled
    page = shown(client, "/sources/scpf28/")
    html = client.get("/sources/scpf28/").content.decode()
    for p in titled:
        assert p.title in page
        assert f"<code>{p.id}</code>" in html  # folded, to be copied into a citation
    numbered = [p for p in source.passages if p.id.isdigit()]
    # A numbered paragraph is the document's own numbering: said in words.
    assert numbered and f"Paragraph {numbered[0].id}: {numbered[0].title}" in page


def test_a_search_shows_an_id_only_when_it_was_searched_for(client):
    by_name = client.get("/search/?q=conduct").content.decode()
    assert "Office of Ethics and Conduct" in by_name
    assert '<span class="ident"' not in by_name
    # Its citations in words, as on the other pages, not as the dataset writes them.
    assert "cited: <a" in by_name and ">ddg-mr-portfolio:ethics</a>" not in by_name
    by_id = client.get("/search/?q=ethics").content.decode()
    assert re.search(r'<span class="ident"[^>]*>ethics</span>', by_id)
