"""The main window: wires the start page, the report panel, one page per section and
the findings panel to the open report. It holds no report logic of its own."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QTabWidget

from desktop.core.errors import NianbaoError, ReadableOnlyError, ReportFileError
from desktop.core.forms import load_form
from desktop.core.interchange import read_json
from desktop.core.report import Report
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile, ReportInfo, store_report
from desktop.ui import palette, printing
from desktop.ui.dialogs import Dialogs
from desktop.ui.editing import ReportEditor
from desktop.ui.findings_panel import FindingsPanel
from desktop.ui.report_panel import ReportPanel
from desktop.ui.section_pages import TablePage, TextPage
from desktop.ui.settings import Settings
from desktop.ui.start_page import StartPage

SAMPLE_FILE = "示例报告-广州市天河区人民政府2020年度.sqlite"


@dataclass
class AppContext:
    settings: Settings
    dialogs: Dialogs
    sample_json: Path
    data_dir: Path


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.file: ReportFile | None = None
        self.editor: ReportEditor | None = None
        self.pages: list[TablePage | TextPage] = []
        self.save_problem: str | None = None  # the last save that failed, until one works
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
        self.tabs = QTabWidget()
        self.findings = FindingsPanel()
        self.findings.findingClicked.connect(self.go_to_finding)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.report_panel, 0), (self.tabs, 1), (self.findings, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([190, 1000, 280])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)
        self.statusBar().messageChanged.connect(self._keep_save_problem)

    def _setup_menus(self) -> None:
        self.report_actions: list[QAction] = []
        file_menu = self.menuBar().addMenu("文件(&F)")
        for text, slot, key in (
            ("新建报告…", self.new_report, QKeySequence.StandardKey.New),
            ("打开报告文件…", self.ask_open, QKeySequence.StandardKey.Open),
            ("打开示例", self.open_sample, None),
            ("开始页", self.show_start, None),
            ("打印预览…", self.preview, None),
            ("打印…", self.print_report, QKeySequence.StandardKey.Print),
            ("导出PDF…", self.export_pdf, None),
            ("退出", self.close, QKeySequence.StandardKey.Quit),
        ):
            action = file_menu.addAction(text, slot)
            if key is not None:
                action.setShortcut(key)
            if slot in (self.preview, self.print_report, self.export_pdf):
                self.report_actions.append(action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = self.undo.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    def _restore_state(self) -> None:
        settings = self.context.settings
        if geometry := settings.state("window_geometry"):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if splitter := settings.state("splitter_state"):
            self.splitter.restoreState(splitter)

    # -- opening ---------------------------------------------------------------------

    def show_start(self) -> None:
        self.start.show_recent(self.context.settings.recent_files())
        self.stack.setCurrentWidget(self.start)
        for action in self.report_actions:
            action.setEnabled(False)
        self.setWindowTitle("政府信息公开工作年度报告")

    def ask_open(self) -> None:
        if path := self.context.dialogs.ask_open_path():
            self.open_path(path)

    def open_path(self, path: Path, unit: str | None = None, year: int | None = None) -> bool:
        """Open a file for writing, or read-only when it cannot be written here. The
        report on screen stays until the new one has loaded: a refused file changes
        nothing. The file already open is brought forward, not opened twice."""
        path = Path(path)
        if self._is_current(path):
            return self._bring_forward(unit, year)
        if not self._may_leave("打开另一个文件"):
            return False
        try:
            file, note = self._open_file(path)
        except NianbaoError as error:
            self.context.dialogs.error("无法打开报告文件", str(error))
            return False
        try:
            session = ReportSession(file, self._choose(file, path, unit, year))
        except NianbaoError as error:
            file.close()
            self.context.dialogs.error("无法打开报告文件", str(error))
            return False
        if note:
            self.context.dialogs.info("以只读方式打开", note)
        self._close_file()
        self.file = file
        self.context.settings.add_recent(path)
        self._install(session)
        return True

    def _open_file(self, path: Path) -> tuple[ReportFile, str | None]:
        try:
            return ReportFile.open(path), None
        except ReadableOnlyError as cannot_write:
            return ReportFile.open(path, readonly=True), str(cannot_write)

    @staticmethod
    def _choose(file: ReportFile, path: Path, unit: str | None, year: int | None) -> ReportInfo:
        infos = file.reports()
        if not infos:
            raise ReportFileError(f"{path.name} 中还没有报告，请用“新建报告”。")
        wanted = [i for i in infos if unit in (None, i.unit) and year in (None, i.year)] or infos
        return max(wanted, key=lambda i: i.year)

    def _is_current(self, path: Path) -> bool:
        if self.file is None:
            return False
        try:
            return os.path.samefile(self.file.path, path)
        except OSError:
            return False

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

    def new_report(self) -> None:
        request = self.context.dialogs.ask_new_report(datetime.date.today().year - 1)
        if request is None:
            return
        report = Report(request.unit, request.year, load_form(request.form_id))
        try:
            if self._is_current(request.path):
                self.file.add_report(report)
            else:
                store_report(request.path, report)
        except NianbaoError as error:
            self.context.dialogs.error("无法新建报告", str(error))
            return
        self.open_path(request.path, request.unit, request.year)

    def open_sample(self) -> None:
        """The 2020 天河区 report shipped with the program, copied into a file of its own."""
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

    def switch_report(self, info: ReportInfo) -> None:
        if not self._may_leave("切换报告"):
            self.report_panel.show_editor(self.editor, self.file.reports())  # selection back
            return
        try:
            session = ReportSession(self.file, info)
        except NianbaoError as error:
            self.context.dialogs.error("无法打开报告", str(error))
            return
        self._install(session)

    def _install(self, session: ReportSession) -> None:
        if self.editor is not None:
            self.editor.undo.deleteLater()  # with its commands, which hold the old report
            self.editor.deleteLater()
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
        self._build_pages()
        self._show_report()

    def _show_report(self) -> None:
        self.stack.setCurrentWidget(self.splitter)
        for action in self.report_actions:
            action.setEnabled(True)
        self._update_title()

    def _build_pages(self) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for page in self.pages:
            page.deleteLater()
        self.pages = []
        for section in self.editor.report.form.sections:
            page = (TextPage if section.is_text else TablePage)(self.editor, section)
            if isinstance(page, TablePage):
                page.pasteRefused.connect(self._paste_refused)
                for view in page.views:
                    view.messageShown.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.append(page)
            self.tabs.addTab(page, section.heading_short)
        self.tabs.setCurrentIndex(max(current, 0))
        self._update_tab_titles()

    # -- showing -----------------------------------------------------------------------

    def _update_title(self) -> None:
        report = self.editor.report
        if self.editor.readonly:
            state = "只读"
        elif self.save_problem:
            state = "有修改未保存"
        else:
            state = "已保存"
        self.setWindowTitle(f"{report.title} — {self.file.path.name}（{state}）")

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
        if self.save_problem:
            self.save_problem = None
            self.statusBar().showMessage("已保存", 5000)
            self._update_title()

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

    # -- printing ----------------------------------------------------------------------

    def _pdf(self) -> bytes | None:
        self._flush_texts()  # print what is on screen, including the narrative being typed
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
        if (path := self.context.dialogs.ask_save_pdf(f"{self.editor.report.title}.pdf")) is None:
            return
        try:
            printing.export_pdf(pdf, path)
        except OSError as error:
            self.context.dialogs.error("无法保存PDF", f"无法写入 {path}（{error.strerror}）")
            return
        self.statusBar().showMessage(f"已导出 {path}", 8000)

    # -- closing -----------------------------------------------------------------------

    def _flush_texts(self) -> bool:
        """Save the narrative being typed; False when some of it could not be saved."""
        return all([page.save() for page in self.pages if isinstance(page, TextPage)])

    def _close_file(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def _may_leave(self, action: str) -> bool:
        """Before the report on screen goes: its narrative saved, or the officer agrees
        to lose what could not be saved."""
        return self._flush_texts() or self.context.dialogs.confirm(
            "有内容未能保存",
            f"{self.save_problem}\n\n仍要{action}吗？未能保存的文字将会丢失。",
        )

    def closeEvent(self, event) -> None:
        if not self._may_leave("关闭"):
            event.ignore()
            return
        self._close_file()
        self.context.settings.set_state("window_geometry", self.saveGeometry())
        self.context.settings.set_state("splitter_state", self.splitter.saveState())
        self.context.settings.sync()
        super().closeEvent(event)
