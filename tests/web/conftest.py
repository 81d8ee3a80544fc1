"""The registry's tests run against a test database holding the IOM dataset.

The dataset is loaded once per session into the test database; each test runs in a
transaction that is rolled back, so writes never leak from one test to the next.
"""

from __future__ import annotations

from pathlib import Path

import pytest

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the IOM dataset loaded."""
    from organogram.registry.audit import Actor
    from organogram.registry.services import load_dataset_into_registry

    with django_db_blocker.unblock():
        load_dataset_into_registry(IOM, Actor("tests"))


@pytest.fixture(autouse=True)
def one_person_may_propose_and_approve(settings):
    """The workflow tests act as one person from draft to enactment; the tests of the
    four-eyes rule (test_plan_approval.py) turn it back on, as it is by default."""
    settings.ORGANOGRAM_SEPARATE_APPROVAL = False


@pytest.fixture
def admin_user(db, django_user_model):
    """A signed-in-able administrator."""
    return django_user_model.objects.create_superuser("boss", password="a long password 1")


@pytest.fixture
def signed_in(client, admin_user):
    """A test client signed in as an administrator."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def auth(db, settings):
    """Headers signing in to the API as an editor through a token."""
    from organogram.registry.accounts import add_user, create_token
    from organogram.registry.audit import Actor

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("api-editor", "editor", Actor("tests"))
    _, token = create_token(user, Actor("tests"))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
