"""The checksum a save keeps up to date row by row always equals the one computed from
all rows, whatever sequence of edits, imports and replacements made the file; and any
change made behind the program's back is seen."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InputError
from desktop.core.forms import load_form
from desktop.core.report import META_FIELDS, Report
from desktop.core.storage import ReportFile, checksum

FORM = load_form("2021")
CELLS = sorted(c for c, d in FORM.cells.items() if not d.derived)[:12]
SECTIONS = [s.id for s in FORM.text_sections]
KEYS = sorted(c.key for c in FORM.checks)[:6]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
EDITS = st.lists(
    st.one_of(
        st.tuples(
            st.just("cells"),
            st.dictionaries(st.sampled_from(CELLS), st.none() | st.integers(0, 999), max_size=4),
        ),
        st.tuples(st.just("text"), st.sampled_from(SECTIONS), TEXT),
        st.tuples(st.just("meta"), st.sampled_from(sorted(META_FIELDS)), TEXT),
        st.tuples(st.just("explain"), st.sampled_from(KEYS), TEXT),
        st.tuples(st.just("declare"), st.sampled_from(["no_applications", "other"]), TEXT),
        st.tuples(st.just("replace"), st.integers(0, 999)),
        st.tuples(st.just("add"), st.integers(2008, 2030)),
    ),
    max_size=12,
)


def apply(file: ReportFile, edit: tuple) -> None:
    report_id = file.find(year=2024).id
    kind, *args = edit
    if kind == "cells":
        file.set_cells(report_id, args[0])
    elif kind == "text":
        file.set_text(report_id, *args)
    elif kind == "meta":
        file.set_meta(report_id, *args)
    elif kind == "explain":
        file.set_explanation(report_id, *args)
    elif kind == "declare":
        with suppress(InputError):  # refused before anything was written
            file.set_cells(report_id, {CELLS[1]: 0}, declarations={args[0]: args[1] or None})
    elif kind == "replace":
        report = Report("测试单位", 2024, FORM, values={CELLS[0]: args[0]}, texts={"s1": "新"})
        report.declarations["no_applications"] = "本年度未收到政府信息公开申请"
        file.add_report(report, replace=True, explanations={KEYS[0]: "替换"})
    elif args[0] not in {i.year for i in file.reports()}:
        file.add_report(Report("测试单位", args[0], FORM, meta={"preparer": "某人"}))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_kept_checksums_equal_computed_ones_after_any_edits(tmp_path_factory, edits):
    path = tmp_path_factory.mktemp("c") / "报告.sqlite"
    ReportFile.create(path, (Report("测试单位", 2024, FORM), {})).close()
    with ReportFile.open(path) as file:
        for edit in edits:
            apply(file, edit)
            assert checksum.mismatched(file.conn) == []
    ReportFile.open(path, readonly=True).close()  # and the file opens


def test_a_failed_save_leaves_the_stored_checksum_as_it_was(report_path):
    ReportFile.create(report_path, (Report("测试单位", 2024, FORM), {})).close()
    with ReportFile.open(report_path) as file:
        before = checksum.stored(file.conn)
        try:
            with file.transaction():
                file._write_row("cells", file.find().id, CELLS[0], "5")
                raise sqlite3.OperationalError("disk I/O error")
        except Exception:
            pass
        assert checksum.stored(file.conn) == before
        file.set_cell(file.find().id, CELLS[0], 6)
        assert checksum.mismatched(file.conn) == []


def test_every_kind_of_row_counts(report_path: Path):
    report = Report(
        "测试单位", 2024, FORM, values={CELLS[0]: 1}, texts={"s1": "文"}, meta={"preparer": "张三"}
    )
    report.published["s3.total.natural"] = 9
    report.declarations["no_applications"] = "本年度未收到政府信息公开申请"
    ReportFile.create(report_path, (report, {KEYS[0]: "说明"})).close()
    conn = sqlite3.connect(report_path)
    try:
        for table, column in (
            ("cells", "value"),
            ("published", "value"),
            ("texts", "text"),
            ("explanations", "text"),
            ("reports", "preparer"),
            ("reports", "form"),
            ("reports", "year"),
        ):
            conn.execute("SAVEPOINT s")
            conn.execute(f"UPDATE {table} SET {column} = {column} || '0'")
            assert checksum.mismatched(conn) == [1], (table, column)
            conn.execute("ROLLBACK TO s")
        assert checksum.mismatched(conn) == []
    finally:
        conn.close()


def test_a_report_that_could_not_be_read_back_is_never_written(report_path):
    ReportFile.create(report_path, (Report("测试单位", 2024, FORM), {})).close()
    with ReportFile.open(report_path) as file:
        with pytest.raises(InputError, match="报告年度"):
            file.add_report(Report("测试单位", 1999, FORM))
        assert [i.year for i in file.reports()] == [2024]
