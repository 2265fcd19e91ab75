"""Screenshots of every tab as an officer sees them (run on demand under Xvfb):

    xvfb-run -s "-screen 0 1600x1000x24" uv run python tests/ui/shoot.py OUT_DIR

Shoots the shipped sample (balanced) and the same report with errors typed in,
grabbing the X screen itself, not Qt's own rendering of the widget.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.app import build
from desktop.ui.settings import Settings


def shoot(window, out: Path, name: str) -> None:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QTest.qWait(150)
        screen = QApplication.primaryScreen().grabWindow(0)
        screen.save(str(out / f"{name}-{index + 1}.png"))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    window = build(
        Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), None, folder
    )
    window.resize(1560, 960)
    window.move(0, 0)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_sample()
    shoot(window, out, "balanced")
    window.editor.set_cells(
        {"s3.new.natural": "400", "s3.carried_in.legal": "3", "s4.review.total": ""}
    )
    window.editor.set_cells({"s4.review.corrected": "5", "s2.penalty.change": "-3000"})
    window.editor.set_text(
        "s1", window.editor.report.text("s1") + "\n统计期限为2019年1月1日至12月31日。"
    )
    window.tabs.setCurrentIndex(0)
    shoot(window, out, "errors")
    window.close()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
