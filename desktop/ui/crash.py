"""An unexpected exception: logged, shown with the message, the versions and a copy
button; the officer's data is untouched because every edit was already saved."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop import __version__

log = logging.getLogger("nianbao")


def versions() -> str:
    import platform  # only when a crash or 关于 shows them

    return (
        f"年报软件 {__version__}；Python {platform.python_version()}；PySide6 {pyside_version}；"
        f"{platform.system()} {platform.release()}"
    )


def report_text(kind, value, tb) -> str:
    details = "".join(traceback.format_exception(kind, value, tb))
    return f"{kind.__name__}: {value}\n{versions()}\n\n{details}"


class CrashDialog(QDialog):
    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("程序出现意外错误")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "程序出现了意外错误。已保存的数据不受影响，您可以继续使用。\n请将以下信息复制给技术支持："
            )
        )
        self.details = QPlainTextEdit(text, readOnly=True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")  # words, always
        copy = buttons.addButton("复制错误信息", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 400)


def install(show=None) -> None:
    """Route uncaught exceptions to the log and a dialog instead of ending the program."""

    def handle(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        text = report_text(kind, value, tb)
        log.error("unexpected error\n%s", text)
        (show or (lambda t: CrashDialog(t, QApplication.activeWindow()).exec()))(text)

    sys.excepthook = handle
