"""The side panels (报告信息 on the left, 检查结果 on the right) as docks the officer can
hide and show again from the 视图 menu or with a panel's ×; the choice is remembered.
On a 1366-wide screen the two panels together take a third of the width, so hiding
one gives a wide table room. They show only while a report is open."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from desktop.ui.settings import Settings

Area = Qt.DockWidgetArea


@dataclass(frozen=True)
class Panel:
    name: str  # object name (kept in the saved window state) and settings key
    title: str
    menu_text: str
    area: Area
    width: int


PANELS = (
    Panel("report_panel", "报告信息", "报告信息面板（左侧）", Area.LeftDockWidgetArea, 190),
    Panel("findings_panel", "检查结果", "检查结果面板（右侧）", Area.RightDockWidgetArea, 276),
)


class PanelDock(QDockWidget):
    """A dock that says when the officer closes it with its ×."""

    closed = Signal()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()


class SidePanels(QObject):
    def __init__(self, window: QMainWindow, settings: Settings, widgets: dict[str, QWidget]):
        super().__init__(window)
        self.window, self.settings = window, settings
        self.docks: dict[str, PanelDock] = {}
        self.actions: dict[str, QAction] = {}
        self.report_shown = False
        for panel in PANELS:
            dock = PanelDock(panel.title, window)
            dock.setObjectName(panel.name)
            dock.setWidget(widgets[panel.name])
            # Not floatable: a floating panel can end up off a small screen and be lost.
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetClosable
                | QDockWidget.DockWidgetFeature.DockWidgetMovable
            )
            dock.setAllowedAreas(Area.LeftDockWidgetArea | Area.RightDockWidgetArea)
            window.addDockWidget(panel.area, dock)
            action = QAction(panel.menu_text, window, checkable=True)
            action.setChecked(self.wanted(panel.name))
            action.toggled.connect(lambda on, name=panel.name: self._toggled(name, on))
            dock.closed.connect(lambda action=action: action.setChecked(False))
            self.docks[panel.name], self.actions[panel.name] = dock, action
        window.resizeDocks(
            list(self.docks.values()), [p.width for p in PANELS], Qt.Orientation.Horizontal
        )

    def wanted(self, name: str) -> bool:
        return self.settings.flag(f"show_{name}", True)

    def _toggled(self, name: str, on: bool) -> None:
        self.settings.set_flag(f"show_{name}", on)
        if self.report_shown:
            self.docks[name].setVisible(on)

    def show_for_report(self, shown: bool) -> None:
        """With a report, the panels the officer wants; on the start page, none."""
        self.report_shown = shown
        for name, dock in self.docks.items():
            dock.setVisible(shown and self.wanted(name))
            self.actions[name].setEnabled(shown)
