"""The real window, driven as an officer would, with dialogs answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.app import build
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.storage import ReportFile
from desktop.ui.dialogs import NewReport
from desktop.ui.settings import Settings


class FakeDialogs:
    """Answers the window's questions from queues and records its messages."""

    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.new_reports: list[NewReport | None] = []
        self.open_paths: list[Path | None] = []
        self.save_paths: list[Path | None] = []
        self.printers: list = []
        self.answers: list[bool] = []
        self.shown: list = []
        self.questions: list[str] = []
        self.texts: list[str | None] = []  # answers to ask_text
        self.years: list[int | None] = []
        self.report_paths: list[Path | None] = []  # where a copy of a report goes
        self.folders: list[Path | None] = []  # where each file dialog would start
        # Print and export options: each answer in turn, else OK with what is offered.
        self.export_choices: list = []
        self.offered_choices: list = []  # (purpose, choices offered) per ask
        self.docx_paths: list[Path | None] = []  # Word drafts chosen to import
        self.word_imports: list[bool] = []  # 导入 (True) or 取消 on each Word preview
        self.word_previews: list = []  # the Word preview dialogs shown
        self.import_paths: list[Path | None] = []  # files chosen to import, per kind asked
        self.import_kinds: list[str] = []
        self.import_choices: list = []  # import_dialog.ImportChoice (or None) per import
        self.imports_shown: list = []  # (ImportResult, source name, OpenFile) per import
        self.xlsx_paths: list[Path | None] = []  # where an Excel export or template goes
        self.xlsx_titles: list[str] = []  # the title of each Excel save dialog

    def ask_export_options(self, purpose: str, current):
        self.offered_choices.append((purpose, current))
        return self.export_choices.pop(0) if self.export_choices else current

    def ask_new_report(self, default_year: int, folder: Path | None = None) -> NewReport | None:
        self.folders.append(folder)
        return self.new_reports.pop(0)

    def ask_open_path(self, folder: Path | None = None) -> Path | None:
        self.folders.append(folder)
        return self.open_paths.pop(0)

    def ask_save_pdf(self, suggested: str, folder: Path | None = None) -> Path | None:
        self.folders.append(folder)
        return self.save_paths.pop(0)

    def ask_save_xlsx(
        self, suggested: str, folder: Path | None = None, title: str = "导出Excel"
    ) -> Path | None:
        self.folders.append(folder)
        self.xlsx_titles.append(title)
        return self.xlsx_paths.pop(0)

    def ask_import_path(self, kind: str, folder: Path | None = None) -> Path | None:
        self.folders.append(folder)
        self.import_kinds.append(kind)
        return self.import_paths.pop(0)

    def ask_import(self, result, source: str, open_file, folder: Path | None = None):
        self.imports_shown.append((result, source, open_file))
        return self.import_choices.pop(0)

    def ask_open_docx(self, folder: Path | None = None) -> Path | None:
        self.folders.append(folder)
        return self.docx_paths.pop(0)

    def ask_word_import(self, draft, filling, report) -> bool:
        """The real preview is built (and kept for the test to read); the answer queued."""
        from desktop.ui.word_preview import WordPreviewDialog

        self.word_previews.append(WordPreviewDialog(draft, filling, report))
        return self.word_imports.pop(0)

    def ask_save_report(self, suggested: str, folder: Path | None = None) -> Path | None:
        self.folders.append(folder)
        return self.report_paths.pop(0)

    def ask_text(self, title: str, label: str, value: str) -> str | None:
        return self.texts.pop(0)

    def ask_year(self, title: str, label: str, value: int) -> int | None:
        return self.years.pop(0)

    def confirm_delete(self, title: str, text: str) -> bool:
        return self.confirm(title, text)

    def ask_printer(self):
        return self.printers.pop(0)

    def confirm(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answers.pop(0)

    def show(self, dialog) -> None:
        self.shown.append(dialog)

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path, dialogs, settings):
    window = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


@pytest.fixture
def opened(window, tmp_path) -> Path:
    """A new file with one empty 2024 report, open in the window."""
    path = new_file(tmp_path / "报告.sqlite")
    assert window.open_path(path)
    return path


def new_file(path: Path, unit="某区人民政府", years=(2024,), form_id=None) -> Path:
    with ReportFile.create(path) as file:
        for year in years:
            form = load_form(form_id or ("2019" if year < 2021 else "2021"))
            file.add_report(Report(unit, year, form))
    return path


def stored(path: Path, year: int | None = None) -> dict[str, str]:
    """The cells of a report as the file holds them, read independently of the window."""
    with ReportFile.open(path, readonly=True) as file:
        report = file.load(file.find(year=year).id)
    return {k: str(v) for k, v in report.values.items()}


def page_of(window, section_id: str):
    return next(p for p in window.pages if p.section.id == section_id)


def view_of(window, cell_id: str):
    section = cell_id.split(".")[0]
    page = page_of(window, section)
    window.tabs.setCurrentWidget(page)
    return next(v for v in page.views if v.grid_model.index_of(cell_id).isValid())


def click_cell(qtbot, window, cell_id: str):
    view = view_of(window, cell_id)
    index = view.grid_model.index_of(cell_id)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert view.currentIndex() == index
    return view


def type_keys(qtbot, text: str) -> None:
    """Each key to whatever has focus, as a keyboard would (the first opens the editor)."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def enter_value(qtbot, window, cell_id: str, text: str) -> None:
    click_cell(qtbot, window, cell_id)
    type_keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


def centre(widget) -> QPoint:
    return widget.rect().center()


def input_method(widget, text: str) -> None:
    """Deliver text as a Chinese input method does: a commit string, not key presses."""
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
