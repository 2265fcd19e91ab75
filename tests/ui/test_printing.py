"""打印预览, 打印 and 导出PDF from the window: the options the command line has (签批单
separate / appended / none, empty cells, page numbers) asked and remembered, the draft
question when errors remain, printing page by page within memory, and a PDF open in
another program named as the reason an export failed."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from desktop.core.exports import ExportChoices
from desktop.ui import printing
from desktop.ui.dialogs import ExportOptionsDialog
from tests.ui.conftest import enter_value

ROOT = Path(__file__).resolve().parents[2]
PERSONAL = ("签批单", "填报人", "数据指纹")  # the sample has no names or phone to look for


def menu_action(window, text):
    for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu())):
        for action in menu.actions():
            if action.text().startswith(text):
                return action
    raise AssertionError(text)


def pdf_text(path) -> str:
    document = pdfium.PdfDocument(path)
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def page_count(path_or_bytes) -> int:
    return len(pdfium.PdfDocument(path_or_bytes))


def pdf_printer(path, resolution=None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if resolution:
        printer.setResolution(resolution)
    return printer


# -- export ----------------------------------------------------------------------------------


def test_export_pdf_of_a_balanced_report(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    target = tmp_path / "天河.pdf"
    dialogs.save_paths.append(target)
    menu_action(window, "导出PDF").trigger()
    text = pdf_text(target)
    assert "广州市天河区人民政府" in text and "草稿" not in text
    assert not [words for words in PERSONAL if words in text]  # can be published as it is
    sheet = pdf_text(tmp_path / "天河-签批单.pdf")
    assert all(words in sheet for words in PERSONAL)
    assert dialogs.questions == [] and dialogs.errors == []
    assert dialogs.offered_choices == [("导出", ExportChoices())]  # separate by default
    assert "签批单" in window.statusBar().currentMessage()
    assert "字体：" in window.statusBar().currentMessage()  # which font printed each role


def test_export_options_are_offered_and_remembered(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    chosen = ExportChoices(signoff="append", blank_empty=True, centred_numbers=True)
    dialogs.export_choices.append(chosen)
    dialogs.save_paths.append(tmp_path / "附签批单.pdf")
    menu_action(window, "导出PDF").trigger()
    text = pdf_text(tmp_path / "附签批单.pdf")
    assert "签批单" in text and not (tmp_path / "附签批单-签批单.pdf").exists()
    dialogs.export_choices.append(ExportChoices(signoff="none"))
    dialogs.save_paths.append(tmp_path / "无签批单.pdf")
    menu_action(window, "导出PDF").trigger()
    assert dialogs.offered_choices[1] == ("导出", chosen)  # remembered
    assert "签批单" not in pdf_text(tmp_path / "无签批单.pdf")
    assert list(tmp_path.glob("*签批单-签批单*")) == []
    window.context.settings.sync()
    dialogs.save_paths.append(None)
    menu_action(window, "打印预览").trigger()  # the same choices for every purpose
    assert dialogs.offered_choices[2] == ("预览", ExportChoices(signoff="none"))


def test_cancelling_the_options_asks_nothing_more(window, dialogs):
    window.open_sample()
    dialogs.export_choices.append(None)
    menu_action(window, "导出PDF").trigger()  # no save dialog queued: it would fail
    assert dialogs.folders == [] and dialogs.errors == []


def test_the_options_dialog_shows_and_returns_the_choices(qtbot):
    current = ExportChoices(signoff="append", blank_empty=True, centred_numbers=False)
    dialog = ExportOptionsDialog("导出", current)
    qtbot.addWidget(dialog)
    assert dialog.choices() == current
    assert dialog.buttons.buttons()[0].text() in ("导出", "取消")
    dialog.signoff.button(2).click()  # 不要签批单
    dialog.numbers.button(1).click()  # 居中
    dialog.empty.button(0).click()  # 印 0
    assert dialog.choices() == ExportChoices("none", False, True)
    texts = [b.text() for b in dialog.signoff.buttons()]
    assert texts[0].startswith("单独成一个文件") and "附在报告后面" in texts[1]


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
    assert "草稿" in pdf_text(target) and "草稿" in pdf_text(tmp_path / "草稿-签批单.pdf")


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


@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new"])
def test_a_pdf_open_in_another_program_is_named_and_nothing_is_left(
    window, dialogs, tmp_path, monkeypatch, existing
):
    """Windows refuses to replace a file WPS or Acrobat holds open."""
    window.open_sample()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "报告.pdf"
    if existing:
        target.write_bytes(b"%PDF-old")

    def refuse(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    dialogs.save_paths.append(target)
    menu_action(window, "导出PDF").trigger()
    [(title, text)] = dialogs.errors
    assert title == "无法保存PDF" and str(target) in text
    if existing:
        assert (
            "WPS" in text and "Acrobat" in text and "关闭该文件" in text and "换一个文件名" in text
        )
        assert target.read_bytes() == b"%PDF-old"
    else:
        assert "权限" in text
    assert sorted(p.name for p in folder.iterdir()) == (["报告.pdf"] if existing else [])
    assert "已导出" not in window.statusBar().currentMessage()


# -- preview and print -----------------------------------------------------------------------


def test_preview_shows_every_page_and_prints(qtbot, window, dialogs, tmp_path):
    window.open_sample()
    menu_action(window, "打印预览").trigger()
    [preview] = dialogs.shown
    qtbot.addWidget(preview)
    assert len(preview.pages) == page_count(preview.pdf) >= 10
    assert len(preview.signoff_pages) == page_count(preview.signoff) == 1
    assert len(preview.labels) == len(preview.pages) + 1
    assert preview.pages[0].width() > 700
    printer = pdf_printer(tmp_path / "printed.pdf")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # A4 all the same
    dialogs.printers.append(printer)
    preview.print_button.click()
    printed = pdfium.PdfDocument(tmp_path / "printed.pdf")
    assert len(printed) == len(preview.pages) + 1  # report and 签批单, one side each
    for index in range(len(printed)):
        assert printed[index].get_size() == pytest.approx((595.3, 841.9), abs=1)
    assert "已送打印机：报告" in window.statusBar().currentMessage()
    assert "签批单 1 页" in window.statusBar().currentMessage()


def test_printing_sends_one_page_at_a_time_at_no_more_than_300_dpi(
    qtbot, window, dialogs, tmp_path, monkeypatch
):
    window.open_sample()
    alive, renders, scales = [0], [], []
    real = printing.rendered_page

    def counting(document, index, scale):
        alive[0] += 1
        renders.append(alive[0])
        scales.append(scale)
        with real(document, index, scale) as image:
            yield image
        alive[0] -= 1

    from contextlib import contextmanager

    monkeypatch.setattr(printing, "rendered_page", contextmanager(counting))
    dialogs.printers.append(pdf_printer(tmp_path / "printed.pdf"))  # a 1200 dpi driver
    window.print_report()
    assert len(renders) == page_count(tmp_path / "printed.pdf") >= 11
    assert max(renders) == 1 and alive == [0]  # rendered, painted and freed, page by page
    assert max(scales) == pytest.approx(300 / 72)


def _first_pages(pdf: bytes, count: int) -> bytes:
    import io

    source = pdfium.PdfDocument(pdf)
    target = pdfium.PdfDocument.new()
    target.import_pages(source, list(range(count)))
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def test_printing_an_odd_report_two_sided_leaves_the_back_blank(tmp_path, window, dialogs):
    class TwoSided(QPrinter):  # a PDF printer has no duplex of its own
        def duplex(self):
            return QPrinter.DuplexMode.DuplexLongSide

    window.open_sample()
    documents = printing.make_documents(window.editor, dialogs)
    three = _first_pages(documents.report, 3)
    printer = TwoSided(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "odd.pdf"))
    printing.print_documents([three, documents.signoff], printer)
    printed = pdfium.PdfDocument(tmp_path / "odd.pdf")  # pages of images: count what is drawn
    drawn = [len(list(printed[i].get_objects())) for i in range(len(printed))]
    assert len(drawn) == 5 and drawn[3] == 0 and all(drawn[:3]) and drawn[4]
    single = pdf_printer(tmp_path / "single.pdf")  # one-sided: no blank page
    printing.print_documents([three, documents.signoff], single)
    assert page_count(tmp_path / "single.pdf") == 4


def test_print_actions_wait_for_a_report(window):
    assert not menu_action(window, "打印").isEnabled()
    window.open_sample()
    assert menu_action(window, "打印").isEnabled()


# -- memory ----------------------------------------------------------------------------------

# Linux keeps a process's ru_maxrss across exec: a child started by pytest would report
# pytest's own size. So the child forks at once, while it is small (a fork starts its peak
# afresh), and the grandchild imports, renders and prints.
MEMORY_CHILD = textwrap.dedent(
    """
    import os, sys
    pid = os.fork()
    if pid:
        sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    import json, resource, time
    from PySide6.QtWidgets import QApplication
    from PySide6.QtPrintSupport import QPrinter
    app = QApplication([])
    from desktop.core.pdf import PdfOptions, load_fonts, render
    from desktop.core.session import check_report
    from desktop.ui import printing
    from tests.core.pdf.conftest import sample

    report = sample("tianhe")
    if len(sys.argv) > 2:  # a longer report
        report.texts["s6"] = "\\n".join(["其他需要报告的事项。" * 20] * int(sys.argv[2]))
    fonts = load_fonts(official=False)
    pdf = render(report, check_report(report, None), PdfOptions(signoff="append"), fonts)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(sys.argv[1])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    pages = printing.print_pdf(pdf, printer)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    print(json.dumps({"pages": pages, "before_mb": before / unit, "peak_mb": peak / unit,
                      "seconds": seconds}), flush=True)
    os._exit(0)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
@pytest.mark.parametrize("paragraphs", [0, 80], ids=["13 pages", "long"])
def test_printing_a_report_stays_within_300_mb(tmp_path, paragraphs):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    extra = [str(paragraphs)] if paragraphs else []
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(tmp_path / "printed.pdf"), *extra],
        capture_output=True, text=True, env=env, timeout=300, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["pages"] >= (30 if paragraphs else 12)
    assert measured["peak_mb"] < 300, measured  # was 1.8 GB at 600 dpi, all pages held
    assert page_count(tmp_path / "printed.pdf") == measured["pages"]
    print(measured)
