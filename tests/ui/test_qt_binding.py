"""Guards against a Qt binding that leaks references (PySide6 6.12.0 dropped one
reference to True per signal emitted to a Python slot; the program then aborted)."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    fired = Signal()


def test_emitting_to_python_slots_keeps_reference_counts(qapp):
    emitter, calls = Emitter(), []
    emitter.fired.connect(lambda: calls.append(1))
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
    assert len(calls) == 200
    assert abs(sys.getrefcount(True) - before) < 50
