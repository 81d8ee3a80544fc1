"""The permission matrix: every page and API endpoint by every role, from one table.

ENDPOINTS names each page (by URL name) and each API operation (by method and path)
with a request to make and the action it needs. A page or endpoint that is not in
the table fails :func:`test_every_endpoint_is_in_the_table`: add its row here.
The roles each action allows are written out in ALLOWED, apart from the code, so
that a change to the rules is a deliberate change to this test too.
"""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from django.urls import get_resolver

from organogram.api.main import api
from organogram.registry import services as plan_services
from organogram.registry.accounts import add_user, create_token
from organogram.registry.audit import Actor
from organogram.registry.permissions import RULES

ROLES = ("anonymous", "viewer", "editor", "approver", "administrator")
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}

#: action -> roles allowed, as docs/web.md tells them.
ALLOWED: dict[str, frozenset[str]] = {
    "public": EVERYONE,
    "structure.view": EVERYONE,
    "plan.view": EVERYONE,
    "people.view": SIGNED_IN,
    "token.manage": SIGNED_IN,
    "change.record": frozenset({"editor", "administrator"}),
    "change.correct": frozenset({"editor", "administrator"}),
    "change.reverse": frozenset({"editor", "administrator"}),
    "plan.draft": frozenset({"editor", "administrator"}),
    "plan.edit": frozenset({"editor", "administrator"}),
    "plan.propose": frozenset({"editor", "administrator"}),
    "plan.approve": frozenset({"approver", "administrator"}),
    "plan.withdraw": frozenset({"approver", "administrator"}),
    "plan.enact": frozenset({"approver", "administrator"}),
    "audit.view": frozenset({"administrator"}),
    "user.manage": frozenset({"administrator"}),
    "dataset.load": frozenset({"administrator"}),
    "register.edit": frozenset({"editor", "administrator"}),
    "source.edit": frozenset({"editor", "administrator"}),
    "cost.view": EVERYONE,
    "cost.edit": frozenset({"editor", "administrator"}),
}

RENAME = {"change": {"op": "rename", "date": "2030-01-01", "unit": "ethics", "name": "E"}}
PLAN = "matrix-plan"  # a draft made for each test (see the fixture)

