"""The Chart page, its SVG fragment and its exports: content, options, people, errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from organogram.formats import load_dataset

from .conftest import IOM

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
HOLDER = load_dataset(IOM).people["vojackova-sollorano"].name


def get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response


def ids(svg: bytes | str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")]


def test_the_chart_page_shows_the_structure_inline(client):
    html = get(client, "/chart/?at=2022-12-31").content.decode()
    assert "<svg" in html and 'data-id="ddg-mr"' in html
    assert 'href="/units/dfam/?at=2022-12-31"' in html  # boxes link to the unit pages
    assert "Deputy Director General for Management and Reform" in html
    assert 'id="chart-index"' in html and 'href="/chart/export.pdf?' in html
    assert 'aria-current="page">Chart' in html


def test_the_fragment_holds_only_the_open_boxes(client):
    all_ids = ids(get(client, "/chart/svg/?at=2022-12-31&open=all").content)
    top = ids(get(client, "/chart/svg/?at=2022-12-31&open=dg").content)
    assert len(all_ids) == len(set(all_ids)) > 80
    assert "dg" in top and "ddg-mr" in top and "dfam" not in top
    assert len(top) < 20
    folded = get(client, "/chart/svg/?at=2022-12-31&open=dg").content.decode()
    assert "units below" in folded


def test_compare_marks_changes_and_side_by_side_draws_both(client):
    html = get(client, "/chart/?at=2022-12-31&compare=2021-06-30").content.decode()
    assert "mark-added" in html and "ghost" in html and "Changes:" in html
    both = get(client, "/chart/svg/?at=2022-12-31&compare=2021-06-30&mode=side-by-side&open=all")
    drawn = ids(both.content)
    assert "odg" in drawn and "eo" in drawn  # before on the left, after on the right
    assert 'href="/units/odg/?at=2021-06-30"' in both.content.decode()


def test_a_plan_preview_and_other_lines(client):
    html = get(client, "/chart/?at=2022&plan=hq-review-2021&lines=1").content.decode()
    assert "IOM Headquarters Organizational Review (2021)" in html
    assert 'class="side-lines"' in html and "functional line" in html


def test_holders_only_for_accounts_allowed_to_see_people(client, signed_in):
    from django.test import Client

    visitor = Client().get("/chart/?at=2024&open=all").content.decode()
    assert HOLDER not in visitor
    member = signed_in.get("/chart/?at=2024&open=all").content.decode()
    assert HOLDER in member
    exported = Client().get("/chart/export.svg?at=2024&open=all").content.decode()
    assert HOLDER not in exported


@pytest.mark.parametrize(
    ("fmt", "magic"), [("svg", b"<?xml"), ("pdf", b"%PDF"), ("png", b"\x89PNG")]
)
def test_exports_download_the_same_view(client, fmt, magic):
    if fmt != "svg":
        pytest.importorskip("matplotlib", reason="PDF and PNG need matplotlib (charts extra)")
    response = get(client, f"/chart/export.{fmt}?at=2022-12-31&open=dg&paper=a4")
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]
    if fmt == "svg":
        assert 'width="297mm"' in response.content.decode()
        assert "dfam" not in ids(response.content)  # the view's folded boxes stay folded


def test_unknown_plan_unit_or_format(client):
    html = get(client, "/chart/?plan=nope", status=404).content.decode()
    assert "no plan" in html
    get(client, "/chart/?at=2016&unit=eo", status=404)
    get(client, "/chart/export.gif?at=2016", status=404)
    get(client, "/chart/svg/?plan=nope", status=404)


def _moves(client, query: str) -> dict:
    return get(client, "/chart/moves/?at=2022-12-31&" + query).json()


def test_moves_give_every_place_and_only_the_boxes_the_page_lacks(client):
    everything = ids(get(client, "/chart/svg/?at=2022-12-31&open=all").content)
    opened = [n for n in everything if n != "ddg-mr"]
    # From every box open to ddg-mr closed: its units go, ddg-mr itself is drawn anew
    # (its box now counts what is folded under it), most others only move.
    closing = _moves(client, f"open={','.join(opened)}&was=all")
    (part,) = closing["parts"]
    placed = [b[0] for b in part["boxes"]]
    assert "ddg-mr" in placed and "dfam" not in placed
    fresh = ids(f'<svg xmlns="http://www.w3.org/2000/svg">{part["markup"]}</svg>')
    assert "ddg-mr" in fresh and "dfam" not in fresh
    assert len(fresh) < len(placed) // 2
    assert "units below" in part["markup"] and part["edges"].startswith("<g")
    # And back: the units of ddg-mr come with their markup; ddg-mr again, opened.
    opening = _moves(client, f"open=all&was={','.join(opened)}")
    back = ids(f'<svg xmlns="http://www.w3.org/2000/svg">{opening["parts"][0]["markup"]}</svg>')
    assert {"ddg-mr", "dfam"} <= set(back)
    assert sorted(b[0] for b in opening["parts"][0]["boxes"]) == sorted(everything)
    # Without "was" the page holds nothing: every box comes with its markup.
    first = _moves(client, "open=all")["parts"][0]["markup"]
    assert sorted(ids(f'<svg xmlns="http://www.w3.org/2000/svg">{first}</svg>')) == sorted(
        everything
    )


def test_moves_of_a_side_by_side_comparison_place_both_parts(client):
    data = _moves(client, "compare=2021-06-30&mode=side-by-side&open=all&was=all")
    first, second = data["parts"]
    assert first["dx"] == 0 and second["dx"] > 0
    assert first["markup"] == "" and second["markup"] == ""  # nothing changed
    assert data["width"] > second["dx"]


def test_moves_name_holders_only_for_accounts_allowed_to_see_people(signed_in):
    from django.test import Client

    visitor = Client().get("/chart/moves/?at=2024&open=all").json()["parts"][0]["markup"]
    member = signed_in.get("/chart/moves/?at=2024&open=all").json()["parts"][0]["markup"]
    assert HOLDER not in visitor and HOLDER in member


def test_a_plan_is_drawn_on_its_own_date_unless_a_date_is_asked(client):
    """A plan effective next year is charted on its date, where its changes show, and
    the options form does not pin today's date when another plan is chosen."""
    from organogram.registry.audit import Actor
    from organogram.registry.services import add_plan_change, draft_plan

    plan = draft_plan(Actor("tests"), title="Later", effective="2031-03-01").id
    rename = {"op": "rename", "unit": "ethics", "name": "Office of Integrity", "reason": "x"}
    add_plan_change(plan, rename, Actor("tests"))
    html = get(client, f"/chart/?plan={plan}").content.decode()
    assert "Chart as of 1 March 2031" in html and "Office of Integrity" in html
    assert 'name="at"' not in html.split('class="chart-controls"')[1].split("</form>")[0]
    # Asked for a date, the chart keeps it, and so does the form.
    today = get(client, f"/chart/?plan={plan}&at=2026-01-01").content.decode()
    assert "Office of Integrity" not in today
    assert 'name="at" value="2026-01-01"' in today


def test_the_plan_page_links_to_its_chart(client):
    html = get(client, "/plans/hq-review-2021/").content.decode()
    assert 'href="/chart/?plan=hq-review-2021">Chart of the plan</a>' in html
