"""打印预览, 打印 and 导出PDF from the window, with the draft question when errors remain."""

import pypdfium2 as pdfium
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from tests.ui.conftest import enter_value


def menu_action(window, text):
    for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu())):
        for action in menu.actions():
            if action.text().startswith(text):
                return action
    raise AssertionError(text)


def pdf_text(path) -> str:
    document = pdfium.PdfDocument(path)
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_export_pdf_of_a_balanced_report(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    target = tmp_path / "天河.pdf"
    dialogs.save_paths.append(target)
    menu_action(window, "导出PDF").trigger()
    text = pdf_text(target)
    assert "广州市天河区人民政府" in text and "草稿" not in text and "签批单" in text
    assert dialogs.questions == []


def editable_sample(window, dialogs, tmp_path):
    """The sample opens read-only; 复制一份以便编辑 gives a copy to type into."""
    window.open_sample()
    dialogs.report_paths.append(tmp_path / "天河副本.sqlite")
    window.banner.copy.click()
    assert not window.editor.readonly


def test_the_pdf_is_offered_beside_the_report_or_in_documents(window, dialogs, tmp_path):
    window.open_sample()
    dialogs.save_paths.append(None)
    menu_action(window, "导出PDF").trigger()
    assert dialogs.folders == [None]  # 文档, not the sample's hidden folder
    dialogs.report_paths.append(tmp_path / "副本.sqlite")
    window.banner.copy.click()
    dialogs.save_paths.append(None)
    menu_action(window, "导出PDF").trigger()
    assert dialogs.folders[-1] == tmp_path


def test_errors_ask_for_a_draft(qtbot, window, dialogs, tmp_path):
    editable_sample(window, dialogs, tmp_path)
    enter_value(qtbot, window, "s3.new.natural", "400")
    dialogs.answers.append(False)
    menu_action(window, "导出PDF").trigger()
    assert "第一项+第二项=411" in dialogs.questions[0]
    target = tmp_path / "草稿.pdf"
    dialogs.answers.append(True)
    dialogs.save_paths.append(target)
    menu_action(window, "导出PDF").trigger()
    assert "草稿" in pdf_text(target)


def test_preview_shows_every_page_and_prints(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    menu_action(window, "打印预览").trigger()
    [preview] = dialogs.shown
    qtbot.addWidget(preview)
    assert len(preview.pages) == len(pdfium.PdfDocument(preview.pdf)) >= 10
    assert preview.pages[0].width() > 700
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    dialogs.printers.append(printer)
    preview.print_button.click()
    assert len(pdfium.PdfDocument(tmp_path / "printed.pdf")) == len(preview.pages)
    assert "已送打印机" in window.statusBar().currentMessage()


def test_print_actions_wait_for_a_report(window):
    assert not menu_action(window, "打印").isEnabled()
    window.open_sample()
    assert menu_action(window, "打印").isEnabled()
