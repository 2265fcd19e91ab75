"""One writer per report file: a second writable open, in this process or another, is
refused with FileInUseError while read-only opens keep working; the lock dies with its
process and never gets in SQLite's way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import FileInUseError, ReportFileError
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.storage import ReportFile, opening
from desktop.core.storage.writerlock import WriterLock

REPO = Path(__file__).resolve().parents[3]
UNIT = "广州市天河区人民政府"
LINUX = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads Linux /proc")


def in_use(path: Path) -> str:
    return f"{path.name} 正由另一个窗口或程序编辑，只能以只读方式打开。"


def new_file(path: Path) -> Path:
    with ReportFile.create(path) as file:
        file.add_report(Report(UNIT, 2024, load_form("2021")))
    return path


def natural(file: ReportFile) -> object:
    return file.load(file.find().id).values.get("s3.new.natural")


def child(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO
    )


def holder(path: Path) -> subprocess.Popen:
    """Another copy of the program holding the file open for writing."""
    process = child(
        "import sys, time\n"
        "from desktop.core.storage import ReportFile\n"
        f"file = ReportFile.open({str(path)!r})\n"
        "print('ready', flush=True)\n"
        "time.sleep(600)\n"
    )
    assert process.stdout.readline().strip() == "ready"
    return process


# -- in one process -----------------------------------------------------------------


def test_a_second_writable_open_in_the_same_process_is_refused(report_path):
    new_file(report_path)
    with ReportFile.open(report_path):
        with pytest.raises(FileInUseError) as refused:
            ReportFile.open(report_path)
        assert str(refused.value) == in_use(report_path)
        assert isinstance(refused.value, ReportFileError)  # every caller already handles it


def test_a_file_being_created_cannot_be_opened_for_writing(report_path):
    with ReportFile.create(report_path) as file:
        file.add_report(Report(UNIT, 2024, load_form("2021")))
        with pytest.raises(FileInUseError, match="只能以只读方式打开"):
            ReportFile.open(report_path)


def test_read_only_opens_work_while_locked_and_see_committed_edits(report_path):
    new_file(report_path)
    with ReportFile.open(report_path) as writer:
        writer.set_cell(writer.find().id, "s3.new.natural", 7)
        with ReportFile.open(report_path, readonly=True) as reader:
            assert natural(reader) == 7
        writer.set_cell(writer.find().id, "s3.new.natural", 8)
        with ReportFile.open(report_path, readonly=True) as reader:
            assert natural(reader) == 8


def test_after_close_the_file_can_be_opened_for_writing_again(report_path):
    new_file(report_path)
    first = ReportFile.open(report_path)
    first.close()
    first.close()  # closing twice is harmless and does not release someone else's lock
    with ReportFile.open(report_path) as second:
        second.set_cell(second.find().id, "s3.new.natural", 3)
        first.close()
        with pytest.raises(FileInUseError):
            ReportFile.open(report_path)
    with ReportFile.open(report_path) as third:
        assert natural(third) == 3


def test_a_failed_writable_open_leaves_the_file_unlocked(report_path, monkeypatch):
    new_file(report_path)

    def broken(conn):
        raise ReportFileError("磁盘读写错误")

    monkeypatch.setattr(opening, "configure", broken)
    with pytest.raises(ReportFileError, match="磁盘读写错误"):
        ReportFile.open(report_path)
    monkeypatch.undo()
    with ReportFile.open(report_path) as file:
        assert file.find().unit == UNIT


def test_a_refused_create_leaves_the_other_writer_alone(report_path):
    with ReportFile.create(report_path) as file:
        report_id = file.add_report(Report(UNIT, 2024, load_form("2021")))
        with pytest.raises(ReportFileError, match="已存在"):
            ReportFile.create(report_path)
        file.set_cell(report_id, "s3.new.natural", 4)
    with ReportFile.open(report_path, readonly=True) as file:
        assert natural(file) == 4


def test_two_locks_on_one_file_conflict_and_release_is_idempotent(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"")
    with WriterLock.acquire(path) as lock:
        assert lock.held
        with pytest.raises(FileInUseError):
            WriterLock.acquire(path)
    assert not lock.held
    lock.release()
    WriterLock.acquire(path).release()


def test_a_missing_file_is_a_report_file_error(tmp_path):
    with pytest.raises(ReportFileError, match="无法打开"):
        WriterLock.acquire(tmp_path / "missing.sqlite")


# -- across processes ---------------------------------------------------------------


def test_another_process_holds_the_lock_until_it_is_killed(report_path):
    new_file(report_path)
    other = holder(report_path)
    try:
        with pytest.raises(FileInUseError) as refused:
            ReportFile.open(report_path)
        assert str(refused.value) == in_use(report_path)
        with ReportFile.open(report_path, readonly=True) as reader:
            assert reader.find().unit == UNIT
    finally:
        other.kill()  # SIGKILL: no clean-up runs in the child
        other.wait()
    if sys.platform != "win32":
        assert other.returncode == -signal.SIGKILL
    with ReportFile.open(report_path) as file:  # the OS dropped the dead process's lock
        file.set_cell(file.find().id, "s3.new.natural", 5)
        assert natural(file) == 5


# -- the lock and SQLite ------------------------------------------------------------


def test_the_lock_does_not_block_sqlite_in_this_or_another_process(report_path):
    new_file(report_path)
    with ReportFile.open(report_path) as file:
        report_id = file.find().id
        file.set_cell(report_id, "s3.new.natural", 11)  # written through the locked file
        assert natural(file) == 11
        conn = sqlite3.connect(report_path)  # a plain SQLite reader in this process
        try:
            sql = "SELECT value FROM cells WHERE cell = 's3.new.natural'"
            assert conn.execute(sql).fetchall() == [("11",)]
            file.set_cell(report_id, "s3.new.natural", 12)  # a reader open: still writable
            assert conn.execute(sql).fetchall() == [("12",)]
        finally:
            conn.close()
        reader = child(
            "import sqlite3\n"
            f"conn = sqlite3.connect({str(report_path)!r})\n"
            "print(conn.execute(\"SELECT value FROM cells WHERE cell = 's3.new.natural'\")"
            ".fetchone()[0], flush=True)\n"
        )
        assert reader.stdout.readline().strip() == "12"
        assert reader.wait() == 0
        assert sorted(p.name for p in report_path.parent.iterdir()) == [report_path.name]
        file.set_cell(report_id, "s3.new.natural", 13)  # the other reader left no lock behind
        assert natural(file) == 13


def posix_locks(path: Path) -> list[str]:
    """This process's POSIX (fcntl) locks on the file, as the kernel lists them."""
    inode = f":{path.stat().st_ino} "
    mine = f" {os.getpid()} "
    with open("/proc/locks") as locks:
        return [line.split(None, 1)[1] for line in locks if inode in line and mine in line]


@LINUX
def test_between_saves_sqlite_holds_no_posix_lock_so_closing_descriptors_is_safe(report_path):
    """Closing any descriptor of a file drops the process's POSIX locks on it, SQLite's
    included. With a rollback journal SQLite holds them only inside a transaction, and
    saves and writable opens run one at a time, so the writer lock may close its own."""
    new_file(report_path)
    with ReportFile.open(report_path) as file:
        file.set_cell(file.find().id, "s3.new.natural", 1)
        assert [line for line in posix_locks(report_path) if "POSIX" in line] == []
        file.conn.execute("BEGIN IMMEDIATE")
        assert [line for line in posix_locks(report_path) if "POSIX" in line]
        file.conn.execute("ROLLBACK")


@LINUX
def test_descriptors_are_closed_not_piled_up(report_path):
    new_file(report_path)
    WriterLock.acquire(report_path).release()
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(50):
        lock = WriterLock.acquire(report_path)
        with pytest.raises(FileInUseError):
            WriterLock.acquire(report_path)
        lock.release()
    assert len(os.listdir("/proc/self/fd")) == before
