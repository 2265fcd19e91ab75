"""Files that must be refused with one clear message, read-only or writable, and left
exactly as they were: same bytes, no -wal/-shm/-journal created beside them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import NewerVersionError, ReportFileError
from desktop.core.forms import load_form
from desktop.core.report import MAX_TEXT_LENGTH, Report
from desktop.core.storage import ReportFile
from desktop.core.storage.schema import LATEST

MODES = pytest.mark.parametrize("readonly", [True, False], ids=["readonly", "writable"])


def report_file(path: Path) -> Path:
    """A proper report file with one 2021-format report and one cell, fully checkpointed."""
    report = Report("测试单位", 2024, load_form("2021"))
    report.values["s3.new.natural"] = 3
    report.texts["s1"] = "总体情况"
    with ReportFile.create(path) as file:
        file.add_report(report)
    return path


def tamper(path: Path, *statements: str | tuple[str, tuple]) -> Path:
    """Edit the file behind the program's back, leaving no -wal behind."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            sql, params = statement if isinstance(statement, tuple) else (statement, ())
            conn.execute(sql, params)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def snapshot(path: Path) -> tuple[str | None, list[str]]:
    """The file's hash (None when it is not a file) and everything beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return digest, sorted(p.name for p in path.parent.iterdir())


def open_and_read(path: Path, readonly: bool) -> None:
    """Everything a face does on opening: list the reports and load each one."""
    with ReportFile.open(path, readonly=readonly) as file:
        for info in file.reports():
            file.load(info.id)
            file.explanations(info.id)


def refusal(path: Path, readonly: bool, error=ReportFileError, one_line=True) -> str:
    """Open and read; assert the refusal left no trace; return the message."""
    before = snapshot(path)
    with pytest.raises(error) as caught:
        open_and_read(path, readonly)
    assert snapshot(path) == before
    message = str(caught.value)
    assert message.strip()
    if one_line:
        assert "\n" not in message
    return message


# -- not a report file at all --------------------------------------------------------


@MODES
def test_missing_path_is_refused_and_not_created(tmp_path, readonly):
    path = tmp_path / "没有.sqlite"
    assert "找不到文件" in refusal(path, readonly)
    assert not path.exists()


@MODES
def test_directory_is_refused(tmp_path, readonly):
    path = tmp_path / "目录.sqlite"
    path.mkdir()
    assert "不是文件" in refusal(path, readonly)
    assert list(path.iterdir()) == []


@MODES
def test_empty_file_is_refused_on_open(report_path, readonly):
    report_path.write_bytes(b"")
    assert "不是 SQLite 数据库" in refusal(report_path, readonly)


@MODES
def test_text_file_is_refused(report_path, readonly):
    report_path.write_text("单位,年度\n天河区,2024\n", encoding="utf-8")
    assert "不是 SQLite 数据库" in refusal(report_path, readonly)


@MODES
def test_sqlite_header_followed_by_garbage_is_corrupt(report_path, readonly):
    report_path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    assert "已损坏" in refusal(report_path, readonly)


@MODES
def test_truncated_report_file_is_corrupt(report_path, readonly):
    data = report_file(report_path).read_bytes()
    report_path.write_bytes(data[: len(data) // 2])
    assert "已损坏" in refusal(report_path, readonly)


def smash_page_2(path: Path) -> Path:
    """Overwrite the cell pointers of page 2 (a b-tree page): only quick_check sees it."""
    data = bytearray(report_file(path).read_bytes())
    data[4096 + 8 : 4096 + 200] = b"\xab" * 192
    path.write_bytes(bytes(data))
    return path


@MODES
def test_report_file_with_a_smashed_page_is_corrupt(report_path, readonly):
    smash_page_2(report_path)
    assert "已损坏" in refusal(report_path, readonly, one_line=False)


def test_smashed_page_message_is_one_line(report_path):
    smash_page_2(report_path)
    refusal(report_path, readonly=True)


@MODES
@pytest.mark.parametrize("version", [0, 2])
def test_foreign_sqlite_database_is_not_a_report_file(report_path, readonly, version):
    tamper(report_path, "CREATE TABLE customers (id INTEGER, name TEXT)")
    tamper(report_path, f"PRAGMA user_version = {version}")
    assert "不是年报数据文件" in refusal(report_path, readonly)


# -- a report file from a newer program ----------------------------------------------


@MODES
def test_newer_version_is_refused_untouched(report_path, readonly):
    tamper(report_file(report_path), f"PRAGMA user_version = {LATEST + 1}")
    message = refusal(report_path, readonly, NewerVersionError)
    assert "更新版本" in message
    assert f"文件版本 {LATEST + 1}" in message


# -- hostile schema objects -----------------------------------------------------------


@MODES
@pytest.mark.parametrize(
    ("sql", "words"),
    [
        (
            "CREATE TRIGGER sneaky AFTER INSERT ON cells BEGIN DELETE FROM texts; END",
            "触发器“sneaky”",
        ),
        ("CREATE VIEW sneaky_view AS SELECT * FROM cells", "视图“sneaky_view”"),
        ("CREATE TABLE sneaky_table (x)", "数据表“sneaky_table”"),
        ("CREATE INDEX sneaky_index ON cells (value)", "索引“sneaky_index”"),
    ],
    ids=["trigger", "view", "table", "index"],
)
def test_extra_schema_object_is_refused_by_name(report_path, readonly, sql, words):
    tamper(report_file(report_path), sql)
    message = refusal(report_path, readonly)
    assert words in message and "不属于年报数据文件" in message


@MODES
def test_dropped_append_only_trigger_is_refused(report_path, readonly):
    tamper(report_file(report_path), "DROP TRIGGER changelog_no_delete")
    message = refusal(report_path, readonly)
    assert "缺少触发器“changelog_no_delete”" in message


# -- absurd content in an otherwise proper file ----------------------------------------


@MODES
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1e400", "“1e400”无效"),
        ("abc", "“abc”无效"),
        ("-5", "不能为负数"),
        ("2.5", "不能有小数"),
        ("9" * 13, "超过12位"),
        ("7" * 10_000_000, "值无效"),
    ],
    ids=["overflow", "letters", "negative", "fraction", "digits", "10MB"],
)
def test_absurd_cell_value_is_refused(report_path, readonly, value, words):
    tamper(
        report_file(report_path),
        ("UPDATE cells SET value = ? WHERE cell = 's3.new.natural'", (value,)),
    )
    message = refusal(report_path, readonly)
    assert "本年新收政府信息公开申请数量（自然人）" in message
    assert words in message


@MODES
def test_unknown_cell_id_is_refused(report_path, readonly):
    tamper(report_file(report_path), "INSERT INTO cells VALUES (1, 's3.nope.natural', '1')")
    assert "本格式没有的单元格“s3.nope.natural”" in refusal(report_path, readonly)


@MODES
def test_value_stored_in_published_for_an_input_cell_is_refused(report_path, readonly):
    tamper(report_file(report_path), "INSERT INTO published VALUES (1, 's3.new.legal', '1')")
    assert "本格式没有的单元格“s3.new.legal”" in refusal(report_path, readonly)


@MODES
def test_overlong_text_is_refused(report_path, readonly):
    tamper(
        report_file(report_path),
        ("UPDATE texts SET text = ? WHERE section = 's1'", ("字" * (MAX_TEXT_LENGTH + 1),)),
    )
    message = refusal(report_path, readonly)
    assert "一、总体情况" in message and "超长" in message


@MODES
def test_overlong_meta_is_refused(report_path, readonly):
    tamper(report_file(report_path), ("UPDATE reports SET phone = ?", ("1" * 101,)))
    assert "联系电话无效或超长" in refusal(report_path, readonly)


@MODES
def test_unit_name_of_ten_thousand_characters_is_refused(report_path, readonly):
    tamper(report_file(report_path), ("UPDATE reports SET unit = ?", ("单" * 10_000,)))
    assert "单位名称" in refusal(report_path, readonly)


def test_unit_name_of_ten_thousand_characters_is_reported_as_too_long(report_path):
    tamper(report_file(report_path), ("UPDATE reports SET unit = ?", ("单" * 10_000,)))
    message = refusal(report_path, readonly=True)
    assert "不超过100字" in message and "缺少" not in message


@MODES
@pytest.mark.parametrize("year", [1900, 99999, "'二〇二四'"], ids=["1900", "99999", "text"])
def test_impossible_year_is_refused(report_path, readonly, year):
    tamper(report_file(report_path), f"UPDATE reports SET year = {year}")
    assert "报告年度" in refusal(report_path, readonly)


@MODES
def test_unknown_form_is_refused(report_path, readonly):
    tamper(report_file(report_path), "UPDATE reports SET form = '2099'")
    assert "未知的报告格式“2099”" in refusal(report_path, readonly)


# -- a proper file -------------------------------------------------------------------


def test_proper_file_opens_readonly_without_writing_anything(report_path):
    report_file(report_path)
    before = snapshot(report_path)
    with ReportFile.open(report_path, readonly=True) as file:
        report = file.load(file.find().id)
        assert snapshot(report_path) == before
    assert snapshot(report_path) == before
    assert (report.unit, report.year, report.values) == ("测试单位", 2024, {"s3.new.natural": 3})
