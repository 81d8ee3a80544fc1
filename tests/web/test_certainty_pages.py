"""The pages say what is certain and what is only possible at a date, where no source
places a unit, who holds a post without being named, and when a post is vacant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from organogram.registry.audit import Actor
from organogram.registry.services import load_dataset_into_registry

UNCERTAIN = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "uncertain"
AT = "?at=2020-06-30"


@pytest.fixture
def uncertain(db):
    """The registry holding the small dataset with vague sources (rolled back after)."""
    load_dataset_into_registry(UNCERTAIN, Actor("tests"), replace=True)


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def section(html: str, heading_id: str) -> str:
    """The HTML of the section headed by ``heading_id``."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_structure_page_marks_possible_nodes_with_why_and_a_legend(client, uncertain):
    html = client.get("/" + AT).content.decode()
    label = html[html.index(">Media and Communications Division<") - 400 :]
    label = label[: label.index("</span>\n</li>") if "</span>\n</li>" in label else 1500]
    assert 'class="label possible"' in label
    assert "possibly in force</span>" in label
    assert "possibly not yet in force: between 2001 and June 2021 (rev:14)" in label
    assert 'class="certainty-legend"' in html
    assert "only possibly in force on 30 June 2020" in html
    # The Finance Division is certain: no badge, no reason.
    fin = html[html.index(">Finance Division<") - 300 : html.index(">Finance Division<")]
    assert "possible" not in fin


def test_a_certain_date_has_no_legend_and_no_badge(client, uncertain):
    html = client.get("/?at=2023-01-01").content.decode()
    assert 'class="certainty-legend"' not in html
    assert "tag possible" not in html


def test_unplaced_units_are_shown_apart_and_not_in_the_tree(client, uncertain):
    html = client.get("/" + AT).content.decode()
    tree = html[html.index('id="tree"') : html.index('id="unplaced-title"')]
    apart = section(html, "unplaced-title")
    assert "Gender Coordination Unit" not in tree and "Results-Based" not in tree
    assert "Gender Coordination Unit" in apart and "Gender Team" in apart
    assert "Results-Based Management Unit" in apart
    assert "Placement not recorded" in apart
    assert "2 whose placement no source gives are listed apart" in text(client.get("/" + AT))


def test_units_possibly_still_in_force_are_listed(client, uncertain):
    html = client.get("/" + AT).content.decode()
    still = section(html, "possibly-still-title")
    assert "Old Liaison Office" in still
    assert "possibly still in force: between 2020 and 2022 (rev:20)" in still
    tree = html[html.index('id="tree"') : html.index('id="possibly-still-title"')]
    assert "Old Liaison Office" not in tree


def test_holders_not_named_vacant_and_no_holder_recorded_in_the_tree(signed_in, uncertain):
    page = text(signed_in.get("/" + AT))
    assert "Finance Division division a holder not named in the sources" in page
    assert "Chief Risk Officer senior post vacant" in page
    assert "Senior Adviser senior post no holder recorded" in page
    assert "Ada Lovelace" in page


def test_the_unit_page_of_a_possible_unplaced_unit(client, uncertain):
    page = text(client.get("/units/rbm/" + AT))
    assert "only possibly in force on 30 June 2020 ; its placement is not recorded" in page
    assert "Possibly not yet in force: by June 2021 (rev:12)" in page
    assert "Not recorded: no source says where it is" in page
    assert "At the top" not in page and "the top" not in page  # nor in its versions


def test_the_unit_page_of_a_unit_possibly_still_in_force(client, uncertain):
    page = text(client.get("/units/old/" + AT))
    assert "possibly still in force on 30 June 2020 : the record shows it ended" in page
    assert "no longer in force" not in page


def test_the_unit_page_names_no_one_and_says_no_holder_recorded(signed_in, uncertain):
    page = text(signed_in.get("/units/fin/" + AT))
    assert "a holder not named in the sources" in page  # the head, Chief of Finance
    row = page[page.index("Finance Officer") :][:80]
    assert "no holder recorded" in row and "vacant" not in row
    cro = text(signed_in.get("/units/cro/" + AT))
    assert "Held by vacant" in cro


def test_the_posts_register_says_vacant_only_where_a_source_does(signed_in, uncertain):
    page = text(signed_in.get("/posts/" + AT))
    assert "Chief Risk Officer" in page
    assert "no holder recorded" in page
    only = text(signed_in.get("/posts/" + AT + "&vacant=1"))
    assert "Chief Risk Officer" in only
    assert "Senior Adviser" not in only and "Finance Officer" not in only
    assert "1 vacant post on 30 June 2020" in only


def test_the_post_page_of_a_possible_post_held_by_someone_not_named(signed_in, uncertain):
    page = text(signed_in.get("/posts/ddg/" + AT))
    assert "only possibly in force on 30 June 2020" in page
    assert "a holder not named in the sources" in page
    assert "regular, from between 2001 and June 2021" in page  # the assignment, in words
    assert text(signed_in.get("/posts/p4/" + AT)).count("no holder recorded") >= 1


def test_a_unit_ended_by_a_date_with_no_earliest_day_has_a_page(client, db, tmp_path):
    (tmp_path / "d.yaml").write_text(
        "organization: {id: o, name: O}\n"
        "units:\n"
        "  - {id: gone, name: Gone Office, kind: office, parent: unknown, established: ../2015}\n"
        "changes:\n"
        "  - {op: abolish, unit: gone, date: ../2018}\n",
        encoding="utf-8",
    )
    load_dataset_into_registry(tmp_path, Actor("tests"), replace=True)
    page = client.get("/units/gone/?at=2020")
    assert page.status_code == 200
    assert "0001-01-01" not in page.content.decode()
    assert client.get("/compare/").status_code == 200


def test_what_is_only_possible_is_counted_once_per_revision_and_date(client, uncertain):
    """A large structure has a million nodes: the page counts its possible ones once per
    revision and date, not on every request."""
    from organogram.core.dates import FuzzyDate
    from organogram.registry import store
    from organogram.registry.reading.structure import cached_structure
    from organogram.site.views.structure import uncertain_summary

    state, at = store.current(), FuzzyDate.parse("2020-06-30")
    summary = uncertain_summary(state, at, False)
    assert uncertain_summary(state, at, False) is summary
    nodes = cached_structure(state, at, people=False)["nodes"]
    possible = [n for n in nodes if n.get("status") == "possibly in force"]
    assert possible and summary["possible_count"] == len(possible)
    assert [n["id"] for n in summary["possibly_still"]] and all(
        n["words"] for n in summary["possibly_still"]
    )
    # Another date is counted apart.
    other = uncertain_summary(state, FuzzyDate.parse("2010-01-01"), False)
    assert other is not summary
    assert f"({len(possible)} of them only possibly)" in text(client.get("/" + AT))
