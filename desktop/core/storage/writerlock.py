"""One writer per report file: an exclusive, non-blocking lock held by the operating system.

A second window, or a second copy of the program, that wants to write a report file already
open for writing is refused with FileInUseError and opens it read-only instead. The lock
belongs to an open file and the operating system drops it when the process ends, also when it
is killed, so a crash never leaves a file locked.

Linux (and other POSIX systems): flock(LOCK_EX | LOCK_NB) on a descriptor of the report file
itself. On Linux, flock locks are independent of the POSIX byte-range locks SQLite takes, so
SQLite is not disturbed; flock locks belong to the open file description, so two locks taken
in one process conflict as they do across processes. (On BSD/macOS flock and POSIX locks may
interact; those systems are not targets.)

A POSIX subtlety: closing any descriptor of a file drops every POSIX lock the process holds on
that file, including SQLite's. Report files use a rollback journal, where SQLite holds locks only
inside a transaction, and the lock is released (its descriptor closed) only after the file's
connection is closed; so closing it never pulls a lock from under a running save.

Windows: msvcrt.locking on one byte far beyond the end of any real database. Windows locks are
mandatory, but SQLite never reads or writes there, and its own locks sit at 1 GiB.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.core.errors import FileInUseError, ReportFileError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

WINDOWS_LOCK_OFFSET = 2**40  # 1 TiB: no report file comes near it


class WriterLock:
    """The right to write one report file; release() gives it up, process exit too."""

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    @classmethod
    def acquire(cls, path: Path | str) -> WriterLock:
        """Lock the file, or raise FileInUseError when another window or program holds it."""
        path = Path(path)
        if sys.platform == "win32":
            return cls(path, _acquire_windows(path))
        return cls(path, _acquire_posix(path))

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up; calling it again does nothing."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":
            try:
                os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            finally:
                os.close(fd)
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _acquire_posix(path: Path) -> int:
    fd = _open(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FileInUseError(path) from None
    except OSError as error:
        os.close(fd)
        raise _cannot_lock(path, error) from error
    return fd


def _acquire_windows(path: Path) -> int:
    fd = _open(path)
    try:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # locks 1 byte at the current position
    except PermissionError:  # EACCES: the byte is locked by another open
        os.close(fd)
        raise FileInUseError(path) from None
    except OSError as error:
        os.close(fd)
        raise _cannot_lock(path, error) from error
    return fd


def _open(path: Path) -> int:
    """Read access is enough to lock; the descriptor is not inherited by child processes.
    O_NONBLOCK: a FIFO put in the file's place must not hang the program."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        return os.open(path, flags)
    except OSError as error:
        raise ReportFileError(f"无法打开 {path}（{error.strerror}）") from error


def _cannot_lock(path: Path, error: OSError) -> ReportFileError:
    return ReportFileError(
        f"无法确认 {path.name} 没有被别处同时编辑（{error.strerror}），只能以只读方式打开。"
    )
