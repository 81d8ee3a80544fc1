"""A table's rows, appended through its block, read as a list of rows would be.

Rows wait in a block before they reach the columns; these tests mix appends, reads of
one cell, changes, closes (one or many at once), supersessions, rows added one or many
at once, cuts and whole-column reads across many blocks and compare
every step with plain Python lists.
"""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from organogram.columns import schema
from organogram.columns.table import BLOCK, Table

COLUMNS = list(schema.POSTS)


def check(table: Table, rows: list[list[int]]) -> None:
    assert len(table) == len(rows)
    for k, name in enumerate(COLUMNS):
        assert table.col(name).tolist() == [r[k] for r in rows], name


def run(seed: int, steps: int) -> None:
    rng = random.Random(seed)
    table, rows = Table(schema.POSTS, capacity=8), []
    for _ in range(steps):
        what = rng.random()
        if what < 0.76 or not rows:
            row = [rng.randrange(-3, 1000) for _ in COLUMNS]
            row[COLUMNS.index("senior")] = rng.randrange(2)
            row[COLUMNS.index("until")] = schema.OPEN
            assert table.append(tuple(row)) == len(rows)
            rows.append(row)
        elif what < 0.8:  # many rows at once, some columns one value for all
            m = rng.randrange(BLOCK // 4)
            new = [[rng.randrange(-3, 1000) for _ in COLUMNS] for _ in range(m)]
            values = {}
            for k, name in enumerate(COLUMNS):
                if name == "senior" or rng.random() < 0.3:
                    one = rng.randrange(2) if name == "senior" else rng.randrange(1000)
                    for row in new:
                        row[k] = one
                    values[name] = one
                else:
                    values[name] = np.array([row[k] for row in new], dtype=np.int64)
            assert table.extend(values, m) == len(rows)
            rows.extend(new)
        elif what < 0.87:
            i = rng.randrange(len(rows))
            until, hi, ended = rng.randrange(1000), rng.randrange(1000), rng.randrange(1000)
            table.close(i, until, hi, ended)
            rows[i][COLUMNS.index("until") : COLUMNS.index("until") + 2] = [until, hi]
            rows[i][COLUMNS.index("ended")] = ended
        elif what < 0.9:  # many rows closed at once, each on its day, by its change
            picked = rng.sample(range(len(rows)), rng.randrange(1, min(len(rows), 50) + 1))
            days = [rng.randrange(1000) for _ in picked]
            by = [rng.randrange(1000) for _ in picked]
            table.close_rows(np.array(picked), np.array(days), np.array(by))
            for i, day, ended in zip(picked, days, by, strict=True):
                rows[i][COLUMNS.index("until") : COLUMNS.index("until") + 2] = [day, day]
                rows[i][COLUMNS.index("ended")] = ended
        elif what < 0.94:
            i = rng.randrange(len(rows))
            day, ended = rng.randrange(1000), rng.randrange(1000)
            row = [rng.randrange(-3, 1000) for _ in COLUMNS]
            row[COLUMNS.index("senior")] = rng.randrange(2)
            assert table.supersede(i, tuple(row), day, ended) == len(rows)
            rows[i][COLUMNS.index("until") : COLUMNS.index("until") + 2] = [day, day]
            rows[i][COLUMNS.index("ended")] = ended
            rows.append(row)
        elif what < 0.97:
            i, k = rng.randrange(len(rows)), rng.randrange(len(COLUMNS))
            value = rng.randrange(100) if COLUMNS[k] == "senior" else rng.randrange(10**6)
            table.set(COLUMNS[k], i, value)
            rows[i][k] = value
        elif what < 0.99:
            n = rng.randrange(len(rows) + 1)
            table.cut(n)
            del rows[n:]
        else:
            check(table, rows)
        i = rng.randrange(len(rows)) if rows else None
        if i is not None:
            k = rng.randrange(len(COLUMNS))
            assert table.get(COLUMNS[k], i) == rows[i][k]
    check(table, rows)


def test_rows_across_many_blocks_read_as_plain_lists():
    run(seed=1, steps=5 * BLOCK)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32), steps=st.integers(0, 3 * BLOCK))
def test_any_mix_of_writes_reads_as_plain_lists(seed, steps):
    run(seed, steps)


def test_the_columns_keep_their_types():
    table = Table(schema.POSTS)
    table.append(tuple(range(len(COLUMNS))))
    assert all(table.col(n).dtype == np.dtype(t) for n, t in schema.POSTS.items())
    assert table.nbytes() == sum(np.dtype(t).itemsize for t in schema.POSTS.values())
