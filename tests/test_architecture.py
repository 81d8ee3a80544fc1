"""Architecture rules, checked on the source with the ast module.

organogram/core/ is the pure domain: it must not depend on any web framework or
template engine, and every one of its modules says what it is for in a docstring.

Above it the packages are layered (:data:`LAYERS`): each may import only the packages of
ours its row names, and the ones that are no part of the web application no Django. An
import inside a function counts as much as one at the top of a module: it is a
dependency all the same, only a later one.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "organogram"
CORE = PACKAGE / "core"

FORBIDDEN = frozenset(
    {"django", "rest_framework", "ninja", "flask", "fastapi", "starlette", "jinja2"}
)


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def relative(path: Path) -> str:
    return path.relative_to(CORE.parent.parent).as_posix()


def imported_top_level_names(tree: ast.Module):
    """Yield (top-level package name, line number) for every import in the tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0], node.lineno
        # Relative imports (level > 0) stay inside the project.
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0], node.lineno


def test_core_package_exists_and_has_modules():
    assert (CORE / "__init__.py").is_file(), f"{relative(CORE / '__init__.py')} is missing"
    assert core_modules(), "organogram/core/ has no modules"


def test_core_imports_no_web_framework():
    violations = [
        f"{relative(path)}:{line}: imports {name}"
        for path in core_modules()
        for name, line in imported_top_level_names(parse(path))
        if name in FORBIDDEN
    ]
    assert not violations, "organogram/core/ must stay framework-free:\n" + "\n".join(violations)


def test_core_modules_have_docstrings():
    missing = [relative(path) for path in core_modules() if ast.get_docstring(parse(path)) is None]
    assert not missing, "modules without a module docstring:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import django", {"django"}),
        ("import flask.json as j", {"flask"}),
        ("from fastapi import FastAPI", {"fastapi"}),
        ("from starlette.requests import Request", {"starlette"}),
        ("def f():\n    import jinja2", {"jinja2"}),
        ("from . import django", set()),
        ("import djangoish", set()),
    ],
)
def test_import_scan_finds_top_level_names(source, expected):
    names = {name for name, _ in imported_top_level_names(ast.parse(source))}
    assert names & FORBIDDEN == expected


#: The packages that make no use of the web application: read and write files and the
#: record in memory, draw charts. They run without Django (the command line's exports and
#: imports, the benchmarks), so they import none of it.
PURE = (
    "formats", "history", "queries", "charts", "importers", "exporters", "search", "drafting",
    "columns",
)

#: Which of our packages each package may import (its own modules always). Read a row as
#: "may import": anything of ours not named is refused, so a new dependency is a choice
#: written here, not an accident.
LAYERS: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "formats": frozenset({"core"}),
    "history": frozenset({"core"}),
    "queries": frozenset({"core", "formats", "history"}),
    # (columns: the posts under each box, when the caller keeps the record's columns)
    "charts": frozenset({"core", "formats", "history", "queries", "columns"}),
    "importers": frozenset({"core", "formats"}),
    "exporters": frozenset({"core", "formats", "history", "importers", "queries"}),
    # Drafting changes from documents: rules over the record and its resolver of names.
    "drafting": frozenset({"core", "formats", "queries"}),
    # Search without an engine of the database's: documents, queries, ranking, FTS5 in memory.
    "search": frozenset({"core"}),
    # The record's versions as NumPy columns, read by vectorized masks.
    "columns": frozenset({"core"}),
    # The record kept in a database, and what its readers derive from it: no pages, no API.
    # (drafting: a paper sent to be drafted is read within the upload limits, registry.papers;
    # columns: the record's versions kept per revision, registry.reading.columns)
    "registry": frozenset(
        {"core", "formats", "history", "importers", "queries", "search", "drafting", "columns"}
    ),
    # The pages and the API stand side by side on the registry: neither imports the other.
    "site": frozenset(
        {"core", "formats", "history", "queries", "charts", "importers", "exporters", "registry",
         "search", "drafting"}
    ),
    "api": frozenset({"core", "formats", "history", "queries", "registry", "search", "drafting"}),
    # The Django project: settings, URLs and serving, over the pages and the API.
    "web": frozenset(
        {"core", "formats", "history", "queries", "charts", "importers", "exporters",
         "registry", "site", "api", "search"}
    ),
    # The command line drives everything.
    "cli": frozenset(
        {"core", "formats", "history", "queries", "charts", "importers", "exporters",
         "registry", "site", "api", "web", "search", "drafting"}
    ),
}

#: Third-party packages a package may not import, beyond :data:`LAYERS`' rule for ours.
FRAMEWORKS_REFUSED: dict[str, frozenset[str]] = {
    **{name: FORBIDDEN | {"django"} for name in PURE},
    # The registry is Django's models and the record: the API framework is the API's.
    "registry": frozenset({"ninja"}),
    "site": frozenset({"ninja"}),
}


