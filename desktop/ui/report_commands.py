"""Renaming the unit and correcting the year of the report on screen, as undoable
commands in the editor's pattern (editing.SavedCommand): saved first, and only what
was saved goes onto the undo stack. The checks run again for the new identity (last
year's report may now be another one; a year the format does not cover is a finding)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.errors import InputError, ReportFileError
from desktop.core.report import YEARS, checked_identity
from desktop.ui.editing import ReportEditor, SavedCommand

Identity = tuple[str, int]


class IdentityCommand(SavedCommand):
    def __init__(
        self, editor: ReportEditor, old: Identity, new: Identity, changed: Callable[[], None]
    ):
        super().__init__(editor, identity_words(old, new))
        self.old, self.new, self.changed = old, new, changed

    def forward(self) -> None:
        self._apply(self.new)

    def backward(self) -> None:
        self._apply(self.old)

    def _apply(self, identity: Identity) -> None:
        self.editor.session.set_identity(*identity)
        self.editor._changed_findings()  # the checks were built again for the new identity
        self.editor.cellsChanged.emit()  # last year's figures feed the balance strip
        self.changed()


def identity_words(old: Identity, new: Identity) -> str:
    """The undo menu's words: 更改单位名称为“…” or 更改年度为2023年度."""
    if old[0] != new[0] and old[1] != new[1]:
        return f"更改单位名称和年度为“{new[0]}”{new[1]}年度"
    if old[0] != new[0]:
        return f"更改单位名称为“{new[0]}”"
    return f"更改年度为{new[1]}年度"


def checked_change(editor: ReportEditor, unit: str, year: int) -> Identity:
    """The new identity, or InputError/ReportFileError saying in words why not."""
    if not unit.strip():
        raise InputError("请填写单位名称")
    if year not in YEARS:
        raise InputError(f"报告年度应在{YEARS.start}—{YEARS.stop - 1}之间")
    unit, year = checked_identity(unit, year)
    info = editor.session.info
    file = editor.session.file
    if any(i.unit == unit and i.year == year and i.id != info.id for i in file.reports()):
        raise ReportFileError(f"{file.path.name} 中已有{unit}{year}年度的报告")
    return unit, year


def change_identity(
    editor: ReportEditor, unit: str, year: int, changed: Callable[[], None]
) -> str | None:
    """Check, save and push; returns why it was refused or not saved, None when done
    (and None too when nothing changes)."""
    old = (editor.report.unit, editor.report.year)
    try:
        new = checked_change(editor, unit, year)
    except (InputError, ReportFileError) as refused:
        return str(refused)
    if new == old:
        return None
    command = IdentityCommand(editor, old, new, changed)
    failure = editor.attempt(command.forward)
    if failure is None:
        editor.undo.push(command)
    return failure
