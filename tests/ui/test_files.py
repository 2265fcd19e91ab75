"""Opening, creating and switching reports; one writer per file; bad files explained."""

import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.app import build
from desktop.core.storage.schema import LATEST
from desktop.ui.dialogs import NewReport
from tests.ui.conftest import enter_value, new_file, stored


def click_button(qtbot, parent, text):
    button = next(b for b in parent.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_start_page_offers_new_open_sample_and_recent(qtbot, window, tmp_path, dialogs):
    assert window.stack.currentWidget() is window.start
    dialogs.new_reports.append(NewReport(tmp_path / "新.sqlite", "某县财政局", 2020, "2019"))
    click_button(qtbot, window.start, "新建报告")
    assert window.editor.report.unit == "某县财政局" and window.editor.report.form.id == "2019"
    assert "已保存" in window.windowTitle() and "某县财政局2020年" in window.windowTitle()
    window.show_start()
    click_button(qtbot, window.start, "打开示例")
    assert window.editor.report.unit == "广州市天河区人民政府"
    assert window.editor.report.texts["s1"]
    window.show_start()
    assert [p.name for p in window.context.settings.recent_files()][:2] == [
        "示例报告-广州市天河区人民政府2020年度.sqlite",
        "新.sqlite",
    ]
    item = window.start.recent.item(1)
    window.start.recent.itemActivated.emit(item)
    assert window.editor.report.unit == "某县财政局"


def test_new_report_added_to_an_existing_file_keeps_the_history(qtbot, window, tmp_path, dialogs):
    path = new_file(tmp_path / "历年.sqlite", years=(2023,))
    dialogs.new_reports.append(NewReport(path, "某区人民政府", 2024, "2021"))
    window.new_report()
    assert [i.year for i in window.file.reports()] == [2023, 2024]
    assert window.editor.report.year == 2024


def test_switching_reports_is_one_click(qtbot, window, tmp_path):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    assert window.editor.report.year == 2024
    reports = window.report_panel.reports
    rect = reports.visualItemRect(reports.item(0))
    qtbot.mouseClick(reports.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.report.year == 2023
    enter_value(qtbot, window, "s3.new.natural", "3")
    assert stored(path, 2023) == {"s3.new.natural": "3"} and stored(path, 2024) == {}


def test_a_second_window_gets_the_file_read_only(qtbot, window, tmp_path, dialogs, settings):
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    enter_value(qtbot, window, "s3.new.natural", "5")
    second = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(second)
    second.show()
    assert second.open_path(path)
    assert "只读" in dialogs.infos[-1][1] and "另一个窗口或程序" in dialogs.infos[-1][1]
    assert "只读" in second.windowTitle()
    assert second.editor.report.values["s3.new.natural"] == 5  # sees what the first saved
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    enter_value(qtbot, second, "s3.new.legal", "9")
    assert stored(path) == {"s3.new.natural": "5"}
    assert second.editor.report.values == {"s3.new.natural": 5}
    second.close()


def test_a_second_copy_of_the_program_gets_it_read_only(qtbot, window, tmp_path, dialogs):
    path = new_file(tmp_path / "报告.sqlite")
    code = (
        "import sys, time; from desktop.core.storage import ReportFile; "
        f"f = ReportFile.open({str(path)!r}); print('ready', flush=True); time.sleep(60)"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "ready"
        assert window.open_path(path)
        assert window.editor.readonly and "只读" in window.windowTitle()
    finally:
        other.kill()
        other.wait()


def test_files_that_cannot_be_opened_explain_why_and_the_window_stays_usable(
    qtbot, window, tmp_path, dialogs
):
    text = tmp_path / "说明.txt"
    text.write_text("不是数据库", encoding="utf-8")
    foreign = tmp_path / "其他.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    newer = new_file(tmp_path / "新版.sqlite")
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    corrupt = tmp_path / "坏.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for path, words in (
        (text, "不是年报数据文件"),
        (foreign, "不是年报数据文件"),
        (newer, "更新版本"),
        (corrupt, "损坏"),
    ):
        assert not window.open_path(path)
        title, message = dialogs.errors[-1]
        assert title == "无法打开报告文件" and words in message, message
        assert window.stack.currentWidget() is window.start
    good = new_file(tmp_path / "好.sqlite")
    assert window.open_path(good)


def test_window_state_is_remembered(qtbot, tmp_path, dialogs, settings):
    first = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(first)
    first.show()
    first.resize(701, 555)
    first.splitter.setSizes([100, 700, 311])
    sizes = first.splitter.sizes()
    first.close()
    again = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (701, 555)
    assert again.splitter.sizes() == sizes
