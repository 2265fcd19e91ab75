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
    assert set(changed) == {"T3-1:natural", "T3-1:total"}
    assert [f.key for f in session.findings()] == ["T3-1:natural", "T3-1:total"]


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
    assert [f.rule for f in session.findings()] == ["B-7"]
    session.set_meta("preparer", "李四")
    with ReportFile.open(report_path, readonly=True) as file:
        report = file.load(file.find(year=2024).id)
    assert report.meta["preparer"] == "李四" and report.texts["s1"].startswith("统计期限")


def test_read_only_session_refuses_edits(session, report_path):
    reader = ReportSession.open(report_path, year=2024, readonly=True)
    with pytest.raises(ReportFileError, match="只读"):
        reader.set_cell("s3.new.natural", 1)
    reader.close()
