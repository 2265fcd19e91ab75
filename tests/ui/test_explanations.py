"""Explanations written at the finding, through the real window: in the findings panel
and from a cell's context menu; stored in the file, undoable, printed on the 签批单."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.core.forms import load_form
from desktop.core.interchange import MAX_EXPLANATION_LENGTH
from desktop.core.report import Report
from desktop.core.storage import ReportFile, opening
from desktop.ui import palette, printing
from desktop.ui.explanations import MENU_TEXT, CellMenu, ExplanationDialog
from tests.ui.conftest import click_cell, enter_value, input_method

REASON = "2024年机构改革，原有申请移交新设机构办理"
HARD = "此项为硬性错误，须改正数据，不能以说明代替"


@pytest.fixture
def y1_file(tmp_path):
    """2023 carried 2 natural-person applications over; 2024 says none came in (Y-1)."""
    path = tmp_path / "报告.sqlite"
    with ReportFile.create(path) as file:
        last = Report("某区人民政府", 2023, load_form("2021"))
        last.set_value("s3.carried_out.natural", 2)
        file.add_report(last)
        this = Report("某区人民政府", 2024, load_form("2021"))
        this.set_value("s3.new.natural", 10)
        this.set_value("s3.carried_in.natural", 0)
        this.set_value("s3.granted.natural", 10)
        file.add_report(this)
    return path


@pytest.fixture
def opened(window, y1_file):
    assert window.open_path(y1_file)
    assert window.editor.report.year == 2024
    return y1_file


def explaining(menu) -> list:
    """The menu's explanation entries (a cross-year finding also offers 更正上年数字…,
    tested in test_last_year.py)."""
    return [a for a in menu.actions() if not a.text().startswith("更正上年数字")]


def stored_explanations(path) -> dict[str, str]:
    """What the file holds, read with plain sqlite3 beside the window."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT finding, text FROM explanations JOIN reports ON reports.id = report_id "
            "WHERE year = 2024"
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


def select_finding(qtbot, window, key: str):
    """Click the finding in the list, as an officer would."""
    panel = window.findings
    item = next(
        panel.list.item(i)
        for i in range(panel.list.count())
        if panel.list.item(i).data(Qt.ItemDataRole.UserRole + 2).key == key
    )
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.current_finding().key == key
    return panel.explanation


def write_in_panel(qtbot, window, key: str, text: str) -> None:
    box = select_finding(qtbot, window, key)
    assert box.edit.isEnabled()
    qtbot.mouseClick(box.edit.viewport(), Qt.MouseButton.LeftButton)
    assert box.edit.hasFocus()
    box.edit.selectAll()
    qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
    if text:
        input_method(box.edit, text)
    window.findings.list.setFocus()  # leaving the field saves it


