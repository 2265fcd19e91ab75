"""desktop.core is the domain: it must run where Qt is absent (command line, CI, servers)."""

import subprocess
import sys

CODE = """
import pkgutil, importlib, sys
import desktop.core
for module in pkgutil.walk_packages(desktop.core.__path__, "desktop.core."):
    importlib.import_module(module.name)
qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(qt))
"""


def test_importing_every_core_module_does_not_import_qt():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_command_line_does_not_import_qt():
    code = "import sys, desktop.cli; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
