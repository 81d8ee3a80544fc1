"""``organogram serve``: set up the database on first run and serve the web application."""

from __future__ import annotations

import argparse
import os

from ...core.errors import OrganogramError


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "serve",
        help="serve the web application (creating and filling the database on first run)",
        description="Create or update the database, load a dataset when the registry is "
        "empty (--data, else $ORGANOGRAM_DATASET, else data/iom of the current folder or of "
        "the source checkout), create an administrator account with a generated password on "
        "first run, print the address and how to sign in, and serve: with Gunicorn's worker "
        "processes (--workers, one per core by default), or with Django's own threaded "
        "server in this one process (--workers 0).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--data", metavar="PATH", help="dataset to load into an empty registry")
    p.add_argument(
        "--workers",
        type=_count,
        metavar="N",
        help="worker processes answering requests at once (default: one per processor core); "
        "0: Django's threaded server in this process, for development or where Gunicorn is "
        "not installed",
    )
    p.add_argument(
        "--header-timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="with worker processes, a client whose request line and headers are not all "
        "in within SECONDS of connecting is dropped (default 10); meanwhile it holds no "
        "worker thread",
    )
    p.add_argument(
        "--client-timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="a client that sends nothing of its request's body, or takes nothing of the "
        "answer, for SECONDS is dropped (default 30)",
    )
    p.set_defaults(handler=run)


def _seconds(text: str) -> float:
    """A positive number of seconds."""
    try:
        n = float(text)
    except ValueError:
        n = 0.0
    if not 0 < n < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (more than 0)")
    return n


def _count(text: str) -> int:
    """A number of worker processes: 0 or more."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (0 or more)")
    return n


def run(args: argparse.Namespace) -> int:
    """Prepare and serve."""
    from ...web.serving import default_workers, have_workers

    workers = default_workers() if args.workers is None else args.workers
    if workers > 0 and not have_workers():
        raise OrganogramError(
            "worker processes need Gunicorn (pip install gunicorn; not on Windows); "
            "--workers 0 serves from this process with Django's own server"
        )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        hosts = os.environ.get("ORGANOGRAM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
        os.environ["ORGANOGRAM_ALLOWED_HOSTS"] = f"{hosts},{args.host}"
    # Django is imported here so that the other commands stay fast.
    from ...web.local import migrate, setup

    setup()
    migrate()
    from django.conf import settings

    from ...registry import store
    from ...registry.audit import Actor
    from ...registry.services import load_dataset_into_registry
    from ...web.bootstrap import ADMIN, PASSWORD_FILE, default_dataset, ensure_admin
    from ...web.client_limits import ClientLimits
    from ...web.serving import serve

    if store.is_empty():
        dataset = default_dataset(args.data)
        if dataset is None:
            print(
                "The registry is empty and no dataset was found: load one with "
                "`organogram load PATH`."
            )
        else:
            result = load_dataset_into_registry(dataset, Actor.command_line())
            print(f"Loaded {result.organization} from {dataset}.")
    password = ensure_admin(settings.VAR_DIR)
    host = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{host}:{args.port}/"
    print()
    print(f"Organogram is at {address}")
    if password is not None:
        print(f"Sign in at {address}signin/ as {ADMIN!r} with the password {password}")
        print(f"(also written to {settings.VAR_DIR / PASSWORD_FILE}).")
    else:
        print(
            f"Sign in at {address}signin/ with your account (the first administrator, "
            f"{ADMIN!r}, has its password in {settings.VAR_DIR / PASSWORD_FILE})."
        )
    if workers:
        print(f"Served by {workers} worker process{'es' if workers > 1 else ''} (Gunicorn).")
    else:
        print("Served by Django's threaded server, in this one process.")
    print("Press Ctrl+C to stop.", flush=True)
    limits = ClientLimits(header_timeout=args.header_timeout, client_timeout=args.client_timeout)
    serve(f"{host}:{args.port}", workers, limits)
    return 0
