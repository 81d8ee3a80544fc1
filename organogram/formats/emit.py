"""Writing YAML files the same way every time, and writing a folder all at once.

The writer is deterministic: keys in the format's order, block style, sequences
indented under their key, no line wrapping, a blank line between the entries of a
section, multi-line text as literal blocks. Dates are written bare (``2021-10-28``,
``2009``) since the loader reads them as written. A folder is written into a
temporary folder beside it and renamed into place, so a failed write leaves nothing
half written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from ..core.errors import OrganogramError
from .kinds import Plain

_STR = "tag:yaml.org,2002:str"
# Tags a plain date may resolve to and still be read back as its text by the loader.
_PLAIN_OK = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"}


class _Dumper(yaml.SafeDumper):
    """The pure-Python dumper: its output does not depend on whether libyaml is there."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them.
        super().increase_indent(flow, False)


# Characters a YAML reader may fold or normalize unless they are escaped in double quotes.
_ESCAPE = frozenset("\r\x85\u2028\u2029\ufeff")


def _str(dumper: yaml.SafeDumper, value: str) -> ScalarNode:
    if _ESCAPE.intersection(value):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar(_STR, str(value), style=style)


def _plain(dumper: yaml.SafeDumper, value: Plain) -> ScalarNode:
    tag = dumper.resolve(ScalarNode, str(value), (True, False))
    return dumper.represent_scalar(tag if tag in _PLAIN_OK else _STR, str(value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Plain, _plain)
_Dumper.add_representer(tuple, yaml.SafeDumper.represent_list)


def to_yaml(data: Mapping[str, Any]) -> str:
    """The YAML text of one file's sections, with a blank line between entries."""
    text = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
    out: list[str] = []
    for line in text.splitlines():
        # An entry of a section starts at "  - "; separate it from the previous one.
        if line.startswith("  - ") and out and not out[-1].endswith(":"):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def write_folder(folder: str | os.PathLike[str], files: dict[str, str], overwrite: bool) -> None:
    """Write ``files`` (name -> text) as the whole content of ``folder``, atomically.

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
            (tmp / name).write_text(text, encoding="utf-8")
        if target.is_dir():
            _keep_other_files(target, tmp)
            _swap(target, tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _keep_other_files(old: Path, new: Path) -> None:
    """Copy files of ``old`` that are not YAML into ``new``: the dump replaces only YAML."""
    for path in old.rglob("*"):
        if path.is_file() and path.suffix not in (".yaml", ".yml"):
            dest = new / path.relative_to(old)
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
