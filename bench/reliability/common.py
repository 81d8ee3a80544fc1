"""What the reliability runs share: the databases, the command line, a server, the API."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..server_process import (
    free_port,
    kill_server,
    process_stats,
    start_server,
    stop_server,
    wait_until_answering,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "fixtures" / "datasets" / "example"
IOM = ROOT / "data" / "iom"


def say(text: str) -> None:
    """A line of progress, timed."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def postgres_url(given: str | None) -> str | None:
    """The PostgreSQL server to use (``--postgres``, else ``DATABASE_URL``) if it answers."""
    url = given or os.environ.get("DATABASE_URL") or ""
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    try:
        import psycopg
    except ImportError:
        return None
    try:
        psycopg.connect(_with_db(url, "postgres"), connect_timeout=5).close()
    except psycopg.Error:
        return None
    return url


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@dataclass
class Database:
    """SQLite in a folder of its own, or a database of its own on a PostgreSQL server.

    ``name`` says which (``SQLite``, ``PostgreSQL``); each registry made is a fresh one,
    named by the run, so runs never share a database with each other or with anyone.
    """

    name: str
    server: str | None = None  # the PostgreSQL URL; None for SQLite

    def env(self, var: Path, db: str) -> dict[str, str]:
        """The environment of a command or server using the registry ``db`` kept in ``var``."""
        env = {**os.environ, "ORGANOGRAM_VAR": str(var), "DATABASE_URL": ""}
        env.pop("ORGANOGRAM_DEBUG", None)
        if self.server:
            env["DATABASE_URL"] = _with_db(self.server, db)
        return env

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_with_db(self.server or "", "postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def create(self, var: Path, db: str, template: tuple[Path, str] | None = None) -> None:
        """A new registry ``db`` in ``var``: empty, or a copy of ``template`` (var, db)."""
        if var.exists():
            shutil.rmtree(var)
        if self.server is None:
            if template:
                shutil.copytree(template[0], var)
            else:
                var.mkdir(parents=True)
            return
        var.mkdir(parents=True)
        if template:
            # The secret key names pseudonyms: the copy keeps the template's.
            for f in template[0].iterdir():
                if f.is_file():
                    shutil.copy(f, var / f.name)
        self._admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{db}"' + (f' TEMPLATE "{template[1]}"' if template else ""))

    def content_digest(self, db: str) -> str | None:
        """A digest of every row of every table of PostgreSQL database ``db`` (None on
        SQLite): equal digests mean equal contents, so an equal export."""
        if self.server is None:
            return None
        import psycopg

        h = hashlib.sha256()
        with psycopg.connect(_with_db(self.server, db)) as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
            ]
            for t in tables:
                row = conn.execute(
                    f"SELECT md5(coalesce(string_agg(x::text, '\n' ORDER BY x::text), '')) "
                    f'FROM "{t}" x'
                ).fetchone()
                h.update(f"{t}:{row[0]}\n".encode())
        return h.hexdigest()

    def drop(self, var: Path, db: str) -> None:
        """Remove the registry ``db`` and its folder."""
        if self.server is not None:
            self._admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        shutil.rmtree(var, ignore_errors=True)


def databases(postgres: str | None) -> list[Database]:
    """SQLite always, PostgreSQL when ``postgres`` answers."""
    found = [Database("SQLite")]
    url = postgres_url(postgres)
    if url:
        found.append(Database("PostgreSQL", url))
    return found


def cli(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """``organogram ARGS`` in a process of its own: its exit status, output and errors."""
    return subprocess.run(
        [sys.executable, "-m", "organogram.cli.main", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
    )


def export_digest(env: dict[str, str], out: Path) -> str:
    """A digest of ``organogram export`` of the registry: every file's name and bytes."""
    if out.exists():
        shutil.rmtree(out)
    done = cli(["export", str(out)], env)
    h = hashlib.sha256(f"{done.returncode}\n{done.stderr}".encode())
    if out.is_dir():
        for f in sorted(out.rglob("*")):
            if f.is_file():
                h.update(str(f.relative_to(out)).encode() + b"\0" + f.read_bytes())
        shutil.rmtree(out)
    return h.hexdigest()


def token(env: dict[str, str], name: str, role: str) -> str:
    """An account ``name`` holding ``role`` and an API token for it."""
    done = cli(["user", "add", name, "--role", role], env)
    if done.returncode != 0:
        raise RuntimeError(f"user add {name}: {done.stderr}")
    done = cli(["user", "token", name], env)
    if done.returncode != 0:
        raise RuntimeError(f"user token {name}: {done.stderr}")
    # The token is the last word printed.
    return done.stdout.split()[-1]


def request(
    port: int,
    method: str,
    path: str,
    body: object = None,
    token: str | None = None,
    timeout: float = 60,
) -> tuple[int, object]:
    """One API call on a new connection: the status and the answer (JSON when it is)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=headers
        )
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    try:
        return response.status, json.loads(data)
    except ValueError:
        return response.status, data


class Server:
    """``organogram serve`` on a free loopback port, in a session of its own."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2, extra=(), data=None):
        self.env, self.log, self.workers = env, log, workers
        self.extra, self.data = list(extra), data
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 300) -> Server:
        """Start the server and wait until it answers."""
        self.proc = start_server(
            self.port,
            self.workers,
            self.env,
            self.log.open("a"),
            data=self.data,
            extra=self.extra,
            cwd=ROOT,
        )
        wait_until_answering(
            self.proc,
            self.log,
            lambda: request(self.port, "GET", "/api/me", timeout=5)[0] == 200,
            timeout=timeout,
        )
        return self

    def kill(self) -> None:
        """SIGKILL to the master and every worker: no shutdown, as a power cut would."""
        if self.proc is not None:
            kill_server(self.proc)

    def stop(self) -> None:
        """Ask the server to stop; kill it if it does not within 30 s."""
        if self.proc is not None:
            stop_server(self.proc)

    def workers_rss(self) -> dict[int, int]:
        """The resident memory, in bytes, of each worker process (the master's children)."""
        assert self.proc is not None
        found = {}
        for pid, fields in process_stats().items():
            if int(fields[1]) != self.proc.pid:  # its parent is not gunicorn's master
                continue
            try:
                with open(f"/proc/{pid}/status") as f:
                    rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
            except (OSError, StopIteration):
                continue
            found[pid] = rss * 1024
        return found

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
