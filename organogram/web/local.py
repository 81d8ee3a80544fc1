"""Where this installation keeps its files, its secret key, and how to start Django.

The folder for local state (the SQLite database, the generated secret key, the first
administrator's password) is ``$ORGANOGRAM_VAR`` when set, else ``var/`` in the
current directory: running from a checkout, as ``make run`` does, keeps it in the
checkout's git-ignored ``var/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SETTINGS_MODULE = "organogram.web.settings"


def var_dir() -> Path:
    """The folder for local state (not created here)."""
    return Path(os.environ.get("ORGANOGRAM_VAR") or "var").resolve()


def secret_key(folder: Path) -> str:
    """``$SECRET_KEY``, else a key generated once and kept in ``folder/secret-key``."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = folder / "secret-key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Created readable by its owner only: the key signs sessions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key


def setup() -> None:
    """Configure Django for a command of the ``organogram`` tool (idempotent)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()


def migrate(verbose: bool = False) -> None:
    """Create or update the database tables."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
