"""ReportFile: the reports in one SQLite file, read with validation, written one
durable transaction per edit with an append-only change log and a content checksum."""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop.core.errors import ReportFileError, WriteFailedError
from desktop.core.report import META_FIELDS, Report, checked_declaration_id, checked_identity
from desktop.core.storage import checksum, claims, loading, opening
from desktop.core.storage.checksum import CONTENT
from desktop.core.storage.loading import ReportInfo
from desktop.core.storage.schema import migrate
from desktop.core.storage.sqlerrors import words
from desktop.core.storage.writerlock import WriterLock
from desktop.core.textrules import checked_line
from desktop.core.values import Number, to_text


class ReportFile:
    """A writable ReportFile holds the file's WriterLock until close(): one writer per file.
    A read-only one holds no file at all: it reads a checked copy in memory."""

    def __init__(self, path: Path, opened: opening.Opened, readonly: bool):
        self.path, self.conn, self.readonly = path, opened.conn, readonly
        self.lock: WriterLock | None = opened.lock
        self._set_infos(opened.infos)
        self._deltas: dict[int, int] = {}  # checksum changes of the open transaction

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *reports: tuple[Report, dict[str, str]]) -> ReportFile:
        """A new file holding these reports (with their explanations), or nothing at all:
        it is built in memory, written under a temporary name and then given its own, so
        a file with that name is complete or absent, whenever the program is stopped."""
        path = Path(path)
        _refuse_existing(path)
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            migrate(conn)
            builder = cls(path, opening.Opened(conn, []), readonly=False)
            for report, notes in reports:
                builder.add_report(report, explanations=notes)
            data = conn.serialize()
        finally:
            conn.close()
        _write_new(path, data)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, readonly: bool = False) -> ReportFile:
        """Verify the file before using it; a read-only open never writes a byte."""
        path = Path(path)
        if readonly:
            return cls(path, opening.open_readonly(path), readonly=True)
        return cls(path, opening.open_writable(path), readonly=False)

    def close(self) -> None:
        """Closing twice is harmless and never touches another writer's lock or claim."""
        try:
            self.conn.close()
        finally:
            if self.lock is not None and self.lock.held:
                self.lock.release()
                claims.release(self.path)

    def __enter__(self) -> ReportFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------

    def _set_infos(self, infos: list[ReportInfo] | None) -> None:
        """The reports in the file, read once (None: read again when next asked)."""
        self._listing = infos
        self.__dict__.pop("_index", None)

    @property
    def _infos(self) -> list[ReportInfo]:
        if self._listing is None:
            self._listing = loading.report_infos(self.conn, self.path.name)
        return self._listing

    @functools.cached_property
    def _index(self) -> dict[object, ReportInfo]:
        """Reports by id and by (unit, year); a file of many reports is read in linear time."""
        index: dict[object, ReportInfo] = {info.id: info for info in self._infos}
        index.update({(info.unit, info.year): info for info in self._infos})
        return index

    def reports(self) -> list[ReportInfo]:
        return list(self._infos)

    def find(self, unit: str | None = None, year: int | None = None) -> ReportInfo:
        """The one report matching unit and year, or a message saying what to choose."""
        candidates = [
            r
            for r in self._infos
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
        info = self._index.get(report_id)
        if info is None:
            raise ReportFileError(f"{self.path.name} 中没有编号为 {report_id} 的报告")
        return loading.load_report(self.conn, self.path.name, info)

    def previous(self, report: Report) -> Report | None:
        """The same unit's report of the year before, when this file holds it."""
        info = self._index.get((report.unit, report.year - 1))
        return None if info is None else self.load(info.id)

    def explanations(self, report_id: int) -> dict[str, str]:
        return loading.explanations(self.conn, self.path.name, report_id)

    def changelog(self, report_id: int) -> list[dict]:
        with loading.reading(self.path.name):
            cursor = self.conn.execute(
                "SELECT target, old, new, at, os_user FROM changelog WHERE report_id = ? "
                "ORDER BY id",
                (report_id,),
            )
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # -- writing: one durable transaction per edit ------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; the changed reports' checksums move with their rows before
        COMMIT. A failure (disk full, read-only, locked, medium removed) rolls back and
        says so."""
        if self.readonly:
            raise ReportFileError(f"{self.path.name} 以只读方式打开，不能修改")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self._deltas = {}
            try:
                yield
                for report_id, delta in self._deltas.items():
                    checksum.add(self.conn, report_id, delta)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise WriteFailedError(
                f"未能保存到 {self.path.name}：{words(error)}。这次修改没有保存，"
                "文件仍是修改前的内容，请处理后重试。"
            ) from error

    def set_cell(self, report_id: int, cell_id: str, value: Number | None) -> None:
        self.set_cells(report_id, {cell_id: value})

    def set_cells(
        self,
        report_id: int,
        values: dict[str, Number | None],
        declarations: dict[str, str | None] | None = None,
    ) -> None:
        """Several cells (and declarations made with them, None withdraws one) in one
        transaction: a paste or 本表无数据 is saved whole or not at all."""
        with self.transaction():
            for cell_id, value in values.items():
                new = None if value is None else to_text(value)
                self._write_row("cells", report_id, cell_id, new)
            for key, text in _checked_declarations(declarations or {}).items():
                self._write_row("declarations", report_id, key, text)

    def set_text(self, report_id: int, section_id: str, text: str) -> None:
        with self.transaction():
            self._write_row("texts", report_id, section_id, text or None)

    def set_texts(
        self, report_id: int, texts: dict[str, str], values: dict[str, Number] | None = None
    ) -> None:
        """Several narrative sections, and figures read with them (a Word draft), in one
        transaction: imported whole or not at all."""
        with self.transaction():
            for section_id, text in texts.items():
                self._write_row("texts", report_id, section_id, text or None)
            for cell_id, value in (values or {}).items():
                self._write_row("cells", report_id, cell_id, to_text(value))

    def set_meta(self, report_id: int, name: str, value: str) -> None:
        if name not in META_FIELDS:  # a column name: never taken from outside unchecked
            raise ValueError(name)
        with self.transaction():
            self._write_meta(report_id, name, value)

    def set_explanation(self, report_id: int, key: str, text: str) -> None:
        with self.transaction():
            self._write_row("explanations", report_id, key, text or None)

    def set_previous(self, report_id: int, previous) -> None:
        """Where last year's report comes from, a copy of it and corrections (a
        desktop.core.previous.Previous; None: last year's report in this file)."""
        with self.transaction():
            self._write_previous(report_id, previous)

    def _write_previous(self, report_id: int, previous) -> None:
        rows = {} if previous is None else _checked_previous(previous)
        old = self.conn.execute("SELECT key FROM previous WHERE report_id=?", (report_id,))
        for (key,) in old.fetchall():
            if key not in rows:
                self._write_row("previous", report_id, key, None)
        for key, value in rows.items():
            self._write_row("previous", report_id, key, value)

    def set_identity(self, report_id: int, unit: str, year: int) -> None:
        """Rename the unit or correct the year of a report (its format stays; the checks
        say when the year calls for another). Refused when that report already exists."""
        unit, year = checked_identity(unit, year)
        with self.transaction():
            clash = self._scalar(
                "SELECT id FROM reports WHERE unit=? AND year=? AND id<>?", unit, year, report_id
            )
            if clash is not None:
                raise ReportFileError(f"{self.path.name} 中已有{unit} {year}年度的报告")
            old = self.conn.execute("SELECT unit, year FROM reports WHERE id=?", (report_id,))
            old_unit, old_year = old.fetchone()
            self._update_identity(report_id, "unit", unit)
            self._update_identity(report_id, "year", year)
            self._log(report_id, "report", f"{old_unit} {old_year}", f"{unit} {year}")
        self._set_infos(None)

    def delete_report(self, report_id: int) -> None:
        """Remove a report and everything it holds; the change log keeps its history."""
        with self.transaction():
            row = self.conn.execute("SELECT unit, year, form FROM reports WHERE id=?", (report_id,))
            unit, year, form = row.fetchone()
            self._clear_content(report_id)
            self.conn.execute("DELETE FROM reports WHERE id=?", (report_id,))
            self._log(report_id, "report", f"{unit} {year} {form}", None)
            self._deltas.pop(report_id, None)  # no row left to carry a checksum
        self._set_infos(None)

    def add_report(
        self, report: Report, replace: bool = False, explanations: dict[str, str] | None = None
    ) -> int:
        """Store a whole report (new file, import) with its explanations in one
        transaction, logged cell by cell."""
        with self.transaction():
            report_id = self._report_row(report, replace)
            for cell_id, value in report.values.items():
                self._write_row("cells", report_id, cell_id, to_text(value))
            for cell_id, value in report.published.items():
                self._write_row("published", report_id, cell_id, to_text(value))
            for section_id, text in report.texts.items():
                self._write_row("texts", report_id, section_id, text or None)
            for key, text in (explanations or {}).items():
                self._write_row("explanations", report_id, key, text or None)
            for key, text in _checked_declarations(report.declarations).items():
                self._write_row("declarations", report_id, key, text)
            self._write_previous(report_id, report.previous)
            for name in META_FIELDS:
                self._write_meta(report_id, name, report.meta.get(name))
        self._set_infos(None)
        return report_id

    def _report_row(self, report: Report, replace: bool) -> int:
        checked_identity(report.unit, report.year)  # never write what could not be read back
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
            self._count(report_id, checksum.identity_hash(self.conn, report_id))
            self._log(report_id, "report", None, f"{report.unit} {report.year} {report.form.id}")
            return report_id
        self._clear_content(existing)
        self._update_identity(existing, "form", report.form.id)
        return existing

    def _clear_content(self, report_id: int) -> None:
        """Delete every figure, text and explanation of a report, each logged."""
        for table, (key, value) in CONTENT.items():
            rows = self.conn.execute(
                f"SELECT {key}, {value} FROM {table} WHERE report_id=?", (report_id,)
            )
            for name, old in rows.fetchall():
                self._count(report_id, -checksum.row_hash(table, name, old))
                self._log(report_id, _target(table, name), old, None)
            self.conn.execute(f"DELETE FROM {table} WHERE report_id=?", (report_id,))

    def _write_row(self, table: str, report_id: int, key: str, new: str | None) -> None:
        """Set or (with None) delete one keyed row of a report, logged when it changes."""
        name, column = CONTENT[table]
        old = self._scalar(
            f"SELECT {column} FROM {table} WHERE report_id=? AND {name}=?", report_id, key
        )
        if old == new:
            return
        for row, sign in ((old, -1), (new, 1)):
            if row is not None:
                self._count(report_id, sign * checksum.row_hash(table, key, row))
        if new is None:
            self.conn.execute(
                f"DELETE FROM {table} WHERE report_id=? AND {name}=?", (report_id, key)
            )
        elif table == "explanations":  # the only content row with a time of its own
            self.conn.execute(
                "INSERT OR REPLACE INTO explanations VALUES (?, ?, ?, ?)",
                (report_id, key, new, _now()),
            )
        else:
            self.conn.execute(
                f"INSERT OR REPLACE INTO {table} (report_id, {name}, {column}) VALUES (?, ?, ?)",
                (report_id, key, new),
            )
        self._log(report_id, _target(table, key), old, new)

    def _write_meta(self, report_id: int, name: str, value: str | None) -> None:
        old = self._scalar(f"SELECT {name} FROM reports WHERE id=?", report_id)
        if old == value:
            return
        self._update_identity(report_id, name, value)
        self._log(report_id, f"meta.{name}", old, value)

    def _update_identity(self, report_id: int, column: str, value: str | None) -> None:
        """Change a column of the report's own row (form, 填报人 …), checksum included."""
        self._count(report_id, -checksum.identity_hash(self.conn, report_id))
        self.conn.execute(f"UPDATE reports SET {column} = ? WHERE id = ?", (value, report_id))
        self._count(report_id, checksum.identity_hash(self.conn, report_id))

    def _count(self, report_id: int, delta: int) -> None:
        self._deltas[report_id] = self._deltas.get(report_id, 0) + delta

    def _log(self, report_id: int, target: str, old: str | None, new: str | None) -> None:
        self.conn.execute(
            "INSERT INTO changelog (report_id, target, old, new, at, os_user) VALUES (?,?,?,?,?,?)",
            (report_id, target, old, new, _now(), _os_user()),
        )

    def _scalar(self, sql: str, *params):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]


