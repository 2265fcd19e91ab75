"""帮助 (使用说明 with F1, 关于 with the versions and formats), every menu and dialog
label in words, and grids that stay readable when Windows is in dark mode."""

from __future__ import annotations

import re

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMenu

from desktop import __version__
from desktop.ui import palette
from desktop.ui.banner import ReadOnlyBanner
from desktop.ui.help import AboutDialog, GuideDialog
from tests.ui.conftest import enter_value, new_file, page_of

CHINESE = re.compile("[\u4e00-\u9fff]")


def menus(window) -> dict[str, QMenu]:
    return {a.text(): a.menu() for a in window.menuBar().actions()}


def test_f1_opens_the_guide_shipped_with_the_program(qtbot, window, dialogs):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    [guide] = dialogs.shown
    qtbot.addWidget(guide)
    assert isinstance(guide, GuideDialog) and guide.windowTitle() == "使用说明"
    text = guide.browser.toPlainText()
    for words in ("新建报告", "自动保存", "复制一份以便编辑", "视图", "Ctrl+S", "只读"):
        assert words in text, words
    assert "找不到使用说明" not in text


def test_about_names_the_versions_and_the_formats(qtbot, window, dialogs):
    about = next(a for a in menus(window)["帮助(&H)"].actions() if a.text() == "关于")
    about.trigger()
    [dialog] = dialogs.shown
    qtbot.addWidget(dialog)
    assert isinstance(dialog, AboutDialog)
    text = dialog.details.text()
    assert f"版本：{__version__}" in text and f"PySide6 {pyside_version}" in text
    assert f"Qt {qVersion()}" in text and "Python 3." in text
    assert "2019年格式（试行）（国办公开办函〔2019〕60号），用于2019—2020年度" in text
    assert "国办公开办函〔2021〕30号" in text and "2021年度及以后" in text


def test_every_menu_entry_is_in_words(window):
    found = []
    for title, menu in menus(window).items():
        assert CHINESE.search(title), title
        for action in menu.actions():
            if not action.isSeparator():
                found.append(action.text())
                assert CHINESE.search(action.text()), action.text()
    for wanted in ("新建报告…", "保存", "退出", "撤销", "使用说明", "关于", "检查结果面板（右侧）"):
        assert wanted in found, wanted


def test_the_2019_format_asks_its_own_things_in_section_one(window, tmp_path):
    window.open_path(new_file(tmp_path / "报告.sqlite", years=(2020,)))
    hint = page_of(window, "s1").findChild(type(window.report_panel.unit)).text()
    assert "国办公开办函〔2019〕60号" in hint and "2021年格式" not in hint
    assert "第五十条" in hint


DARK = {
    QPalette.ColorRole.Window: "#202020",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#0078d4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}


@pytest.fixture
def dark_mode(qapp, window):
    """Windows in dark mode: white text on dark backgrounds, for the whole program. The
    window is given it too: Qt passes a new palette on only once its event loop runs."""
    light = qapp.palette()
    dark = QPalette(light)
    for role, colour in DARK.items():
        dark.setColor(role, QColor(colour))

    def switch():
        qapp.setPalette(dark)
        window.setPalette(dark)

    yield switch
    qapp.setPalette(light)


def cells_readable(view) -> list[str]:
    """Every coloured cell of a grid whose text colour does not stand out from it."""
    model, bad = view.grid_model, []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            background = model.data(index, Qt.ItemDataRole.BackgroundRole)
            if background is None:
                background = view.palette().color(QPalette.ColorRole.Base)
            text = model.data(index, Qt.ItemDataRole.ForegroundRole)
            text = text if text is not None else view.palette().color(QPalette.ColorRole.Text)
            if palette.contrast(QColor(text), QColor(background)) < 4.5:
                bad.append(f"{row},{col}")
    return bad


@pytest.mark.parametrize("when", ["before", "after"], ids=["dark-at-start", "dark-later"])
def test_grid_colours_stay_readable_in_dark_mode(qtbot, window, tmp_path, dark_mode, when):
    if when == "before":
        dark_mode()
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    enter_value(qtbot, window, "s3.new.natural", "4")  # an error colour on the grid
    if when == "after":
        dark_mode()  # switched while the program runs
    assert window.tabs.palette().color(QPalette.ColorRole.Text) == QColor("#ffffff")
    for page in window.pages:
        for view in getattr(page, "views", []):
            assert cells_readable(view) == [], page.section.id
        if getattr(page, "strip", None):
            text = page.strip.palette().color(QPalette.ColorRole.Text)
            assert palette.contrast(text, palette.ERROR) >= 4.5


def test_every_colour_pair_has_contrast():
    light = palette.light_palette()
    text = light.color(QPalette.ColorRole.Text)
    for background in palette.BACKGROUNDS:
        assert palette.contrast(text, background) >= 7, background.name()
    assert palette.contrast(palette.READONLY_TEXT, palette.DERIVED) >= 4.5
    assert palette.contrast(palette.TEXT, palette.BANNER) >= 7
    selected = light.color(QPalette.ColorRole.Highlight)
    assert palette.contrast(light.color(QPalette.ColorRole.HighlightedText), selected) >= 4.5


def test_the_banner_keeps_its_own_colours(qtbot, dark_mode):
    dark_mode()
    banner = ReadOnlyBanner()
    qtbot.addWidget(banner)
    assert (
        palette.BANNER.name() in banner.styleSheet() and palette.TEXT.name() in banner.styleSheet()
    )
