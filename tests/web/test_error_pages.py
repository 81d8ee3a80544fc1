"""The site's own pages for a missing page, a server error and an expired form: with the
site's navigation and a way on, and JSON under /api/."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import path

from organogram.web import urls as project_urls


def boom(request: HttpRequest):
    raise RuntimeError("a secret detail of the code")


# A URL map for the server-error test: the project's, plus a page that fails.
urlpatterns = [
    path("boom/", boom),
    path("api/boom/", boom),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


def test_a_missing_page_has_the_site_navigation_and_a_way_on(db, client, debug_off):
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in html and "<code>/no/such/page/</code>" in html
    assert "tried" not in html and "resolver" not in html  # no URL patterns shown
    assert 'href="/timeline/"' in html and 'href="/plans/"' in html  # navigation and links


def test_a_missing_unit_says_which(db, client, debug_off):
    response = client.get("/units/no-such-unit/")
    assert response.status_code == 404
    assert "no-such-unit" in response.content.decode()


def test_a_missing_api_path_is_answered_in_json(db, client, debug_off):
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_server_error_is_the_site_page_without_the_code_insides(db, settings, debug_off):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and 'href="/timeline/"' in html
    assert "secret detail" not in html
    api = client.get("/api/boom/")
    assert api.status_code == 500 and api.json()["detail"].startswith("server error")


def test_an_expired_form_says_to_reload_and_send_again(db, debug_off, django_user_model):
    django_user_model.objects.create_user("clerk", password="a long password 1")
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(username="clerk"))
    response = client.post("/signout/", {}, HTTP_REFERER="http://testserver/plans/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "The form has expired" in html and "nothing was written" in html
    assert 'href="http://testserver/plans/"' in html
    # A referrer from elsewhere is not offered as the way back.
    other = client.post("/signout/", {}, HTTP_REFERER="https://elsewhere.example/x")
    assert "elsewhere.example" not in other.content.decode()


def test_every_page_names_its_icon_and_the_old_address_leads_to_it(db, client):
    html = client.get("/sources/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
