"""What a report says about where it was run: the machine, and the commit of the code."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
        memory = f", {kib / 2**20:.0f} GiB of memory"
    except (OSError, StopIteration):
        pass
    # The kernel's version without its build's own suffix (6.18.44-fc-v595: a build of
    # the same kernel for the virtual machine), which changes from one start to the next.
    release = platform.release().split("-", 1)[0]
    return [f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {release}"]


def revision() -> str:
    """The commit the code was run at, and whether the core or bench had local changes."""
    here = Path(__file__).parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=here)
        except OSError:
            return ""
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "../organogram/core", ".")
    return commit + (" with local changes" if dirty else "")
