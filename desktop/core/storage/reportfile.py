"""ReportFile: the reports in one SQLite file, read with validation, written one
durable transaction per edit with an append-only change log."""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from desktop.core.errors import ReportFileError
from desktop.core.report import META_FIELDS, Report
from desktop.core.storage import loading
from desktop.core.storage.opening import probe
from desktop.core.storage.schema import LATEST, migrate
from desktop.core.storage.writerlock import WriterLock
from desktop.core.values import Number, to_text


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit: str
    year: int
    form: str

    @property
    def label(self) -> str:
        return f"{self.unit} {self.year}年度（{self.form}年格式）"


class ReportFile:
    """A writable ReportFile holds the file's WriterLock until close(): one writer per file."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, readonly: bool, lock: WriterLock | None = None
    ):
        self.path, self.conn, self.readonly, self.lock = path, conn, readonly, lock
        self.db = sqlite_utils.Database(conn)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str) -> ReportFile:
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ReportFileError(f"{path} 已存在，不会覆盖；请换一个文件名")
        conn, lock = _open_writer(path, new=True)
        return cls(path, conn, readonly=False, lock=lock)

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> ReportFile:
        """Verify the file before using it; a read-only open never writes a byte."""
        path = Path(path)
        conn, version = probe(path)
        if readonly:
            if version < LATEST:
                conn = _upgraded_copy(conn)
            return cls(path, conn, readonly=True)
        conn.close()
        conn, lock = _open_writer(path)
        return cls(path, conn, readonly=False, lock=lock)

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> ReportFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------

    def reports(self) -> list[ReportInfo]:
        return [ReportInfo(*row) for row in loading.report_rows(self)]

    def find(self, unit: str | None = None, year: int | None = None) -> ReportInfo:
        """The one report matching unit and year, or a message saying what to choose."""
        candidates = [
            r
            for r in self.reports()
            if (unit is None or r.unit == unit) and (year is None or r.year == year)
        ]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            wanted = " ".join(str(x) for x in (unit, year and f"{year}年度") if x)
            raise ReportFileError(f"{self.path.name} 中没有{wanted or '任何'}报告")
        listing = "；".join(r.label for r in candidates)
        raise ReportFileError(f"{self.path.name} 中有多份报告（{listing}），请指定单位和年度")

    def load(self, report_id: int) -> Report:
        return loading.load_report(self, report_id)

    def previous(self, report: Report) -> Report | None:
        """The same unit's report of the year before, when this file holds it."""
        for info in self.reports():
            if info.unit == report.unit and info.year == report.year - 1:
                return self.load(info.id)
        return None

    def explanations(self, report_id: int) -> dict[str, str]:
        return loading.explanations(self, report_id)

    def changelog(self, report_id: int) -> list[dict]:
        rows = self.db.query(
            "SELECT target, old, new, at, os_user FROM changelog WHERE report_id = ? ORDER BY id",
            [report_id],
        )
        return list(rows)

    # -- writing: one durable transaction per edit ------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.readonly:
            raise ReportFileError(f"{self.path.name} 以只读方式打开，不能修改")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def set_cell(self, report_id: int, cell_id: str, value: Number | None) -> None:
        self.set_cells(report_id, {cell_id: value})

    def set_cells(self, report_id: int, values: dict[str, Number | None]) -> None:
        """Several cells in one transaction: a paste is saved whole or not at all."""
        with self.transaction():
            for cell_id, value in values.items():
                new = None if value is None else to_text(value)
                self._write_value("cells", report_id, cell_id, new)

    def set_text(self, report_id: int, section_id: str, text: str) -> None:
        with self.transaction():
            old = self._scalar(
                "SELECT text FROM texts WHERE report_id=? AND section=?", report_id, section_id
            )
            if (old or "") == text:
                return
            self.conn.execute(
                "INSERT OR REPLACE INTO texts (report_id, section, text) VALUES (?, ?, ?)",
                (report_id, section_id, text),
            )
            self._log(report_id, section_id, old, text)

    def set_meta(self, report_id: int, name: str, value: str) -> None:
        if name not in META_FIELDS:  # a column name: never taken from outside unchecked
            raise ValueError(name)
        with self.transaction():
            self._write_meta(report_id, name, value)

    def set_explanation(self, report_id: int, key: str, text: str) -> None:
        with self.transaction():
            old = self._scalar(
                "SELECT text FROM explanations WHERE report_id=? AND finding=?", report_id, key
            )
            if text:
                self.conn.execute(
                    "INSERT OR REPLACE INTO explanations VALUES (?, ?, ?, ?)",
                    (report_id, key, text, _now()),
                )
            else:
                self.conn.execute(
                    "DELETE FROM explanations WHERE report_id=? AND finding=?", (report_id, key)
                )
            self._log(report_id, _target("explanations", key), old, text or None)

    def add_report(self, report: Report, replace: bool = False) -> int:
        """Store a whole report (new file, import) in one transaction, logged cell by cell."""
        with self.transaction():
            report_id = self._report_row(report, replace)
            for cell_id, value in report.values.items():
                self._write_value("cells", report_id, cell_id, to_text(value))
            for cell_id, value in report.published.items():
                self._write_value("published", report_id, cell_id, to_text(value))
            for section_id, text in report.texts.items():
                self.conn.execute(
                    "INSERT INTO texts VALUES (?, ?, ?)", (report_id, section_id, text)
                )
                self._log(report_id, section_id, None, text)
            for name in META_FIELDS:
                self._write_meta(report_id, name, report.meta.get(name))
        return report_id

    def _report_row(self, report: Report, replace: bool) -> int:
        existing = self._scalar(
            "SELECT id FROM reports WHERE unit=? AND year=?", report.unit, report.year
        )
        if existing is not None and not replace:
            raise ReportFileError(
                f"{self.path.name} 中已有{report.unit} {report.year}年度的报告；如需覆盖，请加 --replace"
            )
        if existing is None:
            self.conn.execute(
                "INSERT INTO reports (unit, year, form, created_at) VALUES (?, ?, ?, ?)",
                (report.unit, report.year, report.form.id, _now()),
            )
            report_id = self._scalar("SELECT last_insert_rowid()")
            self._log(report_id, "report", None, f"{report.unit} {report.year} {report.form.id}")
            return report_id
        for table, (key, value) in _CONTENT.items():
            rows = self.conn.execute(
                f"SELECT {key}, {value} FROM {table} WHERE report_id=?", (existing,)
            )
            for name, old in rows.fetchall():
                self._log(existing, _target(table, name), old, None)
            self.conn.execute(f"DELETE FROM {table} WHERE report_id=?", (existing,))
        self.conn.execute("UPDATE reports SET form=? WHERE id=?", (report.form.id, existing))
        return existing

    def _write_value(self, table: str, report_id: int, cell_id: str, new: str | None) -> None:
        old = self._scalar(
            f"SELECT value FROM {table} WHERE report_id=? AND cell=?", report_id, cell_id
        )
        if old == new:
            return
        if new is None:
            self.conn.execute(
                f"DELETE FROM {table} WHERE report_id=? AND cell=?", (report_id, cell_id)
            )
        else:
            self.conn.execute(
                f"INSERT OR REPLACE INTO {table} (report_id, cell, value) VALUES (?, ?, ?)",
                (report_id, cell_id, new),
            )
        self._log(report_id, _target(table, cell_id), old, new)

    def _write_meta(self, report_id: int, name: str, value: str | None) -> None:
        old = self._scalar(f"SELECT {name} FROM reports WHERE id=?", report_id)
        if old == value:
            return
        self.conn.execute(f"UPDATE reports SET {name} = ? WHERE id = ?", (value, report_id))
        self._log(report_id, f"meta.{name}", old, value)

    def _log(self, report_id: int, target: str, old: str | None, new: str | None) -> None:
        self.conn.execute(
            "INSERT INTO changelog (report_id, target, old, new, at, os_user) VALUES (?,?,?,?,?,?)",
            (report_id, target, old, new, _now(), _os_user()),
        )

    def _scalar(self, sql: str, *params):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]


