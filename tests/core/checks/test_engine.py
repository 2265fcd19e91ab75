"""Re-checking after an edit runs only the checks that read the cell, with the same result
as checking everything."""

import random

import pytest

from desktop.core.checks import CheckEngine, LiveFindings
from tests.core.checks.conftest import balanced


def test_one_cell_reaches_only_the_checks_that_read_it_or_its_totals():
    engine = CheckEngine(balanced().form)
    keys = {c.key for c in engine.reading_cell("s3.new.natural")}
    assert {"T3-1:natural", "T3-1:total", "T3-3:new", "T3-5", "T3-7", "T3-8", "Y-4:up"} <= keys
    assert not any(k.startswith(("T4", "T2", "T3-1:legal")) for k in keys)
    assert len(keys) < len(engine.checks) / 10


def test_outcome_rows_reach_the_total_row_checks():
    engine = CheckEngine(balanced().form)
    keys = {c.key for c in engine.reading_cell("s3.withheld.state_secret.research")}
    assert {"T3-1:research", "T3-2:research", "T3-6", "T3-1:total"} <= keys


def test_text_and_identity_indexes():
    engine = CheckEngine(balanced().form)
    assert {c.key for c in engine.reading_text("s5")} >= {"T3-10", "T4-5:review", "Y-3:s5"}
    assert {c.key for c in engine.reading_identity()} >= {"B-8", "B-7", "T2-5"}


@pytest.mark.parametrize("form_id", ["2019", "2021"])
def test_live_findings_match_a_full_check_after_every_edit(form_id):
    year = 2020 if form_id == "2019" else 2024
    report, prev = balanced(form_id, year), balanced(form_id, year - 1)
    engine = CheckEngine(report.form)
    live = LiveFindings(engine, report, prev)
    chooser = random.Random(7)
    cells = list(report.form.input_cells)
    for _ in range(300):
        cell = chooser.choice(cells)
        value = chooser.choice([None, 0, 1, 2, 5, 40])
        report.set_value(cell, value)
        live.cell_changed(cell)
        assert live.all() == engine.check(report, prev)
    assert live.all()  # the random edits did unbalance the report


def test_changed_keys_report_what_appeared_and_went(report):
    live = LiveFindings(CheckEngine(report.form), report)
    report.set_value("s3.new.natural", 11)
    assert set(live.cell_changed("s3.new.natural")) == {"T3-1:natural", "T3-1:total"}
    report.set_value("s3.new.natural", 10)
    assert set(live.cell_changed("s3.new.natural")) == {"T3-1:natural", "T3-1:total"}
    assert live.all() == []


def test_text_edit_rechecks_text_rules(report):
    live = LiveFindings(CheckEngine(report.form), report)
    report.texts["s1"] = "统计期限为2020年1月1日至12月31日。"
    assert live.text_changed("s1") == ["B-7"]
