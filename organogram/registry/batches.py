"""Writing many rows a slice at a time, each slice made only when it is written.

A whole record (millions of changes, their search documents) made into unsaved rows at
once would take gigabytes; made and written a slice at a time, it takes one slice.
:func:`insert` writes a slice with the driver's ``executemany``: Django's
``bulk_create`` compiles an INSERT of every value of the slice, which took a third of a
large load's time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

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
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.auto_created]
    prepare = [_preparer(f, connection) for f in fields]
    values = [tuple(p(row) for p in prepare) for row in rows]
    insert_values(model, [f.column for f in fields], values)


def _preparer(field: models.Field, connection: Any) -> Callable[[models.Model], Any]:
    """How ``field``'s value of a row is made ready for the database, as saving does.

    A text field prepares a str as it is, and a field without its own ``pre_save``
    saves the value the row holds: a load's millions of such values skip the calls.
    """
    attname = field.attname
    plain = type(field).pre_save is models.Field.pre_save
    text = type(field) in (models.CharField, models.TextField)

    def prepare(row: models.Model) -> Any:
        value = getattr(row, attname) if plain else field.pre_save(row, True)
        if text and type(value) is str:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_values(
    model: type[models.Model], columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    """Insert ``values``, rows of ``model``'s table given as the database stores them
    (one value per column of ``columns``), in their order."""
    if not values:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
