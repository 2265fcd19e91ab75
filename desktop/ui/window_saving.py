"""Nothing typed is lost: before the report on screen goes (quit, switch, open another
file) or is printed, what is being typed is saved (a cell's editor, the narrative, the
sign-off fields, an explanation), or the officer is asked. Ctrl+S says when the file
was last saved, since every edit is saved at once. Mixed into MainWindow."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QApplication


class SavingActions:
    """Uses the window's editor, pages, panels, save_problem and status bar."""

    def say_saved(self) -> None:
        """Ctrl+S: every edit is saved at once; save what is being typed and say when
        the file was last saved (or why not)."""
        if self.editor.readonly:
            self.statusBar().showMessage(self.readonly_refusal(), 10000)
            return
        if problems := self._save_typing():
            self.statusBar().showMessage("未能保存：" + "；".join(problems))
            return
        self.statusBar().showMessage(
            f"已自动保存{self._last_saved_words()}。每次修改都会立即保存，无需手动保存。", 10000
        )

    def _last_saved_words(self) -> str:
        """（最后保存于 14:03:27）: this session's last save, else the file's own time."""
        when = self.last_saved
        if when is None:
            try:
                when = datetime.datetime.fromtimestamp(self.file.path.stat().st_mtime)
            except OSError:
                return ""
        today = when.date() == datetime.date.today()
        return f"（最后保存于 {when.strftime('%H:%M:%S' if today else '%Y-%m-%d %H:%M')}）"

    def _save_typing(self) -> list[str]:
        """Save everything being typed: a cell's editor, the narrative, the sign-off
        fields, an explanation. Returns what could not be saved, in words: what a failed
        save left unsaved, the sign-off fields refused, and input refused just now (a
        cell refused earlier is red with its reason already: it is not asked about)."""
        if self.editor is None:
            return []
        focus = QApplication.focusWidget()
        typing_explanation = focus is not None and self.findings.explanation.isAncestorOf(focus)
        before = dict(self.editor.pending)
        saved = all([page.save() for page in self.pages])
        explained = self.findings.save_explanation()
        problems = self.report_panel.commit()
        if not explained and typing_explanation:
            problems.append("检查结果的说明未能保存（原因见说明框下方）")
        form = self.editor.report.form
        for cell_id, (raw, reason) in self.editor.pending.items():
            if reason == self.save_problem:
                problems.append(f"{form.cells[cell_id].words}：“{raw}”")
            elif before.get(cell_id) != (raw, reason):
                problems.append(f"{reason}（输入的是“{raw}”）")
        if self.save_problem and not (saved and explained and not problems):
            problems.insert(0, self.save_problem)
        return list(dict.fromkeys(problems))

    def _may_leave(self, action: str) -> bool:
        """Before the report on screen goes: what is being typed saved, or the officer
        agrees to lose what could not be saved."""
        problems = self._save_typing()
        return not problems or self.context.dialogs.confirm(
            "有内容未能保存",
            "以下内容未能保存：\n"
            + "\n".join(problems)
            + f"\n\n仍要{action}吗？未能保存的内容将会丢失。",
        )
