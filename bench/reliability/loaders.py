"""Malformed input to every loader and importer: refused cleanly, naming where, writing nothing.

From small valid inputs (the tests' fixtures) a seeded, bounded set of mutations is made:
truncation, an empty file, bytes that are no text, another encoding, NUL characters, a
value of the wrong type, a missing column or field, a duplicated row (ids twice), a
reference to nothing, a huge id, an impossible date, and for spreadsheets a truncated zip
and a zip bomb. Each is given to its command, loading into a registry: half of them with
``--replace`` into a registry holding a record, half without into an empty one (a plan's
spreadsheet always into a registry holding its draft). A case is a **violation** when:

- the command ends otherwise than with status 0, 1 or 2 (a signal, a hang past the time
  limit), or prints a Python traceback;
- it refuses the input (status 1 or 2) without naming where: some line of its errors must
  name the mutated file (its name) and, after it, what the mutation calls for — the file
  alone for a file that is not text, a spreadsheet or JSON at all; a line (``:N``,
  ``line N``, ``row N``, ``cell A1``) for a file cut short or holding NUL bytes; a line or
  row and a field (``column 'x'``, ``field 'x'``, ``units[0].parent:``) for a change to
  one value, column or row;
- it refuses the input and the registry is not as it was: ``organogram export`` of it
  differs, byte for byte, from the export before (a SQLite file unchanged byte for byte,
  or PostgreSQL tables whose every row is unchanged, need no export);
- it accepts an input that must be refused: an empty file, bytes that are not its format,
  a truncated or exploding spreadsheet (a mutation that leaves a valid input may be
  accepted: a renamed unit is still a dataset).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from .common import EXAMPLE, Database, cli, export_digest, say
from .loader_inputs import Base
from .loader_mutations import FIELD, FILE, LINE, Case, cases

# FILE, LINE and FIELD, what a refusal must name, are the mutations' (loader_mutations).
__all__ = ["FIELD", "FILE", "LINE", "names_where", "run", "run_cases"]

#: Seconds a command may take on one input before it counts as hung.
TIME_LIMIT = 120


LOCATION = re.compile(r"^[\"']?:\d+|\b(?:row|line)s? \d+|\bcell [A-Z]{1,3}\d+")
FIELD_NAMED = re.compile(
    r"\b(?:column|field|key|sheet)s? '[^']+'"
    r"|[\w\]]+(?:\.\w+|\[\d+\])+:\s"
    r"|^[\"']?:\d+: [\w.]+:"
    r"|\b(?:row|line) \d+: [\w.]+:"
)

#: Mutations that take content away: what then fails may be named in another file of the
#: input (an empty units file: the posts that name its units).
REMOVING = {"empty", "truncated", "missing column", "missing field"}


def names_where(stderr: str, filenames: list[str], needs: str) -> bool:
    """Whether a line of ``stderr`` names one of the files and, after it, what ``needs``
    asks (FILE: nothing more; LINE: a line or row; FIELD: a line or row and a field)."""
    for line in stderr.splitlines():
        for filename in filenames:
            at = line.find(filename)
            if at < 0:
                continue
            rest = line[at + len(filename) :]
            if needs == FILE:
                return True
            if LOCATION.search(rest) and (needs == LINE or FIELD_NAMED.search(rest)):
                return True
    return False


def _same_files(a: Path, b: Path) -> bool:
    """Whether two SQLite registry folders hold the same files, byte for byte."""
    names = sorted(f.name for f in a.iterdir() if f.is_file())
    if names != sorted(f.name for f in b.iterdir() if f.is_file()):
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def run_cases(
    db: Database,
    work: Path,
    made: list[Base],
    todo: list[Case],
    seconds: float,
    progress: Callable[[str], None] = say,
) -> dict:
    """Every case on ``db`` (until ``seconds`` are spent), each on a fresh registry."""
    by_name = {b.name: b for b in made}
    tag = db.name.lower()
    var0, var1, var = work / f"{tag}-empty", work / f"{tag}-record", work / f"{tag}-case"
    db0, db1, dbc = (f"reliab_loaders_{what}_{tag}" for what in ("empty", "record", "case"))
    db.create(var0, db0)
    db.create(var1, db1)
    # The empty registry is made (migrated) by its first export, below.
    loaded = cli(["load", str(EXAMPLE)], db.env(var1, db1))
    if loaded.returncode != 0:
        raise RuntimeError(f"loading the example: {loaded.stderr}")
    digests = {
        "empty": export_digest(db.env(var0, db0), work / "export"),
        "record": export_digest(db.env(var1, db1), work / "export"),
    }
    contents = {False: db.content_digest(db0), True: db.content_digest(db1)}
    start = time.monotonic()
    ran: list[Case] = []
    for i, c in enumerate(todo):
        if time.monotonic() - start > seconds:
            break
        base = by_name[c.base]
        folder = work / "case-input"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(base.files, folder)
        (folder / c.target).write_bytes(c.data)
        args = base.command(folder)
        into_record = not base.replace_flag or i % 2 == 0
        if into_record and base.replace_flag:
            args.append("--replace")
        c.mode = (
            "--replace, into a record"
            if base.replace_flag and into_record
            else ("into a record" if into_record else "into an empty registry")
        )
        db.create(var, dbc, (var1, db1) if into_record else (var0, db0))
        env = db.env(var, dbc)
        t0 = time.monotonic()
        try:
            result = cli(args, env, timeout=TIME_LIMIT)
            c.status = result.returncode
            stderr = result.stderr
        except subprocess.TimeoutExpired:
            c.status, stderr = None, ""
            c.violation = f"no answer within {TIME_LIMIT} s"
        c.seconds = time.monotonic() - t0
        filenames = [Path(c.target).name]
        if c.mutation in REMOVING:
            filenames += [f.name for f in folder.rglob("*") if f.is_file()]
        if c.needs == FILE:
            filenames.append(folder.name)  # the dataset folder, for what no one file holds
        if c.violation:
            pass
        elif "Traceback" in stderr:
            c.violation = "a traceback: " + stderr.strip().splitlines()[-1][:200]
        elif c.status not in (0, 1, 2):
            c.violation = f"ended with status {c.status}"
        elif c.status == 0 and c.must_refuse:
            c.violation = "accepted"
        elif c.status != 0:
            if not names_where(stderr, filenames, c.needs):
                first = next((ln for ln in stderr.splitlines() if ln.strip()), "(nothing)")
                c.violation = f"names no {c.needs}: {first.strip()[:200]}"
            template = var1 if into_record else var0
            unchanged = (
                _same_files(var, template)
                if db.server is None
                else db.content_digest(dbc) == contents[into_record]
            )
            if unchanged:  # not a byte, or not a row, changed: the export is the same
                after = digests["record" if into_record else "empty"]
            else:
                after = export_digest(env, work / "export")
            if after != digests["record" if into_record else "empty"]:
                c.violation = (c.violation + "; " if c.violation else "") + "registry changed"
        ran.append(c)
        if c.violation:
            progress(
                f"  VIOLATION {db.name}: {c.base}, {c.target}, {c.mutation} ({c.mode}): "
                f"{c.violation}"
            )
    for v, d in ((var0, db0), (var1, db1), (var, dbc)):
        db.drop(v, d)
    return {
        "database": db.name,
        "cases": len(todo),
        "ran": len(ran),
        "refused": sum(c.status not in (0, None) for c in ran),
        "accepted": sum(c.status == 0 for c in ran),
        "violations": [c for c in ran if c.violation],
        "seconds": time.monotonic() - start,
        "results": ran,
    }


def run(
    work: Path,
    dbs: list[Database],
    *,
    seed: int = 20,
    per_target: int = 3,
    seconds: float = 240,
    only: str = "",
) -> list[dict]:
    """The malformed-input run on every database: a result per database (``only``: the
    loaders whose name holds it)."""
    made, todo = cases(work / "inputs", seed, per_target)
    if only:
        todo = [c for c in todo if only in c.base]
        if not todo:
            raise SystemExit(f"--only {only!r}: no loader's name holds it")
    say(f"loaders: {len(todo)} malformed inputs over {len(made)} loaders and importers")
    results = []
    for db in dbs:
        fresh = [Case(c.base, c.target, c.mutation, c.needs, c.must_refuse, c.data) for c in todo]
        r = run_cases(db, work, made, fresh, seconds)
        say(
            f"loaders, {db.name}: {r['ran']} of {r['cases']} inputs in {r['seconds']:.0f} s, "
            f"{r['refused']} refused, {r['accepted']} accepted, "
            f"{len(r['violations'])} violation(s)"
        )
        results.append(r)
    return results


def main() -> int:
    import argparse
    import tempfile

    from .common import databases

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--per-target", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=240)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--only", help="only the loaders whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="organogram-loaders-") as tmp:
        results = run(
            Path(tmp),
            databases(args.postgres),
            seed=args.seed,
            per_target=args.per_target,
            seconds=args.seconds,
            only=args.only or "",
        )
    return 1 if any(r["violations"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