# What belongs to one report besides its row: table -> (key column, value column).
_CONTENT = {
    "cells": ("cell", "value"),
    "published": ("cell", "value"),
    "texts": ("section", "text"),
    "explanations": ("finding", "text"),
}


def _target(table: str, key: str) -> str:
    """How the change log names what changed: a cell id, a section id, or a prefixed key."""
    return {"cells": key, "texts": key, "published": f"published.{key}"}.get(
        table, f"explanation.{key}"
    )


def _open_writer(path: Path, new: bool = False) -> tuple[sqlite3.Connection, WriterLock]:
    """Take the file's writer lock before writing a byte; a failure leaves it released."""
    lock = WriterLock.acquire(path, create=new)
    try:
        if new and path.stat().st_size > 0:  # another program created it meanwhile
            raise ReportFileError(f"{path} 已存在，不会覆盖；请换一个文件名")
        conn = _connect_writable(path)
        try:
            migrate(conn)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        lock.release()
        raise
    return conn, lock


def _connect_writable(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed edit survives a power cut, not only a crash of the program.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as error:
        raise ReportFileError(f"无法写入 {path}（{error}）") from error
    return conn


def _upgraded_copy(conn: sqlite3.Connection) -> sqlite3.Connection:
    """An older file opened read-only is migrated in memory, never on disk."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    conn.backup(memory)
    conn.close()
    migrate(memory)
    memory.execute("PRAGMA query_only = ON")
    return memory


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts; the edit still counts
        return ""
