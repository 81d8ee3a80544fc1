"""The Timeline and Compare pages: content, filters, paging, bad values, personal data."""

from __future__ import annotations

import importlib
import re

import pytest

from organogram.formats import load_dataset

from .conftest import IOM

pytestmark = pytest.mark.django_db

RECORD = load_dataset(IOM)
#: The holder named by the dataset's assignment of the DDG for Management and Reform.
HOLDER = next(p.name for p in RECORD.people.values() if "Soll" in p.name)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def ids(html: str) -> list[str]:
    """Ids of the changes listed, in order."""
    return re.findall(r'<li id="change-([^"]+)">', html)


def test_the_timeline_lists_changes_told_in_sentences_with_links(client):
    html = page(client, "/timeline/")
    assert f"{len(RECORD.timeline)} changes in all" in html
    assert f"Showing 1–50 of {len(RECORD.timeline)} changes." in html  # noqa: RUF001 (en dash)
    assert "Page 1 of 4" in html
    assert ids(html)[:3] == [c.id for c in RECORD.timeline.changes[:3]]
    # The post is in place by 2009, since when not recorded (scpf28:4): not "created".
    assert "A senior post of Director General is in place" in html
    assert 'href="/units/dg/?at=../2009"' in html  # the unit, as of the change's date
    assert 'href="/sources/scpf28/"' in html  # its document
    assert "para. 4" in html  # and passage
    assert "inferred" in html


def test_changes_of_an_enacted_plan_name_it(client):
    html = page(client, "/timeline/?plan=hq-review-2021")
    assert "of 54 changes matching the filters" in html
    assert 'href="/plans/hq-review-2021/"' in html


def test_filters_combine(client):
    html = page(client, "/timeline/?op=rename&unit=dfam")
    assert ids(html) == [
        c.id for c in RECORD.timeline if c.op == "rename" and "dfam" in c.subjects()
    ]
    assert "1 matching" not in html
    html = page(client, "/timeline/?from=2021&to=2021&op=create&source=scpf28&plan=hq-review-2021")
    wanted = [
        c.id
        for c in RECORD.timeline
        if c.op == "create"
        and str(c.date).startswith("2021")
        and any(x.source == "scpf28" for x in c.cites)
        and c in RECORD.plans["hq-review-2021"].changes
    ]
    assert wanted and ids(html) == wanted[:50]


def test_a_unit_may_be_named_rather_than_given_by_id(client):
    by_name = page(client, "/timeline/?unit=Department+of+Resources+Management")
    assert ids(by_name) == ids(page(client, "/timeline/?unit=dfam"))
    assert "Department of Financial and Administrative Management" in by_name


def test_changes_outside_plans(signed_in):
    # Signed in: a visitor gets the ids that name a person as pseudonyms.
    html = page(signed_in, "/timeline/?plan=none&order=newest")
    outside = [c.id for c in RECORD.timeline if c not in RECORD.plans["hq-review-2021"].changes]
    assert ids(html) == list(reversed(outside))[:50]


def test_a_period_overlapping_the_range_is_kept(client):
    html = page(client, "/timeline/?from=2021-11-01&to=2021-11-30")
    assert "2021-Q4" in html  # dated to the quarter, which contains November


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2021-13", "not a valid date"),
        ("from=2022&to=2021", "the range ends (2021) before it begins (2022)"),
        ("unit=nowhere", "no unit or post “nowhere” in the record"),
        ("op=promote", "“promote” is not a kind of change"),
        ("source=nope", "no source “nope”"),
        ("plan=nope", "no plan “nope”"),
    ],
)
def test_a_bad_filter_is_said_and_left_out(client, query, message):
    html = page(
        client,
        f"/timeline/?{query}&op=rename" if "op=" not in query else f"/timeline/?{query}",
        400,
    )
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "could not be read" in html


def test_a_bad_page_number_shows_a_page(client):
    assert "Page 1 of 4" in page(client, "/timeline/?page=abc")
    assert "Page 4 of 4" in page(client, "/timeline/?page=999")


def test_pages_keep_the_filters(client):
    html = page(client, "/timeline/?op=create")
    assert 'href="?op=create&amp;page=2"' in html


def test_visitors_do_not_see_who_holds_posts(client, signed_in):
    assert HOLDER in page(signed_in, "/timeline/?op=assign")
    signed_in.logout()
    html = page(client, "/timeline/?op=assign")
    assert HOLDER not in html
    assert "Deputy Director General for Management and Reform" in html


def test_compare_without_dates_suggests_comparisons(client):
    html = page(client, "/compare/")
    assert "Comparisons to start from" in html
    assert "IOM Headquarters Organizational Review (2021)" in html
    # The review's window: from the day before Q4 2021 to the end of 2022 (scpf28:38).
    assert "?from=2021-09-30&amp;to=2022-12-31" in html


def test_compare_tells_and_counts_the_differences(client):
    html = page(client, "/compare/?from=2016-11-30&to=2023")
    assert "From <strong>30 November 2016</strong> to <strong>31 December 2023</strong>" in html
    assert "units renamed" in html and "units added" in html
    assert "<strong>1</strong> split<" in html  # one, not "1 splits"
    assert "is renamed the Department of External Relations" in html
    assert 'href="/units/der/?at=2023-12-31"' in html
    assert "Changes recorded between the two days" in html
    assert "/timeline/?from=2016-11-30&amp;to=2023-12-31" in html


def test_compare_going_back_in_time(client):
    html = page(client, "/compare/?from=2023&to=2016-11-30")
    assert "going back in time" in html
    assert "/timeline/?from=2016-11-30&amp;to=2023-12-31" in html


def test_compare_the_same_day(client):
    assert "The structure is the same on both days." in page(client, "/compare/?from=2016&to=2016")


@pytest.mark.parametrize(
    ("query", "message"),
    [("from=2016-13&to=2020", "not a valid date"), ("from=2016", "give both dates")],
)
def test_compare_with_a_bad_date_says_so(client, query, message):
    assert message in page(client, f"/compare/?{query}", 400)


def test_compare_shows_holders_only_to_signed_in_accounts(client, signed_in):
    # The ad interim holder is possible from October 2021 on (the portfolio is undated).
    assert HOLDER in page(signed_in, "/compare/?from=2020&to=2023")
    signed_in.logout()
    assert HOLDER not in page(client, "/compare/?from=2020&to=2023")


def test_long_comparisons_list_the_first_ones_and_count_all(client, monkeypatch):
    monkeypatch.setattr(importlib.import_module("organogram.site.views.compare"), "MAX_LISTED", 3)
    html = page(client, "/compare/?from=2016-11-30&to=2023")
    assert "The first 3 of " in html and "(the first 3 listed)" in html


def test_unit_suggestions_are_left_out_for_a_large_record(client, monkeypatch):
    assert 'list="timeline-units"' in page(client, "/timeline/")
    # The module, not the view function of the same name the views package exports.
    monkeypatch.setattr(
        importlib.import_module("organogram.site.views.timeline"), "MAX_SUGGESTIONS", 10
    )
    html = page(client, "/timeline/")
    assert 'list="timeline-units"' not in html and '<option value="dfam">' not in html
