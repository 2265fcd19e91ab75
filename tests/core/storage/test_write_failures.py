"""A save that cannot be made (disk full, read-only medium, a lock held by another
program, a USB stick pulled out) is one sentence in words, and the file keeps exactly
what it held before: the next save, once the cause is gone, works."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import NotWritableError, ReportFileError, WriteFailedError
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile, opening
from tests.media import FailingConnection, fill, read_only, small_filesystem


def report_file(path: Path) -> Path:
    report = Report("测试单位", 2024, load_form("2021"))
    report.values["s3.new.natural"] = 3
    ReportFile.create(path, (report, {})).close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored(path: Path) -> tuple[dict, dict]:
    with ReportFile.open(path, readonly=True) as file:
        report = file.load(file.find().id)
        return dict(report.values), dict(report.texts)


def test_disk_full_is_a_message_and_the_file_keeps_its_state(tmp_path):
    with small_filesystem(tmp_path / "U盘") as stick:
        path = report_file(stick / "报告.sqlite")
        session = ReportSession.open(path)
        try:
            fill(stick)
            before = digest(path)
            with pytest.raises(WriteFailedError) as failed:
                session.set_text("s1", "总体情况" * 3000)
            assert "磁盘空间已满" in str(failed.value) and "报告.sqlite" in str(failed.value)
            assert session.report.text("s1") == ""  # what is shown is what is stored
            assert digest(path) == before
            (stick / "占满.bin").unlink()
            session.set_text("s1", "总体情况" * 3000)  # room again: the same edit saves
        finally:
            session.close()
        assert stored(path)[1] == {"s1": "总体情况" * 3000}


def test_a_file_that_may_not_grow_is_disk_full_too(report_path):
    """SQLite's own page limit stands in for a full disk where nothing can be mounted."""
    report_file(report_path)
    with ReportFile.open(report_path) as file:
        pages = file.conn.execute("PRAGMA page_count").fetchone()[0]
        file.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(WriteFailedError, match="磁盘空间已满"):
            file.set_text(file.find().id, "s1", "字" * 100_000)
        file.set_cell(file.find().id, "s3.new.natural", 4)  # still usable
    assert stored(report_path) == ({"s3.new.natural": 4}, {})


def test_a_read_only_folder_opens_read_only_with_a_message(tmp_path):
    folder = tmp_path / "光盘"
    folder.mkdir()
    path = report_file(folder / "报告.sqlite")
    with read_only(folder):
        with pytest.raises(NotWritableError, match="不能写入"):
            ReportFile.open(path)
        with ReportFile.open(path, readonly=True) as file:
            assert file.load(file.find().id).values == {"s3.new.natural": 3}
        with pytest.raises(ReportFileError, match="无法创建"):
            ReportFile.create(folder / "新.sqlite", (Report("单位", 2024, load_form("2021")), {}))
    assert sorted(p.name for p in folder.iterdir()) == ["报告.sqlite"]


def test_a_read_only_file_opens_read_only_with_a_message(report_path):
    report_file(report_path)
    with read_only(report_path), pytest.raises(NotWritableError, match="只读文件"):
        ReportFile.open(report_path)


@pytest.mark.parametrize(
    ("message", "code", "words"),
    [
        ("disk I/O error", 10 | (3 << 8), "U盘或网络盘是否已断开"),
        ("attempt to write a readonly database", 8, "只读"),
        ("database is locked", 5, "正被其他程序占用"),
        ("database or disk is full", 13, "磁盘空间已满"),
    ],
    ids=["medium removed", "read-only", "locked", "full"],
)
def test_a_failed_commit_rolls_back_and_says_why(report_path, message, code, words):
    report_file(report_path)
    with ReportFile.open(report_path) as file:
        real = file.conn
        file.conn = FailingConnection(real, message, code)
        with pytest.raises(WriteFailedError) as failed:
            file.set_cells(file.find().id, {"s3.new.natural": 9, "s3.new.legal": 1})
        assert words in str(failed.value) and "这次修改没有保存" in str(failed.value)
        assert not real.in_transaction
        file.conn = real
        file.set_cell(file.find().id, "s3.new.legal", 2)
    assert stored(report_path)[0] == {"s3.new.natural": 3, "s3.new.legal": 2}


def test_a_lock_held_by_another_program_is_a_message_after_a_short_wait(report_path, monkeypatch):
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    report_file(report_path)
    with ReportFile.open(report_path) as file:
        other = sqlite3.connect(report_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(WriteFailedError, match="正被其他程序占用"):
                file.set_cell(file.find().id, "s3.new.natural", 8)
        finally:
            other.execute("ROLLBACK")
            other.close()
        file.set_cell(file.find().id, "s3.new.natural", 8)
    assert stored(report_path)[0] == {"s3.new.natural": 8}
