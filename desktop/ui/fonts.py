"""Chinese must render on a machine without a Chinese font: fall back to the shipped one."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
UI_FONT_SIZE = 10


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_chinese_font(app: QApplication, shipped: Path, force: bool = False) -> str | None:
    """Load the shipped font when the system has none (or when forced); returns its family."""
    if has_chinese_font() and not force:
        return None
    font_id = QFontDatabase.addApplicationFont(str(shipped))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the shipped UI font %s", shipped)
        return None
    app.setFont(QFont(families[0], UI_FONT_SIZE))
    return families[0]
