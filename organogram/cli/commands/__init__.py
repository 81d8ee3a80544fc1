"""One module per subcommand, each with ``add_parser(subparsers)`` and a handler."""

from . import (
    bodies,
    chart,
    cost,
    diff,
    draft,
    export_as,
    history,
    import_,
    nominations,
    plan,
    posts,
    registry,
    search,
    serve,
    show,
    user,
    validate,
    writes,
)

#: Subcommands in the order ``organogram --help`` lists them.
ALL = [
    validate,
    show,
    search,
    history,
    diff,
    chart,
    plan,
    draft,
    cost,
    posts,
    bodies,
    nominations,
    registry,
    writes,
    serve,
    user,
    import_,
    export_as,
]
