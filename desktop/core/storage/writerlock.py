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
that file, including SQLite's. So a descriptor opened here is never closed while the process
runs: once unlocked it is kept and reused by the next lock of the same file.

Windows: msvcrt.locking on one byte far beyond the end of any real database. Windows locks are
mandatory, but SQLite never reads or writes there, and its own locks sit at 1 GiB.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from desktop.core.errors import FileInUseError, ReportFileError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

WINDOWS_LOCK_OFFSET = 2**40  # 1 TiB: no report file comes near it

# POSIX only: unlocked descriptors kept open, by (device, inode), for the next lock.
_idle: dict[tuple[int, int], list[int]] = {}
_idle_guard = threading.Lock()


class WriterLock:
    """The right to write one report file; release() gives it up, process exit too."""

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    @classmethod
    def acquire(cls, path: Path | str, create: bool = False) -> WriterLock:
        """Lock the file (created empty first if asked), or raise FileInUseError when
        another window or program holds it."""
        path = Path(path)
        if sys.platform == "win32":
            return cls(path, _acquire_windows(path, create))
        return cls(path, _acquire_posix(path, create))

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
                _park(fd)

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _acquire_posix(path: Path, create: bool) -> int:
    fd = _reuse(path)
    if fd is None:
        fd = _open(path, create)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        _park(fd)
        raise FileInUseError(path) from None
    except OSError as error:
        _park(fd)
        raise _cannot_lock(path, error) from error
    return fd


def _acquire_windows(path: Path, create: bool) -> int:
    fd = _open(path, create)
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


def _open(path: Path, create: bool) -> int:
    """Read access is enough to lock; the descriptor is not inherited by child processes."""
    flags = os.O_RDONLY | (os.O_CREAT if create else 0)
    try:
        return os.open(path, flags, 0o666)
    except OSError as error:
        action = "创建" if create else "打开"
        raise ReportFileError(f"无法{action} {path}（{error.strerror}）") from error


def _cannot_lock(path: Path, error: OSError) -> ReportFileError:
    return ReportFileError(
        f"无法确认 {path.name} 没有被别处同时编辑（{error.strerror}），只能以只读方式打开。"
    )


def _reuse(path: Path) -> int | None:
    try:
        key = _key(os.stat(path))
    except OSError:
        return None  # _open reports it
    with _idle_guard:
        spare = _idle.get(key)
        return spare.pop() if spare else None


def _park(fd: int) -> None:
    with _idle_guard:
        _idle.setdefault(_key(os.fstat(fd)), []).append(fd)


def _key(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def read_header(path: Path, size: int) -> bytes:
    """The first bytes of a file, read without closing a descriptor of it (see above)."""
    if sys.platform == "win32":
        with open(path, "rb") as stream:
            return stream.read(size)
    fd = _reuse(path)
    if fd is None:
        fd = _open(path, create=False)
    try:
        return os.pread(fd, size, 0)
    finally:
        _park(fd)
