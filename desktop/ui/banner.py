"""The banner above the tabs of a report that is open read-only: why (the sample,
another window or program has it, a read-only file or medium) and what to do about it
(reopen it for editing once the other window is closed, or edit a copy)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.core.errors import FileInUseError, ReadableOnlyError
from desktop.ui import palette

COPY = "复制一份以便编辑…"
REOPEN = "重新以可编辑方式打开"


@dataclass(frozen=True)
class ReadOnly:
    """Why a report is open read-only, in the officer's words."""

    kind: str  # "sample", "in_use" or "not_writable"
    reason: str

    @classmethod
    def because(cls, error: ReadableOnlyError) -> ReadOnly:
        return cls("in_use" if isinstance(error, FileInUseError) else "not_writable", str(error))

    @property
    def is_sample(self) -> bool:
        return self.kind == "sample"

    @property
    def can_reopen(self) -> bool:
        """Another window may have closed it since: then it can be edited here."""
        return self.kind == "in_use"

    def words(self) -> str:
        if self.is_sample:
            return f"示例报告：{self.reason}要照着填写自己的报告，请点“{COPY}”。"
        if self.can_reopen:
            return f"只读：{self.reason}关闭另一个窗口后，可点“{REOPEN}”。"
        return f"只读：{self.reason}要修改，请点“{COPY}”，把报告复制到可以写入的地方（如“文档”）。"

    def refusal(self) -> str:
        """What typing into the report is told (the status bar)."""
        if self.is_sample:
            return f"示例报告不能修改。要照着填写，请点上方的“{COPY}”。"
        return f"不能修改：{self.reason}"


SAMPLE = ReadOnly("sample", "随软件提供的示例，只供查看，不能修改。")


class ReadOnlyBanner(QFrame):
    copyRequested = Signal()
    reopenRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("readonly_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Its own colours: readable in dark mode as in light.
        self.setStyleSheet(
            f"#readonly_banner {{ background: {palette.BANNER.name()}; border: 1px solid #d8c27a; }}"
            f"#readonly_banner QLabel {{ color: {palette.TEXT.name()}; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.reopen = QPushButton(REOPEN)
        self.copy = QPushButton(COPY)
        self.reopen.clicked.connect(self.reopenRequested)
        self.copy.clicked.connect(self.copyRequested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reopen)
        layout.addWidget(self.copy)
        self.hide()

    def show_reason(self, readonly: ReadOnly | None) -> None:
        self.setVisible(readonly is not None)
        if readonly is not None:
            self.label.setText(readonly.words())
            self.reopen.setVisible(readonly.can_reopen)


EDITING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def is_typing(event: QEvent) -> bool:
    """A key or input-method commit that would change text (not a move or a shortcut)."""
    if event.type() == QEvent.Type.InputMethod:
        return bool(event.commitString())
    if event.type() != QEvent.Type.KeyPress:
        return False
    if event.matches(QKeySequence.StandardKey.Paste) or event.key() in EDITING_KEYS:
        return True
    control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(event.text().strip()) and not event.modifiers() & control
