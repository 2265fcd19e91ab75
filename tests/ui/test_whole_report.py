"""An officer enters the whole 2020 天河区 report by keyboard and input method; the file
then holds exactly the published figures and the same findings as the core finds."""

import json

from PySide6.QtCore import Qt

from desktop import paths
from desktop.core.interchange import read_json
from desktop.core.session import check_report
from desktop.core.storage import ReportFile
from tests.ui.conftest import click_cell, input_method, new_file, page_of, press, stored, type_keys

SAMPLE = paths.resource(*paths.SAMPLE_JSON)


def published():
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data, read_json(SAMPLE.read_bytes(), SAMPLE.name).report


def test_entering_the_whole_report_by_keyboard(qtbot, window, tmp_path):
    data, expected = published()
    path = new_file(tmp_path / "天河.sqlite", unit=expected.unit, years=(2020,))
    window.open_path(path)
    for page in window.pages:
        for view in getattr(page, "views", []):
            enter_table(qtbot, window, view, expected)
    for section_id, text in data["texts"].items():
        page = page_of(window, section_id)
        window.tabs.setCurrentWidget(page)
        page.text.setFocus()
        for paragraph in text.split("\n"):
            input_method(page.text, paragraph)
            press(qtbot, Qt.Key.Key_Return)
        page.text.textCursor().deletePreviousChar()  # the last Return added an empty line
        page.save()
    assert stored(path, 2020) == {k: str(v) for k, v in expected.values.items()}
    with ReportFile.open(path, readonly=True) as file:
        report = file.load(file.find().id)
    assert report.texts == data["texts"]
    assert [f.line() for f in check_report(report, None)] == window.findings.messages()
    assert [f.key for f in check_report(report, None)] == [
        f.key for f in check_report(expected, None)
    ]


def enter_table(qtbot, window, view, expected):
    """Column by column: click the top figure, then type and press Enter down the column
    (Tab along the single row of the flat table 四)."""
    grid = view.grid_model.grid
    cells = [c for c in grid.data_cells if not c.derived and c.cell_id in expected.values]
    if view.grid_model.table.layout == "flat":
        click_cell(qtbot, window, cells[0].cell_id)
        for cell in cells:
            assert view.currentIndex() == view.grid_model.index(cell.row, cell.col)
            type_keys(qtbot, str(expected.values[cell.cell_id]))
            press(qtbot, Qt.Key.Key_Tab)
            if (
                view.grid_model.index_of(cell.cell_id.rsplit(".", 1)[0] + ".total")
                == view.currentIndex()
            ):
                press(qtbot, Qt.Key.Key_Tab)  # step over the computed 总计
        return
    for col in sorted({c.col for c in cells}):
        column = sorted((c for c in cells if c.col == col), key=lambda c: c.row)
        click_cell(qtbot, window, column[0].cell_id)
        for cell in column:
            if view.currentIndex() != view.grid_model.index(cell.row, cell.col):
                click_cell(qtbot, window, cell.cell_id)  # a computed row lies between
            type_keys(qtbot, str(expected.values[cell.cell_id]))
            press(qtbot, Qt.Key.Key_Return)
