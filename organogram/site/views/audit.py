"""The audit log: every write, who, when, through what; for administrators."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...registry import models as m
from .common import requires

#: Entries on one page of the log.
PER_PAGE = 50


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@requires("audit.view")
def audit(request: HttpRequest) -> HttpResponse:
    """Audit entries, newest first, filtered by ``user``, ``via``, ``action``, ``from``/``to``."""
    get = request.GET
    chosen = {k: get.get(k, "").strip() for k in ("user", "via", "action", "from", "to")}
    entries = m.AuditEntry.objects.all()
    if chosen["user"]:
        entries = entries.filter(by=chosen["user"])
    if chosen["via"]:
        entries = entries.filter(via=chosen["via"])
    if chosen["action"]:
        entries = entries.filter(action=chosen["action"])
    start, end = _day(chosen["from"]), _day(chosen["to"])
    if start:
        entries = entries.filter(at__date__gte=start)
    if end:
        entries = entries.filter(at__date__lte=end)
    bad = [k for k in ("from", "to") if chosen[k] and _day(chosen[k]) is None]
    page = Paginator(entries, PER_PAGE).get_page(get.get("page"))
    keep = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
    context = {
        "page": page,
        "chosen": chosen,
        "keep": keep,
        "bad": bad,
        "users": m.AuditEntry.objects.order_by("by").values_list("by", flat=True).distinct(),
        "actions": m.AuditEntry.objects.order_by("action")
        .values_list("action", flat=True)
        .distinct(),
        "vias": [v.value for v in m.AuditEntry.Via],
    }
    return render(request, "site/audit.html", context, status=400 if bad else 200)
