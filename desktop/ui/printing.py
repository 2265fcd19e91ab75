"""打印预览, 打印 and 导出PDF: the window's faces of the one PDF renderer in core.

Pages are rendered with pdfium so the preview and the printer show exactly what the
exported PDF holds."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import NianbaoError
from desktop.core.pdf import PdfOptions, PdfRefused, render
from desktop.ui.editing import ReportEditor

PREVIEW_SCALE = 1.3  # about 95 dpi: a page fits a laptop screen's width


def make_pdf(editor: ReportEditor, dialogs) -> bytes | None:
    """The final PDF, or with errors left a draft if the officer agrees; None if not."""
    findings = editor.findings()
    try:
        try:
            return render(editor.report, findings, PdfOptions())
        except PdfRefused as refused:
            question = f"{refused}\n\n是否生成草稿？草稿每页标有“草稿”，仅供核对。"
            if not dialogs.confirm("报告还有错误", question):
                return None
            return render(editor.report, findings, PdfOptions(draft=True))
    except NianbaoError as error:
        dialogs.error("无法生成PDF", str(error))
        return None


def page_images(pdf: bytes, scale: float) -> list[QImage]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [_image(document[i].render(scale=scale).to_pil()) for i in range(len(document))]
    finally:
        document.close()


def _image(picture) -> QImage:
    rgb = picture.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: `data` goes away with this function


def export_pdf(pdf: bytes, path: Path) -> None:
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(pdf)
    temp.replace(path)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page at the printer's resolution; returns the number of pages."""
    scale = printer.resolution() / 72
    images = page_images(pdf, scale)
    painter = QPainter()
    if not painter.begin(printer):
        raise NianbaoError("无法连接打印机，请检查打印机设置。")
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            target = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            target.moveTo(0, 0)
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)


class PreviewDialog(QDialog):
    """The pages as they will print, one under the other, with print and export buttons."""

    def __init__(self, pdf: bytes, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {title}")
        self.pdf = pdf
        self.pages = page_images(pdf, PREVIEW_SCALE)
        body = QWidget()
        column = QVBoxLayout(body)
        for image in self.pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = self.buttons.addButton("打印…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = self.buttons.addButton(
            "导出PDF…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 1000)
