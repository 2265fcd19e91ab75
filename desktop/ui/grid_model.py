"""GridModel: one official table as a Qt model, driven by the table's printed layout.

The header rows and row labels are part of the grid (as printed), so merged
header cells show exactly; data cells read their values and findings from the
ReportEditor. The model never writes: edits go through the editor's commands.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.core.forms import Section, Table
from desktop.core.forms.layout import GridCell, table_grid
from desktop.ui import palette
from desktop.ui.editing import ReportEditor

ROLE = Qt.ItemDataRole
CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TOTAL_REFUSED = "合计自动计算，不能直接填写"


class GridModel(QAbstractTableModel):
    def __init__(self, editor: ReportEditor, section: Section, table: Table, parent=None):
        super().__init__(parent)
        self.editor, self.section, self.table = editor, section, table
        self.grid = table_grid(section, table)
        editor.cellsChanged.connect(self.refresh)
        editor.findingsChanged.connect(self.refresh)

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self.grid.rows

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self.grid.cols

    def cell(self, index: QModelIndex) -> GridCell | None:
        """The grid cell anchored at this index (None inside a merge)."""
        cell = self.grid.at(index.row(), index.column())
        if cell is None or (cell.row, cell.col) != (index.row(), index.column()):
            return None
        return cell

    def index_of(self, cell_id: str) -> QModelIndex:
        cell = self.grid.find(cell_id)
        return QModelIndex() if cell is None else self.index(cell.row, cell.col)

    def editable(self, cell: GridCell | None) -> bool:
        return bool(cell and cell.kind == "data" and not cell.derived and not self.editor.readonly)

    def next_input(self, cell: GridCell, across: bool, forward: bool = True) -> GridCell | None:
        """The next figure to type in ledger order, stepping over computed totals: down
        the column and on to the top of the next column (across=False, Enter), or along
        the row and on to the start of the next row (across=True, Tab). None at the end:
        the table's last figure does not wrap to its first."""
        key = (lambda c: (c.row, c.col)) if across else (lambda c: (c.col, c.row))
        order = sorted(self.grid.data_cells, key=key)
        if not forward:
            order.reverse()
        after = order[order.index(cell) + 1 :] if cell in order else []
        return next((c for c in after if not c.derived), None)

    def first_input(self, cells=None) -> GridCell | None:
        """The first figure to type (in printed order) among these cells, or the table's."""
        cells = self.grid.data_cells if cells is None else cells
        return min((c for c in cells if not c.derived), key=lambda c: (c.row, c.col), default=None)

    def first_input_by(self, cell: GridCell) -> GridCell | None:
        """The first figure of a row label's rows, or of a heading's columns."""
        if cell.kind == "label":
            near = [c for c in self.grid.data_cells if cell.row <= c.row < cell.row + cell.rowspan]
        else:
            near = [c for c in self.grid.data_cells if cell.col <= c.col < cell.col + cell.colspan]
        return self.first_input(near)

    def next_data(self, row: int, col: int, down: int, right: int) -> GridCell | None:
        """The next data cell (figure or total) from a position in a direction, stepping
        over labels and the other parts of merged cells (the arrow keys)."""
        here = self.grid.at(row, col)
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
            if not (0 <= row < self.grid.rows and 0 <= col < self.grid.cols):
                return None
            here = self.grid.at(row, col)
            if here is not None and here.kind == "data":
                return here

    # -- blocks of figures, as Excel and WPS copy and paste them -----------------------------

    def _lines(self) -> tuple[list[int], list[int]]:
        """The grid rows and columns that hold figures: a block's coordinates."""
        cells = self.grid.data_cells
        return sorted({c.row for c in cells}), sorted({c.col for c in cells})

    def block_text(self, cells: list[GridCell]) -> str:
        """The block these cells span as tab-separated lines, each figure as shown."""
        rows, cols = self._lines()
        picked = [(rows.index(c.row), cols.index(c.col)) for c in cells]
        top, bottom = min(r for r, _ in picked), max(r for r, _ in picked)
        first, last = min(c for _, c in picked), max(c for _, c in picked)
        lines = []
        for r in rows[top : bottom + 1]:
            texts = []
            for c in cols[first : last + 1]:
                cell = self.cell(self.index(r, c))
                shown = self.data(self.index(r, c)) if cell and cell.kind == "data" else None
                texts.append(shown or "")
            lines.append("\t".join(texts))
        return "\n".join(lines)

    def paste_targets(self, start: GridCell, text: str) -> tuple[dict[str, str], list[str]]:
        """What a tab-separated block puts into which cell from start, and what falls
        outside the table; copied totals are skipped (they are computed)."""
        rows, cols = self._lines()
        first_row, first_col = rows.index(start.row), cols.index(start.col)
        raws, notes = {}, []
        for i, line in enumerate(text.replace("\r\n", "\n").rstrip("\n").split("\n")):
            for j, raw in enumerate(line.split("\t")):
                r, c = first_row + i, first_col + j
                cell = self.grid.at(rows[r], cols[c]) if r < len(rows) and c < len(cols) else None
                if cell is None or cell.kind != "data":
                    notes.append(f"第{i + 1}行第{j + 1}个值“{raw}”超出表格范围，未粘贴")
                elif not cell.derived:
                    raws[cell.cell_id] = raw
        return raws, notes

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        cell = self.cell(index)
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable(cell) else flags

    def data(self, index: QModelIndex, role: int = ROLE.DisplayRole):
        cell = self.cell(index)
        if cell is None:
            return None
        if cell.kind == "data":
            return self._data_cell(cell, role)
        if role == ROLE.DisplayRole:
            return cell.text
        if role == ROLE.ToolTipRole:
            return cell.help or None
        if role == ROLE.BackgroundRole:
            return palette.HEADER if cell.kind == "header" else palette.LABEL
        if role == ROLE.TextAlignmentRole:
            centre = cell.kind == "header" or cell.rowspan > 1
            horizontal = Qt.AlignmentFlag.AlignHCenter if centre else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def _data_cell(self, cell: GridCell, role: int):
        if role == CELL_ID_ROLE:
            return cell.cell_id
        if pending := self.editor.pending.get(cell.cell_id):
            return self._pending_cell(pending, role)
        if role in (ROLE.DisplayRole, ROLE.EditRole):
            return self.editor.display(cell.cell_id)
        findings = self.editor.findings_at(cell.cell_id)
        severity = palette.worst(findings)
        if role == ROLE.BackgroundRole:
            if severity:
                return palette.ERROR if severity == "error" else palette.WARNING
            return palette.DERIVED if cell.derived else None
        if role == ROLE.DecorationRole and severity:
            return palette.severity_icon(severity)
        if role == ROLE.ToolTipRole:
            lines = [f.line() for f in findings]
            if cell.derived:
                lines.append(TOTAL_REFUSED)
            return "\n".join(lines + ([cell.help] if cell.help else [])) or None
        if role == ROLE.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ROLE.ForegroundRole and cell.derived:
            return palette.READONLY_TEXT
        return None

    def _pending_cell(self, pending: tuple[str, str], role: int):
        """Input that was refused or not saved stays in its cell, red, with the reason."""
        raw, reason = pending
        if role in (ROLE.DisplayRole, ROLE.EditRole):
            return raw
        if role == ROLE.BackgroundRole:
            return palette.ERROR
        if role == ROLE.DecorationRole:
            return palette.severity_icon("error")
        if role == ROLE.ToolTipRole:
            return f"{reason}\n（改正后按回车保存，按 Esc 恢复原值）"
        if role == ROLE.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def refresh(self) -> None:
        top = self.index(self.grid.header_rows, 0)
        self.dataChanged.emit(top, self.index(self.grid.rows - 1, self.grid.cols - 1))

    def spans(self) -> list[tuple[int, int, int, int]]:
        return [
            (c.row, c.col, c.rowspan, c.colspan)
            for c in self.grid.cells
            if c.rowspan > 1 or c.colspan > 1
        ]
