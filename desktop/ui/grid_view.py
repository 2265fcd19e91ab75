"""LedgerView: a grid that types like a ledger, its printed header and row labels frozen
while the figures scroll beneath and beside them.

Typing over a figure replaces it. Enter goes down the column and on to the top of the
next column, Tab along the row and on to the start of the next row, Shift reverses
both; both step over the computed totals and stop at the table's last figure instead
of wrapping to its first, so typing on never lands far from where the officer looks.
Input that is refused stays red in its cell with the reason on the line under the
table, and the cursor stays on it until it is corrected or Esc brings back what is
saved. Arrows move and skip the labels; Delete clears; Ctrl+C copies the selected block
as tab-separated text, and a block from Excel or WPS pastes as one undo step; Ctrl+Tab,
Ctrl+PgDn and their reverses switch tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QToolTip,
)

from desktop.core.forms.layout import GridCell
from desktop.ui.grid_frame import FrozenFrame, prepare
from desktop.ui.grid_model import TOTAL_REFUSED, GridModel

Action = QAbstractItemView.CursorAction
Key = Qt.Key
ARROWS = {
    Action.MoveDown: (1, 0),
    Action.MoveUp: (-1, 0),
    Action.MoveRight: (0, 1),
    Action.MoveLeft: (0, -1),
}
ENTER = (Key.Key_Return, Key.Key_Enter)
TAB_SWITCH = {Key.Key_Tab: 1, Key.Key_Backtab: -1, Key.Key_PageDown: 1, Key.Key_PageUp: -1}
EDIT_MOVES = (*ENTER, Key.Key_Tab, Key.Key_Backtab, Key.Key_Up, Key.Key_Down)
MOVES = (*EDIT_MOVES, Key.Key_Left, Key.Key_Right, Key.Key_PageUp, Key.Key_PageDown,
         Key.Key_Home, Key.Key_End)  # fmt: skip
READONLY_REFUSED = "报告文件以只读方式打开，不能修改"
LABEL_REFUSED = "这是表格的栏目名称，不能填写"
LAST_CELL = "已到本表最后一格"
FIRST_CELL = "已到本表第一格"
KEEP_HINT = "（改正后回车保存，Esc 恢复原值）"
PICK_CELL = "请先选中要粘贴的起始单元格"


class CellDelegate(QStyledItemDelegate):
    """Validates what is typed through the editor; never writes to the model."""

    def __init__(self, view: LedgerView):
        super().__init__(view)
        self.view = view

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        return editor

    def setModelData(self, editor, model, index) -> None:
        self.view.commit_text(index, editor.text())

    def eventFilter(self, editor, event) -> bool:
        """Keys that leave the cell commit first and move only if the input was taken;
        Ctrl+Tab and the like go on to the tabs (leaving commits as focus goes)."""
        if event.type() == QEvent.Type.KeyPress:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False if event.key() in TAB_SWITCH else super().eventFilter(editor, event)
            if event.key() in EDIT_MOVES:
                self.view.finish_edit(editor, event)
                return True
            if event.matches(QKeySequence.StandardKey.Cancel):
                self.view.cancel_edit(editor)
                return True
        return super().eventFilter(editor, event)


class LedgerView(FrozenFrame, QTableView):
    messageShown = Signal(str)  # a refusal or note shown at a cell
    cursorMoved = Signal(object)  # this view, its current cell changed
    pasteRefused = Signal(list)  # lines describing cells a paste could not fill

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.last_message = ""
        self._note: tuple[QModelIndex, str] | None = None  # a passing message at a cell
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.notice = QLabel(parent)  # not wrapped: a wrapped label makes the page scroll
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        grid, labels = model.grid, model.table.label_columns
        prepare(self, range(grid.header_rows, grid.rows), range(labels, grid.cols))
        self.horizontalHeader().show()  # Qt's headers stay as the margins the frozen
        self.verticalHeader().setVisible(labels > 0)  # parts are drawn over
        self.top = self.left = self.corner = None  # built when first shown
        self._size_parts()
        self.selectionModel().currentChanged.connect(self._moved)
        model.editor.cellsChanged.connect(self.update_notice)
        self.update_notice()

    # -- moving ----------------------------------------------------------------------

    def moveCursor(self, action, modifiers) -> QModelIndex:
        if action in ARROWS:
            here = self.currentIndex()
            target = self.grid_model.next_data(here.row(), here.column(), *ARROWS[action])
            return self.grid_model.index(target.row, target.col) if target else here
        if action in (Action.MoveNext, Action.MovePrevious):
            return self.currentIndex()  # Tab is the ledger's (keyPressEvent)
        target = super().moveCursor(action, modifiers)
        cell = self.grid_model.grid.at(target.row(), target.column())
        if cell is None or cell.kind != "data":
            return self.currentIndex()
        return self.grid_model.index(cell.row, cell.col)

    def step(self, action) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def advance(self, across: bool, forward: bool = True) -> None:
        """The ledger's move (Enter: down the column; Tab: along the row) to the next
        figure to type; at the table's end the cursor stays and says so."""
        cell = self.grid_model.cell(self.currentIndex())
        target = self.grid_model.next_input(cell, across, forward) if cell else None
        if target is None:
            self.show_message(self.currentIndex(), LAST_CELL if forward else FIRST_CELL)
            return
        self.setCurrentIndex(self.grid_model.index(target.row, target.col))

    def go_near(self, cell: GridCell) -> None:
        """To the first figure of a row label's rows or a heading's columns."""
        if target := self.grid_model.first_input_by(cell):
            self.select_cell(target.cell_id)

    def select_cell(self, cell_id: str) -> bool:
        index = self.grid_model.index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        return True

    def focusInEvent(self, event) -> None:
        """Arriving by keyboard with no cell chosen yet: start at the first figure (a
        click chooses its own cell)."""
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason or self.currentIndex().isValid():
            return
        if first := self.grid_model.first_input():
            self.setCurrentIndex(self.grid_model.index(first.row, first.col))

    def _moved(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._note = None
        self.update_notice()
        self.cursorMoved.emit(self)

    def mouseDoubleClickEvent(self, event) -> None:
        super().mouseDoubleClickEvent(event)
        if not self.grid_model.editable(self._current_cell()):
            self._refuse_typing()

    def keyboardSearch(self, search: str) -> None:
        """Off: typing on a cell that cannot take it must not jump to another cell."""

    # -- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if self._switch_tab(event):
            return
        if self.state() == QAbstractItemView.State.EditingState:
            event.accept()  # the editor's own keys; it commits and moves by finish_edit
            return
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in MOVES and not self._commit_pending():
            return  # refused input holds the cursor until it is corrected or Esc
        if key in ENTER or key in (Key.Key_Tab, Key.Key_Backtab):
            self.advance(across=key not in ENTER, forward=key != Key.Key_Backtab and not shift)
        elif key in (Key.Key_Delete, Key.Key_Backspace):
            self.clear_selected()
        elif key == Key.Key_Escape:
            self._discard_pending()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QApplication.clipboard().text())
        elif (_typed(event) or key == Key.Key_F2) and not self.grid_model.editable(
            self._current_cell()
        ):
            self._refuse_typing()
        else:
            super().keyPressEvent(event)

    def _switch_tab(self, event) -> bool:
        """Ctrl+Tab, Ctrl+PgDn and their reverses belong to the tabs, not the grid."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        step = TAB_SWITCH.get(event.key())
        if step is None:
            return False
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.key() == Key.Key_Tab:
            step = -1
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None:
            key = Key.Key_Tab if step > 0 else Key.Key_Backtab
            modifiers = Qt.KeyboardModifier.ControlModifier
            QApplication.sendEvent(tabs, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
        event.accept()
        return True

    def finish_edit(self, editor, event) -> None:
        """A key that leaves the cell while typing: save what was typed; move on only if it
        was taken, else the cursor stays on the red cell with the reason shown."""
        index = self.currentIndex()
        self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if self._pending_at(index):
            return
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in ENTER:
            self.advance(across=False, forward=not shift)
        elif key in (Key.Key_Tab, Key.Key_Backtab):
            self.advance(across=True, forward=key == Key.Key_Tab and not shift)
        else:
            self.step(Action.MoveDown if key == Key.Key_Down else Action.MoveUp)

    def commit_editor(self) -> None:
        """Save what is being typed now (before the report goes away, say)."""
        editor = QApplication.focusWidget()
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing and isinstance(editor, QLineEdit) and editor.parentWidget() is self.viewport():
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def cancel_edit(self, editor) -> None:
        """Esc while typing: back to what is saved, including any earlier refused input."""
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self._discard_pending()

    # -- editing ---------------------------------------------------------------------

    def _current_cell(self) -> GridCell | None:
        return self.grid_model.cell(self.currentIndex())

    def _pending_at(self, index: QModelIndex) -> bool:
        cell = self.grid_model.cell(index)
        return cell is not None and cell.cell_id in self.grid_model.editor.pending

    def _commit_pending(self) -> bool:
        """A key that leaves a cell still showing unsaved input tries to save it again (a
        save that failed, say); False, with the reason again, while it is refused."""
        index = self.currentIndex()
        cell = self.grid_model.cell(index)
        pending = cell and self.grid_model.editor.pending.get(cell.cell_id)
        if not pending or not self.grid_model.editable(cell):
            return True
        self.commit_text(index, pending[0])
        return not self._pending_at(index)

    def commit_text(self, index: QModelIndex, text: str) -> None:
        cell = self.grid_model.cell(index)
        if not self.grid_model.editable(cell):
            return
        refused = self.grid_model.editor.set_cells({cell.cell_id: text}, "录入")
        if refused:
            self.show_message(index, refused[cell.cell_id], note=False)

    def _discard_pending(self) -> bool:
        cell = self._current_cell()
        return cell is not None and self.grid_model.editor.discard_pending(cell.cell_id)

    def _refuse_typing(self) -> None:
        cell = self._current_cell()
        if self.grid_model.editor.readonly:
            reason = READONLY_REFUSED
        elif cell is not None and cell.derived:
            reason = TOTAL_REFUSED
        else:
            reason = LABEL_REFUSED
        self.show_message(self.currentIndex(), reason)

    def _selected_cells(self) -> list[GridCell]:
        cells = {self.grid_model.cell(i) for i in self.selectedIndexes()} - {None}
        if not cells and (current := self._current_cell()):
            cells = {current}
        return sorted((c for c in cells if c.kind == "data"), key=lambda c: (c.row, c.col))

    def clear_selected(self) -> None:
        targets = {c.cell_id: "" for c in self._selected_cells() if self.grid_model.editable(c)}
        if targets:
            self.grid_model.editor.set_cells(targets, "清除")
        elif self._selected_cells():
            self._refuse_typing()

    def copy_selected(self) -> None:
        """The selected block as Excel and WPS copy it: rows by line, figures by tab."""
        if cells := self._selected_cells():
            QApplication.clipboard().setText(self.grid_model.block_text(cells))

    def paste_text(self, text: str) -> None:
        """Fill cells from the selected block's first one (the current cell); every cell
        is validated on its own."""
        cells = self._selected_cells()
        if not cells or self.grid_model.editor.readonly:
            readonly = self.grid_model.editor.readonly
            self.show_message(self.currentIndex(), READONLY_REFUSED if readonly else PICK_CELL)
            return
        raws, notes = self.grid_model.paste_targets(cells[0], text)
        refused = self.grid_model.editor.set_cells(raws, "粘贴") if raws else {}
        lines = list(dict.fromkeys(refused.values())) + notes  # a failed save once, not per cell
        if lines:
            self.pasteRefused.emit(lines)

    # -- what the officer is told ------------------------------------------------------

    def show_message(self, index: QModelIndex, text: str, note: bool = True) -> None:
        """At the cell (a tooltip), in the status bar and on the line under the table: as
        a note while the cursor stays there, or (refused input) while it is pending."""
        self.last_message = text
        self._note = (QModelIndex(index), text) if note else None
        rect = self.visualRect(index)
        QToolTip.showText(
            self.viewport().mapToGlobal(rect.bottomLeft()), text, self.viewport(), rect
        )
        self.update_notice()
        self.messageShown.emit(text)

    def notice_lines(self) -> list[str]:
        """The line under the table: every refused or unsaved input of this table with
        its reason (the current cell's first), and a passing note at the current cell;
        nothing (the line hides) when all is saved."""
        pending, current = self.grid_model.editor.pending, self._current_cell()
        cells = [c for c in self.grid_model.grid.data_cells if c.cell_id in pending]
        cells.sort(key=lambda c: c != current)
        lines = [f"✖ {pending[c.cell_id][1]}" for c in cells[:3]]
        if len(cells) > 3:
            lines.append(f"……另有{len(cells) - 3}个红色单元格的输入未保存")
        if cells and cells[0] == current:
            lines[0] += KEEP_HINT
        note = self._note
        if note and note[0] == self.currentIndex() and not (cells and cells[0] == current):
            lines.insert(0, f"✖ {note[1]}" if note[1] not in (LAST_CELL, FIRST_CELL) else note[1])
        return lines

    def update_notice(self) -> None:
        lines = self.notice_lines()
        self.notice.setText("\n".join(lines))
        colour = "#b00020" if any(line.startswith("✖") for line in lines) else "#555555"
        self.notice.setStyleSheet(f"color: {colour};")
        self.notice.setVisible(bool(lines))


def _typed(event) -> bool:
    """A key that would type a character into a cell."""
    text = event.text()
    return (
        bool(text)
        and text.isprintable()
        and not event.modifiers()
        & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    )
