"""Opening a report file safely: tell apart missing, foreign, corrupt, hostile, newer
and half-saved files before anything is written, each with one sentence for the officer.

Read-only: the bytes are checked in memory (snapshot.py); nothing beside the file is
opened, created or deleted. Writable: the writer lock is taken first, side files are
looked at (sidefiles.py), a save this program left unfinished is completed by SQLite,
the bytes are checked in memory, and only then does SQLite get the path: with no hot
journal or WAL left for it to play, what it edits is what was checked.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import NotWritableError, ReportFileError
from desktop.core.storage import claims, loading, sidefiles, snapshot
from desktop.core.storage.pathnames import native
from desktop.core.storage.schema import LATEST, migrate
from desktop.core.storage.sqlerrors import words
from desktop.core.storage.writerlock import WriterLock

SETTLE_ATTEMPTS, SETTLE_PAUSE = 40, 0.05  # wait up to 2 s for another window's save
BUSY_TIMEOUT_MS = 2000  # a save waits this long for a program reading the file to finish


@dataclass
class Opened:
    conn: sqlite3.Connection
    infos: list[loading.ReportInfo]
    lock: WriterLock | None = None


def open_readonly(path: Path) -> Opened:
    data = _settled_bytes(path)
    conn = snapshot.to_memory(data)
    try:
        _, infos = _checked(conn, path.name)
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return Opened(conn, infos)


def open_writable(path: Path) -> Opened:
    snapshot.check_regular(path)
    _check_writable(path)
    lock = WriterLock.acquire(path)
    try:
        _finish_own_save(path)
        data = snapshot.read_bytes(path)
        memory = snapshot.to_memory(data)
        try:
            version, infos = _checked(memory, path.name)
        finally:
            memory.close()
        conn = _connect_checked(path, data)
        claims.claim(path)  # before the first write: a crash from here on is ours
        try:
            configure(conn)
            if version < LATEST:
                _migrate(conn, path.name)
        except BaseException:
            conn.close()
            claims.release(path)
            raise
    except BaseException:
        lock.release()
        raise
    return Opened(conn, infos, lock)


def _checked(conn: sqlite3.Connection, name: str) -> tuple[int, list[loading.ReportInfo]]:
    """Pages and schema, then every row validated, then the rows against their checksum.
    An older file is brought to the current version in memory; returns the version the
    file has and its reports."""
    version = snapshot.check_database(conn, name)
    if version < LATEST:
        _migrate(conn, name)
    infos = loading.check_all(conn, name)
    snapshot.check_content(conn, name, version)
    return version, infos


def _migrate(conn: sqlite3.Connection, name: str) -> None:
    try:
        migrate(conn)
    except sqlite3.Error as error:
        raise ReportFileError(f"无法升级 {name}（{words(error)}）") from error


# -- reading without writing ------------------------------------------------------------


def _settled_bytes(path: Path) -> bytes:
    """The file's bytes with no save in the middle of them; a save this program left
    unfinished is completed on a private copy, a foreign one refused."""
    for _ in range(SETTLE_ATTEMPTS):
        data = snapshot.read_bytes(path)
        waiting = sidefiles.pending(path, data[:100])
        if not waiting and snapshot.settled(path, data):
            return data
        if waiting:
            _refuse_foreign(path, waiting)
            if not claims.owner_alive(path):
                return _recovered_copy(path, waiting)  # killed mid-save: nothing to wait for
        time.sleep(SETTLE_PAUSE)
    if waiting := sidefiles.pending(path, snapshot.read_bytes(path)[:100]):
        return _recovered_copy(path, waiting)  # our own save that no longer moves
    raise ReportFileError(f"{path.name} 正在被另一个程序频繁写入，请稍后再试。")


def _recovered_copy(path: Path, waiting: list[sidefiles.Pending]) -> bytes:
    """Let SQLite complete our own unfinished save on copies in a private folder."""
    import shutil  # rare: only after this program was killed mid-save
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nianbao-") as folder:
        copy = Path(folder) / "report.sqlite"
        shutil.copyfile(path, copy)
        for side in waiting:
            shutil.copyfile(side.path, sidefiles.side(copy, side.path.name[len(path.name) :]))
        _play_back(native(copy), path.name)
        return snapshot.read_bytes(copy)


def _play_back(filename: str, name: str) -> None:
    """SQLite plays a hot journal (or WAL) back on first reading the file."""
    try:
        conn = sqlite3.connect(filename, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise ReportFileError(f"{name} 上次未保存完整，无法恢复（{words(error)}）。") from error


def _refuse_foreign(path: Path, waiting: list[sidefiles.Pending]) -> None:
    """Only a journal this program wrote may ever be played back."""
    if claims.is_claimed(path) and all(side.playable for side in waiting):
        return
    raise ReportFileError(
        f"{path.name} 旁边有未写完的记录文件“{waiting[0].path.name}”：这份文件是在另一个程序"
        "正在写入时复制的，可能不完整。为安全起见不予打开，请向报送单位索取一份完整的文件"
        "（在对方关闭年报软件后复制）。"
    )


# -- writing ------------------------------------------------------------------------------


def _check_writable(path: Path) -> None:
    """Refuse early and in words where a save could not work: the window then opens the
    file read-only instead (a CD, a write-protected USB stick, a file without rights)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NotWritableError(
            f"{path.name} 所在的文件夹或U盘不能写入（保存时需要在同一文件夹中写临时文件），"
            "只能以只读方式打开。"
        )
    if not os.access(path, os.W_OK):
        raise NotWritableError(f"{path.name} 是只读文件，只能以只读方式打开。")


