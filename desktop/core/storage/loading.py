"""Reading reports out of a file as untrusted data: every value is validated, and
sizes are checked in SQL before anything large is fetched.

Every function takes the connection and the file's name (for the message); any SQLite
or decoding error while reading becomes one sentence naming the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from desktop.core.errors import InputError, NianbaoError, ReportFileError
from desktop.core.forms import Form, load_form
from desktop.core.report import (
    MAX_DECLARATION_LENGTH,
    MAX_EXPLANATION_LENGTH,
    MAX_META_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_UNIT_LENGTH,
    META_FIELDS,
    Report,
    checked_declaration_id,
    checked_identity,
)
from desktop.core.textrules import checked_line
from desktop.core.values import ValueProblem, parse

MAX_REPORTS = 10_000
MAX_VALUE_LENGTH = 40
MAX_EXPLANATIONS = 10_000


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit: str
    year: int
    form: str

    @property
    def label(self) -> str:
        return f"{self.unit} {self.year}年度（{self.form}年格式）"


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Damage found while reading rows is a message about the file, not a crash."""
    try:
        yield
    except (sqlite3.Error, UnicodeError, OverflowError, MemoryError) as error:
        detail = " ".join(str(error).split())[:120] or type(error).__name__
        raise ReportFileError(f"{name} 已损坏，无法读取（{detail}）。") from error


def _guarded(function: Callable) -> Callable:
    def run(conn: sqlite3.Connection, name: str, *args):
        with reading(name):
            return function(conn, name, *args)

    run.__doc__, run.__name__ = function.__doc__, function.__name__
    return run


@_guarded
def report_infos(conn: sqlite3.Connection, name: str) -> list[ReportInfo]:
    count = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    if count > MAX_REPORTS:
        raise ReportFileError(f"{name} 中的报告数量（{count}）不合常理，不予打开。")
    rows = conn.execute(
        # Never fetch a huge name: one character past the limit is enough to refuse it.
        f"SELECT id, substr(unit, 1, {MAX_UNIT_LENGTH + 1}), year, "
        "CASE WHEN length(form) <= 20 THEN form END FROM reports ORDER BY unit, year"
    ).fetchall()
    result = []
    for report_id, unit, year, form in rows:
        where = f"{name} 中编号 {report_id} 的报告"
        try:
            unit, year = checked_identity(unit, year)
            _form(form, where)
        except InputError as error:
            raise ReportFileError(f"{where}：{error}") from error
        result.append(ReportInfo(report_id, unit, year, form))
    return result


def _form(form_id: object, where: str) -> Form:
    try:
        return load_form(str(form_id))
    except NianbaoError as error:
        raise ReportFileError(f"{where}：{error}") from error


@_guarded
def load_report(conn: sqlite3.Connection, name: str, info: ReportInfo) -> Report:
    where = f"{name} 中{info.unit} {info.year}年度报告"
    report = Report(info.unit, info.year, _form(info.form, where))
    _load_values(conn, info.id, report, where)
    _load_texts(conn, info.id, report, where)
    _load_meta(conn, info.id, report, where)
    _load_declarations(conn, info.id, report, where)
    _load_previous(conn, info.id, report, where)
    return report


def _load_values(conn: sqlite3.Connection, report_id: int, report: Report, where: str) -> None:
    cells = report.form.cells
    for table, target, derived in (
        ("cells", report.values, False),
        ("published", report.published, True),
    ):
        count = conn.execute(f"SELECT count(*) FROM {table} WHERE report_id=?", (report_id,))
        if count.fetchone()[0] > len(cells):
            raise ReportFileError(f"{where}的单元格数量不合常理，不予打开。")
        rows = conn.execute(
            f"SELECT CASE WHEN length(cell) <= 80 THEN cell END, typeof(value), "
            f"CASE WHEN length(value) <= {MAX_VALUE_LENGTH} THEN value END "
            f"FROM {table} WHERE report_id=?",
            (report_id,),
        )
        for cell_id, kind, value in rows.fetchall():
            definition = cells.get(cell_id)
            if definition is None or definition.derived != derived:
                raise ReportFileError(f"{where}含有本格式没有的单元格“{cell_id}”，不予打开。")
            if kind not in ("text", "integer", "real") or value is None:
                raise ReportFileError(f"{where}中{definition.words}的值无效，不予打开。")
            try:
                target[cell_id] = parse(definition.kind, str(value))
            except ValueProblem as problem:
                raise ReportFileError(
                    f"{where}中{definition.words}的值“{value}”无效（{problem}），不予打开。"
                ) from problem


