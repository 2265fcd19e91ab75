"""The report on screen renamed, moved to another year (both undoable with Ctrl+Z, the
checks run again) or deleted (after a question naming it); a new report for a file that
exists is added to it, saying so, with no question about replacing anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.core.storage import ReportFile
from desktop.ui import dialogs as dialogs_module
from desktop.ui.dialogs import Dialogs, NewReport
from tests.ui.conftest import enter_value, new_file, stored


def identities(path) -> list[tuple[str, int]]:
    with ReportFile.open(path, readonly=True) as file:
        return sorted((i.unit, i.year) for i in file.reports())


def undo(qtbot, window) -> None:
    window.tabs.currentWidget().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_renaming_the_unit_is_saved_shown_and_undone(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "报告.sqlite", unit="某区人民政府", years=(2024,))
    window.open_path(path)
    enter_value(qtbot, window, "s3.new.natural", "3")
    dialogs.texts.append("某区人民政府办公室")
    window.report_panel.rename_action.trigger()
    assert identities(path) == [("某区人民政府办公室", 2024)]
    assert stored(path) == {"s3.new.natural": "3"}  # the figures stay with it
    assert window.report_panel.unit.text() == "某区人民政府办公室"
    assert window.report_panel.reports.item(0).text() == "某区人民政府办公室　2024年度"
    assert "某区人民政府办公室2024年" in window.windowTitle()
    assert window.undo_action.text() == "撤销 更改单位名称为“某区人民政府办公室”"
    undo(qtbot, window)
    assert identities(path) == [("某区人民政府", 2024)]
    assert window.report_panel.unit.text() == "某区人民政府"
    assert stored(path) == {"s3.new.natural": "3"}


def test_a_new_year_is_checked_again_and_can_be_undone(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "报告.sqlite", years=(2024,))  # the 2021 format
    window.open_path(path)
    assert not [f for f in window.editor.findings() if f.key.startswith("B-8")]
    dialogs.years.append(2020)  # a 2019-format year: the format no longer fits
    window.report_panel.year_action.trigger()
    assert identities(path) == [("某区人民政府", 2020)]
    assert window.report_panel.year.text() == "2020年度"
    assert [f for f in window.editor.findings() if f.key.startswith("B-8")]
    assert any("2020年度" in m for m in window.findings.messages())
    assert "2019年格式" in window.statusBar().currentMessage()
    assert window.undo_action.text() == "撤销 更改年度为2020年度"
    undo(qtbot, window)
    assert identities(path) == [("某区人民政府", 2024)]
    assert not [f for f in window.editor.findings() if f.key.startswith("B-8")]


def test_a_rename_to_a_report_the_file_has_is_refused_in_words(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    dialogs.years.append(2023)
    window.report_panel.year_action.trigger()
    [(title, message)] = dialogs.errors
    assert title == "无法更改年度" and "已有某区人民政府2023年度的报告" in message
    dialogs.texts.append("   ")
    window.report_panel.rename_action.trigger()
    assert dialogs.errors[-1] == ("无法更改单位名称", "请填写单位名称")
    assert identities(path) == [("某区人民政府", 2023), ("某区人民政府", 2024)]
    assert not window.undo_action.isEnabled() and "已保存" in window.windowTitle()


def test_deleting_a_report_asks_naming_it_then_shows_the_next(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    dialogs.answers.append(False)
    window.report_panel.delete_action.trigger()
    assert "删除“某区人民政府2024年度”的报告" in dialogs.questions[0]
    assert "不能撤销" in dialogs.questions[0] and "历年.sqlite" in dialogs.questions[0]
    assert identities(path) == [("某区人民政府", 2023), ("某区人民政府", 2024)]
    dialogs.answers.append(True)
    window.report_panel.delete_action.trigger()
    assert identities(path) == [("某区人民政府", 2023)]
    assert window.editor.report.year == 2023 and window.report_panel.reports.count() == 1
    assert "已删除某区人民政府2024年度的报告" in window.statusBar().currentMessage()
    dialogs.answers.append(True)
    window.report_panel.delete_action.trigger()
    assert identities(path) == []
    assert window.stack.currentWidget() is window.start and window.file is None
    assert "中已没有报告" in window.statusBar().currentMessage()


def test_a_new_report_for_an_existing_file_is_added_to_it(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023,))
    dialogs.new_reports.append(NewReport(path, "某区人民政府", 2024, "2021"))
    window.new_report()
    assert identities(path) == [("某区人民政府", 2023), ("某区人民政府", 2024)]
    assert window.editor.report.year == 2024 and dialogs.questions == []
    assert "已在 历年.sqlite 中添加某区人民政府2024年度报告" in window.statusBar().currentMessage()
    assert "原有的报告都保留" in window.statusBar().currentMessage()


def test_a_new_report_the_file_already_has_is_offered_to_open(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    with ReportFile.open(path) as file:
        file.set_cell(file.find(year=2023).id, "s3.new.natural", 6)
    dialogs.new_reports.append(NewReport(path, "某区人民政府", 2023, "2021"))
    dialogs.answers.append(True)
    window.new_report()
    assert "已有某区人民政府2023年度的报告，不会覆盖它" in dialogs.questions[0]
    assert "replace" not in dialogs.questions[0]
    assert window.editor.report.year == 2023 and stored(path, 2023) == {"s3.new.natural": "6"}


def test_the_new_report_file_dialog_does_not_ask_to_overwrite(qtbot, monkeypatch, tmp_path):
    asked = {}

    def save_name(parent, caption, start, filters, **kwargs):
        asked.update(caption=caption, start=start, options=kwargs.get("options"))
        return str(tmp_path / "历年"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(dialogs_module.NewReportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        dialogs_module.NewReportDialog, "values", lambda self: ("某区人民政府", 2024, "2021")
    )
    request = Dialogs().ask_new_report(2024, folder=tmp_path)
    assert asked["options"] & QFileDialog.Option.DontConfirmOverwrite
    assert "添加" in asked["caption"]
    assert asked["start"] == str(tmp_path / "某区人民政府2024年度报告.sqlite")
    assert request.path == tmp_path / "历年.sqlite"  # the report suffix added


def test_file_dialogs_start_in_documents_or_the_reports_folder(
    qtbot, window, dialogs, monkeypatch, tmp_path
):
    dialogs.open_paths.append(None)
    window.ask_open()
    assert dialogs.folders == [None]  # nothing open: 文档
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    dialogs.open_paths.append(None)
    window.ask_open()
    assert dialogs.folders[-1] == tmp_path
    starts = []

    def open_name(parent, caption, start, filters, **kwargs):
        starts.append(start)
        return "", filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    real = Dialogs()
    real.ask_open_path()
    real.ask_open_path(folder=tmp_path)
    assert Path(starts[0]) == dialogs_module.documents_folder() != Path.cwd()
    assert starts[1] == str(tmp_path)
