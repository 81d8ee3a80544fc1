"""One date format on the pages: the moments of the audit log, the account's tokens and
a plan's base read as the other dates do ("7 May 2024, 09:30 UTC"), never as
"2024-05-07 09:30"; an entry's record before and after reads as JSON, not as a dict."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from organogram.registry import models as m
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.site.templatetags.dates import when

#: A timestamp written the machine's way, as the pages used to show them.
MACHINE_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
TEMPLATES = Path(__file__).parents[2] / "organogram" / "site" / "templates"


def test_a_moment_keeps_its_time_in_words_and_its_machine_form_in_the_tag():
    aware = dt.datetime(2024, 5, 7, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert str(when(aware, "time")) == (
        '<time datetime="2024-05-07T09:30:00+00:00">7 May 2024, 09:30 UTC</time>'
    )
    # Without "time" a moment is its day, as before.
    assert str(when(aware)) == '<time datetime="2024-05-07">7 May 2024</time>'


def test_no_template_formats_a_date_its_own_way():
    """Dates go through ``when`` (or the same words, "j F Y"): no numeric date format."""
    numeric = re.compile(r"""date:["'](?!j F Y["'])([^"']*)["']""")
    found = [
        f"{p.name}: {m.group(0)}"
        for p in sorted(TEMPLATES.rglob("*.html"))
        for m in numeric.finditer(p.read_text())
        # A date field's value is the browser's machine form, not something shown.
        if m.group(1) != "Y-m-d"
        or 'value="' not in p.read_text()[max(0, m.start() - 60) : m.start()]
    ]
    assert found == []


@pytest.fixture
def administrator(db, client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    boss, _ = add_user("datekeeper", "administrator", Actor("tests"))
    client.force_login(boss)
    return client


def test_the_audit_log_shows_moments_in_the_one_format_and_records_as_json(administrator):
    html = administrator.get("/audit/").content.decode()
    entry = m.AuditEntry.objects.filter(action="organogram.user.add").first()
    at = entry.at.astimezone(dt.UTC)
    assert f"{at.day} {at:%B %Y}, {at:%H:%M} UTC" in html
    assert not MACHINE_MOMENT.search(re.sub(r'datetime="[^"]*"', "", html))
    # The user's role as written when it was added: JSON (its quotes escaped), no dict.
    assert "{\n  &quot;role&quot;: &quot;administrator&quot;\n}" in html
    assert "{&#x27;role&#x27;" not in html


def test_the_account_page_shows_its_tokens_moments_in_the_one_format(administrator):
    administrator.post("/account/", {"create": "1", "name": "sheet"})
    html = administrator.get("/account/").content.decode()
    created = m.Token.objects.get(name="sheet").created.astimezone(dt.UTC)
    assert f"{created.day} {created:%B %Y}, {created:%H:%M} UTC" in html
    assert not MACHINE_MOMENT.search(re.sub(r'datetime="[^"]*"', "", html))
