"""Guessing passwords and API tokens: after too many failures, a cool-off in which even
the right one is refused, with a page (or a Retry-After) saying when to try again."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client

from organogram.registry.accounts import add_user, create_token
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db

LIMIT = 3
RIGHT = "a long password 1"


@pytest.fixture(autouse=True)
def few_failures(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=10)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def account(db):
    user, _ = add_user("ana", "viewer", Actor("tests"), password=RIGHT)
    return user


def sign_in(client: Client, password: str, address: str = "10.0.0.1", **headers):
    return client.post(
        "/signin/",
        {"username": "ana", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def cool_off_passes() -> None:
    """The cool-off has run out: the failures counted are older than it."""
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))


def test_wrong_passwords_lock_the_account_then_it_opens_again(account):
    client = Client()
    for _ in range(LIMIT - 1):
        refused = sign_in(client, "wrong")
        assert refused.status_code == 200  # the form again, with its error
        assert "_auth_user_id" not in client.session
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in paused" in page
    assert "try again after" in page
    assert 0 < int(locked["Retry-After"]) <= 600
    # Even the right password is refused during the cool-off.
    right = sign_in(client, RIGHT)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    cool_off_passes()
    assert sign_in(client, RIGHT).status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_the_lockout_is_per_account_and_address(account):
    for _ in range(LIMIT):
        sign_in(Client(), "wrong", address="10.0.0.1")
    assert sign_in(Client(), RIGHT, address="10.0.0.1").status_code == 429
    # The owner, elsewhere, still signs in.
    assert sign_in(Client(), RIGHT, address="10.0.0.2").status_code == 302


def test_a_forwarded_address_is_trusted_only_when_configured(account, settings):
    for n in range(LIMIT):
        sign_in(Client(), "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # Not configured: the header is the client's to write, and changes nothing.
    assert sign_in(Client(), RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    settings.ORGANOGRAM_CLIENT_IP_HEADER = "X-Forwarded-For"
    for _ in range(LIMIT):
        sign_in(Client(), "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.1")
    # The proxy's entry (the last) is the client's address.
    assert (
        sign_in(Client(), RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.1").status_code == 429
    )
    assert (
        sign_in(Client(), RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.2").status_code == 302
    )


def test_bad_tokens_lock_the_address_out_of_the_api(account):
    _, token = create_token(account, Actor("tests"))
    client = Client()

    def call(bearer: str, address: str = "10.0.0.1"):
        return client.get(
            "/api/structure", HTTP_AUTHORIZATION=f"Bearer {bearer}", REMOTE_ADDR=address
        )

    assert call(token).status_code == 200
    for n in range(LIMIT - 1):
        assert call(f"org_guess{n}").status_code == 401
    locked = call("org_guess-last")
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 600
    assert "too many bad tokens" in locked.json()["detail"]
    # The right token too, while it lasts; another address is not concerned.
    assert call(token).status_code == 429
    assert call(token, address="10.0.0.2").status_code == 200
    cool_off_passes()
    assert call(token).status_code == 200


def test_a_request_without_an_address_is_counted_without_one(rf, settings):
    """No address (a test client's login, a proxy header left empty) and garbage in the
    trusted header give None, never a text the database's address column refuses."""
    from organogram.web.client_ip import client_ip

    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request) is None
    settings.ORGANOGRAM_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.7")
    assert client_ip(request) == "10.0.0.7"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
