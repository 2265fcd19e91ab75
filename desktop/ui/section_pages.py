"""One page per report section, generated from the form: grids for table sections,
a plain-text editor for narrative sections."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from desktop.core.forms import Section
from desktop.ui.balance_strip import BalanceStrip
from desktop.ui.editing import ReportEditor
from desktop.ui.grid_model import GridModel
from desktop.ui.grid_view import LedgerView

SAVE_DELAY_MS = 600  # a pause in typing saves the narrative; leaving the editor saves at once


class TablePage(QScrollArea):
    pasteRefused = Signal(list)

    def __init__(self, editor: ReportEditor, section: Section, parent=None):
        super().__init__(parent)
        self.section = section
        self.views: list[LedgerView] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        for table in section.tables:
            if table.caption:
                layout.addWidget(QLabel(f"<b>{table.caption}</b>"))
            view = LedgerView(GridModel(editor, section, table, self), body)
            view.pasteRefused.connect(self.pasteRefused)
            layout.addWidget(view)
            self.views.append(view)
        strips = [
            c
            for c in editor.report.form.checks
            if getattr(c, "strip", None) and c.rule.scope == section.id
        ]
        self.strip = BalanceStrip(editor, strips, body) if strips else None
        if self.strip:
            layout.addWidget(QLabel("勾稽关系（每列：第一项加第二项之和，等于第三项加第四项之和）"))
            layout.addWidget(self.strip)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)

    def grid_has(self, cell_id: str) -> bool:
        return any(view.grid_model.index_of(cell_id).isValid() for view in self.views)

    def select_cell(self, cell_id: str) -> bool:
        for view in self.views:
            if view.select_cell(cell_id):
                self.ensureWidgetVisible(view)
                return True
        return False


class NarrativeEdit(QPlainTextEdit):
    """Plain paragraphs only: pasting from Word or WPS keeps the text, drops formatting."""

    left = Signal()

    def focusOutEvent(self, event) -> None:
        self.left.emit()
        super().focusOutEvent(event)


class TextPage(QWidget):
    def __init__(self, editor: ReportEditor, section: Section, parent=None):
        super().__init__(parent)
        self.editor, self.section = editor, section
        layout = QVBoxLayout(self)
        hint = QLabel(section.help.replace("\n", "<br>"))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(hint)
        self.text = NarrativeEdit(self)
        self.text.setPlainText(editor.report.text(section.id))
        self.text.setReadOnly(editor.readonly)
        layout.addWidget(self.text, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        self.text.textChanged.connect(self.timer.start)
        self.text.left.connect(self.save)
        editor.textChanged.connect(self._reload)

    def save(self) -> bool:
        """Save what is typed; False when it could not be saved (it stays on screen)."""
        self.timer.stop()
        if self.editor.readonly:
            return True
        return self.editor.set_text(self.section.id, self.text.toPlainText())

    def _reload(self, section_id: str) -> None:
        """Undo or redo changed the stored text: show it without saving it back."""
        stored = self.editor.report.text(section_id)
        if section_id == self.section.id and stored != self.text.toPlainText():
            self.text.blockSignals(True)
            self.text.setPlainText(stored)
            self.text.blockSignals(False)

    def grid_has(self, cell_id: str) -> bool:
        return False

    def select_cell(self, cell_id: str) -> bool:
        return False
