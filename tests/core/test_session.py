"""The façade every face uses: validate, write durably, re-check, explain."""

import sqlite3

import pytest

from desktop.core.errors import InputError, ReportFileError
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile


@pytest.fixture
def session(report_path):
    with ReportFile.create(report_path) as file:
        previous = Report("某区人民政府", 2023, load_form("2021"))
        previous.set_value("s3.carried_out.natural", 2)
        file.add_report(previous)
        file.add_report(Report("某区人民政府", 2024, load_form("2021")))
    session = ReportSession.open(report_path, year=2024)
    yield session
    session.close()


def stored(path, cell):
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT value FROM cells JOIN reports ON reports.id = report_id "
            "WHERE year = 2024 AND cell = ?",
            (cell,),
        ).fetchone()
    return row and row[0]


def test_an_edit_is_in_the_file_and_rechecked_at_once(session, report_path):
    changed = session.set_cell("s3.new.natural", "１２")
    assert stored(report_path, "s3.new.natural") == "12"
    balance = {key for key in changed if not key.startswith("E-")}  # E-: blanks left
    assert balance == {"T3-1:natural", "T3-1:total"}
    assert [f.key for f in session.findings() if f.is_error] == ["T3-1:natural", "T3-1:total"]


def test_refused_input_changes_nothing(session, report_path):
    session.set_cell("s3.new.natural", 3)
    with pytest.raises(InputError, match="不能为负数"):
        session.set_cell("s3.new.natural", "-3")
    assert stored(report_path, "s3.new.natural") == "3"
    assert session.report.value("s3.new.natural") == 3


def test_previous_year_is_used_and_a_finding_can_be_explained(session, report_path):
    session.set_cell("s3.carried_in.natural", 0)
    found = {f.key: f for f in session.findings() if f.rule == "Y-1"}
    assert set(found) == {"Y-1:natural", "Y-1:total"} and found["Y-1:natural"].is_error
    session.explain("Y-1:natural", "2024年机构改革，原有申请移交新设机构办理")
    explained = {f.key: f.explanation for f in session.findings()}
    assert explained["Y-1:natural"].startswith("2024年机构改革") and not explained["Y-1:total"]
    reopened = ReportSession.open(report_path, year=2024, readonly=True)
    assert {f.key: f.explanation for f in reopened.findings()} == explained
    reopened.close()
    with pytest.raises(InputError):
        session.explain("Z-9", "x")


def test_texts_and_meta(session, report_path):
    session.set_text("s1", "统计期限自2023年1月1日至12月31日。")
    assert [f.rule for f in session.findings() if f.is_error] == ["B-7"]
    session.set_meta("preparer", "李四")
    with ReportFile.open(report_path, readonly=True) as file:
        report = file.load(file.find(year=2024).id)
    assert report.meta["preparer"] == "李四" and report.texts["s1"].startswith("统计期限")


def test_read_only_session_refuses_edits(session, report_path):
    reader = ReportSession.open(report_path, year=2024, readonly=True)
    with pytest.raises(ReportFileError, match="只读"):
        reader.set_cell("s3.new.natural", 1)
    reader.close()


def stored_explanations(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT finding, text FROM explanations JOIN reports ON reports.id = report_id "
            "WHERE year = 2024"
        ).fetchall()
    return dict(rows)


def test_a_hard_error_cannot_be_explained(session, report_path):
    session.set_cell("s3.new.natural", 400)
    assert session.findings()[0].key == "T3-1:natural"
    with pytest.raises(InputError, match="此项为硬性错误，须改正数据，不能以说明代替"):
        session.explain("T3-1:natural", "口径调整")
    assert stored_explanations(report_path) == {}
    assert all(f.blocking for f in session.findings() if f.rule == "T3-1")
    session.explain("T3-1:natural", "")  # removing is always possible: nothing to remove


def test_unknown_keys_are_refused_in_words(session, report_path):
    with pytest.raises(InputError, match="没有编号为“Z-9”的检查"):
        session.explain("Z-9", "x")
    with pytest.raises(InputError, match="请写明其中一项，如 Y-1:natural、Y-1:commercial"):
        session.explain("Y-1", "机构改革")
    assert stored_explanations(report_path) == {}


def test_explanation_text_is_checked_and_empty_text_removes_it(session, report_path):
    session.set_cell("s3.carried_in.natural", 0)
    session.explain("Y-1:natural", "  机构改革\r\n原申请移交  ")
    assert stored_explanations(report_path) == {"Y-1:natural": "机构改革\n原申请移交"}
    with pytest.raises(InputError, match="不能超过"):
        session.explain("Y-1:natural", "长" * 10_000)
    with pytest.raises(InputError, match="说明的第1个字符"):
        session.explain("Y-1:natural", "\x07响铃")
    assert stored_explanations(report_path) == {"Y-1:natural": "机构改革\n原申请移交"}
    session.explain("Y-1:natural", "   ")
    assert stored_explanations(report_path) == {} and session.explanations == {}
    assert next(f for f in session.findings() if f.key == "Y-1:natural").blocking


def test_a_warning_can_be_explained(session, report_path):
    session.set_cells({"s3.new.natural": 10, "s3.granted.natural": 6})
    session.set_cell("s3.carried_out.natural", 4)
    assert "T3-8" in {f.key for f in session.findings()}
    session.explain("T3-8", "年末集中收到申请")
    assert stored_explanations(report_path) == {"T3-8": "年末集中收到申请"}
    assert next(f for f in session.findings() if f.key == "T3-8").explanation


def test_a_declaration_fills_the_blank_figures_with_0_in_one_save(session, report_path):
    session.set_cell("s3.new.natural", 0)
    session.set_cells(session.zero_fill("s3"), {"no_applications": True})
    with ReportFile.open(report_path, readonly=True) as file:
        report = file.load(file.find(year=2024).id)
    assert report.declarations == {"no_applications": "本年度未收到政府信息公开申请"}
    inputs = [c for c, d in report.form.cells.items() if d.section.id == "s3" and not d.derived]
    assert {report.values[c] for c in inputs} == {0}
    assert not [f for f in session.findings() if f.rule in ("E-1", "E-3") and f.section == "s3"]
    session.set_cell("s3.new.legal", 2)  # figures contradict the declaration
    assert "E-3:no_applications" in {f.key for f in session.findings()}
    session.set_cells({}, {"no_applications": False})
    assert "E-3:no_applications" not in {f.key for f in session.findings()}
    assert session.report.declarations == {} and session.report.values["s3.new.natural"] == 0


def test_zero_fill_names_only_the_blank_input_cells_of_one_table(session):
    session.set_cell("s2.rules.issued", 4)
    blank = session.zero_fill("s2", "item1")
    assert "s2.rules.issued" not in blank and "s2.rules.repealed" in blank
    assert {session.report.form.cells[c].table.id for c in blank} == {"item1"}
    assert not any(session.report.form.cells[c].derived for c in blank)


def test_an_unknown_declaration_is_refused(session):
    with pytest.raises(InputError, match="没有编号为“nothing”的声明"):
        session.set_cells({}, {"nothing": True})
