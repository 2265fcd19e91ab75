"""文件 → 导出Excel… and 导出Excel模板… from the window, with the save dialog answered by
the test: the workbook is written where chosen and reads back as the report on screen."""

from __future__ import annotations

from desktop.core.exchange import read_any
from desktop.core.exchange import xlsx_common as common
from desktop.core.interchange import read_json, to_interchange
from desktop.core.storage import store_report
from tests.conftest import SAMPLES
from tests.core.exchange.xlsx_books import load
from tests.ui.conftest import enter_value


def menu_action(window, text):
    for action in window.menuBar().actions()[0].menu().actions():
        if action.text() == text:
            return action
    raise AssertionError(text)


def test_export_excel_writes_the_report_on_screen(qtbot, window, dialogs, tmp_path):
    sample = SAMPLES / "published/2020-pingtan-zhsyq.json"
    report = read_json(sample.read_bytes(), sample.name).report
    path = tmp_path / "平潭.sqlite"
    store_report(path, report)
    assert window.open_path(path)
    enter_value(qtbot, window, "s3.new.natural", "30")  # an edit just made goes out too
    qtbot.waitUntil(lambda: window.editor.report.values.get("s3.new.natural") == 30)
    target = tmp_path / "导出.xlsx"
    dialogs.xlsx_paths.append(target)
    menu_action(window, "导出Excel…").trigger()
    assert dialogs.xlsx_titles == ["导出Excel"]
    assert dialogs.folders[-1] == tmp_path  # the dialog starts beside the report
    back = read_any(target)
    assert back.ok, back.rejected
    assert to_interchange(back.report) == to_interchange(window.editor.report)
    assert back.report.values["s3.new.natural"] == 30
    assert str(target) in window.statusBar().currentMessage()
    assert dialogs.errors == []


def test_export_excel_cancelled_writes_nothing(window, dialogs, opened, tmp_path):
    dialogs.xlsx_paths.append(None)
    menu_action(window, "导出Excel…").trigger()
    assert not list(tmp_path.glob("*.xlsx")) and dialogs.errors == []


def test_export_excel_to_a_missing_folder_says_so(window, dialogs, opened, tmp_path):
    dialogs.xlsx_paths.append(tmp_path / "没有这个文件夹" / "报告.xlsx")
    menu_action(window, "导出Excel…").trigger()
    [(title, text)] = dialogs.errors
    assert title == "无法保存Excel" and "文件夹不存在" in text


def test_export_excel_template_of_the_open_reports_format(window, dialogs, opened, tmp_path):
    target = tmp_path / "模板.xlsx"
    dialogs.xlsx_paths.append(target)
    menu_action(window, "导出Excel模板…").trigger()
    assert dialogs.xlsx_titles == ["导出Excel模板"]
    wb = load(target)
    assert wb[common.FORMAT_SHEET]["B3"].value == "2021"
    assert wb[common.FORMAT_SHEET]["B4"].value == common.KIND_TEMPLATE
    assert wb[common.INFO_SHEET]["B3"].value is None  # the unit writes its own name
    assert wb[common.INFO_SHEET]["B4"].value == 2024
    assert wb["三、申请情况"].protection.sheet


def test_the_template_needs_no_open_report(window, dialogs, tmp_path):
    assert not menu_action(window, "导出Excel…").isEnabled()
    assert menu_action(window, "导出Excel模板…").isEnabled()
    target = tmp_path / "模板.xlsx"
    dialogs.xlsx_paths.append(target)
    menu_action(window, "导出Excel模板…").trigger()
    assert target.exists() and dialogs.errors == []
