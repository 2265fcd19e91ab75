"""Storage conditions for tests: a full disk, a read-only medium, a failing save.

As root (CI, this machine) they are real mounts: a small tmpfs that fills up, and a
read-only bind mount, which refuses writes even to root. Elsewhere permissions stand in
for the read-only medium, and the full disk is skipped where nothing can mount.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = sys.platform != "win32" and os.geteuid() == 0


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def small_filesystem(folder: Path, size: str = "192k") -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if not (ROOT and _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))):
        pytest.skip("a small filesystem needs root to mount")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only(target: Path) -> Iterator[Path]:
    """The file or folder cannot be written, as on a write-protected USB stick or CD."""
    if ROOT:
        if not (_mount("--bind", str(target), str(target))):
            pytest.skip("cannot bind-mount here")
        try:
            if not _mount("-o", "remount,ro,bind", str(target)):
                pytest.skip("cannot remount read-only here")
            yield target
        finally:
            subprocess.run(["umount", "-l", str(target)], check=False)
        return
    mode = target.stat().st_mode
    target.chmod(0o555 if target.is_dir() else 0o444)
    try:
        yield target
    finally:
        target.chmod(mode)


def fill(folder: Path) -> None:
    """Take the remaining space of a small filesystem."""
    fd = os.open(folder / "占满.bin", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


class FailingConnection:
    """A connection whose COMMIT fails as SQLite reports a given error (a USB stick
    pulled out, a full disk), for conditions no mount can make on demand."""

    def __init__(self, conn: sqlite3.Connection, message: str, code: int):
        self.conn, self.message, self.code = conn, message, code

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            error = sqlite3.OperationalError(self.message)
            error.sqlite_errorcode = self.code
            raise error
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)
