"""No personal name reaches a visitor through an identifier.

Holders' names are shown only to readers with ``people.view``; a change's id often names
its person (``assign-dg-swing``). A visitor gets a keyed pseudonym of such an id instead,
on every page and in every API answer, and may use it wherever an id is taken.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from django.test import Client

from .conftest import IOM

pytestmark = pytest.mark.django_db

PEOPLE = yaml.safe_load((IOM / "people.yaml").read_text(encoding="utf-8"))["people"]
PERSON_IDS = [p["id"] for p in PEOPLE]
#: the surname of each (the last word of the name), as written and as an id writes it.
SURNAMES = [p["name"].split()[-1] for p in PEOPLE]
PERSONAL = re.compile("|".join(re.escape(w) for w in [*PERSON_IDS, *SURNAMES]), re.IGNORECASE)

API = [
    "/api/structure?at=2023-06-30",
    "/api/changes?limit=500",
    "/api/changes?limit=500&unit=dg",
    "/api/diff?from=2016&to=2023",
    "/api/units/dg/history",
    "/api/units/ddg-mr/history",
    "/api/units/dg?at=2017",
    "/api/plans",
    "/api/posts?at=2023-06-30",
    "/api/vacancies?at=2023-06-30",
    "/api/me",
]
PAGES = ["/", "/timeline/", "/compare/?from=2016&to=2023", "/plans/", "/sources/", "/posts/"]
LINK = re.compile(r'href="([^"#]+)"')
SKIP = re.compile(
    r"/(download|export)|\.(svg|pdf|png|xlsx|csv|json|ttl|jsonld|yaml)\b|/signin|/static/|/api/docs|/file/"
)


def crawl(client: Client, limit: int = 250) -> dict[str, str]:
    """The pages reachable from the main ones (up to ``limit``), by address."""
    seen: dict[str, str] = {}
    queue = deque(PAGES)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        html = response.content.decode()
        seen[url] = html
        for link in LINK.findall(html):
            target = urljoin(url, link.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or SKIP.search(target) or target in seen:
                continue
            queue.append(target)
    return seen


def leaks(text: str) -> list[str]:
    return sorted({m.group(0) for m in PERSONAL.finditer(text)})


def test_a_visitor_sees_no_person_in_any_page_or_answer():
    # A page that fails is not this test's concern (nor does its error page name anyone).
    client = Client(raise_request_exception=False)
    found = {url: leaks(html) for url, html in crawl(client).items()}
    for url in API:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = leaks(response.content.decode())
    found = {url: words for url, words in found.items() if words}
    assert not found, "\n".join(f"{url}: {words}" for url, words in sorted(found.items()))


def test_a_visitor_gets_a_pseudonym_that_works_where_the_id_does():
    client = Client()
    listed = client.get("/api/changes?unit=dg&limit=100").json()["changes"]
    ids = [c["id"] for c in listed]
    assert "assign-dg-swing" not in ids
    hidden = [i for i in ids if i.startswith("hidden-")]
    assert hidden
    one = client.get(f"/api/changes/{hidden[0]}")
    assert one.status_code == 200
    assert one.json()["id"] == hidden[0]
    # The same pseudonym on the pages (an anchor of the unit page), on every request.
    assert f'id="change-{hidden[0]}"' in client.get("/units/dg/").content.decode()
    assert client.get("/api/changes?unit=dg&limit=100").json()["changes"] == listed
    # The real id names nothing for a visitor: trying ids tells nobody who held a post.
    assert client.get("/api/changes/assign-dg-swing").status_code == 404


def test_a_reader_who_may_see_people_sees_the_real_ids(signed_in, auth):
    assert 'id="change-assign-dg-swing"' in signed_in.get("/units/dg/").content.decode()
    assert "assign-dg-swing" in signed_in.get("/timeline/").content.decode()
    answer = Client().get("/api/changes/assign-dg-swing", **auth)
    assert answer.status_code == 200
    assert answer.json()["id"] == "assign-dg-swing"
