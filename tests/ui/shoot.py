"""Screenshots of every tab as an officer sees them (run on demand under Xvfb):

    xvfb-run -s "-screen 0 1366x768x24" uv run python tests/ui/shoot.py OUT_DIR

Shoots the shipped sample (balanced), the same report with errors typed in, and the
cursor far down and right in 三 and 四 with a refused entry, grabbing the X screen
itself, not Qt's own rendering of the widget. The window fills the screen less a
taskbar and a title bar, as it would on an office PC (try 1366x768 and 1280x720).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.app import build
from desktop.core.storage import store_report
from desktop.ui.settings import Settings

TASKBAR_AND_TITLE = 72  # pixels of a 768-high screen the window does not get


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
    window.resize(QApplication.primaryScreen().size() - QSize(0, TASKBAR_AND_TITLE))
    window.move(0, 0)
    window.show()
    QTest.qWaitForWindowExposed(window)
    QApplication.primaryScreen().grabWindow(0).save(str(out / "start.png"))
    window.open_sample()  # read-only, with its banner
    QTest.qWait(150)
    QApplication.primaryScreen().grabWindow(0).save(str(out / "sample-readonly.png"))
    copy = folder / "天河.sqlite"  # what 复制一份以便编辑 makes, to type into
    store_report(copy, window.editor.report, dict(window.editor.session.explanations))
    window.open_path(copy)
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
    for index, cell in ((2, "s3.carried_out.other_org"), (3, "s4.suit_after_review.pending")):
        window.tabs.setCurrentIndex(index)
        page = window.pages[index]
        page.select_cell(cell)
        view = page.views[0]
        view.commit_text(view.currentIndex(), "1.5")
        QTest.qWait(150)
        QApplication.primaryScreen().grabWindow(0).save(str(out / f"cursor-{index + 1}.png"))
    shoot_dialogs(window, out)
    window.close()
    app.quit()


def shoot_dialogs(window, out: Path) -> None:
    """The print preview and the guide, shown as the window shows them (not modal here)."""
    from desktop.core.pdf import PdfOptions, render
    from desktop.ui import printing
    from desktop.ui.help import GuideDialog

    pdf = render(window.editor.report, window.editor.findings(), PdfOptions(draft=True))
    for name, dialog in (
        ("preview", printing.PreviewDialog(pdf, window.editor.report.title, window)),
        ("guide", GuideDialog(window)),
    ):
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        QTest.qWait(150)
        QApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
        dialog.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
