"""SQLite's errors in the officer's words: what went wrong and what to do about it."""

from __future__ import annotations

import sqlite3

# Primary result codes (https://sqlite.org/rescode.html).
_WORDS = {
    3: "没有写入权限",  # SQLITE_PERM
    5: "文件正被其他程序占用",  # SQLITE_BUSY
    6: "文件正被其他程序占用",  # SQLITE_LOCKED
    8: "文件或所在的文件夹、U盘是只读的",  # SQLITE_READONLY
    10: "读写磁盘出错，U盘或网络盘是否已断开",  # SQLITE_IOERR
    11: "文件已损坏",  # SQLITE_CORRUPT
    13: "磁盘空间已满",  # SQLITE_FULL
    14: "无法打开文件，文件是否已被移动、删除，或U盘已拔出",  # SQLITE_CANTOPEN
    26: "文件已损坏",  # SQLITE_NOTADB
}
_BY_TEXT = (
    ("disk is full", 13),
    ("readonly", 8),
    ("read-only", 8),
    ("locked", 5),
    ("disk i/o", 10),
    ("unable to open", 14),
    ("malformed", 11),
)


def code_of(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(error).lower()
    return next((c for words, c in _BY_TEXT if words in text), None)


def words(error: BaseException) -> str:
    """One phrase for the officer; an operating-system error keeps its own description."""
    if isinstance(error, sqlite3.Error) and (code := code_of(error)) in _WORDS:
        return _WORDS[code]
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return " ".join(str(error).split())[:120] or type(error).__name__
