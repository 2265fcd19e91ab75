"""Opening, creating and switching reports; one writer per file; bad files explained."""

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.app import build
from desktop.core.storage import ReportFile, opening
from desktop.core.storage.schema import LATEST
from desktop.core.storage.writerlock import WriterLock
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
    assert dialogs.infos == []  # said by the banner above the tabs, not by a message box
    assert second.banner.isVisible() and "另一个窗口或程序" in second.banner.label.text()
    assert second.banner.reopen.isVisible()
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
    path = new_file(tmp_path / "报告.sqlite")
    first = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(first)
    first.show()
    first.open_path(path)
    first.resize(701, 555)
    first.panels.actions["findings_panel"].trigger()  # 视图 → 检查结果面板: hidden
    assert not first.panels.docks["findings_panel"].isVisible()
    first.close()
    again = build(settings=settings, dialogs=dialogs, folder=tmp_path / "data")
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (701, 555)
    again.open_path(path)
    assert not again.panels.actions["findings_panel"].isChecked()
    assert not again.panels.docks["findings_panel"].isVisible()
    assert again.panels.docks["report_panel"].isVisible()


# -- a refused file changes nothing; the open file is not opened twice -----------------


def garbage(path):
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    return path


def flipped(path):
    """A report file with one byte of its unit's name changed on the way."""
    data = bytearray(new_file(path, unit="翻转测试单位").read_bytes())
    data[data.index("翻转测试单位".encode())] ^= 0x01
    path.write_bytes(bytes(data))
    return path


def without_reports(path):
    ReportFile.create(path).close()
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [(garbage, "损坏"), (flipped, "损坏"), (without_reports, "还没有报告")],
    ids=["garbage", "byte flipped", "no report"],
)
def test_a_refused_file_leaves_the_open_report_usable_and_unlocked(
    qtbot, window, tmp_path, dialogs, make, words
):
    good = new_file(tmp_path / "好.sqlite")
    window.open_path(good)
    enter_value(qtbot, window, "s3.new.natural", "5")
    bad = make(tmp_path / "坏.sqlite")
    assert not window.open_path(bad)
    [(title, message)] = dialogs.errors
    assert title == "无法打开报告文件" and words in message, message
    assert window.stack.currentWidget() is window.report_view
    assert window.file.path == good and "好.sqlite（已保存）" in window.windowTitle()
    enter_value(qtbot, window, "s3.new.legal", "7")
    assert stored(good) == {"s3.new.natural": "5", "s3.new.legal": "7"}
    WriterLock.acquire(bad).release()  # the refused file was let go


def same_file_paths(path):
    yield path
    yield path.parent / "子目录" / ".." / path.name
    link = path.parent / "链接.sqlite"
    try:
        link.symlink_to(path)
    except (OSError, NotImplementedError):
        return  # no symlinks here (Windows without the right)
    yield link


def test_opening_the_open_file_again_brings_it_forward(qtbot, window, tmp_path, dialogs):
    path = new_file(tmp_path / "报告.sqlite")
    (tmp_path / "子目录").mkdir()
    window.open_path(path)
    file, editor = window.file, window.editor
    for again in same_file_paths(path):
        window.show_start()
        assert window.open_path(again), again
        assert window.stack.currentWidget() is window.report_view
        assert window.file is file and window.editor is editor
        assert "报告.sqlite（已保存）" in window.windowTitle()
        assert all(action.isEnabled() for action in window.report_actions)  # 打印, 导出PDF
    assert dialogs.infos == [] and dialogs.errors == [] and not window.editor.readonly
    enter_value(qtbot, window, "s3.new.natural", "5")
    assert stored(path) == {"s3.new.natural": "5"}


def test_opening_the_open_file_for_another_year_switches_to_it(qtbot, window, tmp_path, dialogs):
    path = new_file(tmp_path / "历年.sqlite", years=(2023, 2024))
    window.open_path(path)
    assert window.editor.report.year == 2024
    assert window.open_path(tmp_path / "." / "历年.sqlite", "某区人民政府", 2023)
    assert window.editor.report.year == 2023 and dialogs.infos == []
    enter_value(qtbot, window, "s3.new.natural", "3")
    assert stored(path, 2023) == {"s3.new.natural": "3"} and stored(path, 2024) == {}


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_opening_many_files_one_after_another_keeps_nothing_of_the_earlier_ones(
    qtbot, window, tmp_path
):
    def open_all(paths):
        for path in paths:
            assert window.open_path(path)
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop
        return len(os.listdir("/proc/self/fd"))

    first = new_file(tmp_path / "报告0.sqlite")
    paths = [shutil.copyfile(first, tmp_path / f"报告{n}.sqlite") for n in range(1, 150)]
    settled = open_all([first, *paths[:4]])
    assert open_all(paths[4:]) <= settled + 3
    assert len(window.undo.stacks()) == 1  # nor the undo history of closed reports


@pytest.mark.parametrize(
    ("where", "words"),
    [("folder", "所在的文件夹或U盘不能写入"), ("file", "是只读文件")],
)
def test_a_file_that_cannot_be_written_here_opens_read_only(
    qtbot, window, tmp_path, dialogs, monkeypatch, where, words
):
    (tmp_path / "光盘").mkdir()
    path = new_file(tmp_path / "光盘" / "报告.sqlite")
    refused = path.parent if where == "folder" else path
    real_access = os.access

    def access(name, mode, **kwargs):
        return str(name) != str(refused) and real_access(name, mode, **kwargs)

    monkeypatch.setattr(opening.os, "access", access)
    assert window.open_path(path)
    assert dialogs.infos == []
    message = window.banner.label.text()
    assert window.banner.isVisible() and words in message, message
    assert window.banner.copy.isVisible() and not window.banner.reopen.isVisible()
    assert window.editor.readonly and "（只读）" in window.windowTitle()
    enter_value(qtbot, window, "s3.new.natural", "5")
    assert stored(path) == {} and window.editor.report.values == {}
    WriterLock.acquire(path).release()  # read-only holds no lock
