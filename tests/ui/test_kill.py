"""Killing the program (kill -9) after edits loses nothing but the cell being typed."""

import os
import signal
import subprocess
import sys
import textwrap

from tests.ui.conftest import new_file, stored

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.app import build
    from desktop.ui.settings import Settings
    path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    window = build(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), None, folder)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.open_path(path)
    page = next(p for p in window.pages if p.section.id == "s3")
    window.tabs.setCurrentWidget(page)
    view = page.views[0]

    def start(cell, text):
        view.setCurrentIndex(view.grid_model.index_of(cell))
        view.setFocus()
        QTest.keyClick(view, text[0])
        for char in text[1:]:
            QTest.keyClick(QApplication.focusWidget(), char)

    for cell, text in (("s3.new.natural", "12"), ("s3.granted.natural", "10"), ("s3.carried_out.natural", "2")):
        start(cell, text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        print("committed", cell, flush=True)
    narrative = next(p for p in window.pages if p.section.id == "s5")
    narrative.text.setPlainText("已保存的正文")
    narrative.save()
    start("s3.new.legal", "99")  # still in the editor when the power goes
    print("typing", flush=True)
    app.exec()
    """
)


def test_kill_9_loses_only_the_cell_being_typed(tmp_path):
    path = new_file(tmp_path / "报告.sqlite")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    try:
        lines = [child.stdout.readline().strip() for _ in range(4)]
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert lines[-1] == "typing", lines
    assert child.returncode == -signal.SIGKILL
    assert stored(path) == {
        "s3.new.natural": "12",
        "s3.granted.natural": "10",
        "s3.carried_out.natural": "2",
    }
    from desktop.core.storage import ReportFile

    with ReportFile.open(path) as file:  # the writer's lock died with it: writable again
        assert file.load(file.find().id).texts == {"s5": "已保存的正文"}
