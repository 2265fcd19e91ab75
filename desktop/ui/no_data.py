"""Saying "nothing to report" in one step: 本表无数据（全部填0） under a table's caption,
and a section's declarations (本年度未收到政府信息公开申请) as a tick box above its tables.
Blank stays distinct from 0: both only fill blank figures, asked first by the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.forms import Section, Table
from desktop.ui.editing import ReportEditor

FILL_ZERO = "本表无数据（全部填0）"


class TableHeading(QWidget):
    """The table's caption (if any) and its 本表无数据 button."""

    fillZeroRequested = Signal(str)  # table id

    def __init__(self, editor: ReportEditor, table: Table, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(f"<b>{table.caption}</b>" if table.caption else ""), 1)
        self.button = QPushButton(FILL_ZERO)
        self.button.setToolTip("把本表所有未填写的单元格填为0（已填的数字不变，可撤销）")
        self.button.setEnabled(not editor.readonly)
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a tab switch lands in the grid
        self.button.clicked.connect(lambda: self.fillZeroRequested.emit(table.id))
        row.addWidget(self.button)


class Declarations(QWidget):
    """One tick box per declaration of the section, showing whether it is made."""

    declarationRequested = Signal(str, bool)  # declaration id, made

    def __init__(self, editor: ReportEditor, section: Section, parent=None):
        super().__init__(parent)
        self.editor = editor
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for declaration in editor.report.form.declarations:
            if declaration.section != section.id:
                continue
            box = QCheckBox(declaration.text)
            box.setToolTip("勾选后，本栏目所有未填写的单元格填为0，声明随报告打印和报送")
            box.setEnabled(not editor.readonly)
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            box.clicked.connect(
                lambda made, d=declaration.id: self.declarationRequested.emit(d, made)
            )
            row.addWidget(box)
            self.boxes[declaration.id] = box
        row.addStretch(1)
        editor.cellsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show what the report holds (also after undo, or when a save was refused)."""
        for declaration_id, box in self.boxes.items():
            box.setChecked(self.editor.declared(declaration_id))
