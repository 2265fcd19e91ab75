"""打印预览, 打印 and 导出PDF: the window's faces of the one PDF renderer in core.

Pages are rendered with pdfium so the preview and the printer show exactly what the
exported PDF holds. The renderer (reportlab) and pdfium are imported on the first PDF, not
when the window starts; the print fonts are read once per process (core.pdf).

Printing sends one page at a time: a page is rendered at no more than PRINT_DPI, painted
and freed before the next is rendered, so a report of any length prints within some tens of
megabytes whatever resolution the printer driver asks for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
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
from desktop.core.exports import SIGNOFF_SEPARATE, ExportChoices, signoff_path, write_files

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.editing import ReportEditor

PREVIEW_SCALE = 1.3  # about 95 dpi: a page fits a laptop screen's width
PRINT_DPI = 300  # enough for 五号 text; 600 or 1200 dpi would only cost memory and time


@dataclass(frozen=True)
class Documents:
    """What one print or export makes: the report, and the 签批单 when it is separate."""

    report: bytes
    signoff: bytes | None
    fonts: tuple[str, ...] = ()  # which font printed each role, in words

    def pdfs(self) -> list[bytes]:
        return [self.report] + ([self.signoff] if self.signoff is not None else [])


def make_documents(
    editor: ReportEditor, dialogs, choices: ExportChoices | None = None
) -> Documents | None:
    """The final PDFs, or with errors left drafts if the officer agrees; None if not."""
    from desktop.core.pdf import PdfOptions, PdfRefused, load_fonts, render, render_signoff

    choices = choices or ExportChoices()
    options = PdfOptions(
        signoff=choices.signoff,
        blank_empty=choices.blank_empty,
        centred_numbers=choices.centred_numbers,
    )
    findings = editor.findings()
    try:
        fonts = load_fonts(options.official_fonts)
        try:
            report = render(editor.report, findings, options, fonts)
        except PdfRefused as refused:
            question = f"{refused}\n\n是否生成草稿？草稿每页标有“草稿”，仅供核对。"
            if not dialogs.confirm("报告还有错误", question):
                return None
            options = replace(options, draft=True)
            report = render(editor.report, findings, options, fonts)
        sheet = None
        if options.signoff == SIGNOFF_SEPARATE:
            sheet = render_signoff(editor.report, findings, options, fonts)
    except NianbaoError as error:
        dialogs.error("无法生成PDF", str(error))
        return None
    return Documents(report, sheet, tuple(fonts.describe()))


def make_pdf(editor: ReportEditor, dialogs, choices: ExportChoices | None = None) -> bytes | None:
    """The report's PDF alone (see make_documents)."""
    documents = make_documents(editor, dialogs, choices)
    return documents.report if documents is not None else None


def page_images(pdf: bytes, scale: float) -> list[QImage]:
    """Every page as an image of its own (for the preview, at screen resolution)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            with rendered_page(document, index, scale) as image:
                images.append(image.copy())  # own the pixels: the bitmap is freed
        return images
    finally:
        document.close()


@contextmanager
def rendered_page(document, index: int, scale: float) -> Iterator[QImage]:
    """One page rendered by pdfium, as a QImage over pdfium's own pixels (no copy), which
    are freed when the block ends."""
    page = document[index]
    try:
        bitmap = page.render(scale=scale, prefer_bgrx=True)  # BGRx: Qt's RGB32 in memory
        try:
            yield QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB32,
            )  # fmt: skip
        finally:
            bitmap.close()
    finally:
        page.close()


def export_documents(documents: Documents, path: Path) -> list[Path]:
    """The report to `path` and a separate 签批单 beside it (报告-签批单.pdf), each whole or
    not at all; raises ExportNotWritten in words (a file open in WPS or Acrobat…)."""
    files = [(path, documents.report)]
    if documents.signoff is not None:
        files.append((signoff_path(path), documents.signoff))
    write_files(files)
    return [target for target, _ in files]


def export_pdf(pdf: bytes, path: Path) -> None:
    write_files([(path, pdf)])


def print_documents(pdfs: list[bytes], printer: QPrinter) -> list[int]:
    """Print the documents as one job on A4, page by page at no more than PRINT_DPI;
    printed double-sided, each document after the first starts on a sheet of its own.
    Returns each document's number of pages."""
    import pypdfium2 as pdfium
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries the official margins itself
    two_sided = printer.duplex() != QPrinter.DuplexMode.DuplexNone
    scale = min(printer.resolution(), PRINT_DPI) / 72
    painter = QPainter()
    if not painter.begin(printer):
        raise NianbaoError("无法连接打印机，请检查打印机设置。")
    counts: list[int] = []
    sides = 0  # pages sent so far, blank backs included
    try:
        for pdf in pdfs:
            document = pdfium.PdfDocument(pdf)
            try:
                if two_sided and sides % 2:
                    printer.newPage()  # leave the back of the last sheet blank
                    sides += 1
                for index in range(len(document)):
                    if sides:
                        printer.newPage()
                    with rendered_page(document, index, scale) as image:
                        painter.drawImage(_target(printer, image), image)
                    sides += 1
                counts.append(len(document))
            finally:
                document.close()
    finally:
        painter.end()
    return counts


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print one PDF (see print_documents); returns its number of pages."""
    return print_documents([pdf], printer)[0]


def _target(printer: QPrinter, image: QImage) -> QRectF:
    """The printer's whole page in device pixels, narrowed to the image's aspect ratio and
    centred: a page is never stretched, whatever the driver's margins or rounding."""
    page = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    page.moveTo(0, 0)
    size = QSizeF(image.size()).scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(0, 0, size.width(), size.height())
    target.moveCenter(page.center())
    return target


class PreviewDialog(QDialog):
    """The pages as they will print, one under the other, with print and export buttons.
    The dialog fits the screen (its buttons always on it) and the pages are drawn at the
    screen's pixel ratio, so they are sharp at 125 % and 150 % scaling."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent=None,
        ratio: float | None = None,
        signoff: bytes | None = None,
    ):
        from PySide6.QtCore import QSize

        from desktop.ui.screen_fit import fit_dialog, screen_of

        super().__init__(parent)
        self.setWindowTitle(f"打印预览 — {title}")
        self.pdf, self.signoff = pdf, signoff
        screen = screen_of(parent)
        self.ratio = ratio or screen.devicePixelRatio()
        self.scale = preview_scale(screen.availableGeometry().width())
        self.pages = page_images(pdf, self.scale * self.ratio)
        # A separate 签批单 follows under a heading: it is printed too, but is its own file.
        self.signoff_pages = page_images(signoff, self.scale * self.ratio) if signoff else []
        body = QWidget()
        column = QVBoxLayout(body)
        self.labels: list[QLabel] = []
        for number, image in enumerate(self.pages + self.signoff_pages):
            if self.signoff_pages and number == len(self.pages):
                heading = QLabel("签批单（单独的文件，含姓名和电话，不随报告公开）")
                heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                column.addWidget(heading)
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