def _checked_declarations(declarations: dict[str, str | None]) -> dict[str, str | None]:
    """Never write a declaration the loader would refuse (empty text withdraws it)."""
    return {
        checked_declaration_id(key): checked_line(text, "声明") if text else None
        for key, text in declarations.items()
    }


def _checked_previous(previous) -> dict[str, str]:
    """Never write last year's data the loader would refuse."""
    from desktop.core.previous import Previous

    rows = previous.rows()
    Previous.from_rows(rows)
    return rows


def _target(table: str, key: str) -> str:
    """How the change log names what changed: a cell id, a section id, or a prefixed key."""
    prefix = {
        "cells": "",
        "texts": "",
        "published": "published.",
        "declarations": "declaration.",
        "previous": "previous.",
    }
    return prefix.get(table, "explanation.") + key


def store_report(
    path: Path | str,
    report: Report,
    explanations: dict[str, str] | None = None,
    replace: bool = False,
) -> None:
    """Add a report to the file at `path`, creating the file when there is none yet:
    all or nothing, whatever happens meanwhile (`new`, `import`, the window's 新建)."""
    path = Path(path)
    if _is_empty_name(path):
        ReportFile.create(path, (report, explanations or {})).close()
        return
    with ReportFile.open(path) as file:
        file.add_report(report, replace=replace, explanations=explanations)


