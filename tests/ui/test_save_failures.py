"""A save that fails (disk full, USB stick pulled out) loses nothing on screen and claims
nothing in the file: the typed figure or text stays, pending, until a save works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.storage import ReportFile
from tests.media import FailingConnection
from tests.ui.conftest import (
    click_cell,
    enter_value,
    input_method,
    new_file,
    page_of,
    press,
    stored,
    view_of,
)

DISK_FULL = ("database or disk is full", 13, "磁盘空间已满")
MEDIUM_GONE = ("disk I/O error", 10 | (3 << 8), "U盘或网络盘是否已断开")


class Disk:
    """Breaks and fixes the disk under the window's open file."""

    def __init__(self, window):
        self.window, self.file, self.real = window, None, None

    def fail(self, problem=DISK_FULL) -> str:
        message, code, words = problem
        self.file, self.real = self.window.file, self.window.file.conn
        self.file.conn = FailingConnection(self.real, message, code)
        return words

    def fix(self) -> None:
        if self.real is not None:
            self.file.conn, self.real = self.real, None


@pytest.fixture
def disk(window, dialogs, monkeypatch):
    """pytest-qt closes the window before this fixture ends: a test that failed with text
    unsaved gets 是 to the closing question (an exception in closeEvent crashes Qt)."""
    ask = dialogs.confirm

    def confirm(title: str, text: str) -> bool:
        if dialogs.answers:
            return ask(title, text)
        dialogs.questions.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    disk = Disk(window)
    yield disk
    disk.fix()


def shown(window, cell_id: str, role=Qt.ItemDataRole.DisplayRole):
    view = view_of(window, cell_id)
    return view.grid_model.data(view.grid_model.index_of(cell_id), role)


def texts(path, year=2024) -> dict[str, str]:
    with ReportFile.open(path, readonly=True) as file:
        return file.load(file.find(year=year).id).texts


def status_after_passing_messages(window) -> str:
    """The status bar once every passing message is over (its timer clears them so)."""
    window.statusBar().clearMessage()
    return window.statusBar().currentMessage()


# -- figures ---------------------------------------------------------------------------


def test_a_figure_that_cannot_be_saved_stays_typed_and_saves_once_the_disk_works(
    qtbot, window, opened, disk
):
    enter_value(qtbot, window, "s3.new.natural", "5")
    words = disk.fail()
    enter_value(qtbot, window, "s3.new.natural", "12")
    assert stored(opened) == {"s3.new.natural": "5"}
    assert shown(window, "s3.new.natural") == "12"
    assert words in shown(window, "s3.new.natural", Qt.ItemDataRole.ToolTipRole)
    assert words in window.statusBar().currentMessage()
    assert words in status_after_passing_messages(window)
    assert "有修改未保存" in window.windowTitle()
    assert window.editor.undo.count() == 1
    disk.fix()
    enter_value(qtbot, window, "s3.new.natural", "12")
    assert stored(opened) == {"s3.new.natural": "12"}
    assert "已保存" in window.windowTitle() and "未保存" not in window.windowTitle()
    assert "s3.new.natural" not in window.editor.pending
    assert words not in (shown(window, "s3.new.natural", Qt.ItemDataRole.ToolTipRole) or "")
    assert window.editor.undo.count() == 2


def test_esc_on_an_unsaved_figure_shows_the_stored_value_again(qtbot, window, opened, disk):
    enter_value(qtbot, window, "s3.new.natural", "5")
    disk.fail(MEDIUM_GONE)
    enter_value(qtbot, window, "s3.new.natural", "12")
    assert shown(window, "s3.new.natural") == "12"
    click_cell(qtbot, window, "s3.new.natural")
    press(qtbot, Qt.Key.Key_Escape)
    assert shown(window, "s3.new.natural") == "5"
    assert window.editor.pending == {}
    assert stored(opened) == {"s3.new.natural": "5"}


def test_a_paste_that_cannot_be_saved_changes_no_cell_in_the_file(qtbot, window, opened, disk):
    enter_value(qtbot, window, "s3.new.natural", "5")
    words = disk.fail()
    view = click_cell(qtbot, window, "s3.new.natural")
    QApplication.clipboard().setText("1\t2\n3\t4\n")
    qtbot.keyClick(view, "v", Qt.KeyboardModifier.ControlModifier)
    assert stored(opened) == {"s3.new.natural": "5"}
    targets = {
        "s3.new.natural": "1",
        "s3.new.commercial": "2",
        "s3.carried_in.natural": "3",
        "s3.carried_in.commercial": "4",
    }
    assert {cell: shown(window, cell) for cell in targets} == targets
    assert set(window.editor.pending) == set(targets)
    assert window.editor.undo.count() == 1
    [(title, message)] = window.context.dialogs.infos
    assert "未能保存" in title and "已保存" not in message
    assert message.count(words) == 1  # said once, not once per cell


