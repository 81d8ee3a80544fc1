"""Writing YAML files the same way every time, and writing a folder all at once.

The writer is small and deterministic, for the shapes a dataset has (mappings,
lists, text, booleans, null): keys in the order given, block style, list items
indented under their key, no line wrapping, a blank line between the entries of a
section. Text is written plain when every YAML 1.1 reader takes it back as the same
text; multi-line text as a literal block (``|``); anything else quoted. Dates are
written bare (``2021-10-28``, ``2009``), since the loader reads them as written.
It is many times faster than PyYAML's pure-Python emitter, and its output does not
depend on whether libyaml is installed.

A folder is written into a temporary folder beside it and renamed into place, so a
failed write leaves nothing half written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..core.errors import OrganogramError
from .kinds import Plain

_RESOLVER = Resolver()  # PyYAML's YAML 1.1 rules: what a plain scalar would be read as
_STR = "tag:yaml.org,2002:str"
# Signs that may not start a plain scalar, and sequences that may not appear in one.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_BREAKERS = re.compile(r": |:$| #|\t")


def _plain_ok(text: str) -> bool:
    """True when ``text`` can be written bare and read back as the same text."""
    return (
        text != ""
        and text[0] not in _INDICATORS
        and text == text.strip()
        and text.isprintable()
        and _PLAIN_BREAKERS.search(text) is None
        and _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR
    )


def _literal_ok(text: str) -> bool:
    """True when multi-line ``text`` can be a literal block (``|`` or ``|-``)."""
    if not text or text[0] in " \n" or text.endswith("\n\n"):
        return False
    lines = text.split("\n")
    return all(line.isprintable() and line == line.rstrip() for line in lines)


def _quoted(text: str) -> str:
    """``text`` in quotes: single when it needs no escape, else double with escapes."""
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    out = []
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(
                f"\\x{code:02X}"
                if code < 0x100
                else f"\\u{code:04X}"
                if code < 0x10000
                else f"\\U{code:08X}"
            )
    return '"' + "".join(out) + '"'


def _scalar(value: Any, indent: int) -> list[str]:
    """A scalar as the text after ``key: `` or ``- ``, plus the lines of a literal block."""
    if value is None:
        return ["null"]
    if value is True or value is False:
        return ["true" if value else "false"]
    if isinstance(value, Plain | int):  # bools are handled above
        return [str(value)]
    if not isinstance(value, str):
        raise TypeError(f"cannot write a {type(value).__name__} as YAML text")
    if "\n" in value and _literal_ok(value):
        pad = " " * (indent + 2)
        body = value[:-1] if value.endswith("\n") else value
        head = "|" if value.endswith("\n") else "|-"
        return [head, *(pad + line if line else "" for line in body.split("\n"))]
    return [value if _plain_ok(value) else _quoted(value)]


def _mapping(data: Mapping[str, Any], indent: int, first: str = "") -> list[str]:
    """Lines of a block mapping; ``first`` replaces the indentation of its first line."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        lead = first if first and not lines else pad
        name = _scalar(key, indent)[0]
        if isinstance(value, Mapping) and value:
            lines.append(f"{lead}{name}:")
            lines.extend(_mapping(value, indent + 2))
        elif isinstance(value, list | tuple) and value:
            lines.append(f"{lead}{name}:")
            lines.extend(_sequence(value, indent + 2))
        elif isinstance(value, Mapping | list | tuple):
            lines.append(f"{lead}{name}: {'{}' if isinstance(value, Mapping) else '[]'}")
        else:
            text, *block = _scalar(value, indent)
            lines.append(f"{lead}{name}: {text}")
            lines.extend(block)
    return lines


def _sequence(items: list[Any] | tuple[Any, ...], indent: int) -> list[str]:
    """Lines of a block sequence, items at ``indent``."""
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, Mapping) and item:
            lines.extend(_mapping(item, indent + 2, first=pad + "- "))
        elif isinstance(item, Mapping | list | tuple):
            if item:
                raise TypeError("a list directly inside a list is not part of the format")
            lines.append(f"{pad}- {'{}' if isinstance(item, Mapping) else '[]'}")
        else:
            text, *block = _scalar(item, indent)
            lines.append(f"{pad}- {text}")
            lines.extend(block)
    return lines


def to_yaml(data: Mapping[str, Any]) -> str:
    """The YAML text of one file's sections, with a blank line between entries."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, list | tuple) and value:
            lines.append(f"{key}:")
            for n, item in enumerate(value):
                if n:
                    lines.append("")  # entries of a section are separated, for reading
                lines.extend(_sequence([item], 2))
        else:
            lines.extend(_mapping({key: value}, 0))
    return "\n".join(lines) + "\n"


def write_folder(
    folder: str | os.PathLike[str], files: Mapping[str, str | bytes], overwrite: bool
) -> None:
    """Write ``files`` (name -> text, or bytes for a copy of a document under ``files/``)
    as the whole content of ``folder``, atomically.

    The files are written into a temporary folder next to ``folder``, which is then
    renamed into place. An existing non-empty folder is replaced only with
    ``overwrite``; its files that are not YAML (a README, say) are kept.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OrganogramError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        raise OrganogramError(f"{target} is not empty: give overwrite=True to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for name, text in files.items():
            path = tmp / name
            if isinstance(text, bytes):  # a copy of a document, in a folder of its own
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        if target.is_dir():
            _keep_other_files(target, tmp)
            _swap(target, tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _keep_other_files(old: Path, new: Path) -> None:
    """Copy files of ``old`` that are not YAML into ``new``: the dump replaces only YAML
    (and the copies of documents it writes itself)."""
    for path in old.rglob("*"):
        if path.is_file() and path.suffix not in (".yaml", ".yml"):
            dest = new / path.relative_to(old)
            if dest.exists():
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _swap(target: Path, tmp: Path) -> None:
    """Put ``tmp`` in the place of the folder ``target``, restoring it if that fails."""
    backup = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    backup.rmdir()  # only its unique name is wanted
    os.replace(target, backup)
    try:
        os.replace(tmp, target)
    except BaseException:
        os.replace(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)
