"""Downloads from the Structure, Unit and Plan pages, in every export format.

Each download is read back with an independent reader (rdflib, json, openpyxl, the
dataset loader and the spreadsheet importer) and compared with what the page shows;
the names of post holders are in it only for those who may see them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.test import override_settings
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from organogram.formats import load_dataset
from organogram.importers.run import Options, run_import
from organogram.queries.plans import plan_preview
from organogram.queries.structure import structure_at
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

from .conftest import IOM

pytestmark = [
    pytest.mark.django_db,
    # rdflib's JSON-LD parser uses a class it deprecates itself.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RECORD = load_dataset(IOM)
#: The Deputy Director General for Management and Reform's post is held (ad interim) then.
HELD = "2023-06-30"
HOLDER = "Irena Vojáčková-Sollorano"
TYPES = {
    "yaml": "application/yaml; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "jsonld": "application/ld+json",
    "turtle": "text/turtle; charset=utf-8",
    "popolo": "application/json",
}


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response


def filename(response) -> str:
    found = re.fullmatch(r'attachment; filename="(.+)"', response["Content-Disposition"])
    assert found, response["Content-Disposition"]
    return found.group(1)


def nodes_of(record, at: str) -> set[str]:
    """Units and posts in force on ``at`` in a record read back."""
    s = record.timeline.snapshot(at).structure
    return set(s.units) | set(s.posts)


def units_in(data: dict) -> set[str]:
    """The units among the nodes a page shows (senior posts have a grade)."""
    return {n["id"] for n in data["nodes"] if "grade" not in n}


def unit_ids(g: Graph) -> set[str]:
    return {str(u).rsplit("/", 1)[1] for u in g.subjects(RDF.type, ORG.OrganizationalUnit)}


def read_back(fmt: str, content: bytes, tmp_path):
    """The download read by a reader that is not the writer: a record or a graph or JSON."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    if fmt == "yaml":
        path = tmp_path / "download.yaml"
        path.write_bytes(content)
        return load_dataset(path)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        assert {"organization", "units", "posts"} <= set(book.sheetnames)
        path = tmp_path / "download.xlsx"
        path.write_bytes(content)
        return run_import("xlsx", [str(path)], Options(progress=False))[0]
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = z.namelist()
            assert all(n.count("/") == 1 for n in names) and any(
                n.endswith("/units.csv") for n in names
            )
            z.extractall(tmp_path / "csv")
        folder = next((tmp_path / "csv").iterdir())
        return run_import("csv", [str(folder)], Options(progress=False))[0]
    if fmt in ("jsonld", "turtle"):
        syntax = "json-ld" if fmt == "jsonld" else "turtle"
        return Graph().parse(data=content.decode(), format=syntax)
    return json.loads(content)


@pytest.mark.parametrize("fmt", sorted(TYPES))
def test_the_structure_at_a_date_downloads_in_each_format(client, fmt, tmp_path):
    response = get(client, f"/download.{fmt}?at=2016-11-30")
    assert response["Content-Type"] == TYPES[fmt]
    assert filename(response).startswith("iom-hq-2016-11-30")
    back = read_back(fmt, response.content, tmp_path)
    page = structure_at(RECORD, "2016-11-30", people=False)
    units = units_in(page)
    assert "dfam" in units and "dfa" not in units  # the 2016 departments, before the review
    if fmt in ("yaml", "xlsx", "csv"):
        s = back.timeline.snapshot("2016-11-30").structure
        assert set(s.units) == units
        assert {n["id"] for n in page["nodes"]} <= set(s.units) | set(s.posts)
    elif fmt == "popolo":
        current = {o["id"] for o in back["organizations"] if "dissolution_date" not in o}
        assert units <= current
    else:
        assert units <= unit_ids(back)


