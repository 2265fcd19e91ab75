"""Benchmark of the window (run on demand: `uv run python tests/bench/bench_ui.py`).

Prints medians: (a) from starting the program to the window shown with the sample
report open, against a bare QApplication + QMainWindow shown, both as fresh
processes in the same run; (b) from an edit committed in a grid to the findings
updated and the value durable in the file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtTest import QTest
app = QApplication([])
window = QMainWindow()
window.show()
QTest.qWaitForWindowExposed(window)
print("shown", flush=True)
"""

APP = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import build
from desktop.ui.settings import Settings
folder = Path(sys.argv[1])
window = build(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), None, folder)
window.show()
window.open_sample()
QTest.qWaitForWindowExposed(window)
print("shown", flush=True)
"""


def time_start(code: str, folder: Path) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.kill()
    child.wait()
    assert line.strip() == "shown", line
    return elapsed


def bench_start(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as folder:
        time_start(APP, Path(folder))  # first run builds the sample file and warms caches
        bare = statistics.median(time_start(BARE, Path(folder)) for _ in range(runs))
        app = statistics.median(time_start(APP, Path(folder)) for _ in range(runs))
    print(f"bare QApplication + QMainWindow shown: {bare * 1e3:8.1f} ms")
    print(f"nianbao window shown, sample open:     {app * 1e3:8.1f} ms  ({app / bare:.2f}x bare)")


def bench_edit(edits: int = 200) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import build
    from desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = build(
            Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)),
            None,
            Path(folder),
        )
        window.show()
        window.open_sample()
        page = next(p for p in window.pages if p.section.id == "s3")
        view = page.views[0]
        index = view.grid_model.index_of("s3.new.natural")
        times = []
        for n in range(edits):
            start = time.perf_counter()
            view.commit_text(index, str(389 + n % 2))  # what Enter in the cell editor does
            app.processEvents()  # the repaint of marks, strip and findings panel
            times.append(time.perf_counter() - start)
        assert window.findings.messages(), "the edits unbalance the report"
        window.close()
    print(
        f"edit committed -> findings updated, durable: {statistics.median(times) * 1e3:8.2f} ms (median of {edits})"
    )


if __name__ == "__main__":
    bench_start()
    bench_edit()
