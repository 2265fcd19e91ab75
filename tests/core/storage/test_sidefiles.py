"""Side files beside a report file (-journal, -wal) are never played back unless this
program wrote them: whatever lies there, opening a file changes no file but the one being
edited, and what is edited is exactly what was checked."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from desktop.core.errors import ReportFileError
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.storage import ReportFile, claims
from tests.core.storage.crafted import hot_journal

MODES = pytest.mark.parametrize("readonly", [True, False], ids=["readonly", "writable"])
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")
WIPE = "CREATE TRIGGER wipe AFTER INSERT ON changelog BEGIN DELETE FROM cells; END"


def report_file(path: Path, natural: int = 3) -> Path:
    report = Report("测试单位", 2024, load_form("2021"))
    report.values["s3.new.natural"] = natural
    ReportFile.create(path, (report, {})).close()
    return path


def tree(folder: Path) -> dict[str, str]:
    """Every file under the folder with its hash: what must not change."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def triggers(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    finally:
        conn.close()


@pytest.fixture
def attack(tmp_path) -> dict[str, Path]:
    """A clean report file sent with a crafted journal: played back, it installs a trigger
    that wipes the figures, and it names the officer's own document as super-journal."""
    clean = report_file(tmp_path / "clean.sqlite")
    hostile = tmp_path / "hostile.sqlite"
    shutil.copyfile(clean, hostile)
    conn = sqlite3.connect(hostile, isolation_level=None)
    conn.execute(WIPE)
    conn.close()
    home = tmp_path / "home"
    home.mkdir()
    victim = home / "重要文件.docx"
    victim.write_bytes(b"the officer's own document")
    received = tmp_path / "received"
    received.mkdir()
    sent = received / "某单位报告.sqlite"
    shutil.copyfile(clean, sent)
    journal = hot_journal(hostile.read_bytes(), clean.read_bytes(), super_journal=str(victim))
    sent.with_name(sent.name + "-journal").write_bytes(journal)
    return {"sent": sent, "victim": victim, "home": home, "received": received}


def test_the_crafted_journal_is_a_real_attack_on_plain_sqlite(attack, tmp_path):
    """The control: SQLite itself plays it back, installs the trigger, deletes the victim."""
    folder = tmp_path / "control"
    shutil.copytree(attack["received"], folder)
    conn = sqlite3.connect(folder / attack["sent"].name)
    conn.execute("SELECT count(*) FROM reports").fetchone()
    conn.close()
    assert "wipe" in triggers(folder / attack["sent"].name)
    assert not attack["victim"].exists()


@MODES
def test_a_crafted_journal_is_refused_in_words_and_changes_nothing(attack, readonly):
    before = tree(attack["received"]), tree(attack["home"])
    with pytest.raises(ReportFileError) as refused:
        ReportFile.open(attack["sent"], readonly=readonly)
    message = str(refused.value)
    assert "某单位报告.sqlite-journal" in message
    assert "另一个程序正在写入时复制" in message and "索取一份完整的文件" in message
    assert (tree(attack["received"]), tree(attack["home"])) == before
    assert attack["victim"].read_bytes() == b"the officer's own document"
    assert "wipe" not in triggers(attack["sent"])


def test_a_claimed_file_with_a_super_journal_is_still_refused(attack):
    """This program never writes a super-journal: one is foreign even beside our file."""
    claims.claim(attack["sent"])
    try:
        with pytest.raises(ReportFileError, match="未写完的记录文件"):
            ReportFile.open(attack["sent"])
    finally:
        claims.release(attack["sent"])
    assert attack["victim"].exists()


def interrupted_save(path: Path) -> Path:
    """The state a kill mid-save leaves: the file half-way to 7, a hot journal of 3."""
    before = report_file(path, natural=3).read_bytes()
    with ReportFile.open(path) as file:
        file.set_cell(file.find().id, "s3.new.natural", 7)
    journal = hot_journal(before, path.read_bytes())
    path.with_name(path.name + "-journal").write_bytes(journal)
    claims.claim(path)  # as the killed program left it
    return path


def natural(path: Path, readonly: bool) -> object:
    with ReportFile.open(path, readonly=readonly) as file:
        return file.load(file.find().id).values["s3.new.natural"]


def test_our_own_interrupted_save_is_rolled_back_when_opened_for_writing(report_path):
    interrupted_save(report_path)
    assert natural(report_path, readonly=False) == 3
    assert sorted(p.name for p in report_path.parent.iterdir()) == [report_path.name]


def test_our_own_interrupted_save_reads_back_without_touching_the_file(report_path):
    interrupted_save(report_path)
    before = tree(report_path.parent)
    assert natural(report_path, readonly=True) == 3
    assert tree(report_path.parent) == before


