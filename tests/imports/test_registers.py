"""The GOV.UK organisations register and the US agency list: versions into histories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from organogram.core.diff import diff_between
from organogram.importers.run import Options, run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_govuk_versions_make_a_history_with_the_stated_closing_dates():
    record, report = run_import("govuk-organisations", [str(FIXTURES / "govuk")], Options())
    s, failures = record.timeline.fold()
    assert not failures
    # Closed on 14 November 2022, first shown closed in the version of 2024-11-01.
    late = record.timeline.get("close-directly-operated-railways-limited")
    assert str(late.date) == "2022-11-14"
    assert late.op == "replace" and late.by == "dft-olr-holdings-limited"
    assert late.recorded_at == dt.datetime(2024, 11, 1)
    # The split of a department into new ones keeps its lineage.
    beis = record.timeline.lineage("department-for-business-energy-and-industrial-strategy")
    assert {link.successor for link in beis[1]} >= {
        "department-for-science-innovation-and-technology"
    }
    assert "department-for-transport" in s.units
    assert s.oversight.get("dft-olr-holdings-limited") == "department-for-transport"
    summary = diff_between(record.timeline, "2022-10-13", "2024-11-01").summary()
    assert summary["units_added"] and summary["splits"] == 1
    assert {p.code for p in report.warnings} <= {"split", "closed-before", "parent-child"}


def test_us_agency_versions_with_drifting_headers():
    files = [str(FIXTURES / "us_agencies")]
    record, report = run_import("us-agencies", files, Options())
    s, failures = record.timeline.fold()
    assert not failures
    assert s.units["agency-013"].name == "Department of Commerce"
    commerce = [u for u in s.units if s.oversight.get(u) == "agency-013"]
    assert commerce and all(u.startswith("subtier-") for u in commerce)
    codes = {p.code for p in report.warnings}
    assert {"encoding", "code"} <= codes  # Windows-1252 bytes; "Unknown (may not exist)"
    assert len(record.sources) == 3  # one per version, cited by its changes
