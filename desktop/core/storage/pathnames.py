"""The name a file is given to SQLite and to the operating system.

Absolute but never resolved: Path.resolve() turns a mapped network drive (Z:\\) into
\\\\server\\share and adds \\\\?\\ to long paths. Never a URI: Python's SQLite refuses a URI
with a server name, so a URI cannot reach a UNC path, and a \\\\?\\ prefix breaks one. A long
Windows path gets the \\\\?\\ prefix the wide file functions need, counting the "-journal"
SQLite appends to it.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sys
from pathlib import Path

WINDOWS_MAX_PATH = 260
LONGEST_SUFFIX = "-journal"


def native(path: Path | str, windows: bool = sys.platform == "win32") -> str:
    flavour = ntpath if windows else posixpath
    text = os.fspath(path)
    if not flavour.isabs(text):
        text = flavour.join(os.getcwd(), text)
    text = flavour.normpath(text)
    too_long = len(text) + len(LONGEST_SUFFIX) >= WINDOWS_MAX_PATH
    if windows and too_long and not text.startswith("\\\\?\\"):
        text = "\\\\?\\UNC\\" + text[2:] if text.startswith("\\\\") else "\\\\?\\" + text
    return text
