"""Links written from each URL name's shape are exactly the ones ``reverse()`` writes."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix

from organogram.site import reversing
from organogram.site.reversing import fast_reverse


def _view(request, **kw):  # pragma: no cover - never called, only reversed
    raise AssertionError


urlpatterns = [
    path("n/<int:number>/", _view, name="numbered"),
    path("p/<path:rest>/end", _view, name="pathed"),
]

ARGUMENTS = ["dg", "hq-review-2021", "a.b_c~d", "x y", "é", "a?b", "50%", "", "12"]


@pytest.mark.parametrize("arg", ARGUMENTS)
def test_a_unit_link_is_the_one_reverse_writes(arg):
    try:
        expected = reverse("site:unit", args=[arg])
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            fast_reverse("site:unit", [arg])
        return
    assert fast_reverse("site:unit", [arg]) == expected
    # A second time, from the shape kept.
    assert fast_reverse("site:unit", [arg]) == expected


def test_two_arguments_go_in_their_places():
    assert fast_reverse("site:unit_download", ["dg", "csv"]) == reverse(
        "site:unit_download", args=["dg", "csv"]
    )
    assert fast_reverse("site:plan_change_remove", ["p1", "c2"]) == "/plans/p1/changes/c2/remove/"


def test_the_script_prefix_is_kept_in_each_link():
    try:
        set_script_prefix("/organogram/")
        assert fast_reverse("site:unit", ["dg"]) == "/organogram/units/dg/"
    finally:
        set_script_prefix("/")
    assert fast_reverse("site:unit", ["dg"]) == "/units/dg/"


@override_settings(ROOT_URLCONF=__name__)
def test_names_that_refuse_stand_ins_are_reversed_by_django():
    assert fast_reverse("numbered", [12]) == "/n/12/"
    with pytest.raises(NoReverseMatch):
        fast_reverse("numbered", ["twelve"])
    assert fast_reverse("pathed", ["a"]) == "/p/a/end"
    assert fast_reverse("pathed", ["a/b c"]) == reverse("pathed", args=["a/b c"])
    assert any(key[0] == "numbered" and shape is None for key, shape in reversing._shapes.items())


def test_the_template_tag_writes_what_djangos_writes():
    source = (
        "{% url 'site:unit' a %}|{% url 'site:source' b %}|{% url 'site:structure' %}"
        "|{% url 'site:unit' node=a %}|{% url 'site:unit' b as v %}{{ v }}"
    )
    context = {"a": "dg", "b": "x & y"}
    django = Template(source).render(Context(context))
    ours = Template("{% load links %}" + source).render(Context(context))
    assert ours == django
    assert "/units/x%20&amp;%20y/" in ours
