"""文件 → 导出Excel… and 导出Excel模板… from the window. Mixed into MainWindow.

The workbooks are made by desktop.core.exchange.xlsx_out, the same code as the command
line's `export --to xlsx` and `template`; openpyxl is imported on the first use only.
Importing a workbook goes through the generic import (desktop.core.exchange.read_any)."""

from __future__ import annotations

import datetime
from pathlib import Path

from desktop.core.errors import NianbaoError


class ExcelActions:
    """Uses the window's editor, context (dialogs), _save_typing, _folder and status bar."""

    def export_excel(self) -> None:
        """The open report as a workbook: the official tables, 正文, 数据."""
        if self.editor is None:
            return
        self._save_typing()  # what is being typed goes out too
        report = self.editor.report
        path = self.context.dialogs.ask_save_xlsx(
            f"{report.title}.xlsx", folder=self._folder(), title="导出Excel"
        )
        if path is None:
            return
        from desktop.core.exchange.xlsx_out import report_workbook

        explanations = dict(self.editor.session.explanations)
        if self._write_excel(path, lambda: report_workbook(report, explanations)):
            self.statusBar().showMessage(f"已导出 {path}", 12000)

    def export_excel_template(self) -> None:
        """An empty workbook of the open report's format and year (else of last year's
        format) for units that fill in Excel; the unit writes its own name in it."""
        from desktop.core.forms import form_for_year

        if self.editor is not None:
            form, year = self.editor.report.form, self.editor.report.year
        else:
            year = datetime.date.today().year - 1  # reports are made early in the next year
            form = form_for_year(year)
        suggested = f"{year}年度政府信息公开工作年度报告填报模板（{form.name}）.xlsx"
        path = self.context.dialogs.ask_save_xlsx(
            suggested, folder=self._folder(), title="导出Excel模板"
        )
        if path is None:
            return
        from desktop.core.exchange.xlsx_out import template_workbook

        if self._write_excel(path, lambda: template_workbook(form, None, year)):
            self.statusBar().showMessage(
                f"已导出Excel模板 {path}（{form.name}，{year}年度；单位名称由填报单位填写）", 12000
            )

    def _write_excel(self, path: Path, make) -> bool:
        from desktop.core.exports import write_files

        try:
            write_files([(Path(path), make())])
        except NianbaoError as error:  # ExportNotWritten: in words, nothing left behind
            self.context.dialogs.error("无法保存Excel", str(error))
            return False
        return True
