"""The list of every error and warning in officers' words; a click goes to the cell."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui import palette
from desktop.ui.editing import ReportEditor

FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class FindingsPanel(QWidget):
    findingClicked = Signal(object)  # the Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(
            lambda item: self.findingClicked.emit(item.data(FINDING_ROLE))
        )
        self.list.itemActivated.connect(
            lambda item: self.findingClicked.emit(item.data(FINDING_ROLE))
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.editor: ReportEditor | None = None

    def show_editor(self, editor: ReportEditor | None) -> None:
        self.editor = editor
        if editor is not None:
            editor.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        findings = self.editor.findings() if self.editor else []
        errors = sum(1 for f in findings if f.blocking)
        warnings = sum(1 for f in findings if not f.is_error)
        self.summary.setText(
            f"检查结果：错误 {errors} 处，提示 {warnings} 处"
            if findings
            else "检查结果：未发现问题"
        )
        for finding in findings:
            item = QListWidgetItem(palette.severity_icon(finding.severity), finding.line())
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(finding.message)
            self.list.addItem(item)

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
