"""Several processes serve one registry: a write through one is seen by every other.

Each process keeps its own record, rebuilt when the revision read from the database
moves (organogram.registry.store). These tests run real processes on a registry of
their own (SQLite in a temporary folder, whatever database the other tests use).
"""

from __future__ import annotations

import http.client
import importlib
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from organogram.cli.main import build_parser
from organogram.core.timeline import Timeline
from organogram.registry import store
from organogram.site.views.warming import warm
from organogram.web.serving import cores, default_workers, have_workers

# The modules (the package's names "structure" and "unit" are the view functions).
structure_view = importlib.import_module("organogram.site.views.structure")
shared_structure = importlib.import_module("organogram.registry.reading.structure")
shared_timeline = importlib.import_module("organogram.registry.reading.timeline")

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "example"

#: A process that keeps the registry's record (as a server's worker does) and, for each
#: line read, prints the revision, whether its record is the one it held before, and the
#: name of the unit named on the line as of today.
READER = """
import datetime as dt, sys
from organogram.web.local import setup
setup()
from organogram.core.dates import FuzzyDate
from organogram.queries.unit import unit_at
from organogram.registry import store
held = None
for line in sys.stdin:
    state = store.current()
    name = unit_at(state.record, line.strip(), FuzzyDate.day(dt.date.today()))["name"]
    print(state.revision, "same" if state is held else "new", name, flush=True)
    held = state
"""