def undo(qtbot, window) -> None:
    """Ctrl+Z in the window (back from a dialog, the window is active again first)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.findings.list.setFocus()
    qtbot.keyClick(window.findings.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def right_click(qtbot, window, cell_id: str):
    """The context menu of a cell, opened as a right click opens it."""
    view = click_cell(qtbot, window, cell_id)
    pos = view.visualRect(view.grid_model.index_of(cell_id)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    menu = view.findChild(CellMenu).menu
    assert menu is not None and menu.isVisible()
    return view, menu


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return "".join(result.stdout.split())  # the sheet's cells wrap lines anywhere


def test_the_y1_error_can_be_explained_in_the_findings_panel_and_undone(qtbot, window, opened):
    assert "[错误] 三、申请情况（自然人）：上年结转0件" in window.findings.messages()[0]
    assert re.fullmatch(r"检查结果：错误 2 处，提示 \d+ 处", window.findings.summary.text())
    write_in_panel(qtbot, window, "Y-1:natural", REASON)
    assert stored_explanations(opened) == {"Y-1:natural": REASON}
    first = window.findings.messages()[0]
    assert first.startswith("[错误] 三、申请情况（自然人）：上年结转0件")
    assert first.endswith(f"\n说明：{REASON}")
    assert re.fullmatch(
        r"检查结果：错误 1 处，提示 \d+ 处；另有 1 处错误已说明", window.findings.summary.text()
    )
    assert window.findings.current_finding().key == "Y-1:natural"  # still selected
    assert window.findings.explanation.edit.toPlainText() == REASON
    assert (
        window.undo_action.text()
        == "撤销 填写说明：三、申请情况：二、上年结转政府信息公开申请数量（自然人）"
    )

    undo(qtbot, window)
    assert stored_explanations(opened) == {}
    assert window.findings.explanation.edit.toPlainText() == ""
    assert "说明：" not in window.findings.messages()[0]
    window.redo_action.trigger()
    assert stored_explanations(opened) == {"Y-1:natural": REASON}
    assert window.findings.explanation.edit.toPlainText() == REASON

    # Emptying the field removes the explanation, again one undo step.
    write_in_panel(qtbot, window, "Y-1:natural", "")
    assert stored_explanations(opened) == {}
    undo(qtbot, window)
    assert stored_explanations(opened) == {"Y-1:natural": REASON}


def test_the_y1_error_can_be_explained_from_the_cells_context_menu(qtbot, window, opened):
    view, menu = right_click(qtbot, window, "s3.carried_in.natural")
    [action] = explaining(menu)
    assert action.text() == MENU_TEXT and action.isEnabled()
    action.trigger()
    menu.close()
    dialog: ExplanationDialog = view.findChild(CellMenu).dialog
    assert dialog.isVisible() and "上年结转0件" in dialog.message.text()
    qtbot.waitUntil(dialog.edit.hasFocus, timeout=2000)  # type at once
    input_method(dialog.edit, REASON)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert stored_explanations(opened) == {"Y-1:natural": REASON}
    assert f"说明：{REASON}" in window.findings.messages()[0]
    # Looked at and accepted: the cell is marked like a warning, no longer as an error.
    index = view.grid_model.index_of("s3.carried_in.natural")
    assert view.grid_model.data(index, Qt.ItemDataRole.BackgroundRole) == palette.WARNING

    # The 总计 column's own Y-1 finding, from its (computed) cell, with Ctrl+Z after.
    view, menu = right_click(qtbot, window, "s3.carried_in.total")
    explaining(menu)[0].trigger()
    menu.close()
    dialog = view.findChild(CellMenu).dialog
    input_method(dialog.edit, "同上")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert stored_explanations(opened) == {"Y-1:natural": REASON, "Y-1:total": "同上"}
    undo(qtbot, window)
    assert stored_explanations(opened) == {"Y-1:natural": REASON}
    undo(qtbot, window)
    assert stored_explanations(opened) == {}


def test_a_cancelled_dialog_saves_nothing(qtbot, window, opened):
    view, menu = right_click(qtbot, window, "s3.carried_in.natural")
    explaining(menu)[0].trigger()
    menu.close()
    dialog = view.findChild(CellMenu).dialog
    input_method(dialog.edit, REASON)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert stored_explanations(opened) == {}
    assert not window.undo_action.isEnabled()


def test_the_final_pdf_is_allowed_once_every_error_is_explained(
    qtbot, window, dialogs, opened, tmp_path
):
    dialogs.answers.append(False)  # no draft, thank you
    assert printing.make_pdf(window.editor, dialogs) is None
    assert "不能生成正式PDF" in dialogs.questions[0]
    write_in_panel(qtbot, window, "Y-1:natural", REASON)
    dialogs.answers.append(False)
    assert printing.make_pdf(window.editor, dialogs) is None  # Y-1:total still open
    assert "报告还有 1 处错误" in dialogs.questions[1]
    write_in_panel(qtbot, window, "Y-1:total", "总计列同上")
    target = tmp_path / "报告.pdf"
    dialogs.save_paths.append(target)
    window.export_pdf()
    assert len(dialogs.questions) == 2  # no draft question this time
    text = pdf_text(target) + pdf_text(tmp_path / "报告-签批单.pdf")  # the sheet: its own file
    assert "草稿" not in text and "签批单" in text
    assert re.search(r"错误2处（其中2处已填写说明），提示\d+处", text)
    assert f"说明：{REASON}" in text and "说明：总计列同上" in text


def test_a_hard_error_cannot_be_explained(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "12")  # 12 + 0 ≠ 10 + 0: T3-1
    box = select_finding(qtbot, window, "T3-1:natural")
    assert not box.edit.isEnabled() and box.hint.text() == HARD
    assert HARD in window.findings.list.currentItem().toolTip()

    _, menu = right_click(qtbot, window, "s3.new.natural")
    texts = [(a.text(), a.isEnabled()) for a in explaining(menu)]
    assert texts == [(f"不能填写说明：{HARD}", False)]
    menu.close()

    refusal = window.editor.explain("T3-1:natural", "口径调整")
    assert HARD in refusal
    assert stored_explanations(opened) == {}
    assert "有修改未保存" not in window.windowTitle()  # a refusal is not a failed save

    # A cell with both: the Y-1 finding may be explained, the T3-1 one may not.
    enter_value(qtbot, window, "s3.new.natural", "10")
    enter_value(qtbot, window, "s3.granted.natural", "8")
    _, menu = right_click(qtbot, window, "s3.carried_in.natural")
    actions = {a.text(): a.isEnabled() for a in explaining(menu)}
    assert len(actions) == 2
    assert any(t.startswith("填写出错说明（") and on for t, on in actions.items())
    assert any(t.startswith("不能填写说明（") and not on for t, on in actions.items())
    menu.close()


def test_warnings_can_be_explained_too(qtbot, window, opened):
    enter_value(qtbot, window, "s3.carried_out.natural", "4")  # 40% of 10 carried out: T3-8
    enter_value(qtbot, window, "s3.granted.natural", "6")
    write_in_panel(qtbot, window, "T3-8", "年末集中收到申请")
    assert stored_explanations(opened) == {"T3-8": "年末集中收到申请"}
    assert "说明：年末集中收到申请" in next(
        m for m in window.findings.messages() if m.startswith("[提示]") and "30%" in m
    )


def test_a_read_only_report_shows_explanations_but_cannot_change_them(
    qtbot, window, y1_file, monkeypatch
):
    with ReportFile.open(y1_file) as file:
        file.set_explanation(file.find(year=2024).id, "Y-1:natural", REASON)
    real_access = os.access  # as on a CD or a locked USB stick
    monkeypatch.setattr(
        opening.os,
        "access",
        lambda name, mode, **kw: str(name) != str(y1_file) and real_access(name, mode, **kw),
    )
    assert window.open_path(y1_file) and window.editor.readonly
    box = select_finding(qtbot, window, "Y-1:natural")
    assert box.edit.toPlainText() == REASON and not box.edit.isEnabled()
    assert box.hint.text() == "只读打开，不能填写说明"
    _, menu = right_click(qtbot, window, "s3.carried_in.total")
    assert [a.isEnabled() for a in explaining(menu)] == [False]
    menu.close()


def test_ctrl_z_in_the_explanation_field_stays_in_the_field(qtbot, window, opened):
    """While typing, Ctrl+Z undoes the typing in the field, not a change of the report."""
    write_in_panel(qtbot, window, "Y-1:natural", REASON)
    box = window.findings.explanation
    qtbot.mouseClick(box.edit.viewport(), Qt.MouseButton.LeftButton)
    box.edit.moveCursor(QTextCursor.MoveOperation.End)
    input_method(box.edit, "等")
    qtbot.keyClick(box.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.edit.toPlainText() == REASON
    window.findings.list.setFocus()
    assert stored_explanations(opened) == {"Y-1:natural": REASON}


def test_what_is_being_typed_is_saved_before_the_window_prints_or_closes(qtbot, window, opened):
    """FindingsPanel.save_explanation is what the window calls before it prints, switches
    report or closes: an explanation still in the field reaches the file."""
    box = select_finding(qtbot, window, "Y-1:natural")
    qtbot.mouseClick(box.edit.viewport(), Qt.MouseButton.LeftButton)
    input_method(box.edit, REASON)
    assert box.edit.hasFocus() and stored_explanations(opened) == {}
    assert window.findings.save_explanation()
    assert stored_explanations(opened) == {"Y-1:natural": REASON}


def test_a_refused_explanation_stays_in_the_field_with_the_reason(qtbot, window, opened):
    box = select_finding(qtbot, window, "Y-1:natural")
    qtbot.mouseClick(box.edit.viewport(), Qt.MouseButton.LeftButton)
    input_method(box.edit, "长" * (MAX_EXPLANATION_LENGTH + 1))
    window.findings.list.setFocus()
    assert stored_explanations(opened) == {}
    assert "不能超过" in box.hint.text()
    assert box.edit.toPlainText() == "长" * (MAX_EXPLANATION_LENGTH + 1)
    assert "有修改未保存" not in window.windowTitle()
