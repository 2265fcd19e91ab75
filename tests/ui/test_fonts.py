from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui.fonts import ensure_chinese_font


def test_shipped_font_is_used_when_the_system_has_none(qapp):
    font = paths.resource(*paths.UI_FONT)
    assert font.is_file() and (font.parent / "LICENSE-wqy-microhei.txt").is_file()
    family = ensure_chinese_font(QApplication.instance(), font, force=True)
    assert family and "WenQuanYi" in family
    assert QApplication.font().family() == family
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_qt_standard_buttons_speak_chinese(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.app import install_qt_translations

    install_qt_translations(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert box.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"
