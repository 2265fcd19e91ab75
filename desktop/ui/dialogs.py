"""Every question and message the window puts to the officer, behind one small
interface so tests can answer instead of a person (no modal loops in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.core.exports import (
    SIGNOFF_APPEND,
    SIGNOFF_NONE,
    SIGNOFF_SEPARATE,
    SIGNOFF_SUFFIX,
    ExportChoices,
)
from desktop.core.forms import all_forms, form_for_year
from desktop.core.report import YEARS

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

SAME_FILE = "报告所保存到的文件中的上年报告（如有）"
PREVIOUS_FILTER = (
    "上年报告 (*.sqlite *.nianbao *.xlsx *.json *.txt *.html *.htm *.md *.pdf);;所有文件 (*)"
)
FILE_FILTER = "年报数据文件 (*.sqlite *.nianbao);;所有文件 (*)"
REPORT_SUFFIXES = (".sqlite", ".nianbao")
# Choosing an existing report file adds the new report to it: no question about
# replacing it, which would be wrong (nothing is replaced) and frightening.
ADD_TO_EXISTING = QFileDialog.Option.DontConfirmOverwrite


def documents_folder() -> Path:
    """Where file dialogs start when no report is open: 文档, never the program's folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def start_path(folder: Path | None, name: str = "") -> str:
    """A file dialog's starting point: the given folder (the open report's), else 文档."""
    base = folder if folder is not None and folder.is_dir() else documents_folder()
    return str(base / name) if name else str(base)


def report_path(chosen: str) -> Path:
    """A report file's name as chosen, with .sqlite added when it has no report suffix."""
    path = Path(chosen)
    return path if path.suffix.lower() in REPORT_SUFFIXES else path.with_name(path.name + ".sqlite")


@dataclass(frozen=True)
class NewReport:
    path: Path
    unit: str
    year: int
    form_id: str
    basis: bool = True  # 以上年报告为基础: last year's carried figures (when there is one)
    previous: Path | None = None  # where last year's report is; None: the same file
    texts: bool = False  # last year's narrative as a draft to rewrite


