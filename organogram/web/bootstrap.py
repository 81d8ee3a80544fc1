"""First run of a server: which dataset to load, and the first administrator's account.

The dataset loaded into an empty registry is, in order: the one named (``--data``),
``$ORGANOGRAM_DATASET``, ``data/iom`` in the current folder, or ``data/iom`` of the
source checkout the package runs from (an editable install, as ``make run`` makes).
A wheel installed elsewhere carries no dataset: then the registry starts empty and
``organogram load PATH`` fills it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: The dataset shipped with the project, relative to a checkout's root.
SHIPPED = Path("data") / "iom"
#: The first administrator's account name.
ADMIN = "admin"
#: Where the first administrator's generated password is written, in var/.
PASSWORD_FILE = "admin-password.txt"


def default_dataset(named: str | None = None) -> Path | None:
    """The dataset to load into an empty registry, or None when there is none to find."""
    if named:
        return Path(named)
    if os.environ.get("ORGANOGRAM_DATASET"):
        return Path(os.environ["ORGANOGRAM_DATASET"])
    checkout = Path(__file__).resolve().parents[2]
    for candidate in (Path.cwd() / SHIPPED, checkout / SHIPPED):
        if candidate.is_dir():
            return candidate
    return None


def ensure_admin(var: Path) -> str | None:
    """Create the administrator account when there is no account at all.

    Returns the new password (also written, readable by its owner only, to
    ``var/admin-password.txt``), or None when accounts already exist.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model()
    if users.objects.exists():
        return None
    from ..registry.actions import AddUser, run
    from ..registry.audit import Actor
    from ..registry.permissions import ADMINISTRATOR

    # A superuser may do everything anyway; the group makes the role visible to admins.
    action = AddUser(ADMIN, ADMINISTRATOR, secrets.token_urlsafe(12), superuser=True)
    _, password = run(action, Actor.command_line("organogram serve"))
    var.mkdir(parents=True, exist_ok=True)
    path = var / PASSWORD_FILE
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"{ADMIN}\n{password}\n")
    return password
