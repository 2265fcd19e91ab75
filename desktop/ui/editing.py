"""ReportEditor: the window's handle on one open report.

Every change is validated and saved through the one ReportSession first; only a change
that reached the file is pushed onto the undo stack, so the stack holds exactly what
was saved. A save that fails (disk full, medium removed) is reported with saveFailed,
and what was typed stays pending at its cell for another try.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.checks.findings import Finding
from desktop.core.errors import InputError, ReportFileError
from desktop.core.report import META_FIELDS, checked_value
from desktop.core.session import ReportSession, checked_explanation
from desktop.core.values import to_text


class ReportEditor(QObject):
    cellsChanged = Signal()  # values (and so totals) changed
    textChanged = Signal(str)  # section id
    metaChanged = Signal(str)  # field name
    findingsChanged = Signal()
    saveFailed = Signal(str)  # the message; nothing of that change reached the file
    saved = Signal()

    def __init__(self, session: ReportSession, undo: QUndoStack, parent=None):
        super().__init__(parent)
        self.session, self.undo = session, undo
        self._by_cell: dict[str, list[Finding]] | None = None
        # What was typed into a cell but not stored (refused or not saved), with why.
        self.pending: dict[str, tuple[str, str]] = {}

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
        """Save the valid values as one undoable change; returns what was not stored
        (refused, or the save failed) by cell id, which stays pending at its cell."""
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
        if changes and (failure := self._save(CellsCommand(self, changes, label))):
            refused.update(dict.fromkeys(changes, failure))
        for cell_id in raws:
            if cell_id in refused:
                self.pending[cell_id] = (str(raws[cell_id]), refused[cell_id])
            else:
                self.pending.pop(cell_id, None)
        self.cellsChanged.emit()
        return refused

    def discard_pending(self, cell_id: str) -> bool:
        """Esc on a cell showing refused or unsaved input: back to what is stored."""
        if self.pending.pop(cell_id, None) is None:
            return False
        self.cellsChanged.emit()
        return True

    def set_text(self, section_id: str, text: str) -> bool:
        """Save a section's text; False (and saveFailed) when it could not be saved."""
        old = self.report.text(section_id)
        return text == old or self._save(TextCommand(self, section_id, old, text)) is None

    def set_meta(self, name: str, value: str) -> bool:
        old, new = self.report.meta.get(name, ""), value.strip()
        return new == old or self._save(MetaCommand(self, name, old, new)) is None

    def explanation(self, key: str) -> str:
        return self.session.explanations.get(key, "")

    def explain(self, key: str, text: str) -> str | None:
        """Save an officer's explanation of a finding ("" removes it) as one undoable
        change; returns why it was refused or could not be saved, None when saved."""
        try:
            new = checked_explanation(self.report.form, key, text)
        except InputError as error:
            return str(error)
        old = self.explanation(key)
        if new == old:
            return None
        return self._save(ExplainCommand(self, key, old, new))

    def correct_previous(self, cell_id: str, value: str, reason: str) -> str | None:
        """Correct a figure last year's report printed wrong, as one undoable change;
        returns why it was refused or could not be saved."""
        try:
            new = self.session.corrected_previous(cell_id, value, reason)
        except InputError as error:
            return str(error)
        return self._save(PreviousCommand(self, self.report.previous, new))

    def apply_previous(self, previous) -> None:
        self.session.set_previous(previous)
        self._changed_findings()
        self.cellsChanged.emit()

    def _save(self, command: SavedCommand) -> str | None:
        """Save first; only what reached the file goes onto the undo stack. Returns why
        it could not be saved, if it could not."""
        failure = self.attempt(command.forward)
        if failure is None:
            self.undo.push(command)
        return failure

    def attempt(self, save: Callable[[], None]) -> str | None:
        """Run a save; None when it reached the file, else the message (also signalled)."""
        try:
            save()
        except (ReportFileError, InputError) as error:
            self.saveFailed.emit(str(error))
            return str(error)
        self.saved.emit()
        return None

    # -- applied by the commands ---------------------------------------------------

    def apply_cells(self, values: dict, declarations: dict[str, bool] | None = None) -> None:
        self.session.set_cells(values, declarations)
        self._changed_findings()
        self.cellsChanged.emit()

    def fill_zero(self, section_id: str, table_id: str) -> str | None:
        """本表无数据: every blank figure of the table becomes 0, as one undoable step."""
        blank = self.session.zero_fill(section_id, table_id)
        changes = {cell_id: (None, 0) for cell_id in blank}
        return self._save(CellsCommand(self, changes, "本表无数据，填0")) if changes else None

    def declare(self, declaration_id: str, made: bool) -> str | None:
        """Make (filling the section's blanks with 0) or withdraw a declaration, undoably."""
        declaration = self.report.form.declaration(declaration_id)
        blank = self.session.zero_fill(declaration.section) if made else {}
        changes = {cell_id: (None, 0) for cell_id in blank}
        label = f"声明：{declaration.text}" if made else f"撤销声明：{declaration.text}"
        command = CellsCommand(self, changes, label, {declaration_id: (not made, made)})
        return self._save(command)

    def declared(self, declaration_id: str) -> bool:
        return declaration_id in self.report.declarations

    def apply_text(self, section_id: str, text: str) -> None:
        self.session.set_text(section_id, text)
        self._changed_findings()
        self.textChanged.emit(section_id)

    def apply_meta(self, name: str, value: str) -> None:
        self.session.set_meta(name, value)
        self.metaChanged.emit(name)

    def apply_explanation(self, key: str, text: str) -> None:
        self.session.explain(key, text)
        self._changed_findings()

    def _changed_findings(self) -> None:
        self._by_cell = None
        self.findingsChanged.emit()


