"""The URL map of the project: the site's pages at the root, the API under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from ..api.main import api

urlpatterns = [
    path("api/", api.urls),
    # Accounts and roles, for administrators (see organogram.registry.admin).
    path("admin/", admin.site.urls),
    path("", include("organogram.site.urls")),
]

# The site's own pages for what went wrong (JSON under /api/): see organogram.site.views.errors.
handler404 = "organogram.site.views.errors.not_found"
handler500 = "organogram.site.views.errors.server_error"
