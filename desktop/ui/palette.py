"""Colours and icons of the grids. A finding is never shown by colour alone: an icon
and the tooltip say it too.

The cell backgrounds are light, so their text must be dark whatever the system says:
in Windows dark mode the system text colour is white, which on these backgrounds
cannot be read. The table pages therefore keep a light palette of their own
(`keep_light`), and every colour pair used is checked for contrast in the tests."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

HEADER = QColor("#dfe6ee")
LABEL = QColor("#f3f5f8")
DERIVED = QColor("#e9e9e9")
ERROR = QColor("#f8d0d0")
WARNING = QColor("#fcefc4")
READONLY_TEXT = QColor("#555555")
TEXT = QColor("#1a1a1a")  # the text on every background above
BASE = QColor("#ffffff")
WINDOW = QColor("#f0f0f0")
HIGHLIGHT = QColor("#0063b1")  # the selected cell, with white text
BANNER = QColor("#fff4ce")  # the read-only banner, with TEXT
BACKGROUNDS = (HEADER, LABEL, DERIVED, ERROR, WARNING, BASE, WINDOW)

_ROLES = {
    QPalette.ColorRole.Window: WINDOW,
    QPalette.ColorRole.WindowText: TEXT,
    QPalette.ColorRole.Base: BASE,
    QPalette.ColorRole.AlternateBase: LABEL,
    QPalette.ColorRole.Text: TEXT,
    QPalette.ColorRole.PlaceholderText: READONLY_TEXT,
    QPalette.ColorRole.Button: WINDOW,
    QPalette.ColorRole.ButtonText: TEXT,
    QPalette.ColorRole.BrightText: BASE,
    QPalette.ColorRole.Highlight: HIGHLIGHT,
    QPalette.ColorRole.HighlightedText: BASE,
    QPalette.ColorRole.ToolTipBase: QColor("#ffffdc"),
    QPalette.ColorRole.ToolTipText: TEXT,
    QPalette.ColorRole.Light: BASE,
    QPalette.ColorRole.Midlight: QColor("#e3e3e3"),
    QPalette.ColorRole.Mid: QColor("#a0a0a0"),
    QPalette.ColorRole.Dark: QColor("#a0a0a0"),
    QPalette.ColorRole.Shadow: QColor("#696969"),
    QPalette.ColorRole.Link: QColor("#0b57d0"),
}


def light_palette() -> QPalette:
    """Dark text on light backgrounds, every role set, so a dark system palette (or a
    switch to dark mode while the program runs) changes nothing in the grids."""
    palette = QPalette()
    for role, colour in _ROLES.items():
        palette.setColor(role, colour)
        palette.setColor(QPalette.ColorGroup.Disabled, role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, READONLY_TEXT)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, READONLY_TEXT)
    return palette


def keep_light(widget: QWidget) -> None:
    """The grids, their captions and the balance strip stay readable in dark mode."""
    widget.setPalette(light_palette())


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio (1 to 21); 4.5 is enough for ordinary text."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def severity_icon(severity: str) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity == "error"
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


def worst(findings) -> str | None:
    """How a cell or tab is marked: an error only while it still blocks; an explained
    error is marked like a warning (looked at, accepted, still visible)."""
    if not findings:
        return None
    return "error" if any(f.blocking for f in findings) else "warning"