class SavedCommand(QUndoCommand):
    """A change already saved when it is pushed: the redo that QUndoStack.push runs does
    nothing. A later undo or redo saves again; if that fails the file keeps its state
    and the command leaves the stack (obsolete), so the stack never claims otherwise."""

    def __init__(self, editor: ReportEditor, text: str):
        super().__init__(text)
        self.editor, self._pushed = editor, False

    def redo(self) -> None:
        if self._pushed:
            self._run(self.forward)
        self._pushed = True

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, action: Callable[[], None]) -> None:
        if self.editor.attempt(action):
            self.setObsolete(True)

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError


class CellsCommand(SavedCommand):
    """Cells (and declarations made or withdrawn with them) changed in one step."""

    def __init__(self, editor: ReportEditor, changes: dict, label: str, declarations=None):
        self.changes, self.declarations = changes, declarations or {}
        if self.declarations or len(changes) != 1:
            text = label if self.declarations else f"{label} {len(changes)} 个单元格"
        else:
            text = f"{label}：{editor.report.form.cells[next(iter(changes))].words}"
        super().__init__(editor, text)

    def forward(self) -> None:
        self.editor.apply_cells(
            {c: new for c, (_, new) in self.changes.items()},
            {d: new for d, (_, new) in self.declarations.items()},
        )

    def backward(self) -> None:
        self.editor.apply_cells(
            {c: old for c, (old, _) in self.changes.items()},
            {d: old for d, (old, _) in self.declarations.items()},
        )


class TextCommand(SavedCommand):
    MERGE_ID = 1

    def __init__(self, editor: ReportEditor, section_id: str, old: str, new: str):
        super().__init__(editor, f"修改{editor.report.form.section(section_id).heading}")
        self.section_id, self.old, self.new = section_id, old, new

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other) -> bool:
        # Successive saves while typing one section undo as one step.
        if other.section_id != self.section_id:
            return False
        self.new = other.new
        return True

    def forward(self) -> None:
        self.editor.apply_text(self.section_id, self.new)

    def backward(self) -> None:
        self.editor.apply_text(self.section_id, self.old)


class MetaCommand(SavedCommand):
    def __init__(self, editor: ReportEditor, name: str, old: str, new: str):
        super().__init__(editor, f"修改{META_FIELDS[name]}")
        self.name, self.old, self.new = name, old, new

    def forward(self) -> None:
        self.editor.apply_meta(self.name, self.new)

    def backward(self) -> None:
        self.editor.apply_meta(self.name, self.old)


class ExplainCommand(SavedCommand):
    def __init__(self, editor: ReportEditor, key: str, old: str, new: str):
        verb = "删除说明" if not new else ("修改说明" if old else "填写说明")
        super().__init__(editor, f"{verb}：{_finding_words(editor, key)}")
        self.key, self.old, self.new = key, old, new

    def forward(self) -> None:
        self.editor.apply_explanation(self.key, self.new)

    def backward(self) -> None:
        self.editor.apply_explanation(self.key, self.old)


def _finding_words(editor: ReportEditor, key: str) -> str:
    """What a finding is about, for the undo menu: its first cell, else its section."""
    form = editor.report.form
    finding = next((f for f in editor.findings() if f.key == key), None)
    if finding is None:
        return key
    if finding.cells and finding.cells[0] in form.cells:
        return form.cells[finding.cells[0]].words
    sections = {s.id: s for s in form.sections}
    return sections[finding.section].heading if finding.section in sections else key


class PreviousCommand(SavedCommand):
    """Last year's figures as this report uses them (a correction, or its withdrawal)."""

    def __init__(self, editor: ReportEditor, old, new):
        super().__init__(editor, "更正上年数字")
        self.old, self.new = old, new

    def forward(self) -> None:
        self.editor.apply_previous(self.new)

    def backward(self) -> None:
        self.editor.apply_previous(self.old)
