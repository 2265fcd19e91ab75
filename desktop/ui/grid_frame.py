"""The frame of a LedgerView: its printed header rows and row labels frozen as separate
display-only views of the same model, laid over the grid's own header margins, and the
sizes of it all (label columns shrink before the figures scroll sideways; a tall table
scrolls inside itself under its frozen header). LedgerView inherits it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QSizePolicy,
    QStyleOptionViewItem,
    QTableView,
)

from desktop.core.forms.layout import GridCell

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from desktop.ui.grid_model import GridModel
    from desktop.ui.grid_view import LedgerView

DATA_SAMPLE = "结果维持"  # a figure column is as wide as a four-character heading
LABEL_MIN_WIDTH = 64
LABEL_MAX_WIDTH = 220
TALL_ROWS = 10  # a table with more rows scrolls inside itself, under its frozen header
MIN_ROWS = 6  # rows a tall table shows at the least


class FrozenPart(QTableView):
    """The printed header rows or row labels (or their corner) of a LedgerView, drawn over
    its header margins from the same model; they stay while the figures scroll."""

    def __init__(self, owner: LedgerView, rows: range, cols: range, follows: str = ""):
        super().__init__(owner)
        self.owner, self.follows = owner, follows  # "across" (heading), "down" (labels)
        self.setModel(owner.grid_model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        prepare(self, rows, cols)
        if follows:
            self._bar(owner).valueChanged.connect(self._bar(self).setValue)

    def _bar(self, view: QTableView):
        across = self.follows == "across"
        return view.horizontalScrollBar() if across else view.verticalScrollBar()

    def updateGeometries(self) -> None:
        """Once its extent is known, at the owner's position (it may have scrolled first)."""
        super().updateGeometries()
        if self.follows:
            self._bar(self).setValue(self._bar(self.owner).value())

    def mousePressEvent(self, event) -> None:
        """A click on a row label or column heading goes to its first figure."""
        point = event.position().toPoint()
        cell = self.owner.grid_model.grid.at(self.rowAt(point.y()), self.columnAt(point.x()))
        if cell is not None:
            self.owner.go_near(cell)

    def mouseDoubleClickEvent(self, event) -> None:
        pass

    def wheelEvent(self, event) -> None:
        self.owner.wheelEvent(event)


def prepare(view: QTableView, rows: range, cols: range) -> None:
    """Show only these rows and columns of the grid, merged as printed, without scroll bars
    or Qt's own headers' behaviour; scrolling is by pixel so all parts keep in step."""
    model: GridModel = view.model()
    grid = model.grid
    view.setWordWrap(True)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for header in (view.horizontalHeader(), view.verticalHeader()):
        header.setMinimumSectionSize(1)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.hide()
    for row in (r for r in range(grid.rows) if r not in rows):
        view.setRowHidden(row, True)
    for col in (c for c in range(grid.cols) if c not in cols):
        view.setColumnHidden(col, True)
    for cell in grid.cells:
        if (cell.rowspan > 1 or cell.colspan > 1) and cell.row in rows and cell.col in cols:
            view.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)


def _sections(view: QTableView, widths: list[int], heights: list[int]) -> None:
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)
    for row, height in enumerate(heights):
        view.setRowHeight(row, height)


