"""Writing many rows a slice at a time, each slice made only when it is written.

A whole record (millions of changes, their search documents) made into unsaved rows at
once would take gigabytes; made and written a slice at a time, it takes one slice.
:func:`insert` writes a slice with the driver's ``executemany``: Django's
``bulk_create`` compiles an INSERT of every value of the slice, which took a third of a
large load's time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from django.db import connections, models, router

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), taken as they are asked for."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def insert(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Insert ``rows``, unsaved instances of ``model``, as ``bulk_create`` would: each
    field's value as the field prepares it for saving (``pre_save``, then
    ``get_db_prep_save``), an automatic primary key left to the database, the rows in
    their order. No signal is sent (nor by ``bulk_create``)."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.auto_created]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    values = [
        tuple(f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields)
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
