"""Which report files this program has open for writing on this computer.

A rollback journal left beside a report file (`X.sqlite-journal`) holds the pages of a
save that was interrupted. When this program was killed or the power failed while it
wrote, SQLite must play the journal back, or the file is half-saved. But a journal that
arrived with a received file was written elsewhere: playing it back would change the
file after it was checked, and a crafted one can make SQLite delete another file. The
only difference between the two is who wrote it, which the journal cannot tell; so
every writable open leaves a small claim here, removed again on a clean close. A hot
journal beside a claimed file is this program's own; any other one is refused.

Claims live in the officer's local profile, never beside the report file, so a file
copied to a USB stick or e-mailed carries none.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path

STATE_ENV = "NIANBAO_STATE_DIR"  # tests and portable installs point this elsewhere


def state_dir() -> Path:
    if folder := os.environ.get(STATE_ENV):
        return Path(folder)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "nianbao"


def _claim_path(path: Path) -> Path:
    import hashlib  # loads OpenSSL: only where a digest is made

    key = os.path.normcase(os.path.abspath(path))
    return (
        state_dir()
        / "open-files"
        / hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    )


def claim(path: Path) -> None:
    """Note that this program is about to write the file. Best effort: without a claim a
    crash is recovered by hand (the journal is reported, not played back)."""
    entry = _claim_path(path)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(f"{os.getpid()}\n{os.path.abspath(path)}", "utf-8", "surrogatepass")
    except OSError:
        pass


def release(path: Path) -> None:
    with suppress(OSError):
        _claim_path(path).unlink(missing_ok=True)


def is_claimed(path: Path) -> bool:
    return _claim_path(path).is_file()


def owner_alive(path: Path) -> bool:
    """Whether the program that claimed the file still runs (so may be mid-save)."""
    try:
        pid = int(_claim_path(path).read_text("utf-8", "replace").split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    return pid == os.getpid() or _running(pid)


def _running(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0 only asks; never on Windows, where os.kill terminates
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True
