"""One date format on the pages: the ``when`` filter, on each form of date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template

from organogram.core.dates import FuzzyDate
from organogram.site.templatetags.dates import when


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2022-12-31", '<time datetime="2022-12-31">31 December 2022</time>'),
        (dt.date(2016, 11, 30), '<time datetime="2016-11-30">30 November 2016</time>'),
        (FuzzyDate.parse("2020-06-01"), '<time datetime="2020-06-01">1 June 2020</time>'),
        ("2024-05-01T09:30:00+00:00", '<time datetime="2024-05-01">1 May 2024</time>'),
        ("2021-06", "June 2021"),
        ("2021-Q4", "Q4 2021"),
        ("2021-H2", "H2 2021"),
        ("2020", "2020"),
        ("../2021-06", "by June 2021"),
        ("2009/2016", "between 2009 and 2016"),
        ("2011~", "about 2011"),
        (None, ""),
        ("", ""),
    ],
)
def test_each_form_of_date_reads_one_way(value, shown):
    assert str(when(value)) == shown


def test_text_that_is_not_a_date_is_escaped_as_it_is():
    out = Template("{% load dates %}{{ v|when }}").render(Context({"v": "<b>soon</b>"}))
    assert out == "&lt;b&gt;soon&lt;/b&gt;"
    out = Template("{% load dates %}{{ v|when|default:'—' }}").render(Context({"v": None}))
    assert out == "—"
