"""A strip under a table showing both sides of its live balance rules (e.g. T3-1:
第一项+第二项 against 第三项总计+第四项 for each column) while figures are typed.

相差 is the number the findings list prints for the same rule and column (the finding's
difference, never negative), so the strip and the message never disagree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.core.checks.findings import number, words
from desktop.ui import palette
from desktop.ui.editing import ReportEditor


class BalanceStrip(QTableWidget):
    def __init__(self, editor: ReportEditor, checks, parent=None):
        super().__init__(3, len(checks), parent)
        self.editor, self.checks = editor, checks
        left, right = checks[0].strip
        self.setVerticalHeaderLabels([left, right, "相差"])
        self.setHorizontalHeaderLabels([c.bindings.get("col_label", c.key) for c in checks])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # shown, never typed in: Tab stays in the grid
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("000000") + 8)
        # Narrower than its columns, the page scrolls, so no scroll bar hides the 相差 row.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(3))
        self.setFixedHeight(rows + header.sizeHint().height() + 2 * self.frameWidth())
        self.setMinimumWidth(
            self.verticalHeader().sizeHint().width()
            + len(checks) * header.minimumSectionSize()
            + 2 * self.frameWidth()
        )
        self.setToolTip("勾稽关系：" + checks[0].rule.message.split("：")[0])
        editor.cellsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = {f.key: f for f in self.editor.findings()}
        for col, check in enumerate(self.checks):
            sides = check.sides(self.editor.report, self.editor.session.prev)
            shown = ("", "", "")
            if sides is not None:
                left, right = (words(number(side)) for side in sides)
                finding = findings.get(check.key)
                difference = finding.difference if finding else number(abs(sides[0] - sides[1]))
                shown = (left, right, words(difference))
            for row, text in enumerate(shown):
                item = QTableWidgetItem(text)
                if row == 2 and text not in ("", "0"):
                    item.setBackground(palette.ERROR)
                    item.setIcon(palette.severity_icon("error"))
                self.setItem(row, col, item)

    def values(self) -> list[tuple[str, str, str]]:
        """What the strip shows, column by column (for tests and screen readers)."""
        return [tuple(self.item(r, c).text() for r in range(3)) for c in range(self.columnCount())]
