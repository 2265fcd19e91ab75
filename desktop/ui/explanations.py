"""Explanations (说明) at the finding: the box under the findings list, the cell's
context menu (右键 → 填写出错说明…) and its small dialog.

A warning may always be explained; an error only where the form data marks it
explainable (Y-1 after 机构改革). Every explanation is saved through the editor, so it
is in the file at once and undoable; a hard error says why it cannot be explained.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks.findings import NOT_EXPLAINABLE, SEVERITY_WORDS, Finding
from desktop.ui.correction import correction_actions
from desktop.ui.editing import ReportEditor

MENU_TEXT = "填写出错说明…"
READONLY = "只读打开，不能填写说明"
CHOOSE = "选中上面的一条检查结果，可在此填写说明（如机构改革等原因）。"
PLACEHOLDER = "写明原因，如：2024年机构改革，原有申请移交新设机构办理"
NOTE_HEIGHT = 72


def hint(finding: Finding | None, readonly: bool) -> str:
    """The line under an explanation field: what it does, or why it is disabled."""
    if finding is None:
        return CHOOSE
    if not finding.explainable:
        return NOT_EXPLAINABLE
    if readonly:
        return READONLY
    if finding.is_error:
        return "填写说明后，此错误不再阻止生成正式PDF；说明随报告文件保存并印在签批单上。"
    return "说明随报告文件保存，并印在签批单上。"


def short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NoteEdit(QPlainTextEdit):
    """Plain text; tells when it is left, which is when the panel saves."""

    left = Signal()

    def focusOutEvent(self, event) -> None:
        self.left.emit()
        super().focusOutEvent(event)


class ExplanationBox(QWidget):
    """Under the findings list: the selected finding's explanation, saved when left."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor: ReportEditor | None = None
        self.finding: Finding | None = None
        self._loaded = ""  # what the field showed from the file; anything else is typed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("说明：")
        self.edit = NoteEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(NOTE_HEIGHT)
        self.edit.left.connect(self.save)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for widget in (self.title, self.edit, self.hint):
            layout.addWidget(widget)
        self.show_finding(None)

    def set_editor(self, editor: ReportEditor | None) -> None:
        self.editor = editor
        self.finding = None
        self.show_finding(None)

    @property
    def typed(self) -> bool:
        return self.edit.toPlainText() != self._loaded

    def show_finding(self, finding: Finding | None) -> None:
        """Show a finding's explanation; what is being typed for it stays."""
        same = finding is not None and self.finding is not None and finding.key == self.finding.key
        self.finding = finding
        readonly = self.editor is None or self.editor.readonly
        # The finding itself is the one highlighted in the list above.
        about = f"（所选{SEVERITY_WORDS[finding.severity]}）" if finding is not None else ""
        self.title.setText(f"说明{about}：")
        self.title.setToolTip(finding.message if finding is not None else "")
        if not (same and self.typed):
            self._load(finding.explanation if finding is not None else "")
        self.edit.setEnabled(finding is not None and finding.explainable and not readonly)
        self._say(hint(finding, readonly))

    def save(self) -> bool:
        """Save what is typed; False (and the reason shown) when refused or not saved."""
        if self.finding is None or self.editor is None or not self.typed:
            return True
        text, before = self.edit.toPlainText(), self._loaded
        self._loaded = text  # the re-check this save sets off must not take it back
        failure = self.editor.explain(self.finding.key, text)
        if failure:
            self._loaded = before
            self._say(failure, problem=True)
            return False
        return True

    def _load(self, text: str) -> None:
        self._loaded = text
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def _say(self, text: str, problem: bool = False) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet("color: #b00020;" if problem else "")


class ExplanationDialog(QDialog):
    """One finding's explanation; OK saves it (one undo step), a refusal keeps it open."""

    def __init__(self, editor: ReportEditor, finding: Finding, parent=None):
        super().__init__(parent)
        self.editor, self.finding = editor, finding
        self.setWindowTitle("填写出错说明")
        layout = QVBoxLayout(self)
        self.message = QLabel(f"[{SEVERITY_WORDS[finding.severity]}] {finding.message}")
        self.message.setWordWrap(True)
        self.edit = QPlainTextEdit(editor.explanation(finding.key))
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setTabChangesFocus(True)
        self.hint = QLabel(hint(finding, editor.readonly))
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        allowed = finding.explainable and not editor.readonly
        self.edit.setEnabled(allowed)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(allowed)
        for widget in (self.message, QLabel("说明："), self.edit, self.hint, self.buttons):
            layout.addWidget(widget)
        self.resize(460, 260)
        self.edit.setFocus()

    def accept(self) -> None:
        failure = self.editor.explain(self.finding.key, self.edit.toPlainText())
        if failure:
            self.hint.setText(failure)
            self.hint.setStyleSheet("color: #b00020;")
            return
        super().accept()


class CellMenu(QObject):
    """The context menu of a grid's cells: 填写出错说明… for each finding at the cell."""

    def __init__(self, view, editor: ReportEditor):
        super().__init__(view)
        self.view, self.editor = view, editor
        self.menu: QMenu | None = None
        self.dialog: ExplanationDialog | None = None
        self.corrections: list = []  # 更正上年数字 dialogs opened from this menu
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.popup)

    def actions_at(self, cell_id: str, parent: QObject) -> list[QAction]:
        """One action per finding at the cell; disabled, saying why, where not allowed."""
        findings = self.editor.findings_at(cell_id)
        actions = []
        for finding in findings:
            about = f"（{short(finding.message, 24)}）" if len(findings) > 1 else ""
            if finding.explainable:
                action = QAction(MENU_TEXT.replace("…", f"{about}…"), parent)
                action.setEnabled(not self.editor.readonly)
                action.triggered.connect(lambda _=False, f=finding: self.open_dialog(f))
            else:
                action = QAction(f"不能填写说明{about}：{NOT_EXPLAINABLE}", parent)
                action.setEnabled(False)
            action.setToolTip(finding.message)
            actions.append(action)
        return actions

    def popup(self, pos: QPoint) -> QMenu | None:
        """pos in the viewport's coordinates, as a scroll area's context menu gives it."""
        cell = self.view.grid_model.cell(self.view.indexAt(pos))
        if cell is None or cell.kind != "data":
            return None
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)
        actions = self.actions_at(cell.cell_id, menu)
        actions += correction_actions(self.editor, cell.cell_id, menu, self.corrections)
        if not actions:
            menu.deleteLater()
            return None
        menu.addActions(actions)
        self.menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))
        return menu

    def open_dialog(self, finding: Finding) -> ExplanationDialog:
        """Window-modal but not blocking: the window (and a test) goes on meanwhile."""
        self.dialog = ExplanationDialog(self.editor, finding, self.view.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog


def install_cell_menu(view, editor: ReportEditor) -> CellMenu:
    """Give a LedgerView the cell context menu (填写出错说明…)."""
    return CellMenu(view, editor)