def project_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> list[str]:
    """``organogram/site/views/unit.py`` -> ["organogram", "site", "views", "unit"]
    (a package's ``__init__.py`` is the package)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_modules(tree: ast.Module, name: list[str], is_package: bool):
    """Yield (absolute dotted module name, line) for every import in the tree of the
    module ``name``, relative imports resolved, function-local ones included."""
    here = name if is_package else name[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or "", node.lineno
                continue
            base = here[: len(here) - (node.level - 1)]
            if node.module:
                yield ".".join([*base, node.module]), node.lineno
            else:  # from . import a, b: each name may be a module of the package
                for alias in node.names:
                    yield ".".join([*base, alias.name]), node.lineno


def layering_violations(path: Path, tree: ast.Module) -> list[str]:
    """What in ``tree`` (the module at ``path``) breaks :data:`LAYERS` or
    :data:`FRAMEWORKS_REFUSED`, as "file:line: imports X: rule" lines."""
    name = module_name(path)
    where = path.relative_to(PACKAGE.parent).as_posix()
    if len(name) < 2:
        return []  # organogram/__init__.py: the version, above every layer
    package = name[1]
    if package not in LAYERS:
        return [f"{where}:1: package {package!r} is not in the layering table (LAYERS)"]
    allowed = LAYERS[package]
    refused = FRAMEWORKS_REFUSED.get(package, frozenset())
    found = []
    for module, line in imported_modules(tree, name, path.name == "__init__.py"):
        parts = module.split(".")
        if parts[0] == "organogram" and len(parts) > 1:
            target = parts[1]
            if target != package and target in LAYERS and target not in allowed:
                may = ", ".join(sorted(allowed)) or "nothing of ours"
                found.append(
                    f"{where}:{line}: imports {module}: {package} may import {may}, "
                    f"not {target}"
                )
        elif parts[0] in refused:
            found.append(
                f"{where}:{line}: imports {module}: {package} imports no {parts[0]}"
            )
    return found


def test_every_package_is_in_the_layering_table():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS), "LAYERS names a package that is not there, or misses one"


def test_packages_import_only_the_layers_below_them():
    violations = [
        v for path in project_modules() for v in layering_violations(path, parse(path))
    ]
    assert not violations, "imports across the layers (tests/test_architecture.py LAYERS):\n" + (
        "\n".join(violations)
    )


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("api/reading.py", "from ..site.views import unit", "api may import"),
        ("api/reading.py", "def f():\n    from ..site.views import unit", "not site"),
        ("api/__init__.py", "from ..site import urls", "not site"),
        ("api/reading.py", "import organogram.cli.main", "not cli"),
        ("site/views/unit.py", "from ...api import main", "not api"),
        ("registry/store.py", "from ..site import context", "not site"),
        ("core/model.py", "from ..formats import codec", "not formats"),
        ("queries/unit.py", "from django.db import models", "queries imports no django"),
        ("formats/codec.py", "from ..registry import store", "not registry"),
        ("registry/store.py", "from ninja import Router", "registry imports no ninja"),
        ("api/reading.py", "from ..registry.reading import structure", None),
        ("api/reading.py", "from . import common", None),
        ("site/views/unit.py", "from .. import forms", None),
        ("web/urls.py", "from ..site import urls", None),
    ],
)
def test_the_layering_check_names_the_file_line_and_rule(where, source, expected):
    found = layering_violations(PACKAGE / where, ast.parse(source))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(f"organogram/{where}:")
        assert expected in found[0]


#: Where modules may not import one another in a circle (even from inside a function):
#: the pages, the API and the registry's reading side. A circle there means two modules
#: share something that belongs below both (as the Unit page and the editing forms once
#: shared the sentences, now in organogram/registry/reading/).
ACYCLIC = ("organogram.site", "organogram.api", "organogram.registry.reading")


def import_graph(prefixes: tuple[str, ...]) -> dict[str, set[str]]:
    """Module -> the modules of ours it imports, for the modules under ``prefixes``."""
    paths = {".".join(module_name(p)): p for p in project_modules()}
    wanted = {n for n in paths if n.startswith(prefixes)}
    graph: dict[str, set[str]] = {}
    for name in wanted:
        path = paths[name]
        deps = set()
        for module, _ in imported_modules(parse(path), name.split("."), path.name == "__init__.py"):
            # "from .x import f" names a module x, "from . import x" maybe a function.
            while module and module not in paths:
                module = module.rpartition(".")[0]
            if module in wanted and module != name:
                deps.add(module)
        graph[name] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports in ``graph`` (first module repeated last), or []."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        for dep in sorted(graph[node]):
            found = visit(dep, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return []


def test_the_pages_the_api_and_the_reading_side_import_in_no_circle():
    cycle = find_cycle(import_graph(ACYCLIC))
    assert not cycle, "modules that import one another: " + " -> ".join(cycle)


def test_the_cycle_search_finds_a_circle_and_none_where_there_is_none():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
