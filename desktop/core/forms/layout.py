"""The printed grid of an official table: header rows, label columns and data cells,
each with its merge. The window's grids and the PDF both draw from this one layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.forms.model import Section, Table


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    kind: str  # "header", "label" or "data"
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    cell_id: str = ""  # data cells only
    derived: bool = False
    help: str = ""


@dataclass(frozen=True)
class Grid:
    rows: int
    cols: int
    header_rows: int
    cells: tuple[GridCell, ...]
    _anchors: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self._anchors[(r, c)] = cell

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering this position (merged cells cover several)."""
        return self._anchors.get((row, col))

    def find(self, cell_id: str) -> GridCell | None:
        return next((c for c in self.cells if c.cell_id == cell_id), None)

    @property
    def data_cells(self) -> tuple[GridCell, ...]:
        return tuple(c for c in self.cells if c.kind == "data")


def table_grid(section: Section, table: Table) -> Grid:
    span = sum(c.span for c in table.columns)
    flat = table.layout == "flat"
    width = span * len(table.rows) if flat else table.label_columns + span
    header = _header(table, width)
    top = len(table.header)
    body = _flat_body(section, table, top) if flat else _grid_body(section, table, top)
    rows = top + (1 if flat else len(table.rows))
    return Grid(rows=rows, cols=width, header_rows=top, cells=tuple(header + body))


def _header(table: Table, width: int) -> list[GridCell]:
    helps = {c.label: c.help for c in table.columns}
    cells, covered = [], [0] * width
    for row, header_row in enumerate(table.header):
        col = 0
        for item in header_row:
            while covered[col]:
                col += 1
            cells.append(
                GridCell(row, col, "header", item.text, item.rowspan, item.colspan,
                         help=helps.get(item.text, ""))
            )  # fmt: skip
            for c in range(col, col + item.colspan):
                covered[c] = item.rowspan
            col += item.colspan
        covered = [max(c - 1, 0) for c in covered]
    return cells


def _grid_body(section: Section, table: Table, top: int) -> list[GridCell]:
    cells = _labels(table, top)
    for index, row in enumerate(table.rows):
        col = table.label_columns
        for column in table.columns:
            cells.append(_data(section, row, column, top + index, col))
            col += column.span
    return cells


def _labels(table: Table, top: int) -> list[GridCell]:
    """Row labels: equal path prefixes merge downwards, the last element spans right."""
    cells = []
    levels = table.label_columns
    for level in range(levels):
        index = 0
        while index < len(table.rows):
            row = table.rows[index]
            if len(row.path) <= level:
                index += 1
                continue
            prefix = row.path[: level + 1]
            last = len(row.path) == level + 1
            end = index + 1
            while (
                not last and end < len(table.rows) and table.rows[end].path[: level + 1] == prefix
            ):
                end += 1
            cells.append(
                GridCell(top + index, level, "label", row.path[level], rowspan=end - index,
                         colspan=levels - level if last else 1, help=row.help if last else "")
            )  # fmt: skip
            index = end
    return cells


def _flat_body(section: Section, table: Table, top: int) -> list[GridCell]:
    cells, col = [], 0
    for row in table.rows:
        for column in table.columns:
            cells.append(_data(section, row, column, top, col))
            col += column.span
    return cells


def _data(section: Section, row, column, grid_row: int, grid_col: int) -> GridCell:
    return GridCell(
        grid_row,
        grid_col,
        "data",
        colspan=column.span,
        cell_id=f"{section.id}.{row.id}.{column.id}",
        derived=row.derived or column.derived,
        help=row.help or column.help,
    )
