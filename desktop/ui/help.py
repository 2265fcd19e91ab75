"""帮助: 使用说明 (the short guide shipped in resources/help/, F1) and 关于 (the
program's version, Python and Qt, and the official formats it can fill in)."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from desktop import __version__, paths
from desktop.core.forms import all_forms
from desktop.ui.screen_fit import fit_dialog

GUIDE = ("help", "guide.md")


def guide_text() -> str:
    path = paths.resource(*GUIDE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# 使用说明\n\n找不到使用说明文件（{path}），请重新安装本软件。"


def about_lines() -> list[str]:
    lines = [
        f"版本：{__version__}",
        f"Python {platform.python_version()}；PySide6 {pyside_version}；Qt {qVersion()}",
        f"操作系统：{platform.system()} {platform.release()}",
        "可填报的格式：",
    ]
    for form in all_forms().values():
        lines.append(f"　{form.name}（{form.notice}），用于{form.years_words}")
    return lines


def _close_button(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
    buttons.rejected.connect(dialog.reject)
    return buttons


class GuideDialog(QDialog):
    """The guide, readable while the window stays usable beside it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_button(self))
        fit_dialog(self, QSize(720, 760), parent)


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("关于")
        layout = QVBoxLayout(self)
        title = QLabel("<h3>政府信息公开工作年度报告填报软件</h3>")
        self.details = QLabel("\n".join(about_lines()))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(self.details)
        layout.addWidget(_close_button(self))
