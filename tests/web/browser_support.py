"""A headless Chromium page signed in to the live server, for the browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

from .test_browser import ARGS, CHROMIUM, csp_violations, playwright_with_iom


def signed_in_browser(
    live_server: Any,
    monkeypatch: Any,
    username: str,
    role: str,
    password: str,
    then: str,
    viewport: dict[str, int] | None = None,
    **options: Any,
) -> Iterator[tuple[Any, str]]:
    """Yield (a page signed in as a new ``role`` account and sent to ``then``, the
    server's address); skipped, saying why, without Chromium or Playwright. ``options``
    are the page's own (``has_touch``, ``java_script_enabled``…)."""
    sync_api = playwright_with_iom()
    add_user(username, role, Actor("tests"), password=password)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        if viewport:
            options["viewport"] = viewport
        page = browser.new_page(**options)
        page.set_default_timeout(15_000)
        refused = csp_violations(page)
        try:
            page.goto(f"{live_server.url}/signin/?next={then}")
            page.fill("#id_username", username)
            page.fill("#id_password", password)
            page.click("form.signin button[type=submit]")
            page.wait_for_url(f"**{then}")
            yield page, live_server.url
            assert not refused, refused
        finally:
            browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
