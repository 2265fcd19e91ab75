"""打印预览, 打印 and 导出PDF: the window's faces of the one PDF renderer in core.

Pages are rendered with pdfium so the preview and the printer show exactly what the
exported PDF holds. The renderer (reportlab), pdfium and PIL are imported on the first
PDF, not when the window starts; the print fonts are read once per process (core.pdf)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import NianbaoError

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.editing import ReportEditor

PREVIEW_SCALE = 1.3  # about 95 dpi: a page fits a laptop screen's width


def make_pdf(editor: ReportEditor, dialogs) -> bytes | None:
    """The final PDF, or with errors left a draft if the officer agrees; None if not."""
    from desktop.core.pdf import PdfOptions, PdfRefused, render

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
    import pypdfium2 as pdfium

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
    """The pages as they will print, one under the other, with print and export buttons.
    The dialog fits the screen (its buttons always on it) and the pages are drawn at the
    screen's pixel ratio, so they are sharp at 125 % and 150 % scaling."""

    def __init__(self, pdf: bytes, title: str, parent=None, ratio: float | None = None):
        from PySide6.QtCore import QSize

        from desktop.ui.screen_fit import fit_dialog, screen_of

        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {title}")
        self.pdf = pdf
        screen = screen_of(parent)
        self.ratio = ratio or screen.devicePixelRatio()
        self.scale = preview_scale(screen.availableGeometry().width())
        self.pages = page_images(pdf, self.scale * self.ratio)
        body = QWidget()
        column = QVBoxLayout(body)
        self.labels: list[QLabel] = []
        for image in self.pages:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.ratio)  # device pixels, shown at logical size
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.print_button = self.buttons.addButton("打印…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = self.buttons.addButton(
            "导出PDF…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        page_width = round(A4_WIDTH_PT * self.scale)
        fit_dialog(self, QSize(page_width + PREVIEW_FRAME, 1000), parent)


A4_WIDTH_PT = 595.3
PREVIEW_FRAME = 64  # the scroll bar, the page's margins and the dialog's


def preview_scale(screen_width: int) -> float:
    """PREVIEW_SCALE, or less where a page that wide would not fit across the screen."""
    room = screen_width - 2 * 16 - PREVIEW_FRAME
    return max(0.5, min(PREVIEW_SCALE, room / A4_WIDTH_PT))
