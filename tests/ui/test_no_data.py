"""Saying "nothing to report" is one step, and blank stays distinct from 0: 本表无数据
fills a table's blanks with 0, the declaration 本年度未收到政府信息公开申请 fills 三 and is
kept; both are asked first and undone with Ctrl+Z; an untouched report is not 未发现问题."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import enter_value, new_file, page_of, stored


def cells_of(path, prefix: str) -> dict[str, str]:
    return {k: v for k, v in stored(path).items() if k.startswith(prefix)}


def declared(path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT declaration, text FROM declarations").fetchall()
    finally:
        conn.close()


def undo(qtbot, window) -> None:
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)


def inputs(window, section_id: str) -> set[str]:
    form = window.editor.report.form
    return {c for c, d in form.cells.items() if d.section.id == section_id and not d.derived}


def test_an_untouched_report_lists_what_is_not_filled_in(window, tmp_path):
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    summary = window.findings.summary.text()
    assert "未发现问题" not in summary and "提示" in summary
    assert any("有" in line and "个单元格未填写" in line for line in window.findings.messages())


def test_no_data_fills_only_the_blank_figures_of_its_table_and_undoes(
    qtbot, window, opened, dialogs
):
    path = opened
    enter_value(qtbot, window, "s4.review.upheld", "3")
    page = page_of(window, "s4")
    window.tabs.setCurrentWidget(page)
    dialogs.answers.append(True)
    qtbot.mouseClick(page.headings[0].button, Qt.MouseButton.LeftButton)
    assert "未填写的单元格都填为0" in dialogs.questions[-1]
    filled = cells_of(path, "s4.")
    assert filled["s4.review.upheld"] == "3"
    assert set(filled) == inputs(window, "s4")
    assert set(filled.values()) == {"0", "3"}
    assert "E-1:s4.main" not in {f.key for f in window.editor.findings()}
    undo(qtbot, window)
    assert cells_of(path, "s4.") == {"s4.review.upheld": "3"}
    assert "E-1:s4.main" in {f.key for f in window.editor.findings()}


def test_no_data_declined_changes_nothing(qtbot, window, opened, dialogs):
    path = opened
    page = page_of(window, "s2")
    window.tabs.setCurrentWidget(page)
    dialogs.answers.append(False)
    qtbot.mouseClick(page.headings[1].button, Qt.MouseButton.LeftButton)
    assert stored(path) == {} and window.editor.undo.count() == 0


def test_declaring_no_applications_fills_three_keeps_the_statement_and_undoes(
    qtbot, window, opened, dialogs
):
    path = opened
    page = page_of(window, "s3")
    window.tabs.setCurrentWidget(page)
    box = page.declarations.boxes["no_applications"]
    assert box.text() == "本年度未收到政府信息公开申请" and not box.isChecked()
    dialogs.answers.append(True)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert declared(path) == [("no_applications", "本年度未收到政府信息公开申请")]
    assert set(cells_of(path, "s3.")) == inputs(window, "s3")
    assert set(cells_of(path, "s3.").values()) == {"0"}
    assert box.isChecked()
    undo(qtbot, window)
    assert declared(path) == [] and cells_of(path, "s3.") == {} and not box.isChecked()


def test_declining_the_declaration_leaves_the_box_unticked(qtbot, window, opened, dialogs):
    path = opened
    page = page_of(window, "s3")
    window.tabs.setCurrentWidget(page)
    box = page.declarations.boxes["no_applications"]
    dialogs.answers.append(False)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked() and declared(path) == []


def test_figures_that_contradict_the_declaration_are_an_error(qtbot, window, opened, dialogs):
    path = opened
    page = page_of(window, "s3")
    window.tabs.setCurrentWidget(page)
    dialogs.answers.append(True)
    qtbot.mouseClick(page.declarations.boxes["no_applications"], Qt.MouseButton.LeftButton)
    enter_value(qtbot, window, "s3.new.natural", "4")
    assert "E-3:no_applications" in {f.key for f in window.editor.findings() if f.blocking}
    qtbot.mouseClick(page.declarations.boxes["no_applications"], Qt.MouseButton.LeftButton)
    assert declared(path) == []  # withdrawing asks nothing: it is undoable
    assert cells_of(path, "s3.")["s3.new.natural"] == "4"


def test_read_only_reports_offer_neither(window):
    window.open_sample()  # opens read-only
    assert window.editor.readonly
    page = page_of(window, "s3")
    assert not page.headings[0].button.isEnabled()
    assert not page.declarations.boxes["no_applications"].isEnabled()
