"""打印预览, 打印 and 导出PDF from the window. Mixed into MainWindow.

Each first asks the choices the command line's export has (签批单 separate / appended /
none, empty cells 0 or blank, page numbers outside or centred), remembered between uses."""

from __future__ import annotations

from desktop.core.errors import NianbaoError
from desktop.core.exports import SIGNOFF_CHOICES, ExportChoices
from desktop.ui import printing

SIGNOFF_KEY, BLANK_KEY, CENTRED_KEY = "export/signoff", "export/blank_empty", "export/centred"


class PrintActions:
    """Uses the window's editor, context (dialogs, settings), _save_typing and status bar."""

    def _choices(self) -> ExportChoices:
        settings, default = self.context.settings, ExportChoices()
        return ExportChoices(
            signoff=settings.choice(SIGNOFF_KEY, default.signoff, SIGNOFF_CHOICES),
            blank_empty=settings.flag(BLANK_KEY, default.blank_empty),
            centred_numbers=settings.flag(CENTRED_KEY, default.centred_numbers),
        )

    def _remember(self, choices: ExportChoices) -> None:
        settings = self.context.settings
        settings.set_choice(SIGNOFF_KEY, choices.signoff)
        settings.set_flag(BLANK_KEY, choices.blank_empty)
        settings.set_flag(CENTRED_KEY, choices.centred_numbers)

    def _documents(self, purpose: str) -> printing.Documents | None:
        self._save_typing()  # print what is on screen, including what is being typed
        choices = self.context.dialogs.ask_export_options(purpose, self._choices())
        if choices is None:
            return None
        self._remember(choices)
        return printing.make_documents(self.editor, self.context.dialogs, choices)

    def preview(self) -> None:
        if (documents := self._documents("预览")) is None:
            return
        dialog = printing.PreviewDialog(
            documents.report, self.editor.report.title, self, signoff=documents.signoff
        )
        dialog.print_button.clicked.connect(lambda: self._print(documents))
        dialog.export_button.clicked.connect(lambda: self._export(documents))
        self.context.dialogs.show(dialog)

    def print_report(self) -> None:
        if (documents := self._documents("打印")) is not None:
            self._print(documents)

    def export_pdf(self) -> None:
        if (documents := self._documents("导出")) is not None:
            self._export(documents)

    def _print(self, documents: printing.Documents) -> None:
        if (printer := self.context.dialogs.ask_printer()) is None:
            return
        try:
            counts = printing.print_documents(documents.pdfs(), printer)
        except NianbaoError as error:
            self.context.dialogs.error("打印失败", str(error))
            return
        sheet = f"，签批单 {counts[1]} 页" if len(counts) > 1 else ""
        self.statusBar().showMessage(f"已送打印机：报告 {counts[0]} 页{sheet}", 8000)

    def _export(self, documents: printing.Documents) -> None:
        suggested = f"{self.editor.report.title}.pdf"
        if (path := self.context.dialogs.ask_save_pdf(suggested, folder=self._folder())) is None:
            return
        try:
            written = printing.export_documents(documents, path)
        except NianbaoError as error:  # ExportNotWritten: in words, nothing left behind
            self.context.dialogs.error("无法保存PDF", str(error))
            return
        sheet = f"；签批单（不随报告公开）另存为 {written[1].name}" if len(written) > 1 else ""
        fonts = f"；字体：{'；'.join(documents.fonts)}" if documents.fonts else ""
        self.statusBar().showMessage(f"已导出 {path}{sheet}{fonts}", 12000)
