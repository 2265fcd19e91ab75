"""LedgerView: a grid that types like a ledger.

Typing over a cell replaces it; Enter moves down, Tab right, arrows move and
skip the printed labels; Delete clears; a tab-separated block from Excel or WPS
pastes from the current cell as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
)

from desktop.ui.grid_model import GridModel

Action = QAbstractItemView.CursorAction
DATA_WIDTH = 70
LABEL_MIN_WIDTH = 64
LABEL_MAX_WIDTH = 240
STEPS = {
    Action.MoveDown: (1, 0),
    Action.MoveUp: (-1, 0),
    Action.MoveRight: (0, 1),
    Action.MoveLeft: (0, -1),
    Action.MoveNext: (0, 1),
    Action.MovePrevious: (0, -1),
}


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
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.view.step(Action.MoveDown)
            return True
        return super().eventFilter(editor, event)


class LedgerView(QTableView):
    messageShown = Signal(str)  # a refusal or note shown at a cell
    pasteRefused = Signal(list)  # lines describing cells a paste could not fill

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.last_message = ""
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
        for row, col, rows, cols in model.spans():
            self.setSpan(row, col, rows, cols)
        self._size_columns()

    def focusInEvent(self, event) -> None:
        """Arriving by Tab or click with no cell chosen yet: start at the first figure."""
        super().focusInEvent(event)
        if not self.currentIndex().isValid():
            first = next((c for c in self.grid_model.grid.data_cells if not c.derived), None)
            if first is not None:
                self.setCurrentIndex(self.grid_model.index(first.row, first.col))

    def _size_columns(self) -> None:
        """Label columns as wide as their longest unmerged label (wrapped beyond a limit),
        figure columns alike, and the whole grid as tall as its rows: the page scrolls."""
        grid, metrics = self.grid_model.grid, self.fontMetrics()
        widths = [DATA_WIDTH] * grid.cols
        for cell in grid.cells:
            if cell.kind == "label":
                wanted = min(metrics.horizontalAdvance(cell.text) + 16, LABEL_MAX_WIDTH)
                share = max(wanted // cell.colspan, LABEL_MIN_WIDTH if cell.colspan == 1 else 0)
                widths[cell.col] = (
                    max(widths[cell.col], share) if cell.colspan == 1 else widths[cell.col]
                )
        for col, width in enumerate(widths):
            self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(col, width)
        self.resizeRowsToContents()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame = 2 * self.frameWidth()
        self.setFixedHeight(sum(self.rowHeight(r) for r in range(grid.rows)) + frame)
        self.setFixedWidth(sum(widths) + frame)

    # -- moving ----------------------------------------------------------------------

    def moveCursor(self, action, modifiers) -> QModelIndex:
        if action not in STEPS:
            return super().moveCursor(action, modifiers)
        return self._next_data_index(self.currentIndex(), *STEPS[action]) or self.currentIndex()

    def _next_data_index(self, start: QModelIndex, down: int, right: int) -> QModelIndex | None:
        """The next data cell in a direction, stepping over labels and merged parts."""
        model, row, col = self.grid_model, start.row(), start.column()
        here = model.grid.at(row, col)
        while True:
            if down:
                row = (
                    (here.row + here.rowspan if down > 0 else here.row - 1) if here else row + down
                )
            else:
                col = (
                    (here.col + here.colspan if right > 0 else here.col - 1)
                    if here
                    else col + right
                )
            if not (0 <= row < model.grid.rows and 0 <= col < model.grid.cols):
                return None
            here = model.grid.at(row, col)
            if here is not None and here.kind == "data":
                return model.index(here.row, here.col)

    def step(self, action) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def select_cell(self, cell_id: str) -> bool:
        index = self.grid_model.index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        return True

    # -- editing ---------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step(Action.MoveDown)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selected()
                return
            if event.key() == Qt.Key.Key_Escape and self._discard_pending():
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_text(QApplication.clipboard().text())
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        """Tab commits and moves like a ledger, without opening the next cell's editor."""
        Hint = QAbstractItemDelegate.EndEditHint
        moves = {Hint.EditNextItem: Action.MoveNext, Hint.EditPreviousItem: Action.MovePrevious}
        super().closeEditor(editor, Hint.NoHint if hint in moves else hint)
        if hint in moves:
            self.step(moves[hint])

    def commit_text(self, index: QModelIndex, text: str) -> None:
        cell = self.grid_model.cell(index)
        if not self.grid_model.editable(cell):
            return
        refused = self.grid_model.editor.set_cells({cell.cell_id: text}, "录入")
        if refused:
            self.show_message(index, refused[cell.cell_id])

    def _discard_pending(self) -> bool:
        cell = self.grid_model.cell(self.currentIndex())
        return cell is not None and self.grid_model.editor.discard_pending(cell.cell_id)

    def clear_selected(self) -> None:
        cells = [self.grid_model.cell(i) for i in self.selectedIndexes()]
        targets = {c.cell_id: "" for c in cells if self.grid_model.editable(c)}
        if targets:
            self.grid_model.editor.set_cells(targets, "清除")

    def paste_text(self, text: str) -> None:
        """Fill cells from the current one; every cell is validated on its own."""
        start = self.grid_model.cell(self.currentIndex())
        if start is None or start.kind != "data" or self.grid_model.editor.readonly:
            self.show_message(self.currentIndex(), "请先选中要粘贴的起始单元格")
            return
        raws, notes = self._paste_targets(start, text)
        refused = self.grid_model.editor.set_cells(raws, "粘贴") if raws else {}
        lines = list(dict.fromkeys(refused.values())) + notes  # a failed save once, not per cell
        if lines:
            self.pasteRefused.emit(lines)

    def _paste_targets(self, start, text: str) -> tuple[dict[str, str], list[str]]:
        grid = self.grid_model.grid
        rows = sorted({c.row for c in grid.data_cells})
        cols = sorted({c.col for c in grid.data_cells})
        first_row, first_col = rows.index(start.row), cols.index(start.col)
        raws, notes = {}, []
        for i, line in enumerate(text.replace("\r\n", "\n").rstrip("\n").split("\n")):
            for j, raw in enumerate(line.split("\t")):
                r, c = first_row + i, first_col + j
                cell = grid.at(rows[r], cols[c]) if r < len(rows) and c < len(cols) else None
                if cell is None or cell.kind != "data":
                    notes.append(f"第{i + 1}行第{j + 1}个值“{raw}”超出表格范围，未粘贴")
                elif cell.derived:
                    continue  # a copied 总计 column: totals are computed, so skip quietly
                else:
                    raws[cell.cell_id] = raw
        return raws, notes

    def show_message(self, index: QModelIndex, text: str) -> None:
        self.last_message = text
        rect = self.visualRect(index)
        QToolTip.showText(
            self.viewport().mapToGlobal(rect.bottomLeft()), text, self.viewport(), rect
        )
        self.messageShown.emit(text)
