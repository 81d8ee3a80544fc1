"""Django app configuration of the site."""

from __future__ import annotations

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The pages of the web application."""

    name = "organogram.site"
    label = "site"
    verbose_name = "Site"
