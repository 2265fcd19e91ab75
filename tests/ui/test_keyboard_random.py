"""Thousands of random keys typed across the grids of the real window (issue 8: entry never
changes a cell the officer did not aim at).

After every key, at most the cell the cursor was on when it was pressed has changed;
keys that do not move (figures, letters, Esc, Delete) never move the cursor; and at the
end the file differs from the start only in cells the cursor was on when a key that
commits was pressed. The seed is fixed, so a failure replays exactly.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.core.report import checked_value
from desktop.ui.grid_view import LedgerView
from desktop.ui.section_pages import TablePage
from tests.ui.conftest import click_cell, new_file, stored

SEED = 8
KEYS = 3000
Key, Mod = Qt.Key, Qt.KeyboardModifier
NONE, SHIFT, CTRL = Mod.NoModifier, Mod.ShiftModifier, Mod.ControlModifier

# (weight, key, modifiers, what it does): "type" puts a character in, "stay" must not
# move the cursor, "move" may move it, "commit" may save the cell the cursor is on.
ACTIONS = [
    *[(4, ch, NONE, "type") for ch in "0123456789"],
    *[(1, ch, NONE, "type") for ch in "ax-. "],
    (6, Key.Key_Return, NONE, "commit"),
    (2, Key.Key_Return, SHIFT, "commit"),
    (5, Key.Key_Tab, NONE, "commit"),
    (2, Key.Key_Backtab, SHIFT, "commit"),
    (2, Key.Key_Up, NONE, "commit"),
    (2, Key.Key_Down, NONE, "commit"),
    (2, Key.Key_Left, NONE, "move"),
    (2, Key.Key_Right, NONE, "move"),
    (1, Key.Key_PageDown, NONE, "move"),
    (1, Key.Key_Home, NONE, "move"),
    (2, Key.Key_Escape, NONE, "stay"),
    (2, Key.Key_Delete, NONE, "commit"),
    (1, Key.Key_Backspace, NONE, "commit"),
    (1, Key.Key_F2, NONE, "stay"),
    (1, Key.Key_Tab, CTRL, "commit"),  # to the next tab: leaving saves what is typed
    (1, Key.Key_PageUp, CTRL, "commit"),
    (1, "click", NONE, "commit"),  # a click elsewhere saves what is typed, too
]


LEDGER = {  # Enter and Tab: (along the row?, forward?) in ledger order
    (Key.Key_Return, NONE): (False, True),
    (Key.Key_Return, SHIFT): (False, False),
    (Key.Key_Tab, NONE): (True, True),
    (Key.Key_Backtab, SHIFT): (True, False),
}
EDITING = QAbstractItemView.State.EditingState


def where(window) -> tuple[LedgerView | None, str | None]:
    """The grid holding the keyboard (its cell editor, if one is open) and its cell."""
    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, LedgerView):
        widget = widget.parentWidget()
    if widget is None:
        return None, None
    cell = widget.grid_model.cell(widget.currentIndex())
    return widget, cell.cell_id if cell else None


def values(window) -> dict:
    return dict(window.editor.report.values)


def back_to_a_grid(qtbot, window, rng) -> None:
    """A tab switch may land on a narrative page: on to a grid, keys typed nowhere else."""
    while not isinstance(window.tabs.currentWidget(), TablePage):
        qtbot.keyClick(window.tabs, Key.Key_Tab, CTRL)
    if where(window)[0] is None:
        click_somewhere(qtbot, window, rng)


def click_somewhere(qtbot, window, rng) -> None:
    """A click on another figure or total of any grid."""
    here = where(window)[1]
    views = [v for p in window.pages if isinstance(p, TablePage) for v in p.views]
    cells = [c.cell_id for v in views for c in v.grid_model.grid.data_cells if c.cell_id != here]
    click_cell(qtbot, window, rng.choice(cells))


class Typist:
    """What the officer typed into the open cell editor, while it is known exactly
    (typing started over the cell, characters added at the end, no F2 or arrows)."""

    def __init__(self):
        self.text: str | None = None

    def after(self, key, kind: str, was_editing: bool, is_editing: bool) -> None:
        if kind == "type" and is_editing:
            if not was_editing:
                self.text = key  # typing over a cell replaces what it showed
            elif self.text is not None:
                self.text += key
        elif was_editing and is_editing and key == Key.Key_Backspace and self.text is not None:
            self.text = self.text[:-1]
        elif not (is_editing and key in (Key.Key_Delete, Key.Key_PageDown)):
            self.text = None  # the editor closed, or its text cursor moved: unknown


@pytest.fixture(params=[2024, 2020], ids=["2021格式", "2019格式"])
def opened(request, window, tmp_path):
    path = new_file(tmp_path / "报告.sqlite", years=(request.param,))
    assert window.open_path(path)
    yield path
    for page in window.pages:  # a failed run may leave a figure half typed: not after close
        if isinstance(page, TablePage):
            page.save()


def test_random_keys_change_only_the_cells_the_cursor_was_on(qtbot, window, opened):
    rng, typist, aimed = random.Random(SEED), Typist(), set()
    form, pending = window.editor.report.form, window.editor.pending
    texts_before = dict(window.editor.report.texts)
    click_somewhere(qtbot, window, rng)
    for step in range(KEYS):
        _, key, modifiers, kind = rng.choices(ACTIONS, [a[0] for a in ACTIONS])[0]
        view, cell = where(window)
        editing, typed, before = view.state() == EDITING, typist.text, values(window)
        if key == "click":
            click_somewhere(qtbot, window, rng)
        else:
            qtbot.keyClick(QApplication.focusWidget(), key, modifiers)
        after, (now_view, now) = values(window), where(window)
        context = f"step {step}: {key!r} on {cell} (editing={editing}, typed={typed!r})"
        changed = {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
        assert changed <= {cell}, f"{context} changed {changed}"
        if kind == "commit":
            aimed.add(cell)
        if kind in ("type", "stay"):
            assert (now_view, now) == (view, cell), f"{context} moved to {now}"
        closed = editing and now_view is not None and now_view.state() != EDITING
        if closed and typed is not None and key != Key.Key_Escape:  # saved, or kept red
            if cell in pending:
                assert pending[cell][0] == typed, context
            else:
                assert after.get(cell) == checked_value(form, cell, typed), context
        if (key, modifiers) in LEDGER:
            assert now_view is view, f"{context} left the grid"
            model = view.grid_model
            target = (
                None
                if cell in pending
                else model.next_input(model.grid.find(cell), *LEDGER[(key, modifiers)])
            )
            assert now == (target.cell_id if target else cell), f"{context} went to {now}"
        if key in (Key.Key_Up, Key.Key_Down) and cell in pending:
            assert now == cell, f"{context} left refused input"
        if key == Key.Key_Escape:
            assert cell not in pending and after == before, context
        typist.after(key, kind, editing, now_view is not None and now_view.state() == EDITING)
        back_to_a_grid(qtbot, window, rng)
    aimed.add(where(window)[1])
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)  # the last figure typed
    final = stored(opened)
    assert final == {c: str(v) for c, v in values(window).items()}  # the file, as on screen
    assert len(final) > 40  # the keys did type figures, all over
    assert set(final) <= aimed
    assert window.editor.report.texts == texts_before
