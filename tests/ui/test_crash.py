"""An unexpected error: logged and shown with the versions and a copy button."""

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.ui import crash


def test_uncaught_exception_is_logged_and_shown(caplog, monkeypatch):
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install(show=shown.append)
    try:
        raise RuntimeError("意外")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="nianbao"):
            sys.excepthook(*sys.exc_info())
    [text] = shown
    assert text.startswith("RuntimeError: 意外") and "PySide6" in text and "Python" in text
    assert "意外" in caplog.text


def test_crash_dialog_copies_the_details(qtbot):
    dialog = crash.CrashDialog("RuntimeError: 意外\n版本")
    qtbot.addWidget(dialog)
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "复制错误信息")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "RuntimeError: 意外\n版本"


def test_crash_dialog_buttons_are_in_words(qtbot):
    dialog = crash.CrashDialog("RuntimeError: 意外")
    qtbot.addWidget(dialog)
    assert sorted(b.text() for b in dialog.findChildren(QPushButton)) == ["关闭", "复制错误信息"]
