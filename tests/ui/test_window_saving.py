"""Nothing typed is lost on quit or switch: a figure still in its cell editor, a name
still in 填报人, are saved before the file closes or another report is shown; what
cannot be saved is asked about. Ctrl+S says when the file was last saved."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.storage import ReportFile
from tests.ui.conftest import click_cell, input_method, new_file, stored, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def meta(path) -> dict[str, str]:
    with ReportFile.open(path, readonly=True) as file:
        return file.load(file.find().id).meta


def ctrl(qtbot, key) -> None:
    """A shortcut as the keyboard gives it, to whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), key, CTRL)


def typing_in_cell(qtbot, window, cell_id: str, text: str) -> None:
    click_cell(qtbot, window, cell_id)
    type_keys(qtbot, text)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == text  # the editor is open


def typing_in_field(qtbot, window, name: str, text: str) -> QLineEdit:
    edit = window.report_panel.meta[name]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    input_method(edit, text)
    return edit


def test_ctrl_q_with_a_cell_editor_open_saves_the_figure(qtbot, window, opened):
    typing_in_cell(qtbot, window, "s3.new.natural", "7")
    ctrl(qtbot, Qt.Key.Key_Q)
    assert not window.isVisible()
    assert stored(opened) == {"s3.new.natural": "7"}


def test_ctrl_q_while_typing_the_preparer_saves_the_name(qtbot, window, opened, dialogs):
    typing_in_field(qtbot, window, "preparer", "王五")
    ctrl(qtbot, Qt.Key.Key_Q)  # an error here would fail the test (qt_default_raising)
    assert not window.isVisible()
    assert meta(opened) == {"preparer": "王五"}
    assert dialogs.questions == [] and dialogs.errors == []


def test_opening_another_file_saves_the_figure_being_typed_first(qtbot, window, opened, tmp_path):
    typing_in_cell(qtbot, window, "s3.new.legal", "12")
    other = new_file(tmp_path / "另一个.sqlite")
    assert window.open_path(other)  # from the recent list, say: the editor still open
    assert stored(opened) == {"s3.new.legal": "12"} and stored(other) == {}


def test_switching_report_saves_what_is_typed_in_a_cell_and_a_field(qtbot, window, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    typing_in_field(qtbot, window, "reviewer", "赵六")
    typing_in_cell(qtbot, window, "s3.granted.natural", "4")
    window.switch_report(window.file.find(year=2023))
    assert window.editor.report.year == 2023
    assert stored(path, 2024) == {"s3.granted.natural": "4"} and stored(path, 2023) == {}
    with ReportFile.open(path, readonly=True) as file:
        assert file.load(file.find(year=2024).id).meta == {"reviewer": "赵六"}


def test_a_figure_refused_as_the_window_closes_is_asked_about(qtbot, window, opened, dialogs):
    typing_in_cell(qtbot, window, "s3.new.natural", "1.5")
    dialogs.answers.append(False)
    ctrl(qtbot, Qt.Key.Key_Q)
    assert window.isVisible()
    [question] = dialogs.questions
    assert "1.5" in question and "仍要关闭" in question and "自然人" in question
    assert window.editor.pending["s3.new.natural"][0] == "1.5"  # still there to correct
    dialogs.answers.append(True)
    assert window.close()
    assert stored(opened) == {}


def test_a_phone_number_refused_at_the_field_is_asked_about_on_closing(
    qtbot, window, opened, dialogs
):
    edit = typing_in_field(qtbot, window, "phone", "abc-xyz")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    panel = window.report_panel
    assert "不是电话号码" in panel.problem.text() and panel.problem.isVisible()
    assert "不是电话号码" in window.statusBar().currentMessage()
    assert edit.text() == "abc-xyz" and meta(opened) == {}
    assert "有修改未保存" not in window.windowTitle()  # refused, not a failed save
    dialogs.answers.append(False)
    assert not window.close()
    assert "联系电话" in dialogs.questions[0] and "仍要关闭" in dialogs.questions[0]
    edit.selectAll()
    input_method(edit, "０２０－１２３４５６７８ 转 5")  # full-width, from a Chinese IME
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert meta(opened) == {"phone": "020-12345678 转 5"} and not panel.problem.isVisible()
    assert window.close() and len(dialogs.questions) == 1


def test_ctrl_s_saves_what_is_typed_and_says_when_it_was_saved(qtbot, window, opened):
    typing_in_cell(qtbot, window, "s3.new.natural", "8")
    ctrl(qtbot, Qt.Key.Key_S)
    assert stored(opened) == {"s3.new.natural": "8"}
    message = window.statusBar().currentMessage()
    assert message.startswith("已自动保存（最后保存于 ")
    assert re.search(r"\d\d:\d\d:\d\d", message) and "无需手动保存" in message
    saved = window.last_saved.strftime("%H:%M:%S")
    assert saved in message


def test_ctrl_s_right_after_opening_gives_the_files_time(qtbot, window, opened):
    window.tabs.setFocus()
    ctrl(qtbot, Qt.Key.Key_S)
    assert re.search(r"最后保存于 \d", window.statusBar().currentMessage())


def test_ctrl_s_in_a_read_only_report_says_why(qtbot, window):
    window.open_sample()
    window.tabs.setFocus()
    ctrl(qtbot, Qt.Key.Key_S)
    assert "示例" in window.statusBar().currentMessage()