def _finish_own_save(path: Path) -> None:
    """Under the writer lock no save of ours is running: a hot journal or WAL is either
    left by this program when it was killed (SQLite plays it back) or came from elsewhere."""
    header = snapshot.read_bytes(path)[:100]
    waiting = sidefiles.pending(path, header)
    if waiting:
        _refuse_foreign(path, waiting)
        _play_back(native(path), path.name)


def _prepare_checked(path: Path, checked: bytes) -> None:
    """Once the file passed its checks, clear the way for SQLite's own side files."""
    try:
        if stale := sidefiles.stale_journal(path):
            stale.unlink()  # SQLite would write through this name; start with none
        if sidefiles.in_wal_mode(checked):
            _leave_wal_mode(path)
    except OSError as error:
        raise ReportFileError(f"无法打开 {path.name}（{words(error)}）") from error


def _leave_wal_mode(path: Path) -> None:
    """Files of earlier versions were in WAL mode, which SQLite would run with whatever
    -wal/-shm lies beside them; with no log pending, marking the file as rollback-journal
    mode (what the pragma would do) keeps SQLite away from those side files."""
    with open(path, "r+b") as stream:
        stream.seek(18)
        stream.write(b"\x01\x01")
        stream.flush()
        os.fsync(stream.fileno())


def _connect_checked(path: Path, checked: bytes) -> sqlite3.Connection:
    _prepare_checked(path, checked)
    try:
        conn = sqlite3.connect(native(path), isolation_level=None)
    except sqlite3.Error as error:
        raise ReportFileError(f"无法打开 {path.name}（{words(error)}）") from error
    try:
        if snapshot.read_bytes(path) != _rollback_header(checked):
            raise ReportFileError(f"{path.name} 在检查后被其他程序改动，请重新打开。")
    except BaseException:
        conn.close()
        raise
    return conn


def _rollback_header(data: bytes) -> bytes:
    return data[:18] + b"\x01\x01" + data[20:] if sidefiles.in_wal_mode(data) else data


def configure(conn: sqlite3.Connection) -> None:
    """A rollback journal, so the file alone always holds every saved edit (a copy taken
    while the window is open is complete) and it works on network drives and USB sticks,
    where WAL does not. EXTRA: the journal's deletion, which commits, is itself synced."""
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
        conn.execute("PRAGMA synchronous = EXTRA")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as error:
        raise ReportFileError(f"无法打开（{words(error)}）") from error
