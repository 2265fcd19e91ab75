"""Colours and icons of the grids. A finding is never shown by colour alone: an icon
and the tooltip say it too."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

HEADER = QColor("#dfe6ee")
LABEL = QColor("#f3f5f8")
DERIVED = QColor("#e9e9e9")
ERROR = QColor("#f8d0d0")
WARNING = QColor("#fcefc4")
READONLY_TEXT = QColor("#555555")


def severity_icon(severity: str) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity == "error"
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


def worst(findings) -> str | None:
    if not findings:
        return None
    return "error" if any(f.is_error for f in findings) else "warning"