#: key -> (method, url, action, body). Pages by URL name, the API by "METHOD /api/path".
ENDPOINTS: dict[str, tuple[str, str, str, dict | None]] = {
    # pages
    "structure": ("GET", "/?at=2016-11-30", "structure.view", None),
    "unit": ("GET", "/units/dfam/", "structure.view", None),
    "structure_download": ("GET", "/download.turtle?at=2016-11-30", "structure.view", None),
    "structure_sheet": ("GET", "/sheet.xlsx?at=2016-11-30", "structure.view", None),
    "posts_sheet": ("GET", "/posts/sheet.csv?at=2022", "structure.view", None),
    "timeline_sheet": ("GET", "/timeline/sheet.csv?unit=dfam", "structure.view", None),
    "compare_sheet": ("GET", "/compare/sheet.xlsx?from=2016&to=2023", "structure.view", None),
    "cost_sheet": ("GET", "/cost/sheet.csv?at=2022&by=grade", "cost.view", None),
    "person": ("GET", "/people/vojackova-sollorano/", "people.view", None),
    "structure_children": ("GET", "/tree/dg/?at=2016-11-30", "structure.view", None),
    "unit_download": ("GET", "/units/dfam/download.csv?at=2016", "structure.view", None),
    "plan_download": ("GET", "/plans/hq-review-2021/download.popolo", "plan.view", None),
    "chart": ("GET", "/chart/?at=2022", "structure.view", None),
    "chart_svg": ("GET", "/chart/svg/?at=2022&open=dg", "structure.view", None),
    "chart_moves": ("GET", "/chart/moves/?at=2022&open=dg&was=all", "structure.view", None),
    "chart_export": ("GET", "/chart/export.svg?at=2022&open=dg", "structure.view", None),
    "chart_edit": (
        "POST", f"/chart/edit/?plan={PLAN}", "plan.edit",
        {"do": "move", "node": "treasury", "to": "dg"},
    ),
    "sources": ("GET", "/sources/", "structure.view", None),
    "bodies": ("GET", "/bodies/?at=2018", "structure.view", None),
    "body": ("GET", "/bodies/council/?at=2018", "structure.view", None),
    "nominations": ("GET", "/nominations/", "structure.view", None),
    "call": ("GET", "/nominations/ddg-2023/", "structure.view", None),
    "entry_new": ("GET", "/registers/nominations/new/?call=ddg-2023", "register.edit", None),
    "entry_edit": ("GET", "/registers/calls/ddg-2023/edit/", "register.edit", None),
    "source": ("GET", "/sources/scpf28/", "structure.view", None),
    "source_new": ("GET", "/sources/new/", "source.edit", None),
    "source_edit": ("GET", "/sources/scpf28/edit/", "source.edit", None),
    "source_remove": ("POST", "/sources/scpf28/remove/", "source.edit", {}),
    "source_file": ("GET", "/sources/scpf28/file/", "structure.view", None),
    "lookup_passages": ("GET", "/lookup/passages/?source=scpf28", "structure.view", None),
    "record": ("GET", "/units/ethics/record/rename/", "change.record", None),
    "reverse": ("GET", "/changes/rename-ethics/reverse/", "change.reverse", None),
    "audit": ("GET", "/audit/", "audit.view", None),
    "lookup": ("GET", "/lookup/?kind=unit&q=budget&at=2022", "structure.view", None),
    "search": ("GET", "/search/?q=legal", "structure.view", None),
    "search_suggest": ("GET", "/search/suggest/?q=leg", "structure.view", None),
    "account": ("GET", "/account/", "token.manage", None),
    "signin": ("GET", "/signin/", "public", None),
    "timeline": ("GET", "/timeline/?unit=dfam", "structure.view", None),
    "compare": ("GET", "/compare/?from=2016&to=2023", "structure.view", None),
    "plans": ("GET", "/plans/", "plan.view", None),
    "plan": ("GET", f"/plans/{PLAN}/", "plan.view", None),
    "plan_new": ("GET", "/plans/new/", "plan.draft", None),
    "plan_change_new": ("GET", f"/plans/{PLAN}/changes/new/", "plan.edit", None),
    "plan_change_remove": (
        "POST", f"/plans/{PLAN}/changes/no-such-change/remove/", "plan.edit", {},
    ),
    "plan_rebase": ("POST", f"/plans/{PLAN}/rebase/", "plan.edit", {}),
    "plan_import": ("GET", f"/plans/{PLAN}/import/", "plan.edit", None),
    "plan_import_sheet": ("GET", f"/plans/{PLAN}/import/changes.csv", "plan.view", None),
    # Drafting from a document: whoever may draft a plan or fill one in (the same roles).
    # The draft pages of a key no session holds answer 404 to those allowed.
    "plan_draft_new": ("POST", "/plans/draft/", "plan.draft", {"text": "1. Nothing."}),
    "plan_draft": ("GET", "/plans/draft/none/", "plan.draft", None),
    "plan_draft_decide": ("POST", "/plans/draft/none/decide/", "plan.draft", {"n": "1"}),
    "plan_draft_edit": ("GET", "/plans/draft/none/proposals/1/edit/", "plan.draft", None),
    "plan_draft_save": ("POST", "/plans/draft/none/save/", "plan.draft", {"target": "new"}),
    "plan_compare": ("GET", f"/plans/compare/?a={PLAN}&b=hq-review-2021", "plan.view", None),
    "plan_merge": ("GET", f"/plans/{PLAN}/merge/?from=hq-review-2021", "plan.edit", None),
    "plan_move": ("POST", f"/plans/{PLAN}/status/", "plan.propose", {"to": "proposed"}),
    "plan_enact": ("GET", f"/plans/{PLAN}/enact/", "plan.enact", None),
    "plan_withdraw": ("GET", f"/plans/{PLAN}/withdraw/", "plan.withdraw", None),
    "signout": ("POST", "/signout/", "public", {}),
    "cost": ("GET", "/cost/?at=2022&by=grade", "cost.view", None),
    "plan_cost": ("GET", "/plans/hq-review-2021/cost/", "cost.view", None),
    "cost_table_new": ("GET", "/cost/tables/new/", "cost.edit", None),
    "cost_table_edit": ("GET", "/cost/tables/illustrative-2021/edit/", "cost.edit", None),
    "exchange_rate_new": ("GET", "/cost/rates/new/", "cost.edit", None),
    "exchange_rate_edit": ("GET", "/cost/rates/illustrative-usd-chf-2021/edit/", "cost.edit", None),
    "posts": ("GET", "/posts/?at=2024&vacant=1", "structure.view", None),
    "post": ("GET", "/posts/ddg-mr/?at=2024", "structure.view", None),
    "admin": ("GET", "/admin/", "user.manage", None),
    # the API
    "GET /api/me": ("GET", "/api/me", "public", None),
    "GET /api/structure": ("GET", "/api/structure?at=2016", "structure.view", None),
    "GET /api/units/{node}": ("GET", "/api/units/dfam", "structure.view", None),
    "GET /api/units/{node}/history": ("GET", "/api/units/dfam/history", "structure.view", None),
    "GET /api/units/{node}/lineage": ("GET", "/api/units/odg/lineage", "structure.view", None),
    "GET /api/diff": ("GET", "/api/diff?from=2016&to=2023", "structure.view", None),
    "GET /api/sources": ("GET", "/api/sources", "structure.view", None),
    "GET /api/sources/{source_id}": ("GET", "/api/sources/scpf28", "structure.view", None),
    "POST /api/sources": (
        "POST", "/api/sources", "source.edit", {"source": {"id": "m", "title": "M"}},
    ),
    "PUT /api/sources/{source_id}": (
        "PUT", "/api/sources/scpf28", "source.edit", {"source": {"title": "M"}},
    ),
    "DELETE /api/sources/{source_id}": ("DELETE", "/api/sources/m", "source.edit", None),
    "POST /api/sources/{source_id}/file": (
        "POST", "/api/sources/scpf28/file", "source.edit", lambda: {"file": _copy()},
    ),
    "DELETE /api/sources/{source_id}/file": (
        "DELETE", "/api/sources/scpf28/file", "source.edit", None,
    ),
    "GET /api/changes": ("GET", "/api/changes?unit=dfam", "structure.view", None),
    "POST /api/changes": ("POST", "/api/changes", "change.record", RENAME),
    "GET /api/changes/{change_id}": ("GET", "/api/changes/rename-ethics", "structure.view", None),
    "POST /api/changes/{change_id}/reverse": (
        "POST", "/api/changes/rename-ethics/reverse", "change.reverse", {"reason": "test"},
    ),
    "GET /api/plans": ("GET", "/api/plans", "plan.view", None),
    "POST /api/plans/draft": (
        "POST", "/api/plans/draft", "plan.draft", lambda: {"text": "1. Nothing to read."},
    ),
    "POST /api/plans": ("POST", "/api/plans", "plan.draft", {"title": "T", "effective": "2031"}),
    "GET /api/plans/{plan_id}": ("GET", f"/api/plans/{PLAN}", "plan.view", None),
    "GET /api/plans/{plan_id}/preview": ("GET", f"/api/plans/{PLAN}/preview", "plan.view", None),
    "GET /api/plans/{plan_id}/validation": (
        "GET", f"/api/plans/{PLAN}/validation", "plan.view", None,
    ),
    "GET /api/plans/{plan_id}/narrative": (
        "GET", f"/api/plans/{PLAN}/narrative", "plan.view", None,
    ),
    "GET /api/plans/{plan_id}/conflicts": (
        "GET", f"/api/plans/{PLAN}/conflicts", "plan.view", None,
    ),
    "POST /api/plans/{plan_id}/changes": (
        "POST", f"/api/plans/{PLAN}/changes", "plan.edit", RENAME,
    ),
    "PUT /api/plans/{plan_id}/changes/{change_id}": (
        "PUT", f"/api/plans/{PLAN}/changes/{PLAN}-1", "plan.edit", RENAME,
    ),
    "DELETE /api/plans/{plan_id}/changes/{change_id}": (
        "DELETE", f"/api/plans/{PLAN}/changes/{PLAN}-1", "plan.edit", None,
    ),
    "POST /api/plans/{plan_id}/import": (
        "POST", f"/api/plans/{PLAN}/import", "plan.edit", lambda: {"sheet": _sheet()},
    ),
    "POST /api/plans/{plan_id}/rebase": ("POST", f"/api/plans/{PLAN}/rebase", "plan.edit", {}),
    "POST /api/plans/{plan_id}/transition": (
        "POST", f"/api/plans/{PLAN}/transition", "plan.propose", {"to": "proposed"},
    ),
    "GET /api/plans/compare": (
        "GET", f"/api/plans/compare?a={PLAN}&b=hq-review-2021", "plan.view", None,
    ),
    "POST /api/plans/{plan_id}/merge": (
        "POST", f"/api/plans/{PLAN}/merge", "plan.edit", {"from": "hq-review-2021"},
    ),
    "POST /api/plans/{plan_id}/enact": ("POST", f"/api/plans/{PLAN}/enact", "plan.enact", {}),
    "GET /api/names": ("GET", "/api/names?kind=unit&q=budg", "structure.view", None),
    "GET /api/search": ("GET", "/api/search?q=legal", "structure.view", None),
    "GET /api/names/resolve": (
        "GET", "/api/names/resolve?kind=unit&text=budget", "structure.view", None,
    ),
    "GET /api/registers": ("GET", "/api/registers", "structure.view", None),
    "GET /api/bodies": ("GET", "/api/bodies?at=2018", "structure.view", None),
    "GET /api/bodies/{body_id}": ("GET", "/api/bodies/council", "structure.view", None),
    "GET /api/calls": ("GET", "/api/calls", "structure.view", None),
    "GET /api/calls/{call_id}": ("GET", "/api/calls/ddg-2023", "structure.view", None),
    "GET /api/registers/{section}": ("GET", "/api/registers/bodies", "structure.view", None),
    "GET /api/registers/{section}/{key}": (
        "GET", "/api/registers/bodies/none", "structure.view", None,
    ),
    "POST /api/registers/{section}": (
        "POST", "/api/registers/bodies", "register.edit", {"entry": {"id": "m", "name": "M"}},
    ),
    "PUT /api/registers/{section}/{key}": (
        "PUT", "/api/registers/bodies/m", "register.edit", {"entry": {"name": "M"}},
    ),
    "DELETE /api/registers/{section}/{key}": (
        "DELETE", "/api/registers/bodies/m", "register.edit", None,
    ),
    "GET /api/cost": ("GET", "/api/cost?at=2022&currency=CHF", "cost.view", None),
    "GET /api/cost/plans/{plan_id}": (
        "GET", "/api/cost/plans/hq-review-2021", "cost.view", None,
    ),
    "GET /api/budgets": ("GET", "/api/budgets", "cost.view", None),
    "GET /api/posts": ("GET", "/api/posts?at=2024&unit=dfam", "structure.view", None),
    "GET /api/vacancies": ("GET", "/api/vacancies?at=2024", "structure.view", None),
    "GET /api/posts/{post_id}": ("GET", "/api/posts/ddg-mr?at=2024", "structure.view", None),
}


