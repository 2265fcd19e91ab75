"""The window's imports: 从Excel导入 and 导入已发布的年报. Every file goes through the
core's one door (read_any); what it read is shown in the import dialog before anything
is written, and the officer chooses where it goes: a new report file, or the open file
as a new report or in place of the report of that unit and year. Mixed into MainWindow,
whose file, editor, dialogs and opening (FileActions) it uses."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.errors import NianbaoError
from desktop.core.interchange import ImportResult
from desktop.core.session import ReportSession
from desktop.ui.import_dialog import NEW_FILE, REPLACE, ImportChoice, OpenFile

TITLES = {"excel": "从Excel导入", "published": "导入已发布的年报"}


class ImportActions:
    def import_excel(self) -> None:
        self._ask_and_import("excel")

    def import_published(self) -> None:
        self._ask_and_import("published")

    def _ask_and_import(self, kind: str) -> None:
        path = self.context.dialogs.ask_import_path(kind, folder=self._folder())
        if path is not None:
            self.import_file(Path(path), TITLES[kind])

    def import_file(self, path: Path, title: str = "导入") -> bool:
        """Read, show what was read, and put the report where the officer chooses."""
        result = self._read_import(path, title)
        if result is None:
            return False
        choice = self.context.dialogs.ask_import(
            result, path.name, self._open_file_for(result), folder=self._folder()
        )
        if choice is None:
            return False
        return self._put_import(choice, result)

    def _read_import(self, path: Path, title: str) -> ImportResult | None:
        from desktop.core.exchange import read_any
        from desktop.core.exchange.published import IdentityMissing

        unit = year = None
        while True:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a PDF takes a second
            try:
                return read_any(path, unit, year)
            except IdentityMissing as missing:
                QApplication.restoreOverrideCursor()
                unit, year = self._ask_identity(path, title, missing)
                if unit is None:
                    return None
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            except NianbaoError as error:
                self.context.dialogs.error(f"{title}：无法读取", str(error))
                return None
            except OSError as error:
                self.context.dialogs.error(
                    f"{title}：无法读取", f"无法读取 {path}（{error.strerror}）"
                )
                return None
            finally:
                QApplication.restoreOverrideCursor()

    def _ask_identity(self, path: Path, title: str, missing) -> tuple[str | None, int | None]:
        """A report without its title: the officer names the unit and the year."""
        dialogs = self.context.dialogs
        unit = missing.unit or dialogs.ask_text(
            title, f"{path.name} 中没有写明单位和年度的标题。\n请填写单位名称：", ""
        )
        if not unit or not unit.strip():
            return None, None
        year = missing.year or dialogs.ask_year(
            title, f"{unit.strip()}：报告年度", datetime.date.today().year - 1
        )
        return (unit.strip(), year) if year else (None, None)

    def _open_file_for(self, result: ImportResult) -> OpenFile | None:
        if self.file is None:
            return None
        report = result.report
        return OpenFile(
            name=self.file.path.name,
            writable=self.readonly is None and not self.editor.readonly,
            has_report=any(
                (i.unit, i.year) == (report.unit, report.year) for i in self.file.reports()
            ),
        )

    def _put_import(self, choice: ImportChoice, result: ImportResult) -> bool:
        report = result.report
        if choice.where == NEW_FILE:
            added = self._store(Path(choice.path), report, result.explanations, "无法导入")
            if added is None or not self.open_path(choice.path, report.unit, report.year):
                return False
            self._say_imported(result, Path(choice.path))
            return True
        if choice.where == REPLACE and not self.context.dialogs.confirm(
            "替换报告",
            f"将用导入的数字和正文替换 {self.file.path.name} 中的"
            f"{report.unit}{report.year}年度报告，原有的内容和说明不能恢复。\n\n确定替换吗？",
        ):
            return False
        if not self._may_leave("导入"):
            return False
        try:
            self.file.add_report(
                report, replace=choice.where == REPLACE, explanations=result.explanations
            )
        except NianbaoError as error:
            self.context.dialogs.error("无法导入", str(error))
            return False
        try:  # the report on screen may be the one just replaced: shown afresh
            session = ReportSession(self.file, self.file.find(report.unit, report.year))
        except NianbaoError as error:
            self.context.dialogs.error("无法打开导入的报告", str(error))
            return False
        self._install(session)
        self._say_imported(result, self.file.path)
        return True

    def _say_imported(self, result: ImportResult, path: Path) -> None:
        report = result.report
        text = f"已导入{report.unit}{report.year}年度报告到 {path.name}：{len(result.imported)}个单元格"
        if result.warnings:
            text += f"；{len(result.warnings)}处未能读取或未按0导入，已在导入时列出，请对照原件补填"
        self.statusBar().showMessage(text, 20000)
