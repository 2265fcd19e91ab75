"""Read-only is shown, not silent: a banner above the tabs says why (the sample, another
window, a read-only medium) with a way out (reopen for editing, or edit a copy), and
typing says why nothing changes. The sample is marked 示例 and opens read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.app import build
from desktop.core.storage import ReportFile
from desktop.ui.window_files import SAMPLE_FILE
from tests.ui.conftest import click_cell, enter_value, input_method, new_file, page_of, stored


def test_the_sample_is_marked_and_opens_read_only(qtbot, window, tmp_path):
    window.open_sample()
    sample = tmp_path / "data" / SAMPLE_FILE
    before = sample.read_bytes()
    assert window.editor.readonly
    assert window.windowTitle().startswith("【示例】") and "（只读）" in window.windowTitle()
    banner = window.banner
    assert banner.isVisible() and banner.label.text().startswith("示例报告")
    assert banner.copy.isVisible() and not banner.reopen.isVisible()
    assert not window.report_panel.manage.isEnabled()  # no renaming or deleting the sample
    value = window.editor.report.values["s3.new.natural"]
    enter_value(qtbot, window, "s3.new.natural", "7")
    assert "示例报告不能修改" in window.statusBar().currentMessage()
    assert window.editor.report.values["s3.new.natural"] == value
    window.statusBar().clearMessage()
    page = page_of(window, "s5")
    window.tabs.setCurrentWidget(page)
    page.text.setFocus()
    input_method(page.text, "想改一下")
    assert "示例报告不能修改" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    edit = window.report_panel.meta["preparer"]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A)
    assert "示例报告不能修改" in window.statusBar().currentMessage()
    assert sample.read_bytes() == before


def test_a_copy_of_the_sample_opens_for_editing(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    sample = window.editor.report
    target = tmp_path / "我的报告.sqlite"
    dialogs.report_paths.append(target)
    window.banner.copy.click()
    assert dialogs.folders == [None]  # the save dialog starts in 文档, not the sample's folder
    assert window.file.path == target and not window.editor.readonly
    assert not window.banner.isVisible() and "示例" not in window.windowTitle()
    assert "已复制到" in window.statusBar().currentMessage()
    assert stored(target) == {k: str(v) for k, v in sample.values.items()}
    with ReportFile.open(target, readonly=True) as file:
        copy = file.load(file.find().id)
    assert copy.texts == sample.texts and copy.meta == sample.meta
    enter_value(qtbot, window, "s3.new.natural", "400")
    assert stored(target)["s3.new.natural"] == "400"


def test_a_copy_into_an_existing_report_file_is_added_to_it(qtbot, window, dialogs, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", unit="某区人民政府", years=(2024,))
    window.open_sample()
    dialogs.report_paths.append(path)
    window.banner.copy.click()
    with ReportFile.open(path, readonly=True) as file:
        assert sorted((i.unit, i.year) for i in file.reports()) == [
            ("广州市天河区人民政府", 2020),
            ("某区人民政府", 2024),
        ]
    assert window.editor.report.unit == "广州市天河区人民政府" and not window.editor.readonly
    assert "已在 历年.sqlite 中添加" in window.statusBar().currentMessage()


def test_another_windows_file_can_be_reopened_for_editing_once_it_lets_go(
    qtbot, window, tmp_path, dialogs, settings
):
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    second = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(second)
    second.show()
    assert second.open_path(path) and second.editor.readonly
    assert second.banner.reopen.isVisible()
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    click_cell(qtbot, second, "s3.new.legal")
    qtbot.keyClick(second.pages[2].views[0], Qt.Key.Key_9)
    assert "正由另一个窗口或程序编辑" in second.statusBar().currentMessage()
    second.banner.reopen.click()  # the first window still has it
    assert second.editor.readonly and "仍不能编辑" in second.statusBar().currentMessage()
    window.close()
    second.banner.reopen.click()
    assert not second.editor.readonly and not second.banner.isVisible()
    assert "（已保存）" in second.windowTitle()
    enter_value(qtbot, second, "s3.new.legal", "9")
    assert stored(path) == {"s3.new.legal": "9"}
    second.close()
