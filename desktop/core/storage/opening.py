"""Opening a report file safely: tell apart missing, foreign, corrupt, hostile and
newer files before anything is written, each with one sentence for the officer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.errors import NewerVersionError, ReportFileError
from desktop.core.storage.schema import LATEST, expected_structure, structure, version_of
from desktop.core.storage.writerlock import read_header

SQLITE_MAGIC = b"SQLite format 3\x00"
KIND_WORDS = {"table": "数据表", "index": "索引", "trigger": "触发器", "view": "视图"}


def wal_pending(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Read without writing anything, not even lock or journal files.

    immutable=1 keeps SQLite from creating -shm/-wal beside a received file; only
    when our own program left committed edits in a -wal file (it was killed) is
    the file read through the log so those edits are seen.
    """
    uri = path.resolve().as_uri() + "?mode=ro" + ("" if wal_pending(path) else "&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def probe(path: Path) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to a verified report file, and its schema version."""
    _check_bytes(path)
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as error:
        raise ReportFileError(f"无法打开 {path.name}（{error}）") from error
    try:
        version = version_of(conn)
        if version > LATEST:
            raise NewerVersionError(
                f"{path.name} 由更新版本的年报软件保存（文件版本 {version}，本软件只支持到 {LATEST}），"
                "请升级软件后再打开；文件未作任何改动。"
            )
        _check_integrity(path, conn)
        if version == 0:
            raise ReportFileError(f"{path.name} 是 SQLite 数据库，但不是年报数据文件。")
        _check_structure(path, conn, version)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise ReportFileError(f"{path.name} 已损坏，无法读取（{error}）。") from error
    except BaseException:
        conn.close()
        raise
    return conn, version


def _check_bytes(path: Path) -> None:
    if not path.exists():
        raise ReportFileError(f"找不到文件 {path}")
    if not path.is_file():
        raise ReportFileError(f"{path} 不是文件")
    if read_header(path, len(SQLITE_MAGIC)) != SQLITE_MAGIC:
        raise ReportFileError(f"{path.name} 不是年报数据文件（不是 SQLite 数据库）。")


def _check_integrity(path: Path, conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        detail = " ".join(result.split())[:120]  # SQLite's report spans lines; keep one
        raise ReportFileError(f"{path.name} 已损坏（{detail}），请使用备份或向原单位重新索取。")


def _check_structure(path: Path, conn: sqlite3.Connection, version: int) -> None:
    found, expected = structure(conn), expected_structure(version)
    if ("table", "reports") not in found:
        raise ReportFileError(f"{path.name} 是 SQLite 数据库，但不是年报数据文件。")
    for key in found.keys() - expected.keys():
        raise ReportFileError(
            f"{path.name} 含有不属于年报数据文件的{KIND_WORDS.get(key[0], key[0])}“{key[1]}”，"
            "为安全起见不予打开。"
        )
    for key, shape in expected.items():
        if found.get(key) != shape:
            raise ReportFileError(
                f"{path.name} 中{KIND_WORDS.get(key[0], key[0])}“{key[1]}”的结构与年报数据文件不符，"
                "不予打开。"
            )
