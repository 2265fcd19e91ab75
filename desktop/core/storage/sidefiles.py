"""What lies beside a report file: SQLite's `-journal` and `-wal` files.

SQLite reads them on its own whenever it opens a database for writing: a hot journal is
played back into the file, a WAL is read as part of it, and a journal naming a
"super-journal" makes SQLite delete that file. This module looks at them first, without
SQLite and without ever following them anywhere, so the caller can decide.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# The rollback journal's magic number; at the end of the file it marks a super-journal name.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_MODE = 2  # header bytes 18 and 19 of a database in WAL mode


@dataclass(frozen=True)
class Pending:
    """A side file SQLite would act on: a hot journal or a WAL with frames in it."""

    path: Path
    names_other_file: bool = False  # a journal that names a super-journal
    plain: bool = True  # a regular file, not a link, FIFO or device

    @property
    def playable(self) -> bool:
        """Safe to let SQLite play back, if this program wrote it."""
        return self.plain and not self.names_other_file


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def in_wal_mode(header: bytes) -> bool:
    return len(header) >= 20 and WAL_MODE in (header[18], header[19])


def pending(path: Path, header: bytes) -> list[Pending]:
    """The side files of `path` SQLite would play back, given the file's first 100 bytes."""
    found = []
    journal = _inspect(side(path, "-journal"), _journal_is_hot)
    if journal is not None:
        found.append(journal)
    if in_wal_mode(header):
        wal = _inspect(side(path, "-wal"), lambda head, size: size > 0)
        if wal is not None:
            found.append(wal)
    return found


def _inspect(path: Path, is_hot) -> Pending | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return Pending(path, plain=False)
    if not stat.S_ISREG(info.st_mode):
        return Pending(path, plain=False)  # a link, FIFO or folder: never for SQLite to open
    head, tail = _ends(path, info.st_size)
    if not is_hot(head, info.st_size):
        return None
    return Pending(path, names_other_file=tail == JOURNAL_MAGIC and path.name.endswith("-journal"))


def _journal_is_hot(head: bytes, size: int) -> bool:
    # SQLite's own rule: a journal with content whose first byte is not zero.
    return size > 0 and head[:1] not in (b"", b"\x00")


def _ends(path: Path, size: int) -> tuple[bytes, bytes]:
    """The first and last 8 bytes, read without blocking on anything odd."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return b"\x01", b""  # unreadable: treat as hot, so it is reported, never ignored
    try:
        head = os.read(fd, 8)
        tail = b""
        if size >= 16:
            os.lseek(fd, size - 8, os.SEEK_SET)
            tail = os.read(fd, 8)
        return head, tail
    finally:
        os.close(fd)


def stale_journal(path: Path) -> Path | None:
    """A `-journal` SQLite would overwrite or delete although it is not hot (an empty or
    zeroed one left by a finished save). Returned only when it is a plain file, so the
    caller can remove the name before SQLite writes through it."""
    journal = side(path, "-journal")
    try:
        info = os.lstat(journal)
    except OSError:
        return None
    return journal if stat.S_ISREG(info.st_mode) else None