@pytest.mark.parametrize("fmt", sorted(TYPES))
def test_a_units_subtree_downloads_in_each_format(client, fmt, tmp_path):
    response = get(client, f"/units/dfam/download.{fmt}?at=2016-11-30")
    assert response["Content-Type"] == TYPES[fmt]
    assert filename(response).startswith("iom-hq-2016-11-30-dfam")
    back = read_back(fmt, response.content, tmp_path)
    subtree = units_in(structure_at(RECORD, "2016-11-30", unit="dfam", people=False))
    assert "dfam" in subtree and len(subtree) > 3
    if fmt in ("yaml", "xlsx", "csv"):
        s = back.timeline.snapshot("2016-11-30").structure
        assert set(s.units) == subtree
        assert s.roots() == ["dfam"]  # the subtree's top reports to no one in it
    elif fmt == "popolo":
        orgs = {o["id"]: o for o in back["organizations"]}
        assert set(orgs) - {"iom-hq"} == subtree
        assert orgs["dfam"]["parent_id"] == "iom-hq"
    else:
        assert unit_ids(back) == subtree
        dfam = next(u for u in back.subjects(ORG.identifier, None) if str(u).endswith("/dfam"))
        assert not list(back.objects(dfam, ORG.subOrganizationOf))


@pytest.mark.parametrize("fmt", sorted(TYPES))
def test_a_plans_result_downloads_in_each_format(client, fmt, tmp_path):
    response = get(client, f"/plans/hq-review-2021/download.{fmt}")
    assert response["Content-Type"] == TYPES[fmt]
    preview = plan_preview(RECORD, "hq-review-2021", people=False)
    assert filename(response).startswith(f"iom-hq-{preview['date']}-plan-hq-review-2021")
    back = read_back(fmt, response.content, tmp_path)
    units = units_in(preview)
    assert "eo" in units or any("executive" in n["name"].lower() for n in preview["nodes"])
    if fmt in ("yaml", "xlsx", "csv"):
        assert set(back.timeline.snapshot(preview["date"]).structure.units) == units
        assert not back.plans
    elif fmt == "popolo":
        current = {o["id"] for o in back["organizations"] if "dissolution_date" not in o}
        assert units <= current
    else:
        assert units <= unit_ids(back)


def _names_in(fmt: str, content: bytes, tmp_path) -> bool:
    """Whether the holder's name is anywhere in the download, read back."""
    back = read_back(fmt, content, tmp_path)
    if fmt in ("yaml", "xlsx", "csv"):
        return any(p.name == HOLDER for p in back.people.values())
    if fmt == "popolo":
        return any(p.get("name") == HOLDER for p in back["persons"]) and bool(back["memberships"])
    return any(str(n) == HOLDER for n in back.objects(None, FOAF.name))


@pytest.mark.parametrize("fmt", sorted(TYPES))
@pytest.mark.parametrize("url", ["/units/ddg-mr/download.{}?at=" + HELD, "/download.{}?at=" + HELD])
def test_holders_names_only_for_those_who_may_see_them(client, fmt, url, tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    anonymous = get(client, url.format(fmt)).content
    assert HOLDER.encode() not in anonymous and b"vojackova" not in anonymous
    assert not _names_in(fmt, anonymous, tmp_path / "a")
    viewer, _ = add_user("reader", "viewer", Actor("tests"))
    client.force_login(viewer)
    signed_in = get(client, url.format(fmt)).content
    assert _names_in(fmt, signed_in, tmp_path / "b")


def test_the_pages_list_every_format_and_say_when_names_are_left_out(client, admin_user):
    for url, prefix in (
        ("/?at=2016-11-30", "/download."),
        ("/units/dfam/?at=2016-11-30", "/units/dfam/download."),
        ("/plans/hq-review-2021/", "/plans/hq-review-2021/download."),
    ):
        html = get(client, url).content.decode()
        for fmt in TYPES:
            link = f'href="{prefix}{fmt}' + ('?at=2016-11-30"' if "at=" in url else '"')
            assert link in html, (url, fmt)
        assert "without the names of post holders" in html
        client.force_login(admin_user)
        assert "without the names of post holders" not in get(client, url).content.decode()
        client.logout()


def test_a_unit_not_in_force_offers_no_download_and_refuses_one(client):
    html = get(client, "/units/odg/?at=2023-01-01").content.decode()
    assert "/units/odg/download." not in html
    response = client.get("/units/odg/download.yaml?at=2023-01-01")
    assert response.status_code == 404
    assert client.get("/download.pdf").status_code == 404
    assert client.get("/plans/no-such-plan/download.yaml").status_code == 404


@override_settings(ORGANOGRAM_ANONYMOUS_READ=False)
def test_visitors_are_sent_to_sign_in_when_they_may_not_read(client):
    response = client.get("/download.turtle")
    assert response.status_code == 302 and "/signin/" in response["Location"]
