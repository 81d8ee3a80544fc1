"""OpenAPI fuzzing of the API: no server error, no status the description does not name.

``python -m bench.reliability.fuzz`` serves the IOM dataset (data/iom) with ``organogram
serve`` on loopback, in a fresh registry of its own, makes an administrator's API token
(every write is open to it), and runs schemathesis over every operation of
/api/openapi.json: requests that fit the description and requests that do not (a wrong
type, a missing field, a value out of range), at most ``--max-examples`` of each per
operation, all within ``--seconds``. Every answer is checked:

* not a server error (no 5xx);
* its status is one the operation declares;
* its body fits the schema declared for that status, with the declared content type.

An operation with ids in its path is given half of its requests with ids the record
holds (the rest mostly name nothing, 404), so that its work is reached. The requests are
the same on every run (derandomized), and a single worker serves them, so that a failure
can be repeated. ``--postgres URL`` serves from a database of its own on that PostgreSQL
server instead of SQLite. Given ``--url`` (and ``--token``), it fuzzes that server
instead, which it then writes to. It prints a summary, with a ``curl`` command that
reproduces each failure, and exits 1 on any failure or any operation left unfuzzed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: Failures kept as examples in the answer of :func:`run`.
EXAMPLES = 20

#: Ids of each kind the record holds that the requests name (see :func:`_known_values`).
FEW = 8

#: What a failed check is counted as.
_COUNTED = {
    "not_a_server_error": "server_errors",
    "status_code_conformance": "undocumented",
    "content_type_conformance": "schema_failures",
    "response_schema_conformance": "schema_failures",
}


def _checks() -> list[tuple[str, Callable]]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        ("not_a_server_error", not_a_server_error),
        ("status_code_conformance", status_code_conformance),
        ("content_type_conformance", content_type_conformance),
        ("response_schema_conformance", response_schema_conformance),
    ]


def run(base_url: str, token: str, *, max_examples: int, seconds: float) -> dict[str, Any]:
    """Fuzz every operation of the API served at ``base_url`` as the account of ``token``.

    Each operation is given up to ``max_examples`` requests that fit its description and
    as many that do not, and an equal share of what is left of ``seconds``; an operation
    with ids in its path is given half of them with ids the record holds. Answers the
    counts (``operations`` fuzzed of ``operations_declared``, ``requests``,
    ``server_errors``, ``undocumented``, ``schema_failures``, ``failures_total``),
    ``seconds`` taken, ``statuses`` (how many answers of each status), and ``failures``:
    up to :data:`EXAMPLES` distinct ones, each with ``method``, ``path``, ``status``,
    ``check``, ``message`` and a ``curl`` command reproducing it (the token read from
    ``$TOKEN``).
    """
    import requests
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.core.failures import Failure, FailureGroup

    base_url = base_url.rstrip("/")
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json", headers=headers)
    operations = []
    for result in schema.get_all_operations():
        if hasattr(result, "err"):
            raise RuntimeError(f"the API's description cannot be fuzzed: {result.err()}")
        operations.append(result.ok())

    checks = _checks()
    counts = dict.fromkeys(
        ["requests", "server_errors", "undocumented", "schema_failures", "failures_total"], 0
    )
    failures: list[dict[str, Any]] = []
    statuses: dict[int, int] = {}
    seen: set[tuple[str, str, int, str]] = set()
    session = requests.Session()
    start = time.monotonic()
    end = start + seconds
    fuzzed = 0

    def note(case: Any, response: Any, name: str, failure: Failure) -> None:
        counts[_COUNTED[name]] += 1
        counts["failures_total"] += 1
        operation = case.operation
        key = (operation.method.upper(), operation.path, response.status_code, name)
        if key in seen or len(failures) >= EXAMPLES:
            return
        seen.add(key)
        failures.append(
            {
                "method": key[0],
                "path": operation.path,
                "status": response.status_code,
                "check": name,
                "message": (failure.title + ": " + failure.message).strip()[:500],
                # The token is never printed: the command reads it from $TOKEN.
                "curl": case.as_curl_command(headers=headers, base_url=base_url).replace(
                    "'Authorization: [Filtered]'", '"Authorization: Bearer $TOKEN"'
                ),
            }
        )

    def send(case: Any) -> None:
        response = case.call(base_url=base_url, session=session, headers=headers)
        counts["requests"] += 1
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        for name, check in checks:
            try:
                case.validate_response(response, checks=[check], headers=headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    note(case, response, name, failure)
            except Failure as failure:
                note(case, response, name, failure)

    known = _known_values(session, base_url, headers)
    for index, operation in enumerate(operations):
        now = time.monotonic()
        if now >= end:
            break
        # Each operation its share of the time left, so that a slow one cannot starve the rest.
        share = (end - now) / (len(operations) - index)
        fuzzed += 1
        # Made-up ids mostly name nothing (404): half the requests to an operation with ids
        # in its path name what the record holds, so that the operation gets to its work.
        names = set(re.findall(r"\{(\w+)\}", operation.path))
        real = {n: known[n] for n in names if known.get(n)}
        rounds = [None, real] if real and len(real) == len(names) else [None]
        for ids in rounds:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                until = min(end, time.monotonic() + share / (2 * len(rounds)))
                _fuzz(operation, mode, max_examples // len(rounds), until, send, ids)

    return {
        "operations": fuzzed,
        "operations_declared": len(operations),
        **counts,
        "seconds": round(time.monotonic() - start, 1),
        "statuses": dict(sorted(statuses.items())),
        "failures": failures,
    }


def _known_values(session: Any, base_url: str, headers: dict[str, str]) -> dict[str, list]:
    """Values the record holds for the API's path parameters, by parameter name: a few
    of each kind of id, read from the API's lists (none of a kind whose list cannot be
    read)."""

    def read(path: str) -> Any:
        answer = session.get(base_url + path, headers=headers, timeout=600)
        answer.raise_for_status()
        return answer.json()

    def ids(path: str, key: str | None, field: str = "id") -> list[str]:
        try:
            rows = read(path)
            rows = rows[key] if key else rows
            return [str(r[field]) for r in rows if r.get(field)][:FEW]
        except (OSError, ValueError, LookupError, TypeError):
            return []

    sections = ids("/api/registers", "registers", "section")
    return {
        "node": ids("/api/structure?limit=50", "nodes"),
        "source_id": ids("/api/sources", None),
        "change_id": ids(f"/api/changes?limit={FEW}", "changes"),
        "plan_id": ids("/api/plans", None),
        "section": sections,
        "key": [k for s in sections for k in ids(f"/api/registers/{s}?limit=3", "entries")],
        "body_id": ids("/api/bodies", "bodies"),
        "call_id": ids("/api/calls", "calls"),
        "post_id": ids("/api/posts", "posts"),
    }


def _fuzz(
    operation: Any,
    mode: Any,
    max_examples: int,
    until: float,
    send: Callable[[Any], None],
    ids: dict[str, list] | None = None,
) -> None:
    """``send`` up to ``max_examples`` requests to ``operation`` made in ``mode`` (fitting
    its description or not), until the clock reads ``until``; with ``ids``, each path
    parameter one of its values there."""
    import hypothesis
    from hypothesis import strategies as st

    @hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        # Failures are noted, never raised: nothing to shrink.
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
        # The same requests on each run, so that a run can be repeated.
        derandomize=True,
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode), pick=st.integers(0, 999))
    def one(case: Any, pick: int) -> None:
        # Raised, not returned: Hypothesis would go on making the examples left.
        if time.monotonic() >= until:
            raise _TimeUp
        if ids:
            case.path_parameters = {n: values[pick % len(values)] for n, values in ids.items()}
        send(case)

    # Unsatisfiable: no request of this mode can be made (nothing to make invalid, say).
    with contextlib.suppress(hypothesis.errors.Unsatisfiable, _TimeUp):
        one()


class _TimeUp(Exception):
    """An operation's share of the time is spent."""


