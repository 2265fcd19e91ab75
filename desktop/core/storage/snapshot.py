"""A report file checked as untrusted data, in memory.

The file's bytes are read once and handed to an in-memory SQLite database
(`deserialize`), so checking a file never gives SQLite a path: no lock, journal, WAL or
shared-memory file is opened, created or deleted beside it, whatever lies there, and a
USB stick pulled mid-read is an error, not a dead process. What the checks pass is
exactly those bytes.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from desktop.core.errors import NewerVersionError, ReportFileError
from desktop.core.storage import checksum, sidefiles
from desktop.core.storage.schema import APPLICATION, LATEST, expected_structure, structure

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 512 * 1024 * 1024  # a file of thousands of reports is tens of MB
CHANGE_COUNTER = slice(24, 28)  # header: bumped by every committed write in rollback mode
KIND_WORDS = {"table": "数据表", "index": "索引", "trigger": "触发器", "view": "视图"}


def check_regular(path: Path) -> os.stat_result:
    """The file exists and is a plain file: never open a FIFO, device or folder."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReportFileError(f"找不到文件 {path}") from None
    except OSError as error:
        raise ReportFileError(f"无法读取 {path}（{error.strerror}）") from error
    if not stat.S_ISREG(info.st_mode):
        raise ReportFileError(f"{path} 不是文件")
    if info.st_size > MAX_FILE_BYTES:
        raise ReportFileError(
            f"{path.name} 大小不合常理（超过 {MAX_FILE_BYTES >> 20} MB），不予打开。"
        )
    return info


def read_bytes(path: Path) -> bytes:
    check_regular(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReportFileError(
            f"无法读取 {path.name}（{error.strerror}），请检查U盘或网络盘是否已断开。"
        ) from error
    if len(data) > MAX_FILE_BYTES:
        raise ReportFileError(
            f"{path.name} 大小不合常理（超过 {MAX_FILE_BYTES >> 20} MB），不予打开。"
        )
    if not data.startswith(SQLITE_MAGIC):
        raise ReportFileError(f"{path.name} 不是年报数据文件（不是 SQLite 数据库）。")
    return data


def settled(path: Path, data: bytes) -> bool:
    """No save ran while `data` was read: no journal beside the file now, and the same
    change counter as at the start of the read (a save bumps it)."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(100)
    except OSError:
        return False
    return header[CHANGE_COUNTER] == data[CHANGE_COUNTER] and not sidefiles.pending(path, header)


def to_memory(data: bytes) -> sqlite3.Connection:
    """An in-memory database holding these bytes; WAL mode is switched off in the copy
    (an in-memory database cannot have a log, and the log is not in the bytes)."""
    if sidefiles.in_wal_mode(data):
        data = data[:18] + b"\x01\x01" + data[20:]
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.deserialize(data)
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as error:
        conn.close()
        raise ReportFileError(f"无法读取（{error}）") from error
    return conn


def check_database(conn: sqlite3.Connection, name: str) -> int:
    """Check an untrusted database's pages and schema; returns its schema version.

    Order matters for the message: a newer file is named as such before its unknown
    objects are; damage is named before anything is read from the rows.
    """
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise NewerVersionError(
                f"{name} 由更新版本的年报软件保存（文件版本 {version}，本软件只支持到 {LATEST}），"
                "请升级软件后再打开；文件未作任何改动。"
            )
        _check_integrity(conn, name)
        if version == 0 or not _is_report_file(conn):
            raise ReportFileError(f"{name} 是 SQLite 数据库，但不是年报数据文件。")
        _check_structure(conn, name, version)
    except (sqlite3.Error, UnicodeError, OverflowError) as error:
        raise ReportFileError(f"{name} 已损坏，无法读取（{_one_line(error)}）。") from error
    return version


def check_content(conn: sqlite3.Connection, name: str, version: int) -> None:
    """After every row was read and validated: the rows are the ones last saved."""
    try:
        bad = checksum.mismatched(conn) if version >= 3 else []
    except (sqlite3.Error, UnicodeError) as error:
        raise ReportFileError(f"{name} 已损坏，无法读取（{_one_line(error)}）。") from error
    if bad:
        raise ReportFileError(
            f"{name} 中有 {len(bad)} 份报告的内容与其校验码不符：文件已损坏，"
            "或被本软件以外的程序改动过。请使用备份或向原单位重新索取。"
        )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _check_integrity(conn: sqlite3.Connection, name: str) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(3)")]
    problems += [f"{row[0]} 引用了不存在的记录" for row in conn.execute("PRAGMA foreign_key_check")]
    if problems != ["ok"]:
        raise ReportFileError(
            f"{name} 已损坏（{_one_line(Exception(' '.join(problems)))}），"
            "请使用备份或向原单位重新索取。"
        )


def _is_report_file(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
    except sqlite3.Error:  # no such table or column: some other program's database
        return False
    return row is not None and row[0] == APPLICATION


def _check_structure(conn: sqlite3.Connection, name: str, version: int) -> None:
    found, expected = structure(conn), expected_structure(version)
    for kind, object_name, *_ in sorted(found - expected, key=str):
        raise ReportFileError(
            f"{name} 中{KIND_WORDS.get(kind, kind)}“{object_name}”不属于年报数据文件"
            "或与之结构不符，为安全起见不予打开。"
        )
    for kind, object_name, *_ in sorted(expected - found, key=str):
        raise ReportFileError(
            f"{name} 缺少{KIND_WORDS.get(kind, kind)}“{object_name}”，不是完整的年报数据文件。"
        )
