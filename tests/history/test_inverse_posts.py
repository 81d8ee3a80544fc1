"""Inverses of the changes to posts: applying the inverse puts the post back as it was."""

from __future__ import annotations

from organogram.core.changes import AbolishPost, AmendPost, CreatePost
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline
from organogram.history.inverse import inverse

D = FuzzyDate.parse("2020")
LATER = FuzzyDate.parse("2022")


def timeline(*more):
    create = CreatePost(
        id="c", date=D, post="p", title="Officer", grade="P-4", duty_station="Geneva",
        status="proposed", funding="projects", fte=0.5,
    )
    return Timeline([create, *more])


def test_the_inverse_of_an_amendment_restores_the_attributes_it_changed():
    amend = AmendPost(id="a", date=LATER, post="p", title="Senior Officer", status="established")
    tl = timeline(amend)
    (back,) = inverse(tl, amend)
    assert isinstance(back, AmendPost)
    assert back.given() == {"title": "Officer", "status": "proposed"}
    s = tl.with_changes([back]).snapshot("2023").structure
    assert (s.posts["p"].title, s.posts["p"].status) == ("Officer", "proposed")


def test_the_inverse_of_an_abolition_recreates_status_funding_and_fte():
    abolish = AbolishPost(id="x", date=LATER, post="p")
    tl = timeline(abolish)
    create = inverse(tl, abolish)[0]
    assert isinstance(create, CreatePost)
    assert (create.status, create.funding, create.fte, create.duty_station) == (
        "proposed", "projects", 0.5, "Geneva",
    )
