"""Narrative sections: typed through an input method, saved on leaving, plain text only."""

from PySide6.QtCore import QMimeData

from tests.ui.conftest import input_method, new_file, page_of, stored


def texts(path, year=2024):
    from desktop.core.storage import ReportFile

    with ReportFile.open(path, readonly=True) as file:
        return file.load(file.find(year=year).id).texts


def type_narrative(window, tmp_path, section_id: str, text: str):
    """Open a new report, go to a narrative tab and type through the input method."""
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    page = page_of(window, section_id)
    window.tabs.setCurrentWidget(page)
    page.text.setFocus()
    input_method(page.text, text)
    return path


def test_text_typed_by_input_method_is_saved_when_leaving(qtbot, window, tmp_path):
    path = type_narrative(window, tmp_path, "s1", "本年度，我局坚持以公开为常态、不公开为例外。")
    window.tabs.setCurrentWidget(page_of(window, "s3"))
    page_of(window, "s3").views[0].setFocus()
    qtbot.waitUntil(lambda: texts(path).get("s1", "").startswith("本年度，我局"))


def test_a_pause_in_typing_saves_too(qtbot, window, tmp_path):
    path = type_narrative(window, tmp_path, "s5", "存在的主要问题")
    qtbot.waitUntil(lambda: texts(path).get("s5") == "存在的主要问题", timeout=3000)


def test_pasting_from_word_keeps_the_text_and_drops_formatting(qtbot, window, tmp_path):
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    page = page_of(window, "s6")
    mime = QMimeData()
    mime.setHtml("<p><b>无</b><span style='color:red'>其他需要报告的事项</span></p>")
    mime.setText("无其他需要报告的事项")
    page.text.insertFromMimeData(mime)
    page.save()
    assert texts(path)["s6"] == "无其他需要报告的事项"


def test_text_undo_restores_the_stored_text(qtbot, window, tmp_path):
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    page = page_of(window, "s1")
    page.text.setPlainText("第一稿")
    page.save()
    window.undo_action.trigger()
    assert texts(path).get("s1", "") == ""
    assert page.text.toPlainText() == ""
    assert stored(path) == {}
