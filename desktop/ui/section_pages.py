"""One page per report section, generated from the form: grids for table sections,
a plain-text editor for narrative sections."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from desktop.core.forms import Section
from desktop.ui.balance_strip import BalanceStrip
from desktop.ui.editing import ReportEditor
from desktop.ui.explanations import install_cell_menu
from desktop.ui.grid_model import GridModel
from desktop.ui.grid_view import LedgerView
from desktop.ui.no_data import Declarations, TableHeading

SAVE_DELAY_MS = 600  # a pause in typing saves the narrative; leaving the editor saves at once


class TablePage(QScrollArea):
    """The section's grids one under another, each with its message line, and the balance
    strip. A tall grid takes the page's height and scrolls inside under its frozen header,
    so the strip stays in view; the page scrolls only when even that does not fit."""

    pasteRefused = Signal(list)
    fillZeroRequested = Signal(str, str)  # section id, table id
    declarationRequested = Signal(str, bool)  # declaration id, made

    def __init__(self, editor: ReportEditor, section: Section, parent=None):
        super().__init__(parent)
        self.section = section
        self.views: list[LedgerView] = []
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tab switch lands in the grid
        body = QWidget()
        layout = QVBoxLayout(body)
        self.declarations = Declarations(editor, section, body)
        self.declarations.declarationRequested.connect(self.declarationRequested)
        if self.declarations.boxes:
            layout.addWidget(self.declarations)
        self.headings: list[TableHeading] = []
        for table in section.tables:
            heading = TableHeading(editor, table, body)
            heading.fillZeroRequested.connect(lambda t: self.fillZeroRequested.emit(section.id, t))
            layout.addWidget(heading)
            self.headings.append(heading)
            view = LedgerView(GridModel(editor, section, table, self), body)
            view.pasteRefused.connect(self.pasteRefused)
            install_cell_menu(view, editor)  # 右键 → 填写出错说明…
            view.cursorMoved.connect(self.follow)
            layout.addWidget(view, 1 if view.tall else 0)
            layout.addWidget(view.notice)
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
        layout.addStretch(0 if any(v.tall for v in self.views) else 1)
        self.setWidget(body)
        self.setWidgetResizable(True)

    def follow(self, view: LedgerView) -> None:
        """Keep the current cell on screen when the page itself scrolls (the grid
        scrolls inside itself already)."""
        rect = view.visualRect(view.currentIndex())
        if rect.isValid():
            centre = view.viewport().mapTo(self.widget(), rect.center())
            self.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 4, rect.height())

    def save(self) -> bool:
        """Save the figure being typed, as TextPage.save saves the text: the window calls
        it before the report closes. Input that is refused stays red on screen; it is not
        a saved value, so there is nothing more to keep."""
        for view in self.views:
            view.commit_editor()
        return True

    def grid_has(self, cell_id: str) -> bool:
        return any(view.grid_model.index_of(cell_id).isValid() for view in self.views)

    def select_cell(self, cell_id: str) -> bool:
        for view in self.views:
            if view.select_cell(cell_id):
                self.follow(view)
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
