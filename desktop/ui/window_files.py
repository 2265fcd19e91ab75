"""The window's report-file actions: 新建报告 (a new file, or added to an existing one),
打开示例 (read-only), 复制一份以便编辑, and reopening for editing once another window has
let the file go. Mixed into MainWindow, whose file, editor, context and opening they use."""

from __future__ import annotations

import datetime
from pathlib import Path

from desktop.core.errors import NianbaoError, ReadableOnlyError
from desktop.core.forms import load_form
from desktop.core.interchange import read_json
from desktop.core.report import Report
from desktop.core.storage import ReportFile, ReportInfo, store_report
from desktop.ui.banner import ReadOnly

SAMPLE_FILE = "示例报告-广州市天河区人民政府2020年度.sqlite"


class FileActions:
    """Uses the window's file, editor, dialogs, opening (open_path, _adopt) and status bar."""

    def new_report(self) -> None:
        """A new report in a new file, or added to the chosen existing file (nothing in
        it is replaced; a report it already has is offered to open instead)."""
        request = self.context.dialogs.ask_new_report(
            datetime.date.today().year - 1, folder=self._folder()
        )
        if request is None:
            return
        report = Report(request.unit, request.year, load_form(request.form_id))
        if request.basis and not self._base_on_last_year(request, report):
            return
        added = self._store(request.path, report, None, "无法新建报告")
        if added is not None and self.open_path(request.path, request.unit, request.year):
            self._say_added(request.path, report, added)
            self._say_carried(report, request.texts)

    def _base_on_last_year(self, request, report: Report) -> bool:
        """Carry last year's figures (and, when asked, its narrative) into the new report;
        False when the chosen source cannot be read (said in words)."""
        from desktop.core import last_year
        from desktop.core.previous import based_on

        try:
            found = last_year.find(request.path, report.unit, report.year, request.previous)
        except NianbaoError as error:
            self.context.dialogs.error("无法读取上年报告", str(error))
            return False
        if found is not None:
            based_on(report, *found, texts=request.texts)
        return True

    def _say_carried(self, report: Report, texts: bool) -> None:
        if report.previous is None:
            return
        carried = sum(1 for c in report.values if c.startswith("s3.carried_in."))
        message = f"上年数据来源：{report.previous.source}；已带入上年结转 {carried} 项"
        added = self.statusBar().currentMessage()  # 已在…中添加…, said just before
        self.statusBar().showMessage(f"{added}；{message}" if added else message, 15000)
        if texts:
            self.context.dialogs.info(
                "已沿用上年正文",
                "一、五、六已填入上年报告的正文，仅作草稿：请逐段改写为本年度的情况。"
                "与上年内容雷同之处会在检查结果中提示。",
            )

    def _store(self, path: Path, report: Report, explanations, title: str) -> bool | None:
        """Put a report into a new file or add it to an existing one; True when added to
        a file that had reports, False when a new file, None when not stored."""
        try:
            existing = self._reports_in(path)
            if any((i.unit, i.year) == (report.unit, report.year) for i in existing):
                question = (
                    f"{path.name} 中已有{report.unit}{report.year}年度的报告，不会覆盖它。"
                    "\n\n要打开已有的这份报告吗？"
                )
                if self.context.dialogs.confirm("已有这份报告", question):
                    self.open_path(path, report.unit, report.year)
                return None
            if self._is_current(path):
                self.file.add_report(report, explanations=explanations)
            else:
                store_report(path, report, explanations)
        except NianbaoError as error:
            self.context.dialogs.error(title, str(error))
            return None
        except OSError as error:
            self.context.dialogs.error(title, f"无法写入 {path}（{error.strerror}）")
            return None
        return bool(existing)

    def _reports_in(self, path: Path) -> list[ReportInfo]:
        if self._is_current(path):
            return self.file.reports()
        if not path.exists() or path.stat().st_size == 0:
            return []
        with ReportFile.open(path, readonly=True) as file:
            return file.reports()

    def _say_added(self, path: Path, report: Report, added: bool) -> None:
        if added:
            self.statusBar().showMessage(
                f"已在 {path.name} 中添加{report.unit}{report.year}年度报告，文件中原有的报告都保留。",
                15000,
            )

    def open_sample(self) -> None:
        """The 2020 天河区 report shipped with the program, in a file of its own, shown
        read-only; 复制一份以便编辑 makes a copy to edit."""
        path = self.context.data_dir / SAMPLE_FILE
        try:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                sample = self.context.sample_json
                store_report(path, read_json(sample.read_bytes(), sample.name).report)
        except (NianbaoError, OSError) as error:
            self.context.dialogs.error("无法打开示例", str(error))
            return
        self.open_path(path)

    def copy_for_editing(self) -> None:
        """A copy of the report on screen (the sample, or a file that cannot be written
        here) in a file the officer chooses, opened for editing."""
        report = self.editor.report
        path = self.context.dialogs.ask_save_report(f"{report.unit}{report.year}年度报告.sqlite")
        if path is None:
            return
        if self._is_current(path):
            self.context.dialogs.error(
                "无法复制报告", "不能复制到正在查看的这个文件，请另选文件名。"
            )
            return
        explanations = dict(self.editor.session.explanations)
        added = self._store(path, report, explanations, "无法复制报告")
        if added is not None and self.open_path(path, report.unit, report.year):
            self._say_added(path, report, added)
            if not added:
                self.statusBar().showMessage(f"已复制到 {path}，现在可以编辑。", 15000)

    def reopen_for_editing(self) -> None:
        """The other window has closed the file: edit it here."""
        path, info = self.file.path, self.editor.session.info
        if not self._may_leave("重新打开"):
            return
        try:
            file = ReportFile.open(path)
        except ReadableOnlyError as still:
            self.readonly = ReadOnly.because(still)
            self.banner.show_reason(self.readonly)
            self.statusBar().showMessage(f"仍不能编辑：{still}", 15000)
            return
        except NianbaoError as error:
            self.context.dialogs.error("无法打开报告文件", str(error))
            return
        if self._adopt(file, None, info.unit, info.year):
            self.statusBar().showMessage("已重新打开，现在可以编辑。", 8000)
