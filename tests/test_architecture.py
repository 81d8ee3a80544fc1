"""Architecture rules for the domain core, checked on the source with the ast module.

organogram/core/ is the pure domain: it must not depend on any web framework or
template engine, and every one of its modules says what it is for in a docstring.
"""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "organogram" / "core"

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
