"""The signed-in account's page: its role, what it may do, and its API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ...registry import models as m
from ...registry.accounts import revoke_token
from ...registry.actions import CreateToken, run
from ...registry.permissions import allowed_actions, role_of
from .common import actor as web_actor
from .common import requires


@requires(CreateToken.permissions)
def account(request: HttpRequest) -> HttpResponse:
    """GET: role and tokens; POST ``create`` (with ``name``) or ``revoke`` (a token id)."""
    actor = web_actor(request)
    new_token = ""
    if request.method == "POST":
        if "revoke" in request.POST:
            ident = request.POST.get("revoke", "")
            if ident.isdigit() and revoke_token(request.user, int(ident), actor):
                messages.success(request, "The token is revoked: it no longer signs in.")
            return redirect("site:account")
        name = request.POST.get("name", "").strip()
        _, new_token = run(CreateToken(request.user, name), actor)
    context = {
        "role": role_of(request.user),
        "actions": sorted(allowed_actions(request.user)),
        "tokens": m.Token.objects.filter(user=request.user),
        "new_token": new_token,
    }
    return render(request, "site/account.html", context)
