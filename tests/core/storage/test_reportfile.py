"""ReportFile: creation, durable edits, the append-only change log, several reports
per file, and migration of older files (on disk when writable, in memory when not)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal

import pytest

from desktop.core.errors import InputError, ReportFileError
from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.session import ReportSession
from desktop.core.storage import ReportFile, schema

UNIT = "广州市天河区人民政府"


def new_report(unit: str = UNIT, year: int = 2024, form: str = "2021") -> Report:
    return Report(unit, year, load_form(form))


def create_with_report(path, report: Report | None = None) -> tuple[ReportFile, int]:
    file = ReportFile.create(path)
    return file, file.add_report(report or new_report())


def read_back(path, sql: str, params=()) -> list[tuple]:
    """Read through a second, independent connection (what a crash would leave)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- creation -------------------------------------------------------------------


def test_create_writes_latest_version_with_a_rollback_journal(report_path):
    with ReportFile.create(report_path):
        pass
    assert report_path.read_bytes()[18:20] == b"\x01\x01"  # not WAL: the file alone is whole
    conn = sqlite3.connect(report_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_writer_connection_syncs_extra(report_path):
    """EXTRA: in DELETE mode the journal's deletion commits, and it is synced too."""
    with ReportFile.create(report_path) as file:
        assert file.conn.execute("PRAGMA synchronous").fetchone()[0] == 3
        assert file.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_create_refuses_existing_file(report_path):
    with ReportFile.create(report_path):
        pass
    before = sha256(report_path)
    with pytest.raises(ReportFileError, match="已存在"):
        ReportFile.create(report_path)
    assert sha256(report_path) == before


# -- durability -------------------------------------------------------------------


def test_reportfile_set_cell_is_visible_to_another_connection_at_once(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.set_cell(report_id, "s3.new.natural", 7)
        rows = read_back(report_path, "SELECT value FROM cells WHERE cell='s3.new.natural'")
        assert rows == [("7",)]
    finally:
        file.close()


def test_session_set_cell_is_visible_to_another_connection_at_once(report_path):
    create_with_report(report_path)[0].close()
    session = ReportSession.open(report_path)
    try:
        session.set_cell("s2.fees.amount", "12.50")
        rows = read_back(report_path, "SELECT value FROM cells WHERE cell='s2.fees.amount'")
        assert rows == [("12.5",)]
        assert session.report.values["s2.fees.amount"] == Decimal("12.5")
    finally:
        session.close()


# -- change log -------------------------------------------------------------------


def test_each_edit_appends_one_changelog_row(report_path):
    file, report_id = create_with_report(report_path)
    try:
        start = len(file.changelog(report_id))
        file.set_cell(report_id, "s3.new.natural", 5)
        file.set_text(report_id, "s1", "总体情况")
        file.set_meta(report_id, "preparer", "张三")
        log = file.changelog(report_id)[start:]
    finally:
        file.close()
    assert [(e["target"], e["old"], e["new"]) for e in log] == [
        ("s3.new.natural", None, "5"),
        ("s1", None, "总体情况"),
        ("meta.preparer", None, "张三"),
    ]
    for entry in log:
        assert set(entry) == {"target", "old", "new", "at", "os_user"}
        assert entry["at"] and entry["os_user"] is not None


def test_changelog_records_old_value_on_change(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.set_cell(report_id, "s3.new.natural", 5)
        file.set_cell(report_id, "s3.new.natural", 6)
        last = file.changelog(report_id)[-1]
    finally:
        file.close()
    assert (last["target"], last["old"], last["new"]) == ("s3.new.natural", "5", "6")


@pytest.mark.parametrize(
    "statement", ["UPDATE changelog SET new = 'forged'", "DELETE FROM changelog"]
)
def test_changelog_is_append_only(report_path, statement):
    create_with_report(report_path)[0].close()
    before = read_back(report_path, "SELECT * FROM changelog")
    conn = sqlite3.connect(report_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(statement)
    finally:
        conn.close()
    assert read_back(report_path, "SELECT * FROM changelog") == before


def test_set_cell_with_same_value_does_not_log(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.set_cell(report_id, "s3.new.natural", 5)
        count = len(file.changelog(report_id))
        file.set_cell(report_id, "s3.new.natural", 5)
        assert len(file.changelog(report_id)) == count
    finally:
        file.close()


def test_clearing_a_cell_deletes_it_and_logs_old_to_none(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.set_cell(report_id, "s3.new.natural", 5)
        file.set_cell(report_id, "s3.new.natural", None)
        last = file.changelog(report_id)[-1]
    finally:
        file.close()
    assert (last["target"], last["old"], last["new"]) == ("s3.new.natural", "5", None)
    assert read_back(report_path, "SELECT * FROM cells WHERE cell='s3.new.natural'") == []


# -- adding and replacing reports -----------------------------------------------------


def test_add_report_refuses_same_unit_and_year_and_suggests_replace(report_path):
    file, _ = create_with_report(report_path)
    try:
        with pytest.raises(ReportFileError, match="--replace"):
            file.add_report(new_report())
        assert len(file.reports()) == 1
    finally:
        file.close()


def test_add_report_replace_replaces_content_and_logs_removed_values(report_path):
    old = new_report()
    old.values["s3.new.natural"] = 5
    old.texts["s1"] = "旧文字"
    file, report_id = create_with_report(report_path, old)
    try:
        new = new_report()
        new.values["s3.new.legal"] = 2
        assert file.add_report(new, replace=True) == report_id
        loaded = file.load(report_id)
        log = [(e["target"], e["old"], e["new"]) for e in file.changelog(report_id)]
    finally:
        file.close()
    assert loaded.values == {"s3.new.legal": 2}
    assert loaded.texts == {}
    assert ("s3.new.natural", "5", None) in log
    assert ("s1", "旧文字", None) in log
    assert log[-1] == ("s3.new.legal", None, "2")


def test_add_report_replace_does_not_keep_old_meta(report_path):
    old = new_report()
    old.meta["preparer"] = "张三"
    file, report_id = create_with_report(report_path, old)
    try:
        file.add_report(new_report(), replace=True)
        assert file.load(report_id).meta == {}
    finally:
        file.close()


# -- several reports per file -----------------------------------------------------------


def test_one_file_holds_reports_of_several_units_and_years(report_path):
    file = ReportFile.create(report_path)
    try:
        for unit, year, form in (("甲", 2023, "2021"), ("甲", 2024, "2021"), ("乙", 2024, "2021")):
            file.add_report(new_report(unit, year, form))
        assert [(r.unit, r.year) for r in file.reports()] == [
            ("乙", 2024),
            ("甲", 2023),
            ("甲", 2024),
        ]
        assert (file.find("甲", 2023).unit, file.find("甲", 2023).year) == ("甲", 2023)
        assert file.find("乙").unit == "乙"
    finally:
        file.close()


def test_find_with_ambiguous_selection_lists_the_candidates(report_path):
    file = ReportFile.create(report_path)
    try:
        file.add_report(new_report("甲", 2023))
        file.add_report(new_report("甲", 2024))
        file.add_report(new_report("乙", 2024))
        with pytest.raises(ReportFileError, match="多份报告") as error:
            file.find(year=2024)
    finally:
        file.close()
    message = str(error.value)
    assert "甲 2024年度" in message and "乙 2024年度" in message
    assert "2023" not in message


def test_find_without_match_says_so(report_path):
    file, _ = create_with_report(report_path)
    try:
        with pytest.raises(ReportFileError, match="没有"):
            file.find(year=2019)
    finally:
        file.close()


def test_previous_is_the_same_units_report_of_the_year_before(report_path):
    file = ReportFile.create(report_path)
    try:
        for unit, year in (("甲", 2022), ("甲", 2023), ("乙", 2023), ("甲", 2024)):
            report = new_report(unit, year)
            report.values["s3.new.natural"] = year
            file.add_report(report)
        previous = file.previous(file.load(file.find("甲", 2024).id))
        assert (previous.unit, previous.year) == ("甲", 2023)
        assert previous.values["s3.new.natural"] == 2023
        assert file.previous(file.load(file.find("乙", 2023).id)) is None
        assert file.previous(file.load(file.find("甲", 2022).id)) is None
    finally:
        file.close()


# -- migration -------------------------------------------------------------------------


def make_version_1(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        schema.migrate(conn, 1)
        conn.execute(
            "INSERT INTO reports (id, unit, year, form) VALUES (1, ?, 2020, '2019')", (UNIT,)
        )
        conn.execute("INSERT INTO cells VALUES (1, 's3.new.natural', '42')")
    finally:
        conn.close()


def user_version(path) -> int:
    return read_back(path, "PRAGMA user_version")[0][0]


def test_writable_open_migrates_version_1_and_keeps_data(report_path):
    make_version_1(report_path)
    assert user_version(report_path) == 1
    with ReportFile.open(report_path) as file:
        report = file.load(file.find().id)
        assert file.explanations(1) == {}
    assert user_version(report_path) == schema.LATEST
    assert (report.unit, report.year, report.form.id) == (UNIT, 2020, "2019")
    assert report.values == {"s3.new.natural": 42}


def test_readonly_open_migrates_version_1_in_memory_only(report_path, tmp_path):
    make_version_1(report_path)
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(report_path, copy)
    before = sha256(copy)
    with ReportFile.open(copy, readonly=True) as file:
        report = file.load(file.find().id)
        assert file.explanations(1) == {}
    assert report.values == {"s3.new.natural": 42}
    assert sha256(copy) == before
    assert user_version(copy) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([report_path.name, copy.name])


def test_readonly_open_refuses_edits(report_path):
    create_with_report(report_path)[0].close()
    with (
        ReportFile.open(report_path, readonly=True) as file,
        pytest.raises(ReportFileError, match="只读"),
    ):
        file.set_cell(file.find().id, "s3.new.natural", 1)


# -- renaming, correcting the year, deleting ------------------------------------------


def test_set_identity_renames_and_moves_the_year_logged_and_checksummed(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.set_cell(report_id, "s3.new.natural", 4)
        file.set_identity(report_id, "广州市天河区人民政府办公室", 2023)
        assert [(i.unit, i.year) for i in file.reports()] == [("广州市天河区人民政府办公室", 2023)]
        assert file.changelog(report_id)[-1]["old"] == f"{UNIT} 2024"
    finally:
        file.close()
    with ReportFile.open(report_path, readonly=True) as reopened:  # checksum still holds
        assert reopened.load(reopened.find().id).values == {"s3.new.natural": 4}


def test_set_identity_refuses_an_existing_report_and_bad_names(report_path):
    file, report_id = create_with_report(report_path)
    try:
        file.add_report(new_report(year=2023))
        with pytest.raises(ReportFileError, match="已有"):
            file.set_identity(report_id, UNIT, 2023)
        with pytest.raises(InputError):
            file.set_identity(report_id, "单位\u202e名称", 2024)
        assert sorted(i.year for i in file.reports()) == [2023, 2024]
    finally:
        file.close()


def test_delete_report_removes_its_rows_and_keeps_the_history(report_path):
    file, report_id = create_with_report(report_path)
    try:
        other = file.add_report(new_report(year=2023))
        file.set_cell(report_id, "s3.new.natural", 4)
        file.set_explanation(report_id, sorted(c.key for c in load_form("2021").checks)[0], "说明")
        file.delete_report(report_id)
        assert [i.id for i in file.reports()] == [other]
        assert file.changelog(report_id)[-1]["target"] == "report"
    finally:
        file.close()
    for table in ("cells", "texts", "explanations", "published"):
        assert read_back(
            report_path, f"SELECT count(*) FROM {table} WHERE report_id=?", (report_id,)
        ) == [(0,)]
    with ReportFile.open(report_path, readonly=True) as reopened:
        assert [i.year for i in reopened.reports()] == [2023]


def test_session_follows_a_new_year_to_its_previous_report(report_path):
    file, _ = create_with_report(report_path, new_report(year=2025))
    file.add_report(new_report(year=2023))
    file.close()
    session = ReportSession.open(report_path, year=2025)
    try:
        assert session.prev is None
        session.set_identity(UNIT, 2024)
        assert session.prev is not None and session.prev.year == 2023
        assert session.report.year == 2024 and session.info.year == 2024
    finally:
        session.close()
