"""The Posts pages and the posts API: filters, terms of reference, names only when allowed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HOLDER = "Irena Vojáčková-Sollorano"  # the ad interim holder of ddg-mr (portfolio, 2023)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def test_posts_page_lists_posts_with_status_and_links_to_each(client):
    html = page(client, "/posts/?at=2024")
    assert 'href="/posts/ddg-mr/?at=2024"' in html
    assert "Deputy Director General for Management and Reform" in html
    assert "Director of the Department of Financial and Administrative Management" in html
    assert HOLDER not in html and "filled" in html  # visitors: filled or vacant only


def test_posts_page_filters_vacancies_and_units(signed_in):
    # The DDG for Operations is held in 2024 by someone the documents do not name: held,
    # not vacant.
    html = page(signed_in, "/posts/?at=2024")
    row = html[html.index("Deputy Director General for Operations") :]
    assert "a holder not named in the sources" in row[: row.index("</tr>")]
    html = page(signed_in, "/posts/?at=2024&vacant=1")
    assert "Deputy Director General for Operations" not in html
    assert "Deputy Director General for Management and Reform" not in html  # held ad interim
    html = page(signed_in, "/posts/?at=2024&unit=dfam")
    assert "1 post in" in html and "Department of Financial and Administrative Management" in html
    assert "Deputy Director General" not in html.split("<main", 1)[1]
    page(signed_in, "/posts/?at=2024&unit=nowhere", status=404)


def test_post_page_shows_terms_of_reference_and_grades_but_no_name_to_visitors(client):
    html = page(client, "/posts/ddg-mr/?at=2024")
    assert "Terms of reference" in html and "ddg-mr-c-sp-4-4" in html
    assert "Chairs and oversees the Internal Governance Framework" in html
    assert "Strategic thinking and vision — level 3" in html  # from the generic description
    assert "English: required" in html
    # The values are the generic description's; the terms hold none of their own.
    assert html.count("<h4>Values</h4>") == 1 and "<li></li>" not in html
    assert "Classification history" in html and "create-post" in html
    assert HOLDER not in html and "filled" in html
    page(client, "/posts/ghost/", status=404)


def test_post_page_names_the_holder_to_signed_in_readers(signed_in):
    html = page(signed_in, "/posts/ddg-mr/?at=2024")
    assert HOLDER in html and "ad-interim" in html
    assert 'href="/units/ddg-mr/record/amend-post/"' in html  # an administrator may amend it


def test_post_page_before_the_post_existed_says_so(client):
    html = page(client, "/posts/ddg-mr/?at=2019")
    assert "did not yet exist" in html


def test_unit_page_links_its_posts_to_their_pages(client):
    html = page(client, "/units/dfam/?at=2024")
    assert 'href="/posts/dfam-director/?at=2024"' in html
    assert 'href="/posts/?unit=dfam&amp;at=2024"' in html


def test_amend_post_through_the_change_form_records_the_change(signed_in):
    from organogram.registry import store

    form = signed_in.get("/units/dfam-director/record/amend-post/")
    assert form.status_code == 200
    token = form.context["form"].initial["token"]
    response = signed_in.post(
        "/units/dfam-director/record/amend-post/",
        {"post": "dfam-director", "status": "frozen", "funding": "core", "fte": "0.5",
         "date": "2030-01-01", "reason": "budget cut", "token": token},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    s = store.current().record.timeline.snapshot("2030-06").structure
    post = s.posts["dfam-director"]
    assert (post.status, post.funding, post.fte) == ("frozen", "core", 0.5)


def test_api_posts_vacancies_and_detail(client, auth):
    data = client.get("/api/posts?at=2024&unit=dfam").json()
    assert [p["id"] for p in data["posts"]] == ["dfam-director"]
    assert "holders" not in data["posts"][0]
    vacant = client.get("/api/vacancies?at=2024").json()
    ids = {p["id"] for p in vacant["vacant"]}
    unknown = {p["id"]: p["holding"] for p in vacant["no_holder_recorded"]}
    assert set(unknown.values()) <= {"no holder recorded"}
    assert "ddg-op" not in ids and "ddg-op" not in unknown  # held, by someone not named
    assert "ddg-mr" not in ids and "ddg-mr" not in unknown and vacant["frozen"] == []
    detail = client.get("/api/posts/ddg-op?at=2024").json()
    assert detail["terms"]["id"] == "ddg-op-c-sp-4-4"
    assert len(detail["terms"]["duties"]) == 10 and "assignments" not in detail
    signed = client.get("/api/posts/ddg-mr?at=2024", **auth).json()
    # The Deputy selected in 2021 (not named) and the ad interim holder the portfolio names.
    assert [h["name"] for h in signed["holders"]] == ["a holder not named in the sources", HOLDER]
    assert client.get("/api/posts/ghost").status_code == 404
    assert client.get("/api/posts?unit=nowhere").status_code == 404


def test_contacts_and_cvs_go_through_the_registry_and_stay_out_of_exports_without_them(
    tmp_path,
):
    from pathlib import Path

    from organogram.formats import load_dataset
    from organogram.registry.audit import Actor
    from organogram.registry.services import export_registry, load_dataset_into_registry

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "posts"
    load_dataset_into_registry(fixture, Actor("tests"), replace=True)
    export_registry(tmp_path / "all")
    ben = load_dataset(tmp_path / "all").people["ben"]
    assert (ben.contact, ben.cv) == ("ben.sample@example.org", "cv/ben-sample.pdf")
    export_registry(tmp_path / "none", personal=False)
    written = "".join(p.read_text() for p in (tmp_path / "none").glob("*.yaml"))
    assert "Ben Sample" not in written and "example.org" not in written
    assert "fin-officer-2022" in written  # the terms of reference stay
