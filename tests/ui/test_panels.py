"""The new-report dialog and the report-information panel."""

from PySide6.QtCore import QPoint, Qt

from desktop.core.storage import ReportFile
from desktop.ui.dialogs import NewReportDialog
from tests.ui.conftest import input_method, new_file


def test_the_format_follows_the_year_unless_overridden(qtbot):
    dialog = NewReportDialog(2024)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.form.currentData() == "2021" and not dialog.form.isEnabled()
    dialog.year.setValue(2020)
    assert dialog.form.currentData() == "2019"
    qtbot.mouseClick(
        dialog.override, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.override.height() // 2)
    )
    assert dialog.form.isEnabled()
    dialog.form.setCurrentIndex(dialog.form.findData("2021"))
    dialog.year.setValue(2019)
    dialog.unit.setFocus()
    input_method(dialog.unit, "某县财政局")
    assert dialog.values() == ("某县财政局", 2019, "2021")


def test_an_empty_unit_is_not_accepted(qtbot):
    dialog = NewReportDialog(2024)
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.result() == 0 and dialog.unit.placeholderText() == "请填写单位名称"


def test_sign_off_fields_are_saved_when_left(qtbot, window, tmp_path):
    path = new_file(tmp_path / "报告.sqlite")
    window.open_path(path)
    edit = window.report_panel.meta["preparer"]
    edit.setFocus()
    input_method(edit, "王五")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    with ReportFile.open(path, readonly=True) as file:
        assert file.load(file.find().id).meta == {"preparer": "王五"}
    assert window.report_panel.unit.text() == "某区人民政府"
    assert "2021年格式" in window.report_panel.form.text()
    window.undo_action.trigger()
    assert edit.text() == ""


def test_the_report_can_be_renamed_moved_or_deleted_from_the_panel(window, tmp_path):
    window.open_path(new_file(tmp_path / "报告.sqlite"))
    panel = window.report_panel
    assert panel.manage.text() == "更改或删除本报告" and panel.manage.isEnabled()
    entries = [a.text() for a in panel.manage.menu().actions() if not a.isSeparator()]
    assert entries == ["更改单位名称…", "更改年度…", "删除本报告…"]
    assert panel.meta["phone"].placeholderText().startswith("如 020-")
