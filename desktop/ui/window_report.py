"""The window's actions on the report on screen: 更改单位名称…, 更改年度… (both undoable)
and 删除本报告… (asked first). Mixed into MainWindow."""

from __future__ import annotations

from desktop.core.errors import NianbaoError
from desktop.core.forms import form_for_year
from desktop.core.session import ReportSession
from desktop.ui.report_commands import change_identity


class ReportActions:
    """Uses the window's editor, file, dialogs, report panel and status bar."""

    def rename_unit(self) -> None:
        report = self.editor.report
        unit = self.context.dialogs.ask_text("更改单位名称", "本报告的单位名称：", report.unit)
        if unit is not None:
            self._change_identity(unit, report.year, "更改单位名称")

    def change_year(self) -> None:
        report = self.editor.report
        year = self.context.dialogs.ask_year("更改年度", "本报告的年度：", report.year)
        if year is not None:
            self._change_identity(report.unit, year, "更改年度")

    def _change_identity(self, unit: str, year: int, title: str) -> None:
        if self.editor.readonly:
            return
        if failure := change_identity(self.editor, unit, year, self._identity_changed):
            self.context.dialogs.error(f"无法{title}", failure)

    def _identity_changed(self) -> None:
        """After a rename, a new year, or their undo: every place that names the report."""
        self.report_panel.refresh(self.file.reports())
        self._update_title()
        self._update_tab_titles()
        report = self.editor.report
        if not report.form.covers_year(report.year):
            self.statusBar().showMessage(
                f"{report.year}年度的报告应使用{form_for_year(report.year).name}，"
                f"本报告仍为{report.form.name}，请看检查结果。",
                15000,
            )

    def fill_zero(self, section_id: str, table_id: str) -> None:
        """本表无数据: asked first; one undoable step; figures already typed stay."""
        section = self.editor.report.form.section(section_id)
        table = next(t for t in section.tables if t.id == table_id)
        words = section.heading + (f"（{table.caption}）" if table.caption else "")
        blank = self.editor.session.zero_fill(section_id, table_id)
        if not blank:
            self.statusBar().showMessage(f"{words}已没有未填写的单元格", 8000)
            return
        question = (
            f"把{words}中{len(blank)}个未填写的单元格都填为0？\n\n已填写的数字不变；可以撤销。"
        )
        if self.context.dialogs.confirm("本表无数据", question):
            self._report_failure("无法填0", self.editor.fill_zero(section_id, table_id))

    def declare(self, declaration_id: str, made: bool) -> None:
        """Make a declaration (asked first: it fills the section's blanks with 0) or
        withdraw it; either is one undoable step."""
        declaration = self.editor.report.form.declaration(declaration_id)
        if made:
            heading = self.editor.report.form.section(declaration.section).heading
            question = (
                f"声明“{declaration.text}”，并把{heading}中所有未填写的单元格填为0？\n\n"
                "已填写的数字不变；声明随报告打印和报送；可以撤销。"
            )
            if not self.context.dialogs.confirm("声明", question):
                self.editor.cellsChanged.emit()  # the tick box shows the report again
                return
        self._report_failure("无法保存声明", self.editor.declare(declaration_id, made))

    def _report_failure(self, title: str, failure: str | None) -> None:
        if failure:
            self.context.dialogs.error(title, failure)
            self.editor.cellsChanged.emit()

    def delete_report(self) -> None:
        info = self.editor.session.info
        question = (
            f"要从 {self.file.path.name} 中删除“{info.unit}{info.year}年度”的报告吗？\n\n"
            "报告中的全部数字、文字和说明都会删除，不能撤销。文件中的其他报告不受影响。"
        )
        if self.editor.readonly or not self.context.dialogs.confirm_delete("删除本报告", question):
            return
        self._save_typing()  # nothing left waiting to save into the deleted report
        try:
            self.file.delete_report(info.id)
        except NianbaoError as error:
            self.context.dialogs.error("无法删除报告", str(error))
            return
        message = f"已删除{info.unit}{info.year}年度的报告"
        if remaining := self.file.reports():
            try:
                self._install(ReportSession(self.file, max(remaining, key=lambda i: i.year)))
            except NianbaoError as error:
                self.context.dialogs.error("无法打开报告", str(error))
                remaining = []
        if not remaining:
            message += f"；{self.file.path.name} 中已没有报告"
            self._close_report()
        self.statusBar().showMessage(message, 15000)
