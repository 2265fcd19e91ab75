"""Damage is found and named, never shown as a crash and never read as other figures:
every byte of a valid file flipped at random, invalid text in every column, rows hidden
or moved, and schema objects that only look like ours."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import ReportFileError
from desktop.core.interchange import read_json
from desktop.core.storage import ReportFile
from tests.conftest import SAMPLES

FLIPS = int(os.environ.get("NIANBAO_FLIPS", "400"))  # the closing note's sweep used 3,000


def rich_file(path: Path) -> Path:
    """Two years of one unit with figures, published totals, texts, sign-off fields and
    explanations: something of every kind a flip could change."""
    reports = []
    for name in ("2020-pingtan-zhsyq", "2021-pingtan-zhsyq"):
        source = SAMPLES / "published" / f"{name}.json"
        result = read_json(source.read_bytes(), source.name)
        result.report.texts["s1"] = "本年度政府信息公开工作总体情况。" * 20
        result.report.meta.update(preparer="张三", phone="020-12345678")
        keys = sorted(c.key for c in result.report.form.checks)[:5]
        reports.append((result.report, {key: f"说明{key}" for key in keys}))
    ReportFile.create(path, *reports).close()
    return path


def contents(path: Path) -> list[tuple]:
    """Everything a face shows of every report in the file."""
    with ReportFile.open(path, readonly=True) as file:
        return [_shown(file, info) for info in file.reports()]


def _shown(file: ReportFile, info) -> tuple:
    report = file.load(info.id)
    return (
        info.unit,
        info.year,
        info.form,
        sorted((k, str(v)) for k, v in report.values.items()),
        sorted((k, str(v)) for k, v in report.published.items()),
        sorted(report.texts.items()),
        sorted(report.meta.items()),
        sorted(file.explanations(info.id).items()),
    )


def test_random_byte_flips_are_refused_or_change_nothing(tmp_path):
    original = rich_file(tmp_path / "原件.sqlite")
    expected, data = contents(original), original.read_bytes()
    rng = random.Random(20261201)
    damaged = tmp_path / "受损.sqlite"
    outcome = {"refused": 0, "unchanged": 0}
    for _ in range(FLIPS):
        position, mask = rng.randrange(len(data)), rng.randrange(1, 256)
        flipped = bytearray(data)
        flipped[position] ^= mask
        damaged.write_bytes(bytes(flipped))
        try:
            found = contents(damaged)
        except ReportFileError as error:
            assert "\n" not in str(error) and damaged.name in str(error)
            outcome["refused"] += 1
            continue
        assert found == expected, f"byte {position} ^ {mask:#x} changed the report silently"
        outcome["unchanged"] += 1
    assert outcome["refused"] > FLIPS // 10 and outcome["unchanged"] > FLIPS // 10


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def refused(path: Path) -> str:
    for readonly in (True, False):
        with pytest.raises(ReportFileError) as caught:
            contents(path) if readonly else ReportFile.open(path).close()
    return str(caught.value)


def test_a_changed_digit_is_caught_by_the_checksum(tmp_path):
    path = rich_file(tmp_path / "报告.sqlite")
    tamper(path, "UPDATE cells SET value = value + 1 WHERE cell = 's3.new.natural'")
    assert "校验码不符" in refused(path)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM cells WHERE rowid IN (SELECT rowid FROM cells LIMIT 3)",
        "DELETE FROM texts",
        "DELETE FROM explanations WHERE rowid = 1",
        "UPDATE cells SET report_id = 2 WHERE report_id = 1 AND cell = 's3.new.natural' "
        "AND NOT EXISTS (SELECT 1 FROM cells WHERE report_id = 2 AND cell = 's3.new.natural')",
        "UPDATE reports SET preparer = '李四'",
        "UPDATE reports SET unit = unit || '办公室'",
    ],
    ids=["hidden cells", "hidden texts", "hidden explanation", "moved row", "meta", "unit"],
)
def test_rows_hidden_moved_or_changed_behind_the_programs_back_are_caught(tmp_path, statement):
    path = rich_file(tmp_path / "报告.sqlite")
    if "report_id = 2" in statement:  # make room in the other report first
        tamper(path, "DELETE FROM cells WHERE report_id = 2 AND cell = 's3.new.natural'")
    before = path.read_bytes()
    tamper(path, statement)
    assert path.read_bytes() != before
    assert "校验码不符" in refused(path)


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("reports", "unit"),
        ("reports", "form"),
        ("reports", "preparer"),
        ("cells", "cell"),
        ("cells", "value"),
        ("published", "value"),
        ("texts", "section"),
        ("texts", "text"),
        ("explanations", "finding"),
        ("explanations", "text"),
        ("meta", "value"),
    ],
)
def test_invalid_utf8_in_any_column_is_named_damage(tmp_path, table, column):
    path = rich_file(tmp_path / "报告.sqlite")
    tamper(
        path,
        f"UPDATE {table} SET {column} = CAST(x'e4b8ff' AS TEXT) "
        f"WHERE rowid = (SELECT min(rowid) FROM {table})",
    )
    message = refused(path)
    assert "报告.sqlite" in message and "\n" not in message


def test_invalid_utf8_in_the_change_log_is_named_damage_when_read(tmp_path):
    path = rich_file(tmp_path / "报告.sqlite")
    tamper(
        path,
        "INSERT INTO changelog (report_id, target, at) VALUES (1, CAST(x'e4b8ff' AS TEXT), 'x')",
    )
    with ReportFile.open(path, readonly=True) as file, pytest.raises(ReportFileError) as caught:
        file.changelog(1)
    assert "已损坏" in str(caught.value)


@pytest.mark.parametrize(
    ("statements", "words"),
    [
        (
            [
                "DROP INDEX reports_unit_year",
                'CREATE INDEX "reports_unit_year"\n    ON "reports" ("unit", "year")',
            ],
            "索引“reports_unit_year”",
        ),
        (
            [
                'CREATE TABLE "cells2" ("report_id" INTEGER REFERENCES "reports"("id"), '
                '"cell" TEXT, "value" TEXT NOT NULL CHECK (length(value) < 30), '
                'PRIMARY KEY ("report_id", "cell"))',
                "INSERT INTO cells2 SELECT * FROM cells",
                "DROP TABLE cells",
                "ALTER TABLE cells2 RENAME TO cells",
            ],
            "数据表“cells”",
        ),
        (
            ['ALTER TABLE reports ADD COLUMN "shadow" TEXT GENERATED ALWAYS AS (unit) VIRTUAL'],
            "数据表“reports”",
        ),
    ],
    ids=["non-unique index", "check constraint", "generated column"],
)
def test_schema_objects_that_only_look_like_ours_are_refused(tmp_path, statements, words):
    path = rich_file(tmp_path / "报告.sqlite")
    tamper(path, *statements)
    message = refused(path)
    assert words in message and "为安全起见不予打开" in message


def test_a_row_of_no_report_is_damage(tmp_path):
    path = rich_file(tmp_path / "报告.sqlite")
    tamper(path, "PRAGMA foreign_keys = OFF", "INSERT INTO texts VALUES (99, 's1', '孤立的文字')")
    assert "已损坏" in refused(path)
