"""``organogram record``, ``reverse`` and ``plan new|add|edit|remove|rebase|move|enact``:
the registry written from the command line, through the same actions as the pages."""

from __future__ import annotations

import json

import pytest

from organogram.cli.main import main
from organogram.registry import models as m
from organogram.registry import store

pytestmark = pytest.mark.django_db

RENAME = ["op=rename", "unit=ethics", "name=Office of Ethics and Integrity", "reason=a test"]


def last_audit() -> m.AuditEntry:
    return m.AuditEntry.objects.order_by("-id").first()


def test_record_writes_the_change_audited_as_the_command_line(capsys):
    assert main(["record", *RENAME, "date=2030-01-01", "--by", "clerk"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Recorded rec-") and "(rename, 2030-01-01)" in out
    entry = last_audit()
    assert (entry.action, entry.via, entry.by) == ("organogram.change.record", "cli", "clerk")
    s = store.current().record.timeline.snapshot("2030-06").structure
    assert s.units["ethics"].name == "Office of Ethics and Integrity"


def test_values_are_read_as_a_dataset_file_reads_them(tmp_path, capsys):
    change = tmp_path / "post.yaml"
    change.write_text(
        "op: create-post\ndate: 2030-01-01\npost: ethics-p4\ntitle: Ethics Officer\n"
        "unit: ethics\ngrade: P-4\nfte: 0.5\nreason: a test\n"
    )
    assert main(["record", "--file", str(change), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert float(data["change"]["fte"]) == 0.5 and data["revision"] == store.revision()
    # The same with pairs: 0.5 is a number, "a test: for now" stays text.
    args = ["op=amend-post", "post=ethics-p4", "fte=1", "date=2030-02-01", "reason=a: b"]
    assert main(["record", *args]) == 0
    s = store.current().record.timeline.snapshot("2030-03").structure
    assert s.posts["ethics-p4"].fte == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["op=rename", "unit=ethics", "date=soon"], "- date: 'soon' is not a date"),
        ([*RENAME, "date=2030-01-01", "unit=nope"], "'unit' is given twice"),
        (["op=rename", "unit=nope", "name=X", "date=2030-01-01"], "does not exist"),
        (["rename"], "'rename' is not FIELD=VALUE"),
        ([], "give the change as FIELD=VALUE pairs"),
    ],
)
def test_a_refused_change_says_why_and_writes_nothing(args, words, capsys):
    before = (store.revision(), m.AuditEntry.objects.count())
    assert main(["record", *args]) == 1
    assert words in capsys.readouterr().err
    assert (store.revision(), m.AuditEntry.objects.count()) == before


def test_reverse_records_the_inverse(capsys):
    assert main(["record", *RENAME, "date=2030-01-01"]) == 0
    ident = last_audit().object_id
    assert main(["reverse", ident, "--reason", "typed in error"]) == 0
    assert f"Reversed {ident}: recorded" in capsys.readouterr().out
    entry = last_audit()
    assert entry.action == "organogram.change.reverse" and entry.after["reverses"] == ident
    s = store.current().record.timeline.snapshot("2030-06").structure
    assert s.units["ethics"].name != "Office of Ethics and Integrity"


def test_a_plan_is_drafted_filled_moved_and_enacted(capsys):
    assert main(["plan", "new", "Ethics review", "--effective", "2030-01-01"]) == 0
    assert "Drafted plan ethics-review" in capsys.readouterr().out
    assert main(["plan", "add", "ethics-review", *RENAME]) == 0
    assert main(["plan", "add", "ethics-review", "op=relocate", "unit=ethics",
                 "location=Geneva", "reason=x"]) == 0
    assert main(["plan", "edit", "ethics-review", "ethics-review-1", *RENAME[:2],
                 "name=Ethics Office", "reason=renamed again"]) == 0
    assert main(["plan", "remove", "ethics-review", "ethics-review-2"]) == 0
    assert main(["plan", "rebase", "ethics-review"]) == 0
    # Enacting a draft is refused with what to do instead.
    assert main(["plan", "enact", "ethics-review"]) == 1
    assert "propose and approve it first" in capsys.readouterr().err
    assert main(["plan", "move", "ethics-review", "proposed", "--note", "for the council"]) == 0
    assert main(["plan", "move", "ethics-review", "approved", "--expected", "proposed"]) == 0
    assert main(["plan", "enact", "ethics-review", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{"):])["changes"] == ["ethics-review-1"]
    actions = list(
        m.AuditEntry.objects.filter(object_id="ethics-review", via="cli")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "organogram.plan.create",
        "organogram.plan.change.add",
        "organogram.plan.change.add",
        "organogram.plan.change.edit",
        "organogram.plan.change.remove",
        "organogram.plan.rebase",
        "organogram.plan.propose",
        "organogram.plan.approve",
        "organogram.plan.enact",
    ]
    s = store.current().record.timeline.snapshot("2030-06").structure
    assert s.units["ethics"].name == "Ethics Office"


def test_a_move_from_a_status_no_longer_held_is_refused(capsys):
    assert main(["plan", "new", "Stale", "--effective", "2030", "--id", "stale"]) == 0
    assert main(["plan", "move", "stale", "withdrawn", "--expected", "proposed"]) == 1
    assert "no longer proposed" in capsys.readouterr().err


def test_a_plan_is_merged_its_conflicts_listed_then_settled(capsys):
    for title in ("Ethics A", "Ethics B"):
        assert main(["plan", "new", title, "--effective", "2030-01-01"]) == 0
    assert main(["plan", "add", "ethics-a", *RENAME[:2], "name=Ethics Office", "reason=a"]) == 0
    assert main(["plan", "add", "ethics-b", *RENAME[:2], "name=Integrity Office", "reason=b"]) == 0
    capsys.readouterr()
    assert main(["plan", "merge", "ethics-a", "ethics-b"]) == 1
    err = capsys.readouterr().err
    assert "ethics:name" in err and "--take" in err and "(take ethics-a or ethics-b)" in err
    assert main(["plan", "merge", "ethics-a", "ethics-b", "--take", "ethics:name=ethics-b"]) == 0
    assert "Merged ethics-b into ethics-a" in capsys.readouterr().out
    names = [c.name for c in store.current().record.plans["ethics-a"].changes]
    assert names == ["Integrity Office"]
    assert main(["plan", "merge", "ethics-a", "ethics-b", "--take", "nonsense"]) == 1


def test_a_name_the_audit_log_cannot_keep_is_refused_before_anything_is_written(capsys):
    from organogram.cli.audit_name import BY_LENGTH
    from organogram.registry import models as m

    assert BY_LENGTH == m.AuditEntry._meta.get_field("by").max_length
    before = m.AuditEntry.objects.count()
    with pytest.raises(SystemExit) as done:
        main(["record", *RENAME, "date=2030-01-01", "--by", "x" * (BY_LENGTH + 1)])
    assert done.value.code == 2
    assert "the audit log keeps at most 200" in capsys.readouterr().err
    assert m.AuditEntry.objects.count() == before
