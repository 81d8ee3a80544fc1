"""UK organograms: snapshots into a history, the traps of the data handled and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.core.diff import diff_between
from organogram.formats import dump_dataset, load_dataset
from organogram.importers.problems import ImportFailed
from organogram.importers.run import Options, run_import

UK = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "uk_organogram"
DFID = sorted(str(p) for p in UK.glob("department_for_international_development-*.csv"))
SENIOR = (
    '"Post Unique Reference","Name","Grade (or equivalent)","Job Title","Parent Department",'
    '"Organisation","Unit","Reports to Senior Post","FTE"\n'
)


def codes(report) -> set[str]:
    return {p.code for p in report.warnings}


def test_two_snapshots_make_a_history_whose_diff_counts_posts(tmp_path):
    record, _ = run_import("uk-organogram", DFID, Options())
    s, failures = record.timeline.fold()
    assert not failures
    assert s.posts["p-a1"].title == "Permanent Secretary"
    assert s.posts["p-a1"].senior and "p-a1" not in s.oversight  # 'XX': the top
    assert s.oversight["p-a2"] == "p-a1"
    summary = diff_between(record.timeline, "2013-03-31", "2013-09-30").summary()
    assert summary["posts_added"] > 0 and summary["posts_removed"] > 0
    # The same reference in both snapshots is the same post: it is not added again.
    created = [c for c in record.timeline if c.op == "create-post" and c.post == "p-a1"]
    assert len(created) == 1
    # What is written loads back as the same history.
    dump_dataset(record, tmp_path / "ds")
    back = load_dataset(tmp_path / "ds")
    assert len(back.timeline) == len(record.timeline)


def test_traps_are_reported_not_fatal():
    record, report = run_import("uk-organogram", DFID, Options())
    assert {"job-share", "missing-manager"} <= codes(report)
    share = next(p for p in report.warnings if p.code == "job-share")
    assert share.row is not None and share.column == "Post Unique Reference"
    s = record.timeline.snapshot("2013-03-31").structure
    # One post for both rows (here the same person twice: the store's rows per tenure).
    assert [a.person for a in s.holders["p-b72"]] == ["montgomery-richard"]
    # A manager the snapshot lacks: the post reports to someone not recorded, not the top.
    missing = [p for p in report.warnings if p.code == "missing-manager"]
    assert missing and all("recorded as not known" in p.message for p in missing)
    assert s.unplaced and all(s.placement(n) == "unknown" for n in s.unplaced)
    assert not set(s.roots()) & s.unplaced


def test_junior_posts_report_to_senior_posts_and_fte_is_the_posts_field():
    record, _ = run_import("uk-organogram", DFID, Options())
    s = record.timeline.snapshot("2013-03-31").structure
    juniors = [p for p in s.posts.values() if not p.senior]
    assert juniors and all(s.oversight.get(p.id, "").startswith("p-") for p in juniors)
    assert not [c for c in record.claims if c.field == "fte"]
    # A junior row groups posts: its FTE is the sum, often more than one post's.
    assert any(p.fte > 1 for p in juniors)
    assert all(p.fte >= 0 for p in s.posts.values())


def test_names_are_people_marked_personal_or_left_out():
    record, _ = run_import("uk-organogram", DFID, Options())
    assert record.people and all("personal" in p.note for p in record.people.values())
    record, _ = run_import("uk-organogram", DFID, Options(names=False))
    assert not record.people


def test_raw_uploads_need_a_date_and_eliminated_posts_are_left_out():
    files = sorted(str(p) for p in UK.glob("130930-HMIC-*.csv"))
    with pytest.raises(ImportFailed) as info:
        run_import("uk-organogram", files, Options())
    assert "give it with --date" in str(info.value)
    record, report = run_import("uk-organogram", files, Options(date="2013-09-30"))
    assert "eliminated" in codes(report)
    assert "eliminated" not in {p.name.lower() for p in record.people.values()}


def test_a_compilation_with_snapshot_labels_gives_one_snapshot_per_label():
    record, _ = run_import("uk-organogram", [str(UK / "ifg-dcms-extract.csv")], Options())
    dates = {str(c.date) for c in record.timeline}
    # What the first shows was in place by its date; the rest changed between the two.
    assert dates == {"../2012-09-30", "2012-10-01/2015-03-31"}


def test_leading_zeros_are_kept_and_a_manager_without_them_is_matched(tmp_path):
    path = tmp_path / "dept-2014-03-31-senior.csv"
    path.write_text(
        SENIOR
        + '"00106008","N/D","SCS3","Director General","D","D","Finance","XX","1"\n'
        + '"00025463","Vacant","SCS1","Head of Finance","D","D","Finance","106008","1"\n'
        + '"0777","Someone","SCS1","Deputy","D","D","Finance","0999","1"\n'
    )
    record, report = run_import("uk-organogram", [str(path)], Options())
    s, _ = record.timeline.fold()
    assert s.oversight["p-00025463"] == "p-00106008"
    assert {"leading-zeros", "missing-manager"} <= codes(report)
    assert not s.holders.get("p-00025463") and not s.holders.get("p-00106008")


def test_a_partial_upload_keeps_the_posts_it_lacks(tmp_path):
    rows = [f'"{i}","N/D","SCS1","Post {i}","D","D","U","XX","1"\n' for i in range(10)]
    (tmp_path / "d-2014-03-31-senior.csv").write_text(SENIOR + "".join(rows))
    (tmp_path / "d-2014-09-30-senior.csv").write_text(SENIOR + rows[0] + rows[1])
    (tmp_path / "d-2015-03-31-senior.csv").write_text(SENIOR + "".join(rows[:9]))
    record, report = run_import("uk-organogram", [str(tmp_path)], Options())
    assert "partial" in codes(report)
    s = record.timeline.snapshot("2014-09-30").structure
    assert len(s.posts) == 10
    summary = diff_between(record.timeline, "2014-09-30", "2015-03-31").summary()
    assert summary["posts_removed"] == 1


def test_diff_of_an_imported_history_prints_its_summary_above_the_list(tmp_path, capsys):
    from organogram.cli.main import main

    folder = str(tmp_path / "dfid")
    assert main(["import", "uk-organogram", *DFID, "--into", folder]) == 0
    capsys.readouterr()
    assert main(["diff", folder, "--from", "2013-03-31", "--to", "2013-09-30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "From 2013-03-31 to 2013-09-30"
    summary = dict(part.split(": ") for part in lines[1].strip().split(", "))
    record = load_dataset(folder)
    counts = diff_between(record.timeline, "2013-03-31", "2013-09-30").summary()
    for key in ("posts added", "posts removed", "posts moved", "posts regraded"):
        assert int(summary[key]) == counts[key.replace(" ", "_")] > 0
    assert int(summary["units added"]) == counts["units_added"] > 0
    assert int(summary["units removed"]) == counts["units_removed"] > 0
    # Then the list, one line per change.
    assert all(line.startswith("  • ") for line in lines[2:]) and len(lines) > 10
