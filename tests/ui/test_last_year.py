"""新建报告 以上年报告为基础 (carried figures, last year's narrative as a draft) and
更正上年数字 from the cell of a cross-year finding, undoable, in the file with its reason."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QKeySequence

from desktop.core.forms import load_form
from desktop.core.report import Report
from desktop.core.storage import ReportFile
from desktop.ui.dialogs import NewReport
from tests.ui.conftest import enter_value, stored, view_of

UNIT = "某区人民政府"


def last_year(path, texts=True):
    report = Report(UNIT, 2023, load_form("2021"), {"s3.carried_out.natural": 3})
    if texts:
        report.texts["s1"] = "上年总体情况。" * 30
    ReportFile.create(path, (report, {})).close()
    return path


def previous_rows(path) -> dict[str, str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT key, value FROM previous JOIN reports ON reports.id = report_id "
            "WHERE year = 2024"
        )
        return dict(rows.fetchall())
    finally:
        conn.close()


def test_a_new_year_is_based_on_last_years_report(window, tmp_path, dialogs):
    path = last_year(tmp_path / "历年.sqlite")
    dialogs.new_reports.append(NewReport(path, UNIT, 2024, "2021", texts=True))
    window.new_report()
    assert window.editor.report.year == 2024
    assert stored(path, 2024) == {"s3.carried_in.natural": "3"}
    assert "上年数据来源：本文件中的2023年度报告" in window.statusBar().currentMessage()
    assert window.editor.report.texts["s1"] == "上年总体情况。" * 30
    assert "请逐段改写" in dialogs.infos[-1][1]
    assert "Y-3:s1" in {f.key for f in window.editor.findings()}
    assert window.report_panel.last_year.text() == "本文件中的2023年度报告"


def test_last_year_from_another_file_is_kept_as_a_copy(window, tmp_path, dialogs):
    other = last_year(tmp_path / "去年.sqlite", texts=False)
    path = tmp_path / "今年.sqlite"
    dialogs.new_reports.append(NewReport(path, UNIT, 2024, "2021", previous=other))
    window.new_report()
    assert stored(path, 2024) == {"s3.carried_in.natural": "3"}
    assert previous_rows(path)["cell:s3.carried_out.natural"] == "3"
    assert "去年.sqlite" in window.report_panel.last_year.text()


def test_without_basis_nothing_is_carried(window, tmp_path, dialogs):
    path = last_year(tmp_path / "历年.sqlite")
    dialogs.new_reports.append(NewReport(path, UNIT, 2024, "2021", basis=False))
    window.new_report()
    assert stored(path, 2024) == {} and previous_rows(path) == {}


def test_a_figure_last_year_printed_wrong_is_corrected_from_the_cell(
    qtbot, window, tmp_path, dialogs
):
    path = last_year(tmp_path / "历年.sqlite", texts=False)
    dialogs.new_reports.append(NewReport(path, UNIT, 2024, "2021"))
    window.new_report()
    enter_value(qtbot, window, "s3.carried_in.natural", "5")
    assert "Y-1:natural" in {f.key for f in window.editor.findings()}
    view = view_of(window, "s3.carried_in.natural")
    menu_owner = next(c for c in view.children() if type(c).__name__ == "CellMenu")
    rect = view.visualRect(view.grid_model.index_of("s3.carried_in.natural"))
    menu = menu_owner.popup(rect.center())
    action = next(a for a in menu.actions() if a.text() == "更正上年数字…")
    action.trigger()
    menu.close()
    [dialog] = menu_owner.corrections
    dialog.value.setText("5")
    dialog.save()  # no reason: refused, stays open
    assert "理由" in dialog.problem.text() and dialog.isVisible()
    dialog.reason.setText("上年报告漏计2件")
    dialog.save()
    assert not dialog.isVisible()
    assert "Y-1:natural" not in {f.key for f in window.editor.findings()}
    rows = previous_rows(path)
    assert (rows["fix:s3.carried_out.natural"], rows["was:s3.carried_out.natural"]) == ("5", "3")
    assert rows["why:s3.carried_out.natural"] == "上年报告漏计2件"
    assert "已更正 1 项" in window.report_panel.last_year.text()
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)
    assert "fix:s3.carried_out.natural" not in previous_rows(path)
    assert "Y-1:natural" in {f.key for f in window.editor.findings()}


def test_the_new_report_dialog_offers_last_year_as_the_basis(qtbot):
    from desktop.ui.dialogs import NewReportDialog

    dialog = NewReportDialog(2024)
    qtbot.addWidget(dialog)
    assert dialog.basis() == (True, None, False)  # on by default, from the same file
    dialog.on_basis.setChecked(False)
    assert not dialog.texts.isEnabled() and dialog.basis()[0] is False
