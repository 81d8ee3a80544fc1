"""The URL map of the project: the site's pages at the root, the API under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from ..api.main import api

urlpatterns = [
    path("api/", api.urls),
    # Browsers ask for /favicon.ico whatever the page says: they get the site's icon.
    path("favicon.ico", RedirectView.as_view(url=static("site/favicon.svg"), permanent=True)),
    # Accounts and roles, for administrators (see organogram.registry.admin).
    path("admin/", admin.site.urls),
    path("", include("organogram.site.urls")),
]

# The site's own pages for what went wrong (JSON under /api/): see organogram.site.views.errors.
handler404 = "organogram.site.views.errors.not_found"
handler500 = "organogram.site.views.errors.server_error"