def site_names() -> set[str]:
    """URL names of the site's pages (plus the admin's entry)."""
    resolver = get_resolver()
    site = next(p for p in resolver.url_patterns if getattr(p, "namespace", "") == "site")
    return {p.name for p in site.url_patterns} | {"admin"}


def api_operations() -> set[str]:
    """Every API operation as "METHOD /api/path", from its OpenAPI description."""
    paths = api.get_openapi_schema()["paths"]
    return {f"{m.upper()} {path}" for path, ops in paths.items() for m in ops}


def test_every_endpoint_is_in_the_table():
    missing = (site_names() | api_operations()) - set(ENDPOINTS)
    assert not missing, f"add a row to ENDPOINTS in {__file__} for: {sorted(missing)}"


def test_the_table_of_roles_is_the_rule_table():
    for action, roles in RULES.items():
        assert ALLOWED[action] == roles, action


@pytest.fixture
def as_role(db, client, settings):
    """A client acting as ``role`` (a session for pages, a token for the API)."""
    # Accounts are made for every case: a slow password hash would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def make(role: str, api_call: bool, url: str = ""):
        if PLAN in url:  # only where needed: a write makes the next read rebuild the record
            plan_services.draft_plan(
                Actor("tests"), title="Matrix", effective="2031", plan_id=PLAN
            )
        if role == "anonymous":
            return client, {}
        user, _ = add_user(f"{role}-user", role, Actor("tests"))
        if api_call:
            _, token = create_token(user, Actor("tests"))
            return client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        client.force_login(user)
        return client, {}

    return make


