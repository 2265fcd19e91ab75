"""Builds the context (settings, dialogs, fonts, resources) and the window; nothing else."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QStandardPaths, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui import crash
from desktop.ui.dialogs import Dialogs
from desktop.ui.fonts import ensure_chinese_font
from desktop.ui.main_window import AppContext, MainWindow
from desktop.ui.settings import Settings


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".nianbao")


def install_qt_translations(app: QApplication) -> None:
    """Qt's own buttons and dialogs (是/否, 关闭, the print dialog) in Chinese."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder
        ):
            app.installTranslator(translator)


def build(
    settings: Settings | None = None, dialogs: Dialogs | None = None, folder: Path | None = None
):
    """The window with its context; tests pass their own settings, dialogs and folder."""
    ensure_chinese_font(QApplication.instance(), paths.resource(*paths.UI_FONT))
    context = AppContext(
        settings=settings or Settings(),
        dialogs=dialogs or Dialogs(),
        sample_json=paths.resource(*paths.SAMPLE_JSON),
        data_dir=folder or data_dir(),
    )
    window = MainWindow(context)
    if isinstance(context.dialogs, Dialogs) and context.dialogs.parent is None:
        context.dialogs.parent = window
    return window


def run_gui(path: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("nianbao")
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    install_qt_translations(app)
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=folder / "nianbao.log", level=logging.INFO, encoding="utf-8")
    window = build(folder=folder)
    crash.install()
    window.show()
    app.processEvents()  # the window is on screen before the file is read and checked
    if path:
        window.open_path(Path(path))
    elif not window.context.settings.recent_files():
        window.open_sample()  # first start: show what a finished report looks like
    return app.exec()