#: A process that renames the unit ``ops`` (to its first argument) through the registry's
#: write path.
WRITER = """
import sys
from organogram.web.local import setup
setup()
from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import record_change
state = store.current()
record_change(
    Rename(date=FuzzyDate.parse("2023-01-01"), unit="ops", name=sys.argv[1]),
    Actor("tests"),
    expected=state.token(["ops"]),
)
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of processes sharing a registry loaded with the example dataset
    (each test renames ``ops`` from whatever name it finds)."""
    folder = tmp_path_factory.mktemp("registry")
    env = {**os.environ, "ORGANOGRAM_VAR": str(folder), "DATABASE_URL": ""}
    env.pop("ORGANOGRAM_DEBUG", None)
    run = subprocess.run(
        [sys.executable, "-m", "organogram.cli.main", "load", str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return env


def rename(env: dict[str, str], name: str) -> None:
    """Rename ``ops`` to ``name`` from a process of its own."""
    run = subprocess.run(
        [sys.executable, "-c", WRITER, name],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr


def test_a_process_sees_a_write_made_by_another(registry):
    reader = subprocess.Popen(
        [sys.executable, "-c", READER],
        env=registry,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        def ask() -> list[str]:
            assert reader.stdin and reader.stdout
            reader.stdin.write("ops\n")
            reader.stdin.flush()
            return reader.stdout.readline().split(" ", 2)

        revision, _, name = ask()
        assert name.startswith("Department of Operations")
        # Nothing written: the record kept is used again.
        assert ask() == [revision, "same", name]
        rename(registry, "Operations Department, renamed by another process")
        after, fresh, name = ask()
        assert int(after) > int(revision) and fresh == "new"
        assert name.strip() == "Operations Department, renamed by another process"
    finally:
        reader.stdin.close()  # type: ignore[union-attr]
        reader.wait(30)


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def server_processes(pid: int) -> list[int]:
    """The processes of the server started in a session of its own as ``pid``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[2]) == pid:
                found.append(int(entry))
    return found


@pytest.mark.skipif(not have_workers(), reason="worker processes need Gunicorn")
def test_every_worker_of_serve_shows_a_write(registry):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "organogram.cli.main", "serve", "--port", str(port), "--workers=2"],
        env=registry,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            try:
                status, _ = get(port, "/api/me")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert status == 200
        # Gunicorn's master and two workers: the first answer may come from one worker
        # while the other is still starting on a busy machine, so wait for both.
        while len(server_processes(server.pid)) < 3:
            assert time.monotonic() < deadline, "the second worker did not start"
            time.sleep(0.2)
        assert len(server_processes(server.pid)) == 3

        def names(count: int) -> set[str]:
            """The unit's names in the headings of ``count`` of its pages, asked four at a
            time so that both workers answer some (and keep the record they read)."""
            with ThreadPoolExecutor(4) as pool:
                pages = list(pool.map(lambda _: get(port, "/units/ops/"), range(count)))
            assert {status for status, _ in pages} == {200}
            return {re.search(r"<h1>([^<]*)", body).group(1).strip() for _, body in pages}

        (before,) = names(16)
        rename(registry, f"{before}, renamed while served")
        assert names(16) == {f"{before}, renamed while served"}
    finally:
        os.killpg(server.pid, 15)
        # Stopped as asked: every process leaves at once, the master with status 0.
        assert server.wait(30) == 0


def test_serve_answers_with_one_worker_per_core_by_default():
    assert default_workers() == (cores() if have_workers() else 0)
    args = build_parser().parse_args(["serve"])
    assert args.workers is None  # the default is worked out when serving
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--workers", "-1"])


@pytest.mark.django_db
def test_a_warmed_revision_answers_the_first_pages_without_building(client, monkeypatch):
    store.forget()
    state = store.current()
    warm(state)
    unit = sorted(state.record.timeline.fold()[0].units)[0]

    def refuse(*args, **kwargs):
        raise AssertionError("built again after warming")

    monkeypatch.setattr(Timeline, "histories", refuse)
    monkeypatch.setattr(shared_structure, "structure_at", refuse)
    monkeypatch.setattr(shared_timeline, "narrate_changes", refuse)
    monkeypatch.setattr(structure_view, "render_to_string", refuse)
    monkeypatch.setattr(Timeline, "fold", refuse)
    assert "touching" in state.record.timeline.memo
    assert client.get("/").status_code == 200
    assert client.get(f"/units/{unit}/").status_code == 200
    assert client.get("/api/structure").status_code == 200
    # What was not warmed is still built on demand: another date's structure.
    with pytest.raises(AssertionError, match="built again"):
        client.get("/?at=2017-01-01")


@pytest.mark.skipif(not have_workers(), reason="worker processes need Gunicorn")
@pytest.mark.django_db
def test_the_master_builds_what_every_worker_starts_with(monkeypatch):
    from django.db import connections

    from organogram.web.workers import WorkerServer

    # Loading the app closes the database connections before forking, as it must; inside
    # this test's transaction PostgreSQL's connection could not come back, and what is
    # tested here is what the master keeps, so the connections stay open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    store.forget()
    server = WorkerServer("127.0.0.1:0", 2)
    assert server.cfg.preload_app and server.cfg.workers == 2
    assert server.load() is not None
    # Kept for the forks: the record and what the first pages derive from it.
    memo = store.current().memo
    assert "histories" in memo and ("sentences", False) in memo and "structure.tree" in memo
    # Nothing the master runs before forking its workers lets go of it.
    server.cfg.on_starting(None)
    server.cfg.when_ready(None)
    server.cfg.pre_fork(None, None)
    assert store.current().memo is memo


@pytest.mark.skipif(not have_workers(), reason="worker processes need Gunicorn")
@pytest.mark.parametrize(("code", "status", "said"), [(0, 0, ""), (None, 0, ""), (3, 3, ""),
                                                      ("no such app", 1, "no such app")])
def test_a_stopping_server_leaves_with_its_exit_status_and_its_connections_closed(
    monkeypatch, capsys, code, status, said
):
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from organogram.web import workers

    def stop(self):
        raise SystemExit(code)

    closed, left = [], []
    monkeypatch.setattr(BaseApplication, "run", stop)
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    monkeypatch.setattr(workers.os, "_exit", left.append)
    workers.WorkerServer("127.0.0.1:0", 2).run()
    assert left == [status] and closed == [True]
    assert capsys.readouterr().err.strip() == said
