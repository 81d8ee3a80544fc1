"""Headers and limits of a production configuration: secure cookies and HSTS over HTTPS,
a Content-Security-Policy everywhere, no caching of what a signed-in reader sees, and
request bodies refused past their limit before they are read."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.test import Client

import organogram.web.settings as live_settings

pytestmark = pytest.mark.django_db

SETTINGS = Path(live_settings.__file__)


def settings_with(monkeypatch, **env: str):
    """The settings module as read with ``env`` (a copy: the running one is untouched)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("organogram.web._probe", SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_https_turns_on_secure_cookies_and_hsts(monkeypatch):
    plain = settings_with(monkeypatch)
    assert not plain.SESSION_COOKIE_SECURE and not plain.CSRF_COOKIE_SECURE
    assert plain.SECURE_HSTS_SECONDS == 0
    assert not hasattr(plain, "SECURE_PROXY_SSL_HEADER")
    https = settings_with(monkeypatch, ORGANOGRAM_HTTPS="1")
    assert https.SESSION_COOKIE_SECURE and https.CSRF_COOKIE_SECURE
    assert https.SECURE_HSTS_SECONDS == 31536000
    # The proxy's header is trusted only when named.
    assert not hasattr(https, "SECURE_PROXY_SSL_HEADER")
    proxied = settings_with(
        monkeypatch, ORGANOGRAM_HTTPS="1", ORGANOGRAM_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert proxied.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_the_policy_is_enforced_unless_debugging(monkeypatch):
    assert settings_with(monkeypatch).CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    debugging = settings_with(monkeypatch, ORGANOGRAM_DEBUG="1")
    # Django's debug pages are inline-styled: the policy is reported there, not enforced.
    assert debugging.CONTENT_SECURITY_POLICY is None
    assert debugging.CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"]["script-src"]


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"


def test_every_answer_has_the_policy_and_the_plain_headers(client):
    for url in ("/", "/units/dg/", "/api/structure?at=2023", "/signin/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_no_cache_keeps_what_a_signed_in_reader_sees(client, signed_in, auth):
    visitor = Client().get("/units/dg/")
    assert "no-store" not in visitor.get("Cache-Control", "")
    for response in (
        signed_in.get("/units/dg/"),
        signed_in.get("/api/units/dg"),
        Client().get("/api/units/dg", **auth),
    ):
        cache = response["Cache-Control"]
        assert "no-store" in cache and "private" in cache, cache


def test_a_body_past_the_limit_is_refused_before_it_is_read(signed_in, settings):
    settings.ORGANOGRAM_UPLOAD_BYTES = 1024
    response = signed_in.post("/sources/new/", {"x": "y"}, CONTENT_LENGTH="2048")
    assert response.status_code == 413
    assert "at most" in response.content.decode()


def test_no_inline_style_or_script_in_the_templates():
    """What a strict policy would block: style attributes, inline scripts and handlers."""
    templates = Path(live_settings.PACKAGE_DIR) / "site" / "templates"
    found = []
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for bad in (" style=", "<style", " onclick=", " onload=", " onchange=", " onsubmit="):
            if bad in text:
                found.append(f"{path.name}: {bad.strip()}")
        for script in text.split("<script")[1:]:
            head = script.split(">", 1)[0]
            if "src=" not in head and "application/json" not in head:
                found.append(f"{path.name}: inline script")
    assert not found, found
