"""Report information: which report (switch with one click), its unit, year and format,
and the sign-off fields 填报人, 联系电话, 审核人."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.report import META_FIELDS
from desktop.ui.editing import ReportEditor

SHOWN_META = ("preparer", "phone", "reviewer")
INFO_ROLE = Qt.ItemDataRole.UserRole + 3


class ReportPanel(QWidget):
    reportChosen = Signal(object)  # ReportInfo

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("本文件中的报告（单击切换）"))
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        self.reports.itemClicked.connect(self._chosen)
        layout.addWidget(self.reports)
        form = QFormLayout()
        self.unit, self.year, self.form = QLabel(), QLabel(), QLabel()
        for label in (self.unit, self.year, self.form):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("单位", self.unit)
        form.addRow("年度", self.year)
        form.addRow("格式", self.form)
        self.meta: dict[str, QLineEdit] = {}
        for name in SHOWN_META:
            edit = QLineEdit()
            edit.setObjectName(f"meta_{name}")
            edit.editingFinished.connect(lambda name=name: self._meta_edited(name))
            self.meta[name] = edit
            form.addRow(META_FIELDS[name], edit)
        layout.addLayout(form)
        layout.addStretch(1)
        self.editor: ReportEditor | None = None

    def show_editor(self, editor: ReportEditor, infos) -> None:
        self.editor = editor
        report = editor.report
        self.unit.setText(report.unit)
        self.year.setText(f"{report.year}年度")
        self.form.setText(f"{report.form.name}\n{report.form.notice}")
        for name, edit in self.meta.items():
            edit.setText(report.meta.get(name, ""))
            edit.setReadOnly(editor.readonly)
        editor.metaChanged.connect(self._meta_changed)
        self.reports.clear()
        for info in infos:
            item = QListWidgetItem(f"{info.unit}　{info.year}年度")
            item.setData(INFO_ROLE, info)
            self.reports.addItem(item)
            if info.id == editor.session.info.id:
                self.reports.setCurrentItem(item)

    def _chosen(self, item: QListWidgetItem) -> None:
        info = item.data(INFO_ROLE)
        if self.editor is None or info.id != self.editor.session.info.id:
            self.reportChosen.emit(info)

    def _meta_edited(self, name: str) -> None:
        if self.editor is not None and not self.editor.readonly:
            self.editor.set_meta(name, self.meta[name].text())

    def _meta_changed(self, name: str) -> None:
        if name in self.meta:
            self.meta[name].setText(self.editor.report.meta.get(name, ""))
