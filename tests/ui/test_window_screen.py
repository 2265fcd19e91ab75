"""The window on the screens officers have: 1366×768, 1280×720 (a 1920×1080 laptop at
150 %), 1536×864 (the same at 125 %). The first window, its status bar and the print
preview with its buttons lie on the screen; the preview is sharp at the screen's pixel
ratio; the side panels hide and show from the 视图 menu."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication

from desktop.app import build
from desktop.core.pdf import PdfOptions, render
from desktop.ui import printing
from desktop.ui.screen_fit import TITLE_BAR
from tests.ui.conftest import new_file

# The real window on a screen of the given size and pixel ratio (Qt's offscreen
# platform reads the screen from a file); it prints what lies where, as JSON.
CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from desktop.app import build
    from desktop.core.pdf import PdfOptions, render
    from desktop.ui import printing
    from desktop.ui.settings import Settings
    path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = build(settings, None, folder)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_path(path)
    QTest.qWait(50)

    def rect(widget):
        r = widget.rect().translated(widget.mapToGlobal(widget.rect().topLeft()))
        return [r.x(), r.y(), r.width(), r.height()]

    pdf = render(window.editor.report, [], PdfOptions(draft=True))
    preview = printing.PreviewDialog(pdf, "标题", window)
    preview.show()
    QTest.qWaitForWindowExposed(preview)
    pixmap = preview.labels[0].pixmap()
    screen = app.primaryScreen()
    a = screen.availableGeometry()
    print(json.dumps({
        "available": [a.x(), a.y(), a.width(), a.height()],
        "ratio": screen.devicePixelRatio(),
        "window": rect(window),
        "status": rect(window.statusBar()),
        "tabs": rect(window.tabs),
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "preview": [preview.x(), preview.y(), preview.width(), preview.height()],
        "buttons": [rect(b) for b in preview.buttons.buttons()],
        "page_ratio": pixmap.devicePixelRatio(),
        "page_pixels": pixmap.width(),
        "page_shown": preview.labels[0].sizeHint().width(),
    }))
    preview.close()
    window.close()
    """
)

SCREENS = [(1366, 768, 1.0), (1280, 720, 1.5), (1536, 864, 1.25)]


def inside(rect, area, above: int = 0) -> bool:
    return QRect(*area).contains(QRect(*rect).adjusted(0, -above, 0, 0))


@pytest.mark.parametrize(("width", "height", "ratio"), SCREENS, ids=lambda v: str(v))
def test_the_first_window_and_the_preview_fit_the_screen(tmp_path, width, height, ratio):
    screen = {"name": "office", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio}  # fmt: skip
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    path = new_file(tmp_path / "报告.sqlite")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["available"] == [0, 0, width, height] and shown["ratio"] == ratio
    area = shown["available"]
    assert inside(shown["window"], area, TITLE_BAR)  # and room for its title bar
    assert inside(shown["status"], area)
    assert shown["minimum"][0] <= width and shown["minimum"][1] + TITLE_BAR <= height
    assert shown["tabs"][2] >= width - 500  # the panels leave the tables room
    assert inside(shown["preview"], area) and shown["preview"][3] + TITLE_BAR <= height
    assert len(shown["buttons"]) == 3 and all(inside(b, area) for b in shown["buttons"])
    # Drawn in device pixels, shown at the logical size: sharp at 125 % and 150 %.
    assert shown["page_ratio"] == ratio
    assert shown["page_pixels"] == pytest.approx(shown["page_shown"] * ratio, abs=2)


def test_the_first_window_fits_this_screen(window):
    area = window.screen().availableGeometry()
    assert area.width() < 1400 + 50  # the test screen is smaller than the old 1400×860
    assert area.contains(window.geometry().adjusted(0, -TITLE_BAR, 0, 0))
    bar = window.statusBar()
    assert area.contains(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size()))


def test_a_saved_size_too_big_for_this_screen_is_not_restored(qtbot, tmp_path, settings):
    first = build(settings=settings, dialogs=None, folder=tmp_path / "data")
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(0, 0, 2500, 1400)  # on the big monitor at the office
    first.close()
    again = build(settings=settings, dialogs=None, folder=tmp_path / "data")
    qtbot.addWidget(again)
    again.show()
    area = again.screen().availableGeometry()
    assert area.contains(again.geometry().adjusted(0, -TITLE_BAR, 0, 0))


def test_the_preview_fits_and_is_drawn_at_the_pixel_ratio(qtbot, window, tmp_path):
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    pdf = render(window.editor.report, [], PdfOptions(draft=True))
    dialog = printing.PreviewDialog(pdf, "标题", window, ratio=1.5)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = window.screen().availableGeometry()
    frame = dialog.frameGeometry()  # with a title bar as tall as a real one, it still fits
    assert area.contains(QRect(frame.topLeft(), QSize(frame.width(), dialog.height() + TITLE_BAR)))
    for button in dialog.buttons.buttons():
        assert area.contains(QRect(button.mapToGlobal(button.rect().topLeft()), button.size()))
    # Rendered at 1.5 device pixels per logical pixel (the label shows it at this test
    # screen's own ratio; the subprocess test above sees it at a real 1.5).
    shown = dialog.labels[0].sizeHint().width()
    assert dialog.pages[0].width() == pytest.approx(1.5 * shown, abs=3)


def test_side_panels_hide_and_show_from_the_view_menu(qtbot, window, tmp_path, settings):
    report, findings = (window.panels.docks[n] for n in ("report_panel", "findings_panel"))
    assert not report.isVisible() and not findings.isVisible()  # the start page: none
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    assert report.isVisible() and findings.isVisible()
    wide = window.tabs.width()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "视图(&V)")
    texts = [a.text() for a in view_menu.actions()]
    assert texts == ["报告信息面板（左侧）", "检查结果面板（右侧）"]
    view_menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: window.tabs.width() > wide)  # the tables get its room
    assert not findings.isVisible() and not settings.flag("show_findings_panel", True)
    findings.show()
    findings.close()  # its ×
    assert not view_menu.actions()[1].isChecked()
    view_menu.actions()[1].trigger()
    assert findings.isVisible() and settings.flag("show_findings_panel", False)
    window.show_start()
    assert not findings.isVisible() and not view_menu.actions()[1].isEnabled()


def test_the_window_still_fits_when_every_panel_is_shown(window, tmp_path):
    window.open_path(new_file(tmp_path / "报告.sqlite", years=(2023, 2024)))
    QApplication.processEvents()
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1280 and minimum.height() + TITLE_BAR <= 720