def _load_texts(conn: sqlite3.Connection, report_id: int, report: Report, where: str) -> None:
    sections = {s.id: s for s in report.form.text_sections}
    rows = conn.execute(
        f"SELECT section, typeof(text), CASE WHEN length(text) <= {MAX_TEXT_LENGTH} THEN text END "
        "FROM texts WHERE report_id=? LIMIT 100",
        (report_id,),
    )
    for section_id, kind, text in rows.fetchall():
        if section_id not in sections:
            raise ReportFileError(f"{where}含有本格式没有的文字栏目，不予打开。")
        if kind != "text" or text is None:
            heading = sections[section_id].heading
            raise ReportFileError(f"{where}中{heading}的内容无效或超长，不予打开。")
        report.texts[section_id] = text


def _load_meta(conn: sqlite3.Connection, report_id: int, report: Report, where: str) -> None:
    columns = ", ".join(
        f"CASE WHEN typeof({n}) = 'text' AND length({n}) <= {MAX_META_LENGTH} THEN {n} END, "
        f"{n} IS NOT NULL"
        for n in META_FIELDS
    )
    row = conn.execute(f"SELECT {columns} FROM reports WHERE id=?", (report_id,)).fetchone()
    for index, field in enumerate(META_FIELDS):
        value, present = row[2 * index], row[2 * index + 1]
        if present and value is None:
            raise ReportFileError(f"{where}中的{META_FIELDS[field]}无效或超长，不予打开。")
        if value:
            report.meta[field] = value


def _load_declarations(
    conn: sqlite3.Connection, report_id: int, report: Report, where: str
) -> None:
    rows = conn.execute(
        "SELECT declaration, CASE WHEN typeof(text) = 'text' AND length(text) <= "
        f"{MAX_DECLARATION_LENGTH} THEN text END FROM declarations WHERE report_id=? LIMIT 100",
        (report_id,),
    )
    for key, text in rows.fetchall():
        try:
            report.declarations[checked_declaration_id(key)] = checked_line(text or "", "声明")
        except InputError as error:
            raise ReportFileError(f"{where}中的声明无效（{error}），不予打开。") from error


def _load_previous(conn: sqlite3.Connection, report_id: int, report: Report, where: str) -> None:
    from desktop.core.previous import Previous  # forms and figures of last year's report

    rows = conn.execute(
        "SELECT CASE WHEN length(key) <= 100 THEN key END, CASE WHEN typeof(value) = 'text' "
        "AND length(value) <= 600 THEN value END FROM previous WHERE report_id=? LIMIT 2000",
        (report_id,),
    ).fetchall()
    if not rows:
        return
    if any(key is None or value is None for key, value in rows):
        raise ReportFileError(f"{where}中的上年数据无效或超长，不予打开。")
    try:
        report.previous = Previous.from_rows(dict(rows))
    except InputError as error:
        raise ReportFileError(f"{where}中的上年数据无效（{error}），不予打开。") from error


@_guarded
def explanations(conn: sqlite3.Connection, name: str, report_id: int) -> dict[str, str]:
    rows = conn.execute(
        f"SELECT finding, CASE WHEN typeof(text) = 'text' AND length(text) <= "
        f"{MAX_EXPLANATION_LENGTH} THEN text END FROM explanations WHERE report_id=? "
        f"LIMIT {MAX_EXPLANATIONS}",
        (report_id,),
    )
    return {key: text for key, text in rows.fetchall() if isinstance(key, str) and text}


def check_all(conn: sqlite3.Connection, name: str) -> list[ReportInfo]:
    """Read and validate everything the file holds, as opening a file does."""
    infos = report_infos(conn, name)
    for info in infos:
        load_report(conn, name, info)
        explanations(conn, name, info.id)
    return infos
