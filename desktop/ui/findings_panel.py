"""The list of every error and warning in officers' words; a click goes to the cell.
Under the list, the selected finding's explanation (说明) can be written."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.core.checks.findings import NOT_EXPLAINABLE, SEVERITY_WORDS, Finding
from desktop.ui import palette
from desktop.ui.editing import ReportEditor
from desktop.ui.explanations import ExplanationBox

FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


def item_text(finding: Finding) -> str:
    """The finding, and its explanation on a second line."""
    text = f"[{SEVERITY_WORDS[finding.severity]}] {finding.message}"
    return text + (f"\n说明：{finding.explanation}" if finding.explanation else "")


class FindingsPanel(QWidget):
    findingClicked = Signal(object)  # the Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(
            lambda item: self.findingClicked.emit(item.data(FINDING_ROLE))
        )
        self.list.itemActivated.connect(
            lambda item: self.findingClicked.emit(item.data(FINDING_ROLE))
        )
        self.list.currentItemChanged.connect(self._current_changed)
        self.explanation = ExplanationBox(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.explanation)
        self.editor: ReportEditor | None = None

    def show_editor(self, editor: ReportEditor | None) -> None:
        self.editor = editor
        self.explanation.set_editor(editor)
        if editor is not None:
            editor.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list; the selected finding stays selected while it is there."""
        current = self.current_finding()
        scroll = self.list.verticalScrollBar().value()
        findings = self.editor.findings() if self.editor else []
        self.list.blockSignals(True)
        self.list.clear()
        for finding in findings:
            item = QListWidgetItem(palette.severity_icon(finding.severity), item_text(finding))
            item.setData(FINDING_ROLE, finding)
            tip = finding.message
            if finding.is_error and not finding.explainable:
                tip += f"\n{NOT_EXPLAINABLE}"
            item.setToolTip(tip)
            self.list.addItem(item)
            if current is not None and finding.key == current.key:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.list.verticalScrollBar().setValue(scroll)
        self._show_summary(findings)
        self.explanation.show_finding(self.current_finding())

    def _show_summary(self, findings: list[Finding]) -> None:
        if not findings:
            self.summary.setText("检查结果：未发现问题")
            return
        errors = sum(1 for f in findings if f.blocking)
        explained = sum(1 for f in findings if f.is_error and not f.blocking)
        warnings = sum(1 for f in findings if not f.is_error)
        text = f"检查结果：错误 {errors} 处，提示 {warnings} 处"
        self.summary.setText(text + (f"；另有 {explained} 处错误已说明" if explained else ""))

    def _current_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.explanation.show_finding(item.data(FINDING_ROLE) if item is not None else None)

    def save_explanation(self) -> bool:
        """Save the explanation being typed (before printing, switching or closing);
        False when it was refused or could not be saved (the reason shows under it)."""
        return self.explanation.save()

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        return item.data(FINDING_ROLE) if item is not None else None

    def select(self, key: str) -> bool:
        """Select the finding with this key (its explanation shows below the list)."""
        for i in range(self.list.count()):
            if self.list.item(i).data(FINDING_ROLE).key == key:
                self.list.setCurrentRow(i)
                return True
        return False

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