def _organogram(var: Path, database: str, *args: str) -> str:
    """Run ``organogram ARGS`` on the registry in ``var`` (or ``database``); its output."""
    env = {**os.environ, "ORGANOGRAM_VAR": str(var), "DATABASE_URL": database}
    done = subprocess.run(
        [sys.executable, "-m", "organogram.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def summary(result: dict[str, Any]) -> str:
    """``result`` of :func:`run` as lines to read."""
    lines = [
        f"database: {result.get('database', 'the server at --url')}",
        f"operations fuzzed: {result['operations']} of {result['operations_declared']}",
        f"requests: {result['requests']} in {result['seconds']} s",
        "answers: " + ", ".join(f"{n} x {s}" for s, n in result["statuses"].items()),
        f"server errors: {result['server_errors']}",
        f"undocumented statuses: {result['undocumented']}",
        f"schema failures: {result['schema_failures']}",
    ]
    for f in result["failures"]:
        lines += [
            "",
            f"{f['method']} {f['path']} -> {f['status']} ({f['check']})",
            f"  {f['message'].splitlines()[0] if f['message'] else ''}",
            f"  {f['curl']}",
        ]
    return "\n".join(lines)


def failed(result: dict[str, Any]) -> bool:
    """Whether ``result`` holds a failure, or left an operation unfuzzed."""
    return bool(result["failures_total"]) or result["operations"] < result["operations_declared"]


def _serve_and_run(database: str, max_examples: int, seconds: float) -> dict[str, Any]:
    """Serve data/iom in a fresh registry (in ``database``, else SQLite), make an
    administrator's token, and fuzz it."""
    from ..web import IOM, Server

    with tempfile.TemporaryDirectory(prefix="organogram-fuzz-") as tmp:
        var = Path(tmp)
        with Server(IOM, var, workers=1, database=database) as server:
            _organogram(var, database, "user", "add", "fuzz", "--role", "administrator")
            token = _organogram(var, database, "user", "token", "fuzz", "--label", "fuzz")
            return run(
                f"http://127.0.0.1:{server.port}",
                token.strip(),
                max_examples=max_examples,
                seconds=seconds,
            )


@contextlib.contextmanager
def _database(server: str | None) -> Iterator[str]:
    """A database of its own on the PostgreSQL ``server`` (a URL), dropped afterwards; or
    "" (SQLite) without one."""
    if not server:
        yield ""
        return
    import psycopg

    name = f"organogram_fuzz_{os.getpid()}"
    base = server.rstrip("/")
    root = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    with psycopg.connect(f"{root}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{root}/{name}"
    finally:
        with psycopg.connect(f"{root}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reliability.fuzz",
        description="Fuzz the API from its OpenAPI description (schemathesis).",
    )
    parser.add_argument("--url", help="a served Organogram (default: serve data/iom here)")
    parser.add_argument("--token", help="an API token with write rights, for --url")
    parser.add_argument(
        "--max-examples",
        type=int,
        default=100,
        help="most requests per operation, of each kind (fitting or not): 100",
    )
    parser.add_argument(
        "--seconds", type=float, default=200.0, help="time bound of the fuzzing: 200"
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="serve from a database of its own on this PostgreSQL server "
        "(postgres://user:password@host:port/), dropped afterwards (default: SQLite)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.url and not args.token:
        parser.error("--url needs --token")

    if args.url:
        result = run(args.url, args.token, max_examples=args.max_examples, seconds=args.seconds)
    else:
        with _database(args.postgres) as database:
            result = _serve_and_run(database, args.max_examples, args.seconds)
        result["database"] = "PostgreSQL" if args.postgres else "SQLite"
    print(json.dumps(result, indent=2) if args.json else summary(result))
    return 1 if failed(result) else 0


if __name__ == "__main__":
    sys.exit(main())