class Dialogs:
    """The real dialogs. Methods return None when the officer cancels."""

    def __init__(self, parent=None):
        self.parent = parent

    def ask_new_report(self, default_year: int, folder: Path | None = None) -> NewReport | None:
        dialog = NewReportDialog(default_year, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        unit, year, form_id = dialog.values()
        basis, previous, texts = dialog.basis()
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            "新建报告：保存到（选已有的报告文件，则添加到该文件中）",
            start_path(folder, f"{unit}{year}年度报告.sqlite"),
            FILE_FILTER,
            options=ADD_TO_EXISTING,
        )
        if not path:
            return None
        return NewReport(report_path(path), unit, year, form_id, basis, previous, texts)

    def ask_open_path(self, folder: Path | None = None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "打开报告文件", start_path(folder), FILE_FILTER
        )
        return Path(path) if path else None

    def ask_open_docx(self, folder: Path | None = None) -> Path | None:
        """A Word or WPS draft of the narrative (.docx)."""
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "从Word导入正文", start_path(folder), "Word 文档 (*.docx);;所有文件 (*)"
        )
        return Path(path) if path else None

    def ask_word_import(self, draft, filling, report) -> bool:
        """What a Word draft puts where in the report (word_preview); True to import."""
        from desktop.ui.word_preview import WordPreviewDialog

        dialog = WordPreviewDialog(draft, filling, report, self.parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_save_report(self, suggested: str, folder: Path | None = None) -> Path | None:
        """Where to put a copy of a report; an existing report file gets it added."""
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            "复制一份以便编辑：保存到（选已有的报告文件，则添加到该文件中）",
            start_path(folder, suggested),
            FILE_FILTER,
            options=ADD_TO_EXISTING,
        )
        return report_path(path) if path else None

    def ask_save_pdf(self, suggested: str, folder: Path | None = None) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "导出PDF", start_path(folder, suggested), "PDF 文件 (*.pdf)"
        )
        if not path:
            return None
        return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")

    def ask_save_xlsx(
        self, suggested: str, folder: Path | None = None, title: str = "导出Excel"
    ) -> Path | None:
        """Where an Excel workbook (report or template) goes; .xlsx added when missing."""
        path, _ = QFileDialog.getSaveFileName(
            self.parent, title, start_path(folder, suggested), "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return None
        return Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")

    def ask_import_path(self, kind: str, folder: Path | None = None) -> Path | None:
        """A file to import: kind "excel" or "published" (text, web page, Markdown, PDF)."""
        from desktop.ui.import_dialog import ask_import_path

        return ask_import_path(self.parent, kind, folder)

    def ask_import(self, result, source: str, open_file, folder: Path | None = None):
        """What an import read and where it goes (import_dialog.ImportChoice), or None."""
        from desktop.ui.import_dialog import ask_import

        return ask_import(self.parent, result, source, open_file, folder)

    def ask_export_options(self, purpose: str, current: ExportChoices) -> ExportChoices | None:
        """The 签批单, empty cells and page numbers for a print, preview or export."""
        dialog = ExportOptionsDialog(purpose, current, self.parent)
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_text(self, title: str, label: str, value: str) -> str | None:
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        dialog.setOkButtonText("确定")
        dialog.setCancelButtonText("取消")
        dialog.resize(max(dialog.sizeHint().width(), 420), dialog.sizeHint().height())
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_year(self, title: str, label: str, value: int) -> int | None:
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(YEARS.start, YEARS.stop - 1)
        dialog.setIntValue(value)
        dialog.setOkButtonText("确定")
        dialog.setCancelButtonText("取消")
        return dialog.intValue() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_printer(self) -> QPrinter | None:
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # on the first print only

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF carries the official margins itself
        dialog = QPrintDialog(printer, self.parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show(self, dialog: QDialog) -> None:
        dialog.exec()

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self.parent)
        box.button(QMessageBox.StandardButton.Yes).setText("是")
        box.button(QMessageBox.StandardButton.No).setText("否")
        return box.exec() == QMessageBox.StandardButton.Yes

    def confirm_delete(self, title: str, text: str) -> bool:
        """A question whose 是 destroys: its button says 删除, and 取消 is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        delete = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is delete

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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addRow("单位名称", self.unit)
        layout.addRow("报告年度", self.year)
        layout.addRow("报告格式", self.form)
        layout.addRow("", self.override)
        self._setup_basis(layout)
        layout.addRow(buttons)
        self._follow_year(default_year)

    def _setup_basis(self, layout: QFormLayout) -> None:
        """以上年报告为基础: last year's 结转 carried into 上年结转, from the same file unless
        another file (report file, Excel, published report) is chosen."""
        self.previous: Path | None = None
        self.on_basis = QCheckBox("以上年报告为基础（带入上年的“结转下年度继续办理”）")
        self.on_basis.setChecked(True)
        self.source = QLabel(SAME_FILE)
        self.source.setWordWrap(True)
        choose = QPushButton("选择上年报告所在的文件…")
        choose.clicked.connect(self._choose_previous)
        self.texts = QCheckBox("沿用上年正文作为草稿（须逐段改写，与上年雷同会被提示）")
        for widget in (self.source, choose, self.texts):
            self.on_basis.toggled.connect(widget.setEnabled)
        layout.addRow("", self.on_basis)
        layout.addRow("上年报告", self.source)
        layout.addRow("", choose)
        layout.addRow("", self.texts)

    def _choose_previous(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "上年报告所在的文件", "", PREVIOUS_FILTER)
        if path:
            self.previous = Path(path)
            self.source.setText(self.previous.name)

    def basis(self) -> tuple[bool, Path | None, bool]:
        return self.on_basis.isChecked(), self.previous, self.texts.isChecked()

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


class ExportOptionsDialog(QDialog):
    """The choices the command line's export has (--signoff, --blank-empty,
    --centred-page-numbers), before 打印预览, 打印 and 导出PDF. The window remembers them."""

    SIGNOFF = (
        (
            SIGNOFF_SEPARATE,
            f"单独成一个文件（报告可直接公开；导出时另存为“报告名{SIGNOFF_SUFFIX}.pdf”）",
        ),
        (SIGNOFF_APPEND, "附在报告后面（另起一张纸，单独编页码；报告含姓名和电话，不宜公开）"),
        (SIGNOFF_NONE, "不要签批单"),
    )
    EMPTY = ((False, "印 0"), (True, "留空"))
    NUMBERS = (
        (False, "单页居右、双页居左（双面印刷，GB/T 9704）"),
        (True, "居中（单面印刷或网上公开）"),
    )

    def __init__(self, purpose: str, current: ExportChoices, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{purpose} — 选项")
        layout = QVBoxLayout(self)
        self.signoff = self._group(
            layout, "签批单（含填报人、审核人姓名和联系电话）", self.SIGNOFF, current.signoff
        )
        self.empty = self._group(layout, "表格中未填的单元格", self.EMPTY, current.blank_empty)
        self.numbers = self._group(layout, "页码位置", self.NUMBERS, current.centred_numbers)
        hint = QLabel("这些选择会被记住，下次打印或导出时沿用。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(purpose)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _group(self, layout, title: str, options, current) -> QButtonGroup:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        group = QButtonGroup(box)
        for number, (_, text) in enumerate(options):
            button = QRadioButton(text)
            group.addButton(button, number)
            column.addWidget(button)
        values = [value for value, _ in options]
        group.button(values.index(current) if current in values else 0).setChecked(True)
        layout.addWidget(box)
        return group

    def _value(self, group: QButtonGroup, options):
        return options[max(group.checkedId(), 0)][0]

    def choices(self) -> ExportChoices:
        return ExportChoices(
            signoff=self._value(self.signoff, self.SIGNOFF),
            blank_empty=self._value(self.empty, self.EMPTY),
            centred_numbers=self._value(self.numbers, self.NUMBERS),
        )
