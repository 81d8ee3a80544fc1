"""Django's admin, for administrators only: accounts, their roles (groups) and API tokens.

The record itself is never edited here: every change to the structure goes through
the dated changes of :mod:`organogram.registry.services`.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from . import models as m
from .permissions import can


def _administrators_only(request: HttpRequest) -> bool:
    return can(request.user, "user.manage")


# The admin's own rule is "staff"; ours is the administrator role.
admin.site.has_permission = _administrators_only  # type: ignore[method-assign]
admin.site.site_header = "Organogram administration"
admin.site.site_title = "Organogram administration"
admin.site.index_title = "Accounts and roles"
admin.site.site_url = "/"


@admin.register(m.Token)
class TokenAdmin(admin.ModelAdmin):
    """API tokens: seen and revoked here, created by their owner or `organogram user token`."""

    list_display = ("prefix", "user", "name", "created", "last_used")
    readonly_fields = ("user", "prefix", "name", "created", "last_used")
    exclude = ("digest",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Tokens are shown once when made, which the admin cannot do."""
        return False
