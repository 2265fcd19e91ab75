"""The grids on the screens officers have: 1366×768, and 1280×720 (a 1920×1080 laptop at
150 %), less the taskbar and title bar. Every figure of 三 and 四 is reached by keyboard
and then shown whole, beside its frozen row label and under its frozen heading; the
page never scrolls sideways; the balance strip's 相差 row can be seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import click_cell, new_file, page_of

SCREENS = [(1366, 768), (1280, 720)]
TASKBAR_AND_TITLE = 72


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def screen(request, window, tmp_path, qtbot):
    width, height = request.param
    window.resize(width, height - TASKBAR_AND_TITLE)
    path = new_file(tmp_path / "报告.sqlite")
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.width() == width)
    return window


def shown_page(window, section_id: str):
    page = page_of(window, section_id)
    window.tabs.setCurrentWidget(page)
    return page


def seen(widget, rect: QRect, within) -> QRect:
    """What of rect (in widget's coordinates) shows inside within, in within's."""
    return QRect(widget.mapTo(within, rect.topLeft()), rect.size()).intersected(within.rect())


def whole(widget, rect: QRect, within) -> bool:
    return seen(widget, rect, within).size() == rect.size()


def check_in_view(view, page) -> None:
    """The current figure is whole on screen, its row label and column heading beside it."""
    model, index = view.grid_model, view.currentIndex()
    cell = model.cell(index)
    rect = view.visualRect(index)
    assert whole(view.viewport(), rect, view.viewport()), cell.cell_id
    assert whole(view.viewport(), rect, page.viewport()), cell.cell_id
    figure = seen(view.viewport(), rect, view)
    header = model.grid.at(model.grid.header_rows - 1, cell.col)
    heading = seen(
        view.top.viewport(), view.top.visualRect(model.index(header.row, header.col)), view
    )
    assert heading.left() <= figure.center().x() <= heading.right(), cell.cell_id
    assert heading.bottom() < figure.top()
    if view.left is not None:  # the row label, frozen at the left
        label = model.grid.at(cell.row, model.table.label_columns - 1)
        index = model.index(label.row, label.col)
        beside = seen(view.left.viewport(), view.left.visualRect(index), view)
        assert beside.top() <= figure.center().y() <= beside.bottom(), cell.cell_id
        assert beside.right() < figure.left()


@pytest.mark.parametrize("section", ["s3", "s4"])
@pytest.mark.parametrize(
    ("key", "across"), [(Qt.Key.Key_Tab, True), (Qt.Key.Key_Return, False)], ids=["tab", "enter"]
)
def test_every_figure_is_reached_and_shown_with_its_labels(qtbot, screen, section, key, across):
    page = shown_page(screen, section)
    view = page.views[0]
    first = view.grid_model.first_input()
    click_cell(qtbot, screen, first.cell_id)
    seen = [first.cell_id]
    for _ in range(200):
        check_in_view(view, page)
        assert page.horizontalScrollBar().maximum() == 0  # the page never scrolls sideways
        qtbot.keyClick(QApplication.focusWidget(), key)
        cell = view.grid_model.cell(view.currentIndex())
        if cell.cell_id == seen[-1]:
            break  # the last figure: the cursor stays
        seen.append(cell.cell_id)
    inputs = [c for c in view.grid_model.grid.data_cells if not c.derived]
    assert sorted(seen) == sorted(c.cell_id for c in inputs)
    last = max(inputs, key=lambda c: (c.row, c.col) if across else (c.col, c.row))
    assert seen[-1] == last.cell_id


def test_the_wide_table_scrolls_under_its_frozen_heading(qtbot, screen):
    page = shown_page(screen, "s4")
    view = page.views[0]
    click_cell(qtbot, screen, "s4.review.upheld")
    if view.horizontalScrollBar().maximum() == 0:
        pytest.skip("四 fits this screen")
    view.select_cell("s4.suit_after_review.pending")
    assert view.horizontalScrollBar().value() > 0
    assert view.top.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    check_in_view(view, page)


def test_on_an_office_screen_all_of_san_fits_across_and_its_rows_scroll_under_the_header(
    qtbot, screen
):
    page = shown_page(screen, "s3")
    view = page.views[0]
    if screen.width() == 1366:
        assert view.horizontalScrollBar().maximum() == 0  # all seven columns with labels
    view.select_cell("s3.carried_out.natural")
    assert view.verticalScrollBar().value() > 0 or view.verticalScrollBar().maximum() == 0
    assert view.left.verticalScrollBar().value() == view.verticalScrollBar().value()
    check_in_view(view, page)


def test_the_balance_strips_difference_row_can_be_seen(qtbot, screen):
    page = shown_page(screen, "s3")
    page.ensureWidgetVisible(page.strip)
    strip = page.strip
    last_row = QRect(0, strip.rowViewportPosition(2), strip.viewport().width(), strip.rowHeight(2))
    assert whole(strip.viewport(), last_row, page.viewport())
    if screen.width() == 1366:  # beside the grid, without scrolling the page
        assert page.verticalScrollBar().maximum() == 0
