"""Typing figures like a ledger: replace, move, clear, refuse, paste, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.conftest import (
    click_cell,
    enter_value,
    input_method,
    new_file,
    press,
    stored,
    type_keys,
    view_of,
)


@pytest.fixture
def opened(window, tmp_path):
    path = new_file(tmp_path / "报告.sqlite")
    assert window.open_path(path)
    return path


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
    [("12a", "不是数字"), ("-3", "不能为负数"), ("1.5", "整数"), ("1234567890123", "12位")],
)
def test_refused_input_keeps_the_old_value_and_says_why(qtbot, window, opened, typed, problem):
    enter_value(qtbot, window, "s3.new.natural", "8")
    enter_value(qtbot, window, "s3.new.natural", typed)
    view = view_of(window, "s3.new.natural")
    assert problem in view.last_message
    assert view.last_message.startswith("三、申请情况：一、本年新收政府信息公开申请数量（自然人）")
    assert stored(opened)["s3.new.natural"] == "8"
    assert problem in window.statusBar().currentMessage()


def test_signed_and_money_cells(qtbot, window, tmp_path):
    path = new_file(tmp_path / "2019.sqlite", years=(2020,))
    window.open_path(path)
    enter_value(qtbot, window, "s2.penalty.change", "-18")
    enter_value(qtbot, window, "s2.procurement.amount", "7380.28959")
    assert stored(path) == {"s2.penalty.change": "-18", "s2.procurement.amount": "7380.28959"}


def test_totals_cannot_be_typed_into(qtbot, window, opened):
    click_cell(qtbot, window, "s3.new.total")
    type_keys(qtbot, "5")
    assert stored(opened) == {}


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
