"""``organogram user``: accounts with a role, and their API tokens."""

from __future__ import annotations

import argparse

from ..audit_name import audit_name

ROLES = ("viewer", "editor", "approver", "administrator")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``user add``, ``user role`` and ``user token``."""
    p = sub.add_parser(
        "user",
        help="create accounts with a role, change roles, make API tokens",
        description="Accounts of the web application and the API, in the registry's database "
        "(DATABASE_URL, else var/organogram.sqlite3). Roles: viewer (reads, sees who holds "
        "posts), editor (records changes, drafts and proposes plans), approver (approves, "
        "withdraws and enacts plans), administrator (everything, accounts, the audit log). "
        "Every write is in the audit log.",
    )
    users = p.add_subparsers(dest="user_command", metavar="SUBCOMMAND", required=True)
    add = users.add_parser(
        "add", help="create an account with a role; prints its generated password",
        description="Create an account holding ROLE and print its password, generated.",
    )
    add.add_argument("name", metavar="NAME", help="account name")
    add.add_argument("--role", choices=ROLES, required=True, help="the account's role")
    add.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who creates it, for the audit log"
    )
    add.set_defaults(handler=run_add)
    role = users.add_parser("role", help="give an account another role",
                            description="Make ROLE the one role of the account NAME.")
    role.add_argument("name", metavar="NAME", help="account name")
    role.add_argument("role", choices=ROLES, metavar="ROLE", help=", ".join(ROLES))
    role.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who changes it, for the audit log"
    )
    role.set_defaults(handler=run_role)
    token = users.add_parser(
        "token", help="make an API token for an account; prints it (shown once)",
        description="Make an API token that signs in as NAME (send it as "
        "'Authorization: Bearer TOKEN'). Only a hash is kept: copy it now.",
    )
    token.add_argument("name", metavar="NAME", help="account name")
    token.add_argument("--label", default="", help="what the token is for")
    token.add_argument(
        "--by", metavar="NAME", type=audit_name, help="who makes it, for the audit log"
    )
    token.set_defaults(handler=run_token)


def _prepare():
    # Django is imported here so that the other commands stay fast.
    from ...web.local import migrate, setup

    setup()
    migrate()
    from ...registry import accounts
    from ...registry.audit import Actor

    return accounts, Actor


def run_add(args: argparse.Namespace) -> int:
    """Create the account and print its password."""
    accounts, actor = _prepare()
    _, password = accounts.add_user(args.name, args.role, actor.command_line(args.by))
    print(f"Created {args.name!r} ({args.role}). Password: {password}")
    return 0


def run_role(args: argparse.Namespace) -> int:
    """Change the account's role."""
    accounts, actor = _prepare()
    accounts.set_role(accounts.find_user(args.name), args.role, actor.command_line(args.by))
    print(f"{args.name!r} is now {args.role}.")
    return 0


def run_token(args: argparse.Namespace) -> int:
    """Make a token and print it."""
    accounts, actor = _prepare()
    user = accounts.find_user(args.name)
    _, text = accounts.create_token(user, actor.command_line(args.by), args.label)
    print(text)
    return 0
