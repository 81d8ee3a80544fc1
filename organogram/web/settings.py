"""Django settings, read from the environment with working defaults for one machine.

* ``DATABASE_URL``: a database URL (``postgres://user:pass@host/db``); default SQLite
  at ``var/organogram.sqlite3`` (see :mod:`organogram.web.local` for ``var/``).
* ``SECRET_KEY``: default a key generated once into ``var/secret-key``.
* ``ORGANOGRAM_DEBUG``: ``1`` for Django's debug pages (never in a shared deployment).
* ``ORGANOGRAM_ALLOWED_HOSTS``: comma-separated host names the site answers to.
* ``ORGANOGRAM_ANONYMOUS_READ``: ``0`` to make visitors sign in before reading anything.
* ``ORGANOGRAM_SEPARATE_APPROVAL``: ``0`` to let the person who proposed a plan approve it
  too (an organization of one); by default a second person approves.
* ``ORGANOGRAM_TREE_UNITS``: the most units the Structure page's tree sends at once
  (default 2000); a larger structure sends its top levels and the rest branch by branch.
* ``ORGANOGRAM_SOURCE_FILE_MB``: the largest copy of a source document that may be
  uploaded, in megabytes (default 25).
* ``ORGANOGRAM_SIGNIN_FAILURES``: wrong passwords for one account from one address, or
  bad API tokens from one address, before they are refused for a while (default 5).
* ``ORGANOGRAM_SIGNIN_COOLOFF_MINUTES``: how long that while is (default 15).
* ``ORGANOGRAM_HTTPS``: ``1`` when the site is served over HTTPS (production): cookies
  only over HTTPS, HSTS (``ORGANOGRAM_HSTS_SECONDS``, default a year;
  ``ORGANOGRAM_HSTS_SUBDOMAINS=1`` for every subdomain too).
* ``ORGANOGRAM_PROXY_SSL_HEADER``: behind a reverse proxy that ends TLS, the header it
  sets to ``https`` for a request that came over HTTPS (``X-Forwarded-Proto``); unset, no
  header is trusted for it. ``ORGANOGRAM_SSL_REDIRECT=1`` redirects HTTP to HTTPS.
* ``ORGANOGRAM_CSRF_TRUSTED_ORIGINS``: comma-separated origins (``https://org.example``)
  forms may be posted from, when the proxy's host differs from the one Django sees.
* ``ORGANOGRAM_UPLOAD_MB``: the largest request body, in megabytes (default 30): larger
  uploads are refused (413) before they are read.
* ``ORGANOGRAM_CLIENT_IP_HEADER``: behind a reverse proxy, the header it puts the
  client's address in (``X-Forwarded-For``, ``X-Real-IP``); unset, the connection's
  address is the client's (a header anyone can send is not trusted).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .local import secret_key, var_dir


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = var_dir()

SECRET_KEY = secret_key(VAR_DIR)
DEBUG = _flag("ORGANOGRAM_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ORGANOGRAM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]

#: Whether visitors who have not signed in may read the structure (never holders' names).
ORGANOGRAM_ANONYMOUS_READ = _flag("ORGANOGRAM_ANONYMOUS_READ", True)
#: A plan is approved by someone other than whoever proposed it (four eyes).
ORGANOGRAM_SEPARATE_APPROVAL = _flag("ORGANOGRAM_SEPARATE_APPROVAL", True)
#: The most units the Structure page's tree sends at once (its top levels past it).
ORGANOGRAM_TREE_UNITS = int(os.environ.get("ORGANOGRAM_TREE_UNITS", "2000"))
#: The largest uploaded copy of a source document, in bytes.
ORGANOGRAM_SOURCE_FILE_BYTES = int(
    float(os.environ.get("ORGANOGRAM_SOURCE_FILE_MB", "25")) * 1024 * 1024
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "organogram.registry",
    "organogram.site",
    # Counting wrong passwords and bad API tokens, in the database (every worker sees it).
    "axes",
    # The API's documentation page, served with its own copy of Swagger UI (no CDN).
    "ninja",
]

# Administrators hold every model permission through their role (django admin asks).
# The lockout check comes first: a locked-out account's password is not even checked.
AUTHENTICATION_BACKENDS = [
    "organogram.registry.backends.SignInLockout",
    "organogram.registry.backends.RoleBackend",
]

MIDDLEWARE = [
    # First: an oversized body is refused before anything reads it.
    "organogram.site.middleware.request_size",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Serves the few static files from the apps' folders: no collectstatic step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the account is known: ids naming a person become pseudonyms for visitors.
    "organogram.site.middleware.people_in_ids",
    # Answers to a signed-in reader (who sees people's names) are kept by no cache.
    "organogram.site.middleware.private_when_signed_in",
    "organogram.site.middleware.request_id",
    # Last, so that it answers a locked-out sign-in with the site's own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "organogram.web.urls"
# A form sent without a valid token: the site's page saying to reload and send again.
CSRF_FAILURE_VIEW = "organogram.site.views.errors.csrf_failure"
WSGI_APPLICATION = "organogram.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organogram.site.context.site",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "organogram.sqlite3",
        # Writers wait for each other instead of failing at once with "database is locked".
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        # A worker process keeps its connection from one request to the next (opening one
        # costs a fifth of a millisecond); each statement outside a write runs on its own,
        # so a reader still sees every write committed by other processes.
        "CONN_MAX_AGE": 600,
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "site:signin"
LOGIN_REDIRECT_URL = "site:structure"
LOGOUT_REDIRECT_URL = "site:structure"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production over HTTPS: cookies never sent in clear, browsers told to use HTTPS only.
ORGANOGRAM_HTTPS = _flag("ORGANOGRAM_HTTPS", False)
SESSION_COOKIE_SECURE = ORGANOGRAM_HTTPS
CSRF_COOKIE_SECURE = ORGANOGRAM_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("ORGANOGRAM_HSTS_SECONDS", "31536000")) if ORGANOGRAM_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("ORGANOGRAM_HSTS_SUBDOMAINS", False)
SECURE_SSL_REDIRECT = _flag("ORGANOGRAM_SSL_REDIRECT", False)
# Trusted only when named: a header any client can send must not make a request "secure".
_PROXY_SSL_HEADER = os.environ.get("ORGANOGRAM_PROXY_SSL_HEADER", "").strip()
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("ORGANOGRAM_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# What pages may load: only this site's own scripts, styles, images and fonts (no inline
# script or style), never framed. django-csp sends it on every answer.
_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the icons of the API's documentation page (Swagger UI's stylesheet).
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if DEBUG:
    # Django's debug pages are styled and scripted inline: reported, not enforced, there.
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _POLICY
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = _POLICY

# Request sizes: a form's fields (not its files) at most 2.5 MB, files past 2.5 MB to
# disk rather than memory, and no request body past ORGANOGRAM_UPLOAD_MB at all
# (organogram.site.middleware.request_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
ORGANOGRAM_UPLOAD_BYTES = int(float(os.environ.get("ORGANOGRAM_UPLOAD_MB", "30")) * 1024 * 1024)

# Brute force: wrong passwords are counted per account and client address, bad API
# tokens per address (organogram.registry.lockout); after too many, a cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("ORGANOGRAM_SIGNIN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=float(os.environ.get("ORGANOGRAM_SIGNIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The wait runs from the last failure counted, and tries during it are not counted: the
# page can say when the next try is taken.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "organogram.site.views.auth.locked_out"
AXES_CLIENT_IP_CALLABLE = "organogram.web.client_ip.client_ip"
ORGANOGRAM_CLIENT_IP_HEADER = os.environ.get("ORGANOGRAM_CLIENT_IP_HEADER", "").strip()
# Failures are logged at WARNING by the lockout itself; each one at INFO is noise.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
