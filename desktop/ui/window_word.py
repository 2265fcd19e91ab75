"""文件 → 从Word导入正文…: a Word or WPS draft fills 一、五、六 of the report on screen.
The draft is read (desktop.core.exchange.narrative, as the command line's
`import 正文.docx` does), what goes where is shown before anything is saved, and then
each section is saved through the editor; the whole import is one undoable step.
Mixed into MainWindow."""

from __future__ import annotations

from desktop.core.errors import NianbaoError
from desktop.core.values import to_text


class WordActions:
    """Uses the window's editor, context (dialogs), pages, tabs, _save_typing, _folder,
    readonly_refusal and status bar."""

    def import_word(self) -> None:
        if self.editor is None:
            return
        if self.editor.readonly:
            self.statusBar().showMessage(self.readonly_refusal(), 10000)
            return
        path = self.context.dialogs.ask_open_docx(folder=self._folder())
        if path is None:
            return
        if problems := self._save_typing():  # what is being typed first, so undo is exact
            self.context.dialogs.error("无法导入", "正在输入的内容未能保存：" + "；".join(problems))
            return
        from desktop.core.exchange.narrative import read_draft  # python-docx: only here

        report = self.editor.report
        try:
            draft = read_draft(path, report.form, report.year)
        except NianbaoError as error:
            self.context.dialogs.error("无法读取Word文稿", str(error))
            return
        filling = draft.filling(report)
        if not self.context.dialogs.ask_word_import(draft, filling, report) or not filling.changes:
            return
        self._fill_from_draft(draft, filling)

    def _fill_from_draft(self, draft, filling) -> None:
        """Each section saved through the editor, the figures as one change, all in one
        undo macro; a save that fails stops there and says what was saved."""
        editor, done = self.editor, []
        failure = None
        editor.undo.beginMacro(f"从Word导入正文（{draft.source}）")
        try:
            for section_id, text in filling.texts.items():
                if not editor.set_text(section_id, text):
                    failure = self.save_problem or "未能保存"
                    break
                done.append(editor.report.form.section(section_id).heading)
            if failure is None and filling.cells:
                raws = {cell_id: to_text(value) for cell_id, value in filling.cells.items()}
                if refused := editor.set_cells(raws, "从Word导入表格数字"):
                    failure = next(iter(refused.values()))
                else:
                    done.append(f"表格中的{len(raws)}个数字")
        finally:
            editor.undo.endMacro()
        if not done:  # nothing was saved: no empty step to undo
            editor.undo.command(editor.undo.index() - 1).setObsolete(True)
            editor.undo.undo()
        if failure is not None:
            saved = f"已保存：{'、'.join(done)}。" if done else "没有保存任何内容。"
            self.context.dialogs.error("导入未完成", f"{failure}\n\n{saved}")
            return
        self._show_first(filling)
        self.statusBar().showMessage(
            f"已从 {draft.source} 导入：{'、'.join(done)}。可以撤销（Ctrl+Z）。", 15000
        )

    def _show_first(self, filling) -> None:
        """The first section imported comes to the front."""
        wanted = next(iter(filling.texts), None)
        for page in self.pages:
            if page.section.id == wanted:
                self.tabs.setCurrentWidget(page)
                return
