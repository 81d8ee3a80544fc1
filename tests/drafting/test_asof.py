"""The date names are read at when none is given, and near names refused for a better
reading."""

import datetime as dt
from pathlib import Path

import pytest

from organogram.drafting import description_date, draft_paper, paper_date
from organogram.drafting.names import Resolver, Unresolvable
from organogram.formats import load_dataset

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "tests" / "fixtures" / "drafting" / "review-extract.txt"


@pytest.fixture(scope="module")
def iom():
    return load_dataset(ROOT / "data" / "iom")


def test_a_paper_is_read_the_day_before_its_earliest_change(iom):
    text = (
        "1. The Treasury Division will be closed with effect from 1 March 2026.\n\n"
        "2. Implementation will begin in the last quarter of 2025 and end in 2026.\n\n"
        "3. Nothing else.\n"
    )
    when = paper_date(text, iom, "scpf28")
    assert when.date == "2025-09-30"
    assert "2025-Q4" in when.why and "paragraph 2" in when.why


def test_without_dates_the_source_then_today(iom):
    text = "1. The Treasury Division will be closed.\n\n2. No date.\n\n3. None.\n"
    assert paper_date(text, iom, "drm2016").date == "2016-11-30"
    # An open source date (2021-10/..) has no last day: its first.
    assert description_date("The Unit.", iom, "ddg-mr-portfolio").date == "2021-10-01"
    today = paper_date(text, iom, "no-such-source")
    assert today.date == dt.date.today().isoformat() and "today" in today.why


def test_a_description_is_read_at_the_date_it_gives_itself(iom):
    when = description_date("The Budget Division.\n\nNovember 2016\n", iom, None)
    assert when.date == "2016-11-30" and "November 2016" in when.why


@pytest.mark.parametrize("at", ["2021-06", "2021-09-30", "2022-12-31", "today"])
def test_the_office_of_the_director_general_is_never_the_inspector_general(iom, at):
    resolver = Resolver(iom, at)
    try:
        found = resolver.resolve("Office of the Director General")
    except Unresolvable:
        return
    assert found.id == "odg"


def test_a_slip_still_resolves_to_its_near_name(iom):
    found = Resolver(iom, "today").resolve("Office of the Inspector Generl")
    assert (found.id, found.how) == ("oig", "fuzzy")


def test_the_default_date_reads_the_review_extract_with_the_names_it_uses(iom):
    text = REVIEW.read_text("utf-8")
    when = paper_date(text, iom, None)
    draft = draft_paper(iom, text, source="scpf28", at=when.date)
    assert "Office of the Inspector General" not in " ".join(
        n for p in draft.proposals for n in p.notes
    )
    assert not any(
        p.params.get("unit") == "oig" or p.params.get("node") == "oig" for p in draft.proposals
    )
