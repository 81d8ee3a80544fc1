"""A change whose references point at nothing is refused where it is written, by the
loader's rule, so that whatever the registry holds can be exported and loaded again."""

from __future__ import annotations

import pytest

from organogram.cli.main import main
from organogram.registry import models as m
from organogram.registry.actions import Refused
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, record_change

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")


def rename(**extra):
    return {"op": "rename", "date": "2030-01-01", "unit": "ethics", "name": "Ethics", **extra}


def test_the_api_refuses_a_citation_of_a_source_the_record_does_not_hold(client, auth):
    before = m.Change.objects.count()
    body = {"change": rename(cite=["scpf28:4", "no-such-source"])}
    r = client.post("/api/changes", body, content_type="application/json", **auth)
    assert r.status_code == 422, r.content[:400]
    assert r.json()["fields"] == {"cite": ["'no-such-source' is not a source of the record"]}
    assert m.Change.objects.count() == before


@pytest.mark.parametrize(
    ("change", "field", "why"),
    [
        (rename(cite=["nowhere:3"]), "cite", "'nowhere' is not a source of the record"),
        (
            {"op": "assign", "date": "2030-01-01", "post": "dg", "person": "nobody"},
            "person",
            "'nobody' is not a person of the record",
        ),
    ],
)
def test_every_action_writing_a_change_refuses_a_dangling_reference(change, field, why):
    with pytest.raises(Refused) as refused:
        record_change(change, TESTS)
    assert refused.value.fields == {field: [why]}
    plan = draft_plan(TESTS, title="Dangling", effective="2030-01-01").id
    with pytest.raises(Refused) as refused:
        add_plan_change(plan, change, TESTS)
    assert refused.value.fields == {field: [why]}
    assert not m.Change.objects.filter(plan_id=plan).exists()


def test_what_the_actions_wrote_exports_to_a_dataset_that_validates(tmp_path, capsys):
    record_change(rename(cite=["scpf28:4"]), TESTS)
    with pytest.raises(Refused):
        record_change(rename(date="2031-01-01", cite=["no-such-source"]), TESTS)
    plan = draft_plan(TESTS, title="Cited", effective="2031-06-01").id
    add_plan_change(plan, rename(date="2031-06-01", name="Ethics Office", cite=["scpf28"]), TESTS)
    with pytest.raises(Refused):
        add_plan_change(plan, rename(date="2031-06-01", cite=["gone"]), TESTS)
    out = tmp_path / "backup"
    assert main(["export", str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0, capsys.readouterr()
    assert "0 error" in capsys.readouterr().out
