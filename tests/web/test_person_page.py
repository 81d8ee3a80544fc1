"""The person page: the posts someone held, for those allowed to see names only."""

from __future__ import annotations

import pytest

from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db

HOLDER = "Irena Vojáčková-Sollorano"
URL = "/people/vojackova-sollorano/"


@pytest.fixture
def viewer(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("reader", "viewer", Actor("tests"))
    client.force_login(user)
    return client


def test_visitors_are_sent_to_sign_in_and_never_see_the_name(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/signin/" in response["Location"]
    assert HOLDER not in client.get("/posts/?at=2023-06-30").content.decode()


def test_the_page_lists_the_posts_held_with_dates_and_sources(viewer):
    response = viewer.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{HOLDER}</h1>" in html
    assert '<a href="/posts/ddg-mr/?at=2021-10/..">Deputy Director General' in html
    assert "ad-interim" in html
    # A date known only from a bound is said in words, never as a day.
    assert "<td>not before October 2021</td>" in html
    assert 'class="cite"' in html  # the citation links to its source


def test_holders_link_to_their_page_where_they_are_named(viewer):
    for url in (
        "/posts/?at=2023-06-30",
        "/posts/ddg-mr/?at=2023-06-30",
        "/units/ddg-mr/?at=2023-06-30",
    ):
        html = viewer.get(url).content.decode()
        assert f'<a href="{URL}" class="person">{HOLDER}</a>' in html, url


def test_an_unknown_person_is_not_found(viewer):
    assert viewer.get("/people/nobody-at-all/").status_code == 404
