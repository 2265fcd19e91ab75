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
                lines.append("自动计算的合计，不能直接填写")
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