# -- undo and redo ---------------------------------------------------------------------


def test_an_undo_that_cannot_be_saved_leaves_the_file_and_the_screen_as_they_were(
    qtbot, window, opened, disk
):
    enter_value(qtbot, window, "s3.new.natural", "5")
    words = disk.fail()
    view = view_of(window, "s3.new.natural")
    qtbot.keyClick(view, "z", Qt.KeyboardModifier.ControlModifier)
    assert stored(opened) == {"s3.new.natural": "5"}
    assert shown(window, "s3.new.natural") == "5"
    assert words in window.statusBar().currentMessage()
    assert window.editor.undo.count() == 0  # the stack never claims the undo happened
    assert window.context.dialogs.errors == []
    disk.fix()
    enter_value(qtbot, window, "s3.new.natural", "6")
    assert stored(opened) == {"s3.new.natural": "6"}


def test_a_redo_that_cannot_be_saved_leaves_the_file_as_it_was(qtbot, window, opened, disk):
    enter_value(qtbot, window, "s3.new.natural", "5")
    window.undo_action.trigger()
    assert stored(opened) == {}
    disk.fail()
    window.redo_action.trigger()
    assert stored(opened) == {} and shown(window, "s3.new.natural") == ""
    assert window.editor.undo.count() == 0  # nor that the redo did


# -- narrative -------------------------------------------------------------------------


def type_narrative(qtbot, window, section_id: str, text: str):
    page = page_of(window, section_id)
    window.tabs.setCurrentWidget(page)
    page.text.setFocus()
    qtbot.waitUntil(page.text.hasFocus)
    input_method(page.text, text)
    return page


def leave_narrative(qtbot, window, page) -> None:
    other = page_of(window, "s3")
    window.tabs.setCurrentWidget(other)
    other.views[0].setFocus()
    qtbot.waitUntil(lambda: not page.text.hasFocus())


def test_narrative_that_cannot_be_saved_stays_and_saves_on_leaving_once_the_disk_works(
    qtbot, window, opened, disk
):
    words = disk.fail()
    page = type_narrative(qtbot, window, "s1", "本年度，我局坚持以公开为常态。")
    leave_narrative(qtbot, window, page)
    assert texts(opened) == {}
    assert page.text.toPlainText() == "本年度，我局坚持以公开为常态。"
    assert words in window.statusBar().currentMessage()
    assert "有修改未保存" in window.windowTitle()
    disk.fix()
    window.tabs.setCurrentWidget(page)
    page.text.setFocus()
    qtbot.waitUntil(page.text.hasFocus)
    leave_narrative(qtbot, window, page)
    assert texts(opened) == {"s1": "本年度，我局坚持以公开为常态。"}
    assert "已保存" in window.windowTitle() and "未保存" not in window.windowTitle()


def test_closing_with_narrative_that_cannot_be_saved_asks_and_no_keeps_the_window(
    qtbot, window, opened, disk, dialogs
):
    words = disk.fail()
    page = type_narrative(qtbot, window, "s5", "存在的主要问题")
    dialogs.answers.append(False)
    assert not window.close()
    assert window.isVisible() and page.text.toPlainText() == "存在的主要问题"
    [question] = dialogs.questions
    assert words in question and "仍要关闭" in question
    disk.fix()
    assert window.close()  # saved now: no question
    assert len(dialogs.questions) == 1
    assert texts(opened) == {"s5": "存在的主要问题"}


def test_switching_report_with_narrative_that_cannot_be_saved_asks_first(
    qtbot, window, tmp_path, disk, dialogs
):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    disk.fail()
    page = type_narrative(qtbot, window, "s5", "存在的主要问题")
    dialogs.answers.append(False)
    window.switch_report(window.file.find(year=2023))
    assert window.editor.report.year == 2024 and page.text.toPlainText() == "存在的主要问题"
    assert "仍要切换报告" in dialogs.questions[-1]
    dialogs.answers.append(False)
    assert not window.open_path(new_file(tmp_path / "另一个.sqlite"))
    assert window.file.path == path and page.text.toPlainText() == "存在的主要问题"
    disk.fix()
    window.switch_report(window.file.find(year=2023))
    assert window.editor.report.year == 2023 and len(dialogs.questions) == 2
    assert texts(path, 2024) == {"s5": "存在的主要问题"}