def test_the_same_journal_beside_a_file_we_do_not_hold_is_refused(report_path):
    interrupted_save(report_path)
    claims.release(report_path)
    for readonly in (True, False):
        with pytest.raises(ReportFileError, match="未写完的记录文件"):
            ReportFile.open(report_path, readonly=readonly)


def test_a_clean_close_removes_the_claim(report_path):
    report_file(report_path)
    with ReportFile.open(report_path):
        assert claims.is_claimed(report_path)
    assert not claims.is_claimed(report_path)
    ReportFile.open(report_path, readonly=True).close()
    assert not claims.is_claimed(report_path)


def test_closing_twice_leaves_the_next_writers_claim(report_path):
    report_file(report_path)
    first = ReportFile.open(report_path)
    first.close()
    with ReportFile.open(report_path):
        first.close()
        assert claims.is_claimed(report_path)


def wal_copy(tmp_path: Path) -> Path:
    """A file copied with its -wal while another program had edits in the log."""
    source = report_file(tmp_path / "source.sqlite")
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(WIPE)
    received = tmp_path / "received"
    received.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{source}{suffix}", received / f"报告.sqlite{suffix}")
    conn.close()
    return received / "报告.sqlite"


@MODES
def test_a_foreign_wal_is_refused_and_nothing_changes(tmp_path, readonly):
    sent = wal_copy(tmp_path)
    before = tree(sent.parent)
    with pytest.raises(ReportFileError, match=r"报告\.sqlite-wal"):
        ReportFile.open(sent, readonly=readonly)
    assert tree(sent.parent) == before


@MODES
def test_leftover_empty_wal_and_shm_beside_a_wal_mode_file_are_harmless(tmp_path, readonly):
    path = report_file(tmp_path / "报告.sqlite")
    data = bytearray(path.read_bytes())
    data[18:20] = b"\x02\x02"  # as files of earlier versions were
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").write_bytes(b"")
    assert natural(path, readonly) == 3
    if not readonly:
        assert path.read_bytes()[18:20] == b"\x01\x01"


def test_a_zeroed_journal_is_not_hot_and_is_cleared_before_writing(report_path):
    report_file(report_path)
    journal = report_path.with_name(report_path.name + "-journal")
    journal.write_bytes(b"\x00" * 1024)
    assert natural(report_path, readonly=True) == 3
    assert journal.exists()  # reading touches nothing
    with ReportFile.open(report_path) as file:
        file.set_cell(file.find().id, "s3.new.natural", 4)
    assert not journal.exists()
    assert natural(report_path, readonly=True) == 4


@POSIX
@MODES
def test_a_journal_that_is_a_link_is_refused_and_its_target_survives(
    report_path, tmp_path, readonly
):
    report_file(report_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    os.symlink(victim, report_path.with_name(report_path.name + "-journal"))
    with pytest.raises(ReportFileError, match="未写完的记录文件"):
        ReportFile.open(report_path, readonly=readonly)
    assert victim.read_text() == "keep me"


@POSIX
@MODES
def test_a_fifo_in_place_of_the_journal_does_not_hang(report_path, readonly):
    report_file(report_path)
    os.mkfifo(report_path.with_name(report_path.name + "-journal"))
    with pytest.raises(ReportFileError, match="未写完的记录文件"):
        ReportFile.open(report_path, readonly=readonly)


@POSIX
@MODES
def test_a_fifo_in_place_of_the_report_is_refused_without_reading(tmp_path, readonly):
    path = tmp_path / "报告.sqlite"
    os.mkfifo(path)
    with pytest.raises(ReportFileError, match="不是文件"):
        ReportFile.open(path, readonly=readonly)


def test_a_copy_taken_while_open_holds_every_saved_edit(report_path, tmp_path):
    """The file alone is the report: no side file is needed to read the last edit."""
    from desktop.core.interchange import fingerprint
    from desktop.core.session import ReportSession

    report_file(report_path)
    session = ReportSession.open(report_path)
    try:
        for value in ("5", "6", "7"):
            session.set_cell("s3.new.natural", value)
        session.set_text("s1", "总体情况：已按要求公开。")
        assert sorted(p.name for p in report_path.parent.iterdir()) == [report_path.name]
        copy = tmp_path / "U盘" / "报告.sqlite"
        copy.parent.mkdir()
        copy.write_bytes(report_path.read_bytes())  # the .sqlite alone, window still open
        with ReportFile.open(copy, readonly=True) as file:
            copied = file.load(file.find().id)
        assert fingerprint(copied) == fingerprint(session.report)
        assert copied.values["s3.new.natural"] == 7
    finally:
        session.close()
