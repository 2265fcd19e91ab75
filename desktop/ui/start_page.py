"""What the window offers before a report is open: new, open, the sample, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PATH_ROLE = Qt.ItemDataRole.UserRole + 4


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentChosen = Signal(Path)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel("<h2>政府信息公开工作年度报告</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title)
        buttons = QHBoxLayout()
        for text, signal in (
            ("新建报告", self.newRequested),
            ("打开报告文件", self.openRequested),
            ("打开示例", self.sampleRequested),
        ):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("最近打开的文件（双击打开）"))
        self.recent = QListWidget()
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(item.data(PATH_ROLE)))
        layout.addWidget(self.recent, 1)

    def show_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}　　{path.parent}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
            self.recent.addItem(item)
