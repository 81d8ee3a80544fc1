"""A headless Chromium page signed in to the live server, for the browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import load_dataset_into_registry

from .conftest import IOM
from .test_browser import ARGS, CHROMIUM


def signed_in_browser(
    live_server: Any,
    monkeypatch: Any,
    username: str,
    role: str,
    password: str,
    then: str,
    viewport: dict[str, int] | None = None,
) -> Iterator[tuple[Any, str]]:
    """Yield (a page signed in as a new ``role`` account and sent to ``then``, the
    server's address); skipped, saying why, without Chromium or Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need playwright (pip install playwright)"
    )
    if store.is_empty():
        load_dataset_into_registry(IOM, Actor("tests"))
    add_user(username, role, Actor("tests"), password=password)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
        page.set_default_timeout(15_000)
        try:
            page.goto(f"{live_server.url}/signin/?next={then}")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("form.signin button[type=submit]")
            page.wait_for_url(f"**{then}")
            yield page, live_server.url
        finally:
            browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
