"""Reading reports out of a file as untrusted data: every value is validated, and
sizes are checked in SQL before anything large is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.errors import InputError, NianbaoError, ReportFileError
from desktop.core.forms import Form, load_form
from desktop.core.interchange import MAX_EXPLANATION_LENGTH, MAX_UNIT_LENGTH, checked_identity
from desktop.core.report import MAX_META_LENGTH, MAX_TEXT_LENGTH, META_FIELDS, Report
from desktop.core.values import ValueProblem, parse

if TYPE_CHECKING:
    from desktop.core.storage.reportfile import ReportFile

MAX_REPORTS = 10_000
MAX_VALUE_LENGTH = 40


def report_rows(file: ReportFile) -> list[tuple[int, str, int, str]]:
    count = file.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    if count > MAX_REPORTS:
        raise ReportFileError(f"{file.path.name} 中的报告数量（{count}）不合常理，不予打开。")
    rows = file.conn.execute(
        # Never fetch a huge name: one character past the limit is enough to refuse it.
        f"SELECT id, substr(unit, 1, {MAX_UNIT_LENGTH + 1}), year, "
        "CASE WHEN length(form) <= 20 THEN form END FROM reports ORDER BY unit, year"
    ).fetchall()
    result = []
    for report_id, unit, year, form in rows:
        where = f"{file.path.name} 中编号 {report_id} 的报告"
        try:
            unit, year = checked_identity(unit, year)
            _form(form, where)
        except InputError as error:
            raise ReportFileError(f"{where}：{error}") from error
        result.append((report_id, unit, year, form))
    return result


def _form(form_id: object, where: str) -> Form:
    try:
        return load_form(str(form_id))
    except NianbaoError as error:
        raise ReportFileError(f"{where}：{error}") from error


def load_report(file: ReportFile, report_id: int) -> Report:
    row = next((r for r in report_rows(file) if r[0] == report_id), None)
    if row is None:
        raise ReportFileError(f"{file.path.name} 中没有编号为 {report_id} 的报告")
    _, unit, year, form_id = row
    where = f"{file.path.name} 中{unit} {year}年度报告"
    report = Report(unit, year, _form(form_id, where))
    _load_values(file, report_id, report, where)
    _load_texts(file, report_id, report, where)
    _load_meta(file, report_id, report, where)
    return report


def _load_values(file: ReportFile, report_id: int, report: Report, where: str) -> None:
    cells = report.form.cells
    for table, target, derived in (
        ("cells", report.values, False),
        ("published", report.published, True),
    ):
        count = file.conn.execute(f"SELECT count(*) FROM {table} WHERE report_id=?", (report_id,))
        if count.fetchone()[0] > len(cells):
            raise ReportFileError(f"{where}的单元格数量不合常理，不予打开。")
        rows = file.conn.execute(
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


def _load_texts(file: ReportFile, report_id: int, report: Report, where: str) -> None:
    sections = {s.id: s for s in report.form.text_sections}
    rows = file.conn.execute(
        f"SELECT section, typeof(text), CASE WHEN length(text) <= {MAX_TEXT_LENGTH} THEN text END "
        "FROM texts WHERE report_id=?",
        (report_id,),
    )
    for section_id, kind, text in rows.fetchall():
        if section_id not in sections:
            raise ReportFileError(f"{where}含有本格式没有的文字栏目，不予打开。")
        if kind != "text" or text is None:
            heading = sections[section_id].heading
            raise ReportFileError(f"{where}中{heading}的内容无效或超长，不予打开。")
        report.texts[section_id] = text


def _load_meta(file: ReportFile, report_id: int, report: Report, where: str) -> None:
    columns = ", ".join(
        f"CASE WHEN typeof({n}) = 'text' AND length({n}) <= {MAX_META_LENGTH} THEN {n} END, "
        f"{n} IS NOT NULL"
        for n in META_FIELDS
    )
    row = file.conn.execute(f"SELECT {columns} FROM reports WHERE id=?", (report_id,)).fetchone()
    for index, name in enumerate(META_FIELDS):
        value, present = row[2 * index], row[2 * index + 1]
        if present and value is None:
            raise ReportFileError(f"{where}中的{META_FIELDS[name]}无效或超长，不予打开。")
        if value:
            report.meta[name] = value


def explanations(file: ReportFile, report_id: int) -> dict[str, str]:
    rows = file.conn.execute(
        f"SELECT finding, CASE WHEN typeof(text) = 'text' AND length(text) <= "
        f"{MAX_EXPLANATION_LENGTH} THEN text END FROM explanations WHERE report_id=? LIMIT 10000",
        (report_id,),
    )
    return {key: text for key, text in rows.fetchall() if isinstance(key, str) and text}
