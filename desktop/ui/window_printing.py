"""打印预览, 打印 and 导出PDF from the window. Mixed into MainWindow."""

from __future__ import annotations

from desktop.core.errors import NianbaoError
from desktop.ui import printing


class PrintActions:
    """Uses the window's editor, dialogs, _save_typing and status bar."""

    def _pdf(self) -> bytes | None:
        self._save_typing()  # print what is on screen, including what is being typed
        return printing.make_pdf(self.editor, self.context.dialogs)

    def preview(self) -> None:
        if (pdf := self._pdf()) is None:
            return
        dialog = printing.PreviewDialog(pdf, self.editor.report.title, self)
        dialog.print_button.clicked.connect(lambda: self._print(pdf))
        dialog.export_button.clicked.connect(lambda: self._export(pdf))
        self.context.dialogs.show(dialog)

    def print_report(self) -> None:
        if (pdf := self._pdf()) is not None:
            self._print(pdf)

    def export_pdf(self) -> None:
        if (pdf := self._pdf()) is not None:
            self._export(pdf)

    def _print(self, pdf: bytes) -> None:
        if (printer := self.context.dialogs.ask_printer()) is None:
            return
        try:
            pages = printing.print_pdf(pdf, printer)
        except NianbaoError as error:
            self.context.dialogs.error("打印失败", str(error))
            return
        self.statusBar().showMessage(f"已送打印机：{pages} 页", 8000)

    def _export(self, pdf: bytes) -> None:
        suggested = f"{self.editor.report.title}.pdf"
        if (path := self.context.dialogs.ask_save_pdf(suggested, folder=self._folder())) is None:
            return
        try:
            printing.export_pdf(pdf, path)
        except OSError as error:
            self.context.dialogs.error("无法保存PDF", f"无法写入 {path}（{error.strerror}）")
            return
        self.statusBar().showMessage(f"已导出 {path}", 8000)