class FrozenFrame:
    """The frozen parts and the sizes of a LedgerView (a QTableView)."""

    def showEvent(self, event) -> None:
        if self.top is None:
            self._build_parts()
        super().showEvent(event)

    def _build_parts(self) -> None:
        """The frozen header rows, row labels and their corner: only for a grid that is
        shown (a report has many grids and most are never looked at)."""
        grid, labels = self.grid_model.grid, self.grid_model.table.label_columns
        head, body = range(grid.header_rows), range(grid.header_rows, grid.rows)
        left_cols, data_cols = range(labels), range(labels, grid.cols)
        self.top = FrozenPart(self, head, data_cols, "across")
        self.left = FrozenPart(self, body, left_cols, "down") if labels else None
        self.corner = FrozenPart(self, head, left_cols) if labels else None
        for part in self._parts()[1:]:
            _sections(part, *self._sizes)
            part.show()  # the grid is already on its way to the screen
        self.updateGeometries()

    def _parts(self) -> list[QTableView]:
        return [v for v in (self, self.top, self.left, self.corner) if v is not None]

    def _size_parts(self) -> None:
        """Columns as wide as their labels need (wrapped beyond a limit); a table of many
        rows scrolls inside itself under its header, a short one is as tall as its rows."""
        grid, labels = self.grid_model.grid, self.grid_model.table.label_columns
        self.natural = self._column_widths()
        self.floors = [max(LABEL_MIN_WIDTH, w // 2) for w in self.natural[:labels]]
        self.data_width = sum(self.natural[labels:])
        self.tall = grid.rows - grid.header_rows > TALL_ROWS
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if self.tall
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setVerticalScrollBarPolicy(policy)
        vertical = QSizePolicy.Policy.Expanding if self.tall else QSizePolicy.Policy.Fixed
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        self._needs_hbar = False
        self._apply_widths(sum(self.natural[:labels]))
        self.setMaximumWidth(self.sizeHint().width())

    def _apply_widths(self, label_room: int) -> None:
        """The label columns fitted into label_room, every row re-wrapped to match, the same
        in every part."""
        grid, labels = self.grid_model.grid, self.grid_model.table.label_columns
        widths = _shrunk(self.natural[:labels], self.floors, label_room) + self.natural[labels:]
        heights = self._row_heights(widths)
        self._sizes = widths, heights
        for view in self._parts():
            _sections(view, widths, heights)
        self.label_width = sum(widths[:labels])
        self.header_height = sum(heights[: grid.header_rows])
        self.body_heights = heights[grid.header_rows :]
        self.horizontalHeader().setFixedHeight(self.header_height)
        self.verticalHeader().setFixedWidth(self.label_width)
        self._fit_height()

    def _column_widths(self) -> list[int]:
        grid, metrics = self.grid_model.grid, self.fontMetrics()
        widths = [metrics.horizontalAdvance(DATA_SAMPLE) + 12] * grid.cols
        for cell in grid.cells:
            if cell.kind == "label" and cell.colspan == 1:
                wanted = min(metrics.horizontalAdvance(cell.text) + 16, LABEL_MAX_WIDTH)
                widths[cell.col] = max(widths[cell.col], wanted, LABEL_MIN_WIDTH)
        return widths

    def _row_heights(self, widths: list[int]) -> list[int]:
        """Each row as tall as its tallest wrapped heading or label at these widths, and
        room to type a figure; a merged label makes its last row taller if its rows
        together are too short for it."""
        grid, delegate = self.grid_model.grid, self.itemDelegate()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        heights = [self.fontMetrics().height() + 6] * grid.rows

        def needed(cell: GridCell) -> int:
            option.rect = QRect(0, 0, sum(widths[cell.col : cell.col + cell.colspan]), 1)
            index = self.grid_model.index(cell.row, cell.col)
            return delegate.sizeHint(option, index).height() + 1  # and the grid line

        printed = (c for c in grid.cells if c.kind != "data")  # a figure is one line
        for cell in sorted(printed, key=lambda c: c.rowspan):
            short = needed(cell) - sum(heights[cell.row : cell.row + cell.rowspan])
            if short > 0:
                heights[cell.row + cell.rowspan - 1] += short
        return heights

    def _chrome(self) -> int:
        bar = self.verticalScrollBar().sizeHint().width() if self.tall else 0
        return 2 * self.frameWidth() + bar

    def _outer_height(self, body_height: int) -> int:
        bar = self.horizontalScrollBar().sizeHint().height() if self._needs_hbar else 0
        return 2 * self.frameWidth() + self.header_height + body_height + bar

    def _fit_height(self) -> None:
        full = self._outer_height(sum(self.body_heights))
        if self.tall:
            self.setMinimumHeight(self._outer_height(sum(self.body_heights[:MIN_ROWS])))
            self.setMaximumHeight(full)
        else:
            self.setFixedHeight(full)

    def sizeHint(self) -> QSize:
        labels = sum(self.natural[: self.grid_model.table.label_columns])
        return QSize(self._chrome() + labels + self.data_width, self.maximumHeight())

    def minimumSizeHint(self) -> QSize:
        shown = min(self.data_width, 2 * self.natural[-1])
        return QSize(self._chrome() + sum(self.floors) + shown, self.minimumHeight())

    def resizeEvent(self, event) -> None:
        """Narrower than it would like: the row labels wrap more, down to half their width,
        before the figures scroll (with room for the scroll bar below them)."""
        super().resizeEvent(event)
        labels = self.natural[: self.grid_model.table.label_columns]
        room = self.width() - self._chrome() - self.data_width
        fitted = max(sum(self.floors), min(sum(labels), room))
        if fitted != self.label_width:
            self._apply_widths(fitted)
        needs = room < self.label_width
        if needs != self._needs_hbar:
            self._needs_hbar = needs
            self._fit_height()
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())  # a line shown under the table, say

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if getattr(self, "top", None) is None:
            return  # not shown yet
        top, left = self.horizontalHeader().geometry(), self.verticalHeader().geometry()
        self.top.setGeometry(top)
        if self.left:
            self.left.setGeometry(left)
            self.corner.setGeometry(QRect(left.x(), top.y(), left.width(), top.height()))
        for part in self._parts()[1:]:
            part.raise_()


def _shrunk(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Widths that fit room where they can: each column gives up the same share of what it
    has above its floor."""
    spare, cut = sum(natural) - sum(floors), sum(natural) - room
    if cut <= 0 or spare <= 0:
        return list(natural)
    cut = min(cut, spare)
    widths = [n - (n - f) * cut // spare for n, f in zip(natural, floors, strict=True)]
    widest = widths.index(max(widths))
    widths[widest] -= sum(widths) - (sum(natural) - cut)  # what rounding left over
    return widths
