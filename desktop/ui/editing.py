"""ReportEditor: the window's handle on one open report.

Every change goes through an undo command that calls the one ReportSession, so
what is typed, pasted, undone or redone is validated and saved the same way.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.checks.findings import Finding
from desktop.core.errors import InputError
from desktop.core.report import checked_value
from desktop.core.session import ReportSession
from desktop.core.values import to_text


class ReportEditor(QObject):
    cellsChanged = Signal()  # values (and so totals) changed
    textChanged = Signal(str)  # section id
    metaChanged = Signal(str)  # field name
    findingsChanged = Signal()

    def __init__(self, session: ReportSession, undo: QUndoStack, parent=None):
        super().__init__(parent)
        self.session, self.undo = session, undo
        self._by_cell: dict[str, list[Finding]] | None = None

    @property
    def report(self):
        return self.session.report

    @property
    def readonly(self) -> bool:
        return self.session.file.readonly

    def close(self) -> None:
        self.session.close()

    # -- reading -------------------------------------------------------------------

    def display(self, cell_id: str) -> str:
        value = self.report.value(cell_id)
        return "" if value is None else to_text(value)

    def findings(self) -> list[Finding]:
        return self.session.findings()

    def findings_at(self, cell_id: str) -> list[Finding]:
        if self._by_cell is None:
            self._by_cell = defaultdict(list)
            for finding in self.findings():
                for cell in finding.cells:
                    self._by_cell[cell].append(finding)
        return self._by_cell.get(cell_id, [])

    # -- changing: validate, then push a command (which saves) ---------------------

    def set_cells(self, raws: dict[str, str], label: str = "修改") -> dict[str, str]:
        """Push one undoable change of the valid values; returns refusals by cell id."""
        refused, changes = {}, {}
        for cell_id, raw in raws.items():
            try:
                new = checked_value(self.report.form, cell_id, raw)
            except InputError as error:
                refused[cell_id] = str(error)
                continue
            old = self.report.values.get(cell_id)
            if new != old:
                changes[cell_id] = (old, new)
        if changes:
            self.undo.push(CellsCommand(self, changes, label))
        return refused

    def set_text(self, section_id: str, text: str) -> None:
        old = self.report.text(section_id)
        if text != old:
            self.undo.push(TextCommand(self, section_id, old, text))

    def set_meta(self, name: str, value: str) -> None:
        old = self.report.meta.get(name, "")
        if value.strip() != old:
            self.undo.push(MetaCommand(self, name, old, value.strip()))

    # -- applied by the commands ---------------------------------------------------

    def apply_cells(self, values: dict) -> None:
        self.session.set_cells(values)
        self._changed_findings()
        self.cellsChanged.emit()

    def apply_text(self, section_id: str, text: str) -> None:
        self.session.set_text(section_id, text)
        self._changed_findings()
        self.textChanged.emit(section_id)

    def apply_meta(self, name: str, value: str) -> None:
        self.session.set_meta(name, value)
        self.metaChanged.emit(name)

    def _changed_findings(self) -> None:
        self._by_cell = None
        self.findingsChanged.emit()


class CellsCommand(QUndoCommand):
    def __init__(self, editor: ReportEditor, changes: dict, label: str):
        words = editor.report.form.cells[next(iter(changes))].words
        text = f"{label}：{words}" if len(changes) == 1 else f"{label} {len(changes)} 个单元格"
        super().__init__(text)
        self.editor, self.changes = editor, changes

    def redo(self) -> None:
        self.editor.apply_cells({c: new for c, (_, new) in self.changes.items()})

    def undo(self) -> None:
        self.editor.apply_cells({c: old for c, (old, _) in self.changes.items()})


class TextCommand(QUndoCommand):
    MERGE_ID = 1

    def __init__(self, editor: ReportEditor, section_id: str, old: str, new: str):
        super().__init__(f"修改{editor.report.form.section(section_id).heading}")
        self.editor, self.section_id, self.old, self.new = editor, section_id, old, new

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other) -> bool:
        # Successive saves while typing one section undo as one step.
        if other.section_id != self.section_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.editor.apply_text(self.section_id, self.new)

    def undo(self) -> None:
        self.editor.apply_text(self.section_id, self.old)


class MetaCommand(QUndoCommand):
    def __init__(self, editor: ReportEditor, name: str, old: str, new: str):
        super().__init__(f"修改报告信息：{name}")
        self.editor, self.name, self.old, self.new = editor, name, old, new

    def redo(self) -> None:
        self.editor.apply_meta(self.name, self.new)

    def undo(self) -> None:
        self.editor.apply_meta(self.name, self.old)
