"""Signing in and out, with Django's own views and the site's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

signin = auth_views.LoginView.as_view(
    template_name="site/signin.html", redirect_authenticated_user=True
)
signout = auth_views.LogoutView.as_view()
