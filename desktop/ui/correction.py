"""更正上年数字: a figure last year's report printed wrong (found by a cross-year check,
Y-1 上年结转), corrected with a reason. The figure as printed, the corrected one and the
reason are kept in the file and printed on the 签批单."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from desktop.core.values import to_text
from desktop.ui.editing import ReportEditor

MENU_TEXT = "更正上年数字…"


def correction_actions(editor: ReportEditor, cell_id: str, parent, opened: list) -> list[QAction]:
    """One action per figure of last year that a finding at this cell compares with."""
    cells = dict.fromkeys(c for f in editor.findings_at(cell_id) for c in f.previous_cells)
    actions = []
    for previous in cells:
        words = editor.session.prev.form.cells[previous].words if editor.session.prev else previous
        action = QAction(
            MENU_TEXT.replace("…", f"：{words}…") if len(cells) > 1 else MENU_TEXT, parent
        )
        action.setEnabled(not editor.readonly and editor.session.prev is not None)
        action.setToolTip(f"{editor.report.year - 1}年度报告的{words}印错时，在此更正并写明理由")
        action.triggered.connect(
            lambda _=False, c=previous: opened.append(open_dialog(editor, c, parent.parent()))
        )
        actions.append(action)
    return actions


def open_dialog(editor: ReportEditor, cell_id: str, parent) -> CorrectionDialog:
    dialog = CorrectionDialog(editor, cell_id, parent)
    dialog.open()  # window-modal, not blocking: the window (and a test) goes on
    return dialog


class CorrectionDialog(QDialog):
    def __init__(self, editor: ReportEditor, cell_id: str, parent=None):
        super().__init__(parent)
        self.editor, self.cell_id = editor, cell_id
        last = editor.session.prev
        words = last.form.cells[cell_id].words
        fix = (editor.report.previous.corrections if editor.report.previous else {}).get(cell_id)
        printed = fix.original if fix else last.values.get(cell_id)
        self.setWindowTitle("更正上年数字")
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"{last.year}年度报告的{words}"))
        layout.addRow("上年报告为", QLabel("空" if printed is None else to_text(printed)))
        self.value = QLineEdit("" if fix is None else to_text(fix.value))
        self.value.setPlaceholderText("更正后的数字；清空则撤销更正")
        self.reason = QLineEdit("" if fix is None else fix.reason)
        self.reason.setPlaceholderText("必填，如：上年报告漏计2件，已在今年核实")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00000")
        layout.addRow("按此数计", self.value)
        layout.addRow("理由", self.reason)
        layout.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addRow(buttons)

    def save(self) -> None:
        failure = self.editor.correct_previous(self.cell_id, self.value.text(), self.reason.text())
        if failure:
            self.problem.setText(failure)  # stays open with what was typed
        else:
            self.accept()
