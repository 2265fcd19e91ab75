"""Every question and message the window puts to the officer, behind one small
interface so tests can answer instead of a person (no modal loops in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from desktop.core.forms import all_forms, form_for_year

FILE_FILTER = "年报数据文件 (*.sqlite *.nianbao);;所有文件 (*)"


@dataclass(frozen=True)
class NewReport:
    path: Path
    unit: str
    year: int
    form_id: str


class Dialogs:
    """The real dialogs. Methods return None when the officer cancels."""

    def __init__(self, parent=None):
        self.parent = parent

    def ask_new_report(self, default_year: int) -> NewReport | None:
        dialog = NewReportDialog(default_year, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        unit, year, form_id = dialog.values()
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "新建报告文件", f"{unit}{year}年度报告.sqlite", FILE_FILTER
        )
        return NewReport(Path(path), unit, year, form_id) if path else None

    def ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "打开报告文件", "", FILE_FILTER)
        return Path(path) if path else None

    def ask_save_pdf(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "导出PDF", suggested, "PDF 文件 (*.pdf)")
        if not path:
            return None
        return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")

    def ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF carries the official margins itself
        dialog = QPrintDialog(printer, self.parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show(self, dialog: QDialog) -> None:
        dialog.exec()

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        return (
            QMessageBox.question(self.parent, title, text, buttons)
            == QMessageBox.StandardButton.Yes
        )

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)


class NewReportDialog(QDialog):
    """Unit and year; the format follows the year unless the officer overrides it."""

    def __init__(self, default_year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        layout = QFormLayout(self)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("例如：某某区人民政府")
        self.year = QSpinBox(minimum=2019, maximum=2100, value=default_year)
        self.form = QComboBox()
        for form in all_forms().values():
            self.form.addItem(f"{form.name}（{form.notice}）", form.id)
        self.override = QCheckBox("不按年度自动选择格式")
        self.form.setEnabled(False)
        self.override.toggled.connect(self.form.setEnabled)
        self.year.valueChanged.connect(self._follow_year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addRow("单位名称", self.unit)
        layout.addRow("报告年度", self.year)
        layout.addRow("报告格式", self.form)
        layout.addRow("", self.override)
        layout.addRow(buttons)
        self._follow_year(default_year)

    def _follow_year(self, year: int) -> None:
        if not self.override.isChecked():
            self.form.setCurrentIndex(self.form.findData(form_for_year(year).id))

    def _accept(self) -> None:
        if self.unit.text().strip():
            self.accept()
        else:
            self.unit.setFocus()
            self.unit.setPlaceholderText("请填写单位名称")

    def values(self) -> tuple[str, int, str]:
        return self.unit.text().strip(), self.year.value(), self.form.currentData()