def _is_empty_name(path: Path) -> bool:
    """No file, or an empty one (nothing to lose; an earlier program may have left it)."""
    try:
        return not os.path.lexists(path) or (path.is_file() and path.stat().st_size == 0)
    except OSError:
        return False


def _refuse_existing(path: Path) -> None:
    if not _is_empty_name(path):
        raise ReportFileError(f"{path} 已存在，不会覆盖；请换一个文件名")


def _write_new(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        _place(temp, path)
    except OSError as error:
        raise WriteFailedError(f"无法创建 {path}（{words(error)}）") from error
    finally:
        with suppress(OSError):
            temp.unlink(missing_ok=True)


def _place(temp: Path, path: Path) -> None:
    """Give the finished file its name without ever replacing a file made meanwhile
    (an empty file in its place is replaced: it holds nothing)."""
    try:
        if os.path.lexists(path):
            os.replace(temp, path)
        else:
            os.link(temp, path)
    except FileExistsError:
        _refuse_existing(path)
        raise
    except OSError:  # no hard links here (FAT USB sticks, some network drives)
        _refuse_existing(path)
        os.rename(temp, path)  # refuses an existing target on Windows
    if hasattr(os, "O_DIRECTORY"):  # POSIX: the new name itself survives a power cut
        fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _now() -> str:
    from datetime import datetime  # only when writing: reading a file never needs it

    return datetime.now().astimezone().isoformat(timespec="seconds")


def _os_user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name on some service accounts; the edit still counts
        return ""
