"""The window and its dialogs on the screens officers have: 1366×768, 1280×720 (a
1920×1080 laptop at 150 %), with a taskbar. Nothing may lie beyond the available area:
not the status bar, not a dialog's buttons."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1400, 860)
TITLE_BAR = 40  # a window's title bar and frame, before the window system says
MARGIN = 16  # a dialog keeps this much of the screen around it
EDGE = 4  # and a window filling a small screen this much


def screen_of(widget: QWidget | None = None, point: QPoint | None = None) -> QScreen:
    screen = QGuiApplication.screenAt(point) if point is not None else None
    if screen is None and widget is not None:
        screen = widget.screen()
    return screen or QGuiApplication.primaryScreen()


def fits(rect: QRect, area: QRect) -> bool:
    """A window's inner geometry, with its title bar above it, lies inside area."""
    return area.contains(rect.adjusted(0, -TITLE_BAR, 0, 0))


def place_window(window: QWidget, saved: QByteArray | None) -> None:
    """The saved geometry if it fits the screen it would be on now; otherwise 1400×860
    centred where there is room, and the whole screen below the title bar where not."""
    if saved is not None and window.restoreGeometry(saved):
        if window.isMaximized():
            return
        area = screen_of(window, window.geometry().center()).availableGeometry()
        if fits(window.geometry(), area) and _at_least_minimum(window):
            return
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
    area = screen_of(window).availableGeometry()
    wanted = QRect(QPoint(0, 0), DEFAULT_SIZE)
    wanted.moveCenter(area.center())
    wanted.moveTop(max(wanted.top(), area.top() + TITLE_BAR))
    if not fits(wanted, area):
        # A small screen: all of it below the title bar. Not maximised: a maximised
        # window set before it is shown may come back maximised after a resize.
        wanted = area.adjusted(EDGE, TITLE_BAR, -EDGE, -EDGE)
    window.setGeometry(wanted)


def _at_least_minimum(window: QWidget) -> bool:
    minimum = window.minimumSizeHint()
    return window.width() >= minimum.width() and window.height() >= minimum.height()


def fit_dialog(dialog: QWidget, wanted: QSize, parent: QWidget | None = None) -> QScreen:
    """Size a dialog to what it wants, or to the screen less its title bar and a margin,
    and place it there; returns the screen it is on (for its pixel ratio)."""
    screen = screen_of(parent)
    area = screen.availableGeometry()
    room = QSize(area.width() - 2 * MARGIN, area.height() - TITLE_BAR - 2 * MARGIN)
    size = wanted.boundedTo(room)
    dialog.resize(size)
    left = area.left() + (area.width() - size.width()) // 2
    top = area.top() + max(MARGIN, (area.height() - size.height() - TITLE_BAR) // 2)
    dialog.move(left, top)  # the frame's corner: the title bar lies below it
    return screen
