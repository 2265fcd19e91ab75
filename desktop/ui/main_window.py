"""The main window: wires the start page, the report panel, one page per section and
the findings panel to the open report. It holds no report logic of its own."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import NianbaoError, ReadableOnlyError, ReportFileError
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile, ReportInfo
from desktop.ui import palette
from desktop.ui.banner import SAMPLE, ReadOnly, ReadOnlyBanner, is_typing
from desktop.ui.dialogs import Dialogs
from desktop.ui.docks import SidePanels
from desktop.ui.editing import ReportEditor
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.grid_view import READONLY_REFUSED
from desktop.ui.help import AboutDialog, GuideDialog
from desktop.ui.report_panel import ReportPanel
from desktop.ui.screen_fit import place_window
from desktop.ui.section_pages import TablePage, TextPage
from desktop.ui.settings import Settings
from desktop.ui.start_page import StartPage
from desktop.ui.window_excel import ExcelActions
from desktop.ui.window_files import SAMPLE_FILE, FileActions
from desktop.ui.window_import import ImportActions
from desktop.ui.window_printing import PrintActions
from desktop.ui.window_report import ReportActions
from desktop.ui.window_saving import SavingActions
from desktop.ui.window_word import WordActions


@dataclass
class AppContext:
    settings: Settings
    dialogs: Dialogs
    sample_json: Path
    data_dir: Path


class MainWindow(
    FileActions,
    ReportActions,
    SavingActions,
    PrintActions,
    ExcelActions,
    ImportActions,
    WordActions,
    QMainWindow,
):
    """Built from small named setup steps; the actions live in the mixins' modules."""

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.file: ReportFile | None = None
        self.editor: ReportEditor | None = None
        self.pages: list[TablePage | TextPage] = []
        self.save_problem: str | None = None  # the last save that failed, until one works
        self.readonly: ReadOnly | None = None  # why the report on screen cannot be edited
        self.last_saved: datetime.datetime | None = None
        self.undo = QUndoGroup(self)
        self._setup_widgets()
        self._setup_menus()
        self._restore_state()
        self.show_start()

    # -- setup -----------------------------------------------------------------------

    def _setup_widgets(self) -> None:
        self.start = StartPage()
        self.start.newRequested.connect(self.new_report)
        self.start.openRequested.connect(self.ask_open)
        self.start.sampleRequested.connect(self.open_sample)
        self.start.recentChosen.connect(self.open_path)
        self.report_panel = ReportPanel()
        self.report_panel.reportChosen.connect(self.switch_report)
        self.report_panel.renameRequested.connect(self.rename_unit)
        self.report_panel.yearRequested.connect(self.change_year)
        self.report_panel.deleteRequested.connect(self.delete_report)
        self.report_panel.messageShown.connect(lambda t: self.statusBar().showMessage(t, 10000))
        for edit in self.report_panel.meta.values():
            edit.installEventFilter(self)  # typing into a read-only report says why
        self.tabs = QTabWidget()
        self.findings = FindingsPanel()
        self.findings.findingClicked.connect(self.go_to_finding)
        self.banner = ReadOnlyBanner()
        self.banner.copyRequested.connect(self.copy_for_editing)
        self.banner.reopenRequested.connect(self.reopen_for_editing)
        self.report_view = QWidget()
        column = QVBoxLayout(self.report_view)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.report_view)
        self.setCentralWidget(self.stack)
        self.panels = SidePanels(
            self,
            self.context.settings,
            {"report_panel": self.report_panel, "findings_panel": self.findings},
        )
        self.statusBar().messageChanged.connect(self._keep_save_problem)

    def _setup_menus(self) -> None:
        Key = QKeySequence.StandardKey
        self.report_actions: list[QAction] = []
        file_menu = self.menuBar().addMenu("文件(&F)")
        for text, slot, key in (
            ("新建报告…", self.new_report, Key.New),
            ("打开报告文件…", self.ask_open, Key.Open),
            ("打开示例", self.open_sample, None),
            ("开始页", self.show_start, None),
            (None, None, None),
            ("从Excel导入…", self.import_excel, None),
            ("导入已发布的年报…", self.import_published, None),
            ("从Word导入正文…", self.import_word, None),
            (None, None, None),
            ("保存", self.say_saved, Key.Save),
            (None, None, None),
            ("打印预览…", self.preview, None),
            ("打印…", self.print_report, Key.Print),
            ("导出PDF…", self.export_pdf, None),
            ("导出Excel…", self.export_excel, None),
            ("导出Excel模板…", self.export_excel_template, None),
            (None, None, None),
            ("退出", self.close, Key.Quit),
        ):
            if text is None:
                file_menu.addSeparator()
                continue
            action = file_menu.addAction(text, slot)
            if key is not None:
                action.setShortcuts(_with_ctrl_q(key))
            if slot in (self.say_saved, self.preview, self.print_report, self.export_pdf):
                self.report_actions.append(action)
            if slot == self.export_excel:  # the template needs no open report
                self.report_actions.append(action)
            if slot == self.import_word:  # into the report on screen
                self.report_actions.append(action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = self.undo.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(Key.Undo)
        self.redo_action = self.undo.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([Key.Redo, QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = self.menuBar().addMenu("视图(&V)")
        for action in self.panels.actions.values():
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction("使用说明", self.show_guide).setShortcut(Key.HelpContents)
        help_menu.addAction("关于", self.show_about)

    def _restore_state(self) -> None:
        settings = self.context.settings
        place_window(self, settings.state("window_geometry"))
        if state := settings.state("window_state"):
            self.restoreState(state)  # the panels' sides and widths

    # -- opening ---------------------------------------------------------------------

    def show_start(self) -> None:
        self.start.show_recent(self.context.settings.recent_files())
        self.stack.setCurrentWidget(self.start)
        self.panels.show_for_report(False)
        for action in self.report_actions:
            action.setEnabled(False)
        self.setWindowTitle("政府信息公开工作年度报告")

    def ask_open(self) -> None:
        if path := self.context.dialogs.ask_open_path(folder=self._folder()):
            self.open_path(path)

    def open_path(self, path: Path, unit: str | None = None, year: int | None = None) -> bool:
        """Open a file for writing, or read-only when it cannot be written here (or it
        is the sample). The report on screen stays until the new one has loaded: a
        refused file changes nothing. The file already open is brought forward."""
        path = Path(path)
        if self._is_current(path):
            return self._bring_forward(unit, year)
        if not self._may_leave("打开另一个文件"):
            return False
        try:
            file, readonly = self._open_file(path)
        except NianbaoError as error:
            self.context.dialogs.error("无法打开报告文件", str(error))
            return False
        if not self._adopt(file, readonly, unit, year):
            return False
        self.context.settings.add_recent(path)
        return True

    def _open_file(self, path: Path) -> tuple[ReportFile, ReadOnly | None]:
        if self._is_sample(path):
            return ReportFile.open(path, readonly=True), SAMPLE
        try:
            return ReportFile.open(path), None
        except ReadableOnlyError as cannot_write:
            return ReportFile.open(path, readonly=True), ReadOnly.because(cannot_write)

    def _adopt(self, file: ReportFile, readonly: ReadOnly | None, unit=None, year=None) -> bool:
        """Show a report of a newly opened file in place of what is on screen."""
        try:
            session = ReportSession(file, self._choose(file, file.path, unit, year))
        except NianbaoError as error:
            file.close()
            self.context.dialogs.error("无法打开报告文件", str(error))
            return False
        self._close_file()
        self.file, self.readonly, self.last_saved = file, readonly, None
        self._install(session)
        return True

    @staticmethod
    def _choose(file: ReportFile, path: Path, unit: str | None, year: int | None) -> ReportInfo:
        infos = file.reports()
        if not infos:
            raise ReportFileError(f"{path.name} 中还没有报告，请用“新建报告”。")
        wanted = [i for i in infos if unit in (None, i.unit) and year in (None, i.year)] or infos
        return max(wanted, key=lambda i: i.year)

    def _is_current(self, path: Path) -> bool:
        return self.file is not None and _same_file(self.file.path, path)

    def _is_sample(self, path: Path) -> bool:
        return _same_file(self.context.data_dir / SAMPLE_FILE, path)

    def _folder(self) -> Path | None:
        """Where file dialogs start: the open report's folder, else 文档 (None); never
        the sample's hidden folder or a read-only medium."""
        if self.file is None or (self.readonly and not self.readonly.can_reopen):
            return None
        return self.file.path.parent

    def _bring_forward(self, unit: str | None, year: int | None) -> bool:
        info = self.editor.session.info
        if unit is not None or year is not None:
            info = self._choose(self.file, self.file.path, unit, year)
        if info.id != self.editor.session.info.id:
            self.switch_report(info)
        self._show_report()  # also back from the start page
        self.raise_()
        self.activateWindow()
        return True

    def switch_report(self, info: ReportInfo) -> None:
        if not self._may_leave("切换报告"):
            self.report_panel.refresh(self.file.reports())  # the selection back
            return
        try:
            session = ReportSession(self.file, info)
        except NianbaoError as error:
            self.context.dialogs.error("无法打开报告", str(error))
            return
        self._install(session)

    def _install(self, session: ReportSession) -> None:
        self._drop_editor()
        stack = QUndoStack(self.undo)
        self.editor = ReportEditor(session, stack, self)
        self.undo.setActiveStack(stack)
        self.save_problem = None
        self.statusBar().clearMessage()
        self.editor.findingsChanged.connect(self._update_tab_titles)
        self.editor.saveFailed.connect(self._save_failed)
        self.editor.saved.connect(self._save_succeeded)
        self.report_panel.show_editor(self.editor, self.file.reports())
        self.findings.show_editor(self.editor)
        self.banner.show_reason(self.readonly)
        self._build_pages()
        self._show_report()

    def _drop_editor(self) -> None:
        if self.editor is not None:
            self.editor.undo.deleteLater()  # with its commands, which hold the old report
            self.editor.deleteLater()
            self.editor = None

    def _close_report(self) -> None:
        """Nothing on screen any more (the file's last report was deleted)."""
        self._drop_editor()
        self._clear_pages()
        self.report_panel.clear()
        self.findings.show_editor(None)
        self._close_file()
        self.readonly = None
        self.show_start()

    def _show_report(self) -> None:
        self.stack.setCurrentWidget(self.report_view)
        self.panels.show_for_report(True)
        for action in self.report_actions:
            action.setEnabled(True)
        self._update_title()

    def _clear_pages(self) -> None:
        self.tabs.clear()
        for page in self.pages:
            page.deleteLater()
        self.pages = []

    def _build_pages(self) -> None:
        current = self.tabs.currentIndex()
        self._clear_pages()
        for section in self.editor.report.form.sections:
            page = (TextPage if section.is_text else TablePage)(self.editor, section)
            if isinstance(page, TablePage):
                palette.keep_light(page)  # dark text on the grid colours in dark mode too
                page.pasteRefused.connect(self._paste_refused)
                page.fillZeroRequested.connect(self.fill_zero)
                page.declarationRequested.connect(self.declare)
                for view in page.views:
                    view.messageShown.connect(self._cell_message)
            else:
                page.text.installEventFilter(self)
            self.pages.append(page)
            self.tabs.addTab(page, section.heading_short)
        self.tabs.setCurrentIndex(max(current, 0))
        self._update_tab_titles()

    # -- showing -----------------------------------------------------------------------

    def _update_title(self) -> None:
        if self.file is None:  # closed: nothing of it to show
            return
        report = self.editor.report
        if self.editor.readonly:
            state = "只读"
        elif self.save_problem:
            state = "有修改未保存"
        else:
            state = "已保存"
        sample = "【示例】" if self.readonly and self.readonly.is_sample else ""
        self.setWindowTitle(f"{sample}{report.title} — {self.file.path.name}（{state}）")

    def _save_failed(self, message: str) -> None:
        """Shown until a save succeeds: the title, and the status bar in words."""
        self.save_problem = message
        self.statusBar().showMessage(message)
        self._update_title()

    def _keep_save_problem(self, message: str) -> None:
        """A passing message (a refusal at a cell, a menu tip) must not end the save
        problem's: when it is cleared, the problem is shown again."""
        if not message and self.save_problem:
            self.statusBar().showMessage(self.save_problem)

    def _save_succeeded(self) -> None:
        self.last_saved = datetime.datetime.now()
        if self.save_problem:
            self.save_problem = None
            self.statusBar().showMessage("已保存", 5000)
            self._update_title()

    def readonly_refusal(self) -> str:
        if self.readonly is None:
            return READONLY_REFUSED
        return self.readonly.refusal()

    def _cell_message(self, text: str) -> None:
        if text == READONLY_REFUSED:
            text = self.readonly_refusal()
        self.statusBar().showMessage(text, 8000)

    def eventFilter(self, watched, event) -> bool:
        """Typing into a read-only report's text or fields says why nothing changes."""
        if self.editor is not None and self.editor.readonly and is_typing(event):
            self.statusBar().showMessage(self.readonly_refusal(), 10000)
        return False

    def _update_tab_titles(self) -> None:
        findings = self.editor.findings()
        for index, page in enumerate(self.pages):
            mine = [f for f in findings if f.section == page.section.id]
            title = page.section.heading_short + (f"（{len(mine)}）" if mine else "")
            self.tabs.setTabText(index, title)
            severity = palette.worst(mine)
            self.tabs.setTabIcon(
                index, palette.severity_icon(severity) if severity else palette.QIcon()
            )

    def go_to_finding(self, finding) -> None:
        """To the finding's first cell, or to its section when it is about a text."""
        for page in self.pages:
            if finding.cells:
                if not page.grid_has(finding.cells[0]):
                    continue
            elif page.section.id != finding.section:
                continue
            self.tabs.setCurrentWidget(page)  # visible first, so the cell can take the focus
            if finding.cells:
                page.select_cell(finding.cells[0])
            return

    def _paste_refused(self, lines: list[str]) -> None:
        if self.save_problem:  # the paste's save failed: nothing of it was saved
            self.context.dialogs.info("粘贴的内容未能保存", "\n".join(lines))
            return
        self.context.dialogs.info(
            "部分单元格未粘贴", "以下内容未粘贴，其余已保存：\n" + "\n".join(lines)
        )

    def show_guide(self) -> None:
        self.context.dialogs.show(GuideDialog(self))

    def show_about(self) -> None:
        self.context.dialogs.show(AboutDialog(self))

    # -- closing -----------------------------------------------------------------------

    def _close_file(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def closeEvent(self, event) -> None:
        if not self._may_leave("关闭"):
            event.ignore()
            return
        self.report_panel.clear()  # nothing may save into the closed file afterwards
        self._close_file()
        self.context.settings.set_state("window_geometry", self.saveGeometry())
        self.context.settings.set_state("window_state", self.saveState())
        self.context.settings.sync()
        super().closeEvent(event)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _with_ctrl_q(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's keys; 退出 also Ctrl+Q, which Windows does not bind by itself."""
    keys = QKeySequence.keyBindings(key)
    if key == QKeySequence.StandardKey.Quit and QKeySequence("Ctrl+Q") not in keys:
        keys.append(QKeySequence("Ctrl+Q"))
    return keys
