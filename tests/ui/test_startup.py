"""Start-up is a feature: `nianbao 报告.sqlite` shows the report without loading the PDF,
printing or Excel code, and a second print preview reads no font file again."""

import json
import os
import subprocess
import sys
import textwrap

from desktop.core.pdf import fonts as pdf_fonts
from tests.ui.conftest import new_file

HEAVY = ("reportlab", "PIL", "pypdfium2", "openpyxl", "sqlite_utils")

# The real entry point, as the officer starts it, with the settings in the test's folder;
# a timer that fires once the event loop runs reports what is loaded, then quits.
CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication(sys.argv[:1])
    import desktop.ui.settings
    desktop.ui.settings.QSettings = lambda *_: QSettings(
        str(folder / "settings.ini"), QSettings.Format.IniFormat
    )

    def report():
        window = next((w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)), None)
        if window is None or path.name not in window.windowTitle():
            return  # the window shows first; the report opens right after
        timer.stop()
        heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[3].split(",")))
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        print(json.dumps({"title": window.windowTitle(), "tabs": tabs, "heavy": heavy}))
        app.quit()

    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(0)
    from desktop.__main__ import main
    sys.exit(main([str(path)]))
    """
)


def test_starting_with_a_report_loads_no_pdf_printing_or_excel_code(tmp_path):
    path = new_file(tmp_path / "报告.sqlite", years=(2024,))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path), ",".join(HEAVY)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert "报告.sqlite" in shown["title"] and len(shown["tabs"]) == 6  # the report is open
    assert shown["heavy"] == []


def test_a_second_preview_reads_no_font_file(qtbot, window, dialogs, monkeypatch):
    window.open_sample()
    window.preview()
    read = []
    real = pdf_fonts.TTFont
    monkeypatch.setattr(pdf_fonts, "TTFont", lambda *a, **k: read.append(a) or real(*a, **k))
    window.preview()
    first, second = dialogs.shown
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert read == [] and len(second.pages) == len(first.pages) >= 10
