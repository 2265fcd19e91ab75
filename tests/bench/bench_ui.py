"""Benchmark of the window (run on demand: `uv run python tests/bench/bench_ui.py`).

Prints medians, never asserted on: (a) from starting the program (`nianbao 报告.sqlite`,
the real entry point) to the main window shown, and to that report open in it, against a bare
QApplication + QMainWindow shown, both as fresh processes in the same run, and their
ratio; once with Python's bytecode cached (what an officer sees from the second start
on) and once with none written (the first start after installing); (b) from an edit
committed in a grid to the findings updated and the value durable in the file.
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

# `nianbao 报告.sqlite` as the officer starts it, with its settings and data kept in the
# benchmark's folder; a timer that fires once the event loop runs reports the window.
APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
folder, report = Path(sys.argv[1]), Path(sys.argv[2])
QStandardPaths.setTestModeEnabled(True)
app = QApplication(sys.argv[:1])
import desktop.ui.settings
desktop.ui.settings.QSettings = lambda *_: QSettings(
    str(folder / "settings.ini"), QSettings.Format.IniFormat
)
said = []

def look():
    window = next((w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)), None)
    if window is None or not window.isVisible():
        return
    if not said:
        said.append(print("window", flush=True))
    if report.name in window.windowTitle():
        print("report", flush=True)
        timer.stop()

timer = QTimer()
timer.timeout.connect(look)
timer.start(0)  # every turn of the event loop
from desktop.__main__ import main
sys.exit(main([str(report)]))
"""


def time_start(code: str, folder: Path, report: Path, env: dict[str, str]) -> list[float]:
    """Seconds from starting the process to each line it prints (the bare window says
    "shown"; the program "window" when its window shows, then "report" once the report
    is open in it)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(report)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=env,
    )
    expected = ["shown"] if code == BARE else ["window", "report"]
    times = []
    for word in expected:
        line = child.stdout.readline()
        times.append(time.perf_counter() - start)
        assert line.strip() == word, line
    child.kill()
    child.wait()
    return times


def environments(folder: Path) -> dict[str, dict[str, str]]:
    home = {
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    cached = {**os.environ, **home, "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    not_written = {**os.environ, **home, "PYTHONDONTWRITEBYTECODE": "1"}
    not_written.pop("PYTHONPYCACHEPREFIX", None)
    return {
        "bytecode cached": cached,
        "no bytecode written (pyc files as found)": not_written,
    }


def make_report(folder: Path) -> Path:
    from desktop import paths
    from desktop.core.interchange import read_json
    from desktop.core.storage import store_report

    sample = paths.resource(*paths.SAMPLE_JSON)
    report = folder / "示例报告.sqlite"
    store_report(report, read_json(sample.read_bytes(), sample.name).report)
    return report


def bench_start(runs: int = 9) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        report = make_report(folder)
        for label, env in environments(folder).items():
            for code in (BARE, APP, BARE, APP):  # warm the disk cache (and the bytecode)
                time_start(code, folder, report, env)
            bare, shown, opened = [], [], []
            for _ in range(runs):  # interleaved, so a busy moment hurts both alike
                bare += time_start(BARE, folder, report, env)
                window, report_open = time_start(APP, folder, report, env)
                shown.append(window)
                opened.append(report_open)
            base = statistics.median(bare)
            print(f"{label}, median of {runs} fresh processes:")
            print(f"  bare QApplication + QMainWindow shown:    {base * 1e3:8.1f} ms")
            for words, times in (("window shown", shown), ("report open in it", opened)):
                median = statistics.median(times)
                print(
                    f"  nianbao 报告.sqlite, {words + ':':18} {median * 1e3:8.1f} ms"
                    f"  ({median / base:.2f}x bare)"
                )


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
        window.open_path(make_report(Path(folder)))  # a copy: the sample opens read-only
        assert not window.editor.readonly
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