def _sheet():
    """A spreadsheet of one change, for the upload endpoints (made anew for each call:
    an upload is read once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "op,unit,name,reason\nrename,ethics,Office of Integrity,matrix\n"
    return SimpleUploadedFile("changes.csv", text.encode(), content_type="text/csv")


def _copy():
    """A copy of a document, for the source's upload (made anew for each call)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("paper.txt", b"the paper", content_type="text/plain")


def call(client, method: str, url: str, body, headers: dict):
    if callable(body):  # a multipart form (an upload)
        return client.post(url, body(), **headers)
    if method == "GET":
        return client.get(url, **headers)
    if method in ("PUT", "DELETE"):
        data = json.dumps(body) if body is not None else ""
        return client.generic(method, url, data, content_type="application/json", **headers)
    if url.startswith("/api/"):
        return client.post(url, body or {}, content_type="application/json", **headers)
    return client.post(url, body or {}, **headers)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(ENDPOINTS))
def test_matrix(as_role, key, role):
    if key not in site_names() | api_operations():
        pytest.skip(f"{key}: not served (yet)")
    method, url, action, body = ENDPOINTS[key]
    is_api = url.startswith("/api/")
    client, headers = as_role(role, is_api, url)
    response = call(client, method, url, body, headers)
    status = response.status_code
    to_signin = status == 302 and "/signin/" in response.get("Location", "")
    if role in ALLOWED[action]:
        assert status not in (401, 403) and not to_signin, (key, role, status)
        assert status < 500, (key, role, status, response.content[:300])
    elif role == "anonymous":
        # The admin sends visitors to its own sign-in page.
        expected = (
            status == 401
            if is_api
            else to_signin or status == 403 or (key == "admin" and status == 302)
        )
        assert expected, (key, role, status)
    else:
        assert status == 403 or (key == "admin" and status == 302), (key, role, status)


@override_settings(ORGANOGRAM_ANONYMOUS_READ=False)
@pytest.mark.parametrize(
    "key",
    [k for k, v in ENDPOINTS.items() if v[2] in ("structure.view", "plan.view", "cost.view")],
)
def test_visitors_read_nothing_when_the_setting_says_so(as_role, key):
    method, url, _, body = ENDPOINTS[key]
    client, headers = as_role("anonymous", url.startswith("/api/"), url)
    response = call(client, method, url, body, headers)
    if url.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and "/signin/" in response["Location"]
