"""Typing figures like a ledger: replace, move, clear, refuse, copy, paste, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.forms import load_form
from desktop.core.forms.layout import table_grid
from desktop.ui import palette
from desktop.ui.grid_model import TOTAL_REFUSED
from desktop.ui.grid_view import LAST_CELL
from tests.ui.conftest import (
    click_cell,
    enter_value,
    input_method,
    new_file,
    page_of,
    press,
    stored,
    type_keys,
    view_of,
)

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def test_typing_saves_at_once_and_enter_moves_down(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "12")
    assert stored(opened) == {"s3.new.natural": "12"}
    view = view_of(window, "s3.new.natural")
    assert view.currentIndex() == view.grid_model.index_of("s3.carried_in.natural")
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    assert stored(opened)["s3.carried_in.natural"] == "3"
    assert view.currentIndex() == view.grid_model.index_of("s3.granted.natural")


def test_typing_over_a_cell_replaces_it(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "12")
    enter_value(qtbot, window, "s3.new.natural", "7")
    assert stored(opened)["s3.new.natural"] == "7"


def at(view, cell_id: str) -> bool:
    return view.currentIndex() == view.grid_model.index_of(cell_id)


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_tab_moves_right_and_arrows_skip_labels(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Tab)
    assert stored(opened)["s3.new.natural"] == "5"
    assert view.currentIndex() == view.grid_model.index_of("s3.new.commercial")
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Left)  # a label column is to the left: stay on the first figure
    assert view.currentIndex() == view.grid_model.index_of("s3.new.natural")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert view.currentIndex() == view.grid_model.index_of("s3.granted.natural")


def test_delete_clears_and_empty_is_not_zero(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "12")
    click_cell(qtbot, window, "s3.new.natural")
    press(qtbot, Qt.Key.Key_Delete)
    assert stored(opened) == {}
    enter_value(qtbot, window, "s3.new.natural", "0")
    assert stored(opened) == {"s3.new.natural": "0"}


def test_full_width_digits_from_an_input_method(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    press(qtbot, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    input_method(editor, "１，２３４")
    press(qtbot, Qt.Key.Key_Return)
    assert stored(opened)["s3.new.natural"] == "1234"
    assert view.grid_model.data(view.grid_model.index_of("s3.new.total")) == "1234"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12a", "不是数字"),
        ("abc", "不是数字"),
        ("-3", "不能为负数"),
        ("-5", "不能为负数"),
        ("1.5", "整数"),
        ("1234567890123", "12位"),
    ],
)
def test_refused_input_keeps_the_old_value_and_says_why(qtbot, window, opened, typed, problem):
    enter_value(qtbot, window, "s3.new.natural", "8")
    enter_value(qtbot, window, "s3.new.natural", typed)
    view = view_of(window, "s3.new.natural")
    assert problem in view.last_message
    assert view.last_message.startswith("三、申请情况：一、本年新收政府信息公开申请数量（自然人）")
    assert stored(opened)["s3.new.natural"] == "8"
    assert problem in window.statusBar().currentMessage()


@pytest.mark.parametrize("typed", ["abc", "-5", "1.5"])
def test_refused_input_stays_red_in_its_cell_with_the_reason_under_the_table(
    qtbot, window, opened, typed
):
    enter_value(qtbot, window, "s3.new.natural", "8")
    view = click_cell(qtbot, window, "s3.new.natural")
    index = view.grid_model.index_of("s3.new.natural")
    type_keys(qtbot, typed)
    for leave in (Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Return):
        press(qtbot, leave)  # neither the first key nor any later one moves on
        assert at(view, "s3.new.natural")
        assert view.grid_model.data(index) == typed
        assert view.grid_model.data(index, Qt.ItemDataRole.BackgroundRole) == palette.ERROR
        assert view.notice.isVisible()
        assert "（自然人）" in view.notice.text() and "Esc" in view.notice.text()
    assert stored(opened) == {"s3.new.natural": "8"}
    press(qtbot, Qt.Key.Key_Escape)
    assert view.grid_model.data(index) == "8"
    assert not view.notice.isVisible()
    assert at(view, "s3.new.natural") and stored(opened) == {"s3.new.natural": "8"}


def test_corrected_input_saves_and_moves_on(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    type_keys(qtbot, "1.5")
    press(qtbot, Qt.Key.Key_Return)
    assert at(view, "s3.new.natural") and view.notice.isVisible()
    type_keys(qtbot, "15")
    press(qtbot, Qt.Key.Key_Return)
    assert stored(opened) == {"s3.new.natural": "15"}
    assert at(view, "s3.carried_in.natural") and not view.notice.isVisible()


def test_esc_while_typing_brings_back_the_saved_value(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "8")
    view = click_cell(qtbot, window, "s3.new.natural")
    type_keys(qtbot, "x")
    press(qtbot, Qt.Key.Key_Return)
    type_keys(qtbot, "9")  # typing again over the red cell, then Esc: all of it goes
    press(qtbot, Qt.Key.Key_Escape)
    assert view.grid_model.data(view.grid_model.index_of("s3.new.natural")) == "8"
    assert window.editor.pending == {} and stored(opened) == {"s3.new.natural": "8"}


def test_signed_and_money_cells(qtbot, window, tmp_path):
    path = new_file(tmp_path / "2019.sqlite", years=(2020,))
    window.open_path(path)
    enter_value(qtbot, window, "s2.penalty.change", "-18")
    enter_value(qtbot, window, "s2.procurement.amount", "7380.28959")
    assert stored(path) == {"s2.penalty.change": "-18", "s2.procurement.amount": "7380.28959"}


def test_totals_cannot_be_typed_into(qtbot, window, opened):
    enter_value(qtbot, window, "s3.granted.natural", "57")
    enter_value(qtbot, window, "s3.new.natural", "5")
    view = click_cell(qtbot, window, "s3.total.natural")
    # Qt's keyboard search would jump to the cell showing 57 and type the 7 there.
    type_keys(qtbot, "57")
    assert at(view, "s3.total.natural")
    assert view.last_message == TOTAL_REFUSED
    assert view.notice.isVisible() and TOTAL_REFUSED in view.notice.text()
    press(qtbot, Qt.Key.Key_Return)
    assert at(view, "s3.carried_out.natural")
    assert stored(opened) == {"s3.granted.natural": "57", "s3.new.natural": "5"}
    click_cell(qtbot, window, "s3.new.total")
    press(qtbot, Qt.Key.Key_Delete)
    type_keys(qtbot, "a")
    assert at(view, "s3.new.total")
    assert stored(opened) == {"s3.granted.natural": "57", "s3.new.natural": "5"}
    press(qtbot, Qt.Key.Key_Left)  # moving on ends the note
    assert not view.notice.isVisible()


def test_enter_goes_down_over_totals_and_on_to_the_next_columns_top(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.other.misc.natural")
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    assert at(view, "s3.carried_out.natural")  # over the computed (七)总计
    type_keys(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    assert at(view, "s3.new.commercial")  # the bottom of a column leads to the next's top
    key(qtbot, Qt.Key.Key_Return, SHIFT)
    assert at(view, "s3.carried_out.natural")
    key(qtbot, Qt.Key.Key_Return, SHIFT)
    assert at(view, "s3.other.misc.natural")
    assert stored(opened) == {"s3.other.misc.natural": "1", "s3.carried_out.natural": "2"}


def test_tab_goes_along_the_row_over_totals_and_on_to_the_next_row(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.other_org")
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Tab)
    assert at(view, "s3.carried_in.natural")  # over 总计, to the next row's first figure
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert at(view, "s3.new.other_org")
    type_keys(qtbot, "4")
    key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert at(view, "s3.new.legal")
    assert stored(opened) == {"s3.new.other_org": "4"}


def test_the_last_figure_stays_and_tab_never_leaves_for_the_balance_strip(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.carried_out.other_org")
    for leave in (Qt.Key.Key_Tab, Qt.Key.Key_Return):
        type_keys(qtbot, "6")
        press(qtbot, leave)
        assert at(view, "s3.carried_out.other_org")
        assert QApplication.focusWidget() is view
        assert view.notice.text() == LAST_CELL
    assert stored(opened) == {"s3.carried_out.other_org": "6"}
    click_cell(qtbot, window, "s3.new.natural")
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert at(view, "s3.new.natural") and QApplication.focusWidget() is view


def test_the_flat_table_moves_along_its_one_row(qtbot, window, opened):
    view = click_cell(qtbot, window, "s4.review.pending")
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    assert at(view, "s4.suit_direct.upheld")
    type_keys(qtbot, "2")
    press(qtbot, Qt.Key.Key_Tab)
    assert at(view, "s4.suit_direct.corrected")
    assert stored(opened) == {"s4.review.pending": "1", "s4.suit_direct.upheld": "2"}


def test_a_click_on_a_row_label_or_heading_goes_to_its_first_figure(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    model = view.grid_model
    for part, text, cell_id in (
        (view.left, "二、上年结转政府信息公开申请数量", "s3.carried_in.natural"),
        (view.left, "（三）不予公开", "s3.withheld.state_secret.natural"),
        (view.top, "法律服务机构", "s3.new.legal"),
    ):
        label = next(c for c in model.grid.cells if c.text == text)
        rect = part.visualRect(model.index(label.row, label.col))
        qtbot.mouseClick(part.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert at(view, cell_id) and QApplication.focusWidget() is view
    assert stored(opened) == {}


def test_ledger_order_comes_from_the_layout():
    """The model alone: every figure once, in each order, totals never."""
    from desktop.ui.grid_model import GridModel

    class Editor:  # what the order needs of a ReportEditor: nothing but signals
        class cellsChanged:
            connect = staticmethod(lambda slot: None)

        findingsChanged = cellsChanged

    form = load_form("2021")
    for section in (form.section("s3"), form.section("s4")):
        model = GridModel(Editor(), section, section.tables[0])
        inputs = [c for c in table_grid(section, section.tables[0]).data_cells if not c.derived]
        for across in (True, False):
            cell, seen = model.first_input(), []
            while cell is not None:
                seen.append(cell.cell_id)
                cell = model.next_input(cell, across)
            assert sorted(seen) == sorted(c.cell_id for c in inputs)
            back = [seen[-1]]
            while (cell := model.next_input(model.grid.find(back[-1]), across, False)) is not None:
                back.append(cell.cell_id)
            assert back == seen[::-1]


def test_ctrl_c_copies_the_selected_block_and_pasting_it_back_restores_it(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.social")
    QApplication.clipboard().setText("1\t2\t3\n4\t5\t6")
    key(qtbot, Qt.Key.Key_V, CTRL)
    filled = stored(opened)
    key(qtbot, Qt.Key.Key_Down, SHIFT)
    for _ in range(3):  # over to 总计: a copied block may hold totals
        key(qtbot, Qt.Key.Key_Right, SHIFT)
    key(qtbot, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "1\t2\t3\t6\n4\t5\t6\t15"
    press(qtbot, Qt.Key.Key_Delete)
    assert stored(opened) == {}
    click_cell(qtbot, window, "s3.new.social")
    key(qtbot, Qt.Key.Key_V, CTRL)
    assert stored(opened) == filled
    assert window.context.dialogs.infos == []  # the 总计 figures were skipped quietly
    assert at(view, "s3.new.social")


def test_ctrl_tab_and_ctrl_page_keys_switch_tabs_from_a_grid(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    three = window.tabs.currentIndex()
    for keys, step in (
        ((Qt.Key.Key_Tab, CTRL), 1),
        ((Qt.Key.Key_Tab, CTRL | SHIFT), -1),
        ((Qt.Key.Key_PageDown, CTRL), 1),
        ((Qt.Key.Key_PageUp, CTRL), -1),
    ):
        qtbot.keyClick(view, *keys)
        assert window.tabs.currentIndex() == three + step
        window.tabs.setCurrentIndex(three)
        view.setFocus()
        assert at(view, "s3.new.natural")  # the grid did not take the key as its own
    type_keys(qtbot, "7")  # typing, then Ctrl+Tab: saved where it was typed
    key(qtbot, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentWidget() is page_of(window, "s4")
    assert stored(opened) == {"s3.new.natural": "7"}
    assert page_of(window, "s4").views[0].hasFocus()  # the next grid takes the keys


def test_paste_block_from_a_spreadsheet_is_one_undo_step(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.natural")
    QApplication.clipboard().setText("1\t2\tx\t4\n5\t6\t7\t8\r\n")
    qtbot.keyClick(view, "v", Qt.KeyboardModifier.ControlModifier)
    cells = stored(opened)
    assert cells == {
        "s3.new.natural": "1", "s3.new.commercial": "2", "s3.new.social": "4",
        "s3.carried_in.natural": "5", "s3.carried_in.commercial": "6",
        "s3.carried_in.research": "7", "s3.carried_in.social": "8",
    }  # fmt: skip
    [(_, text)] = window.context.dialogs.infos
    assert "科研机构" in text and "不是数字" in text
    window.undo_action.trigger()
    assert stored(opened) == {}
    window.redo_action.trigger()
    assert stored(opened) == cells


def test_paste_beyond_the_table_is_listed(qtbot, window, opened):
    view = click_cell(qtbot, window, "s3.new.other_org")
    QApplication.clipboard().setText("1\t99\t3")  # 99 lands on 总计 (skipped), 3 beyond the table
    qtbot.keyClick(view, "v", Qt.KeyboardModifier.ControlModifier)
    assert stored(opened) == {"s3.new.other_org": "1"}
    assert "超出表格范围" in window.context.dialogs.infos[0][1]


def test_undo_and_redo_across_tabs(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "4")
    enter_value(qtbot, window, "s4.review.upheld", "2")
    window.undo_action.trigger()
    assert stored(opened) == {"s3.new.natural": "4"}
    window.undo_action.trigger()
    assert stored(opened) == {}
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert stored(opened) == {"s3.new.natural": "4", "s4.review.upheld": "2"}
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    assert stored(opened) == {"s3.new.natural": "4"}
