"""What only PostgreSQL can show: the revision row really is locked during a write."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from organogram.registry import models as m

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_cannot_take_the_revision_lock():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: set DATABASE_URL=postgres://… (SQLite serializes writers "
            "with its own database lock instead of row locks)"
        )
    m.Revision.objects.get_or_create(pk=1)
    seen: list[str] = []

    def second_writer() -> None:
        try:
            with transaction.atomic():
                m.Revision.objects.select_for_update(nowait=True).get(pk=1)
            seen.append("took the lock")
        except DatabaseError:
            seen.append("refused")
        finally:
            connections.close_all()

    with transaction.atomic():
        m.Revision.objects.select_for_update().get(pk=1)
        other = threading.Thread(target=second_writer)
        other.start()
        other.join(timeout=30)
    assert seen == ["refused"]
