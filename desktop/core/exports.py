"""Writing exported files, and where the 签批单 goes: shared by the window and the command
line, and light (no reportlab) so that building the command line stays quick.

An export is written beside its target and renamed over it, so a target is either the old
file or the new one, never half of either; what cannot be written is said in words, and no
temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import NianbaoError

# What becomes of the 签批单 (sign-off sheet), which carries names, phone and signatures:
SIGNOFF_SEPARATE = "separate"  # its own PDF with its own page numbers (the default)
SIGNOFF_APPEND = "append"  # after the report, on a fresh sheet of paper, numbered on its own
SIGNOFF_NONE = "none"  # not made
SIGNOFF_CHOICES = (SIGNOFF_SEPARATE, SIGNOFF_APPEND, SIGNOFF_NONE)
SIGNOFF_SUFFIX = "-签批单"


@dataclass(frozen=True)
class ExportChoices:
    """What the officer chooses for a printed or exported report, as the command line's
    --signoff, --blank-empty and --centred-page-numbers (core.pdf.PdfOptions without the
    draft, which follows from the findings)."""

    signoff: str = SIGNOFF_SEPARATE
    blank_empty: bool = False  # empty cells blank instead of 0
    centred_numbers: bool = False  # page numbers centred instead of outside

    def __post_init__(self):
        if self.signoff not in SIGNOFF_CHOICES:
            raise ValueError(f"signoff must be one of {SIGNOFF_CHOICES}, not {self.signoff!r}")


class ExportNotWritten(NianbaoError):
    """An export could not be written; the message says why and what to do."""


def signoff_path(report_path: Path) -> Path:
    """Where the separate 签批单 goes: beside the report, `报告.pdf` → `报告-签批单.pdf`."""
    return report_path.with_name(
        f"{report_path.stem}{SIGNOFF_SUFFIX}{report_path.suffix or '.pdf'}"
    )


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write each (path, content) whole or not at all. Every file is first written beside
    its target, so a full disk or a missing folder changes nothing; then each is renamed
    over its target, in order. Raises ExportNotWritten in words."""
    temps: list[str] = []
    try:
        for path, content in files:
            temps.append(_write_beside(path, content))
        done: list[Path] = []
        for (path, _), temp in zip(files, temps, strict=True):
            try:
                os.replace(temp, path)
            except OSError as error:
                written = "".join(f"（{p} 已写入）" for p in done)
                raise ExportNotWritten(_words(path, error, replacing=True) + written) from error
            done.append(path)
    finally:
        for temp in temps:
            _remove(temp)


def _write_beside(path: Path, content: bytes) -> str:
    import tempfile  # only when writing an export

    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise ExportNotWritten(_words(path, error, replacing=False)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
    except OSError as error:
        _remove(temp)
        raise ExportNotWritten(_words(path, error, replacing=False)) from error
    return temp


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except FileNotFoundError:
        pass  # renamed into place: nothing left over
    except OSError:
        pass  # cannot be helped; it is hidden (dot name) and says .part


def _words(path: Path, error: OSError, replacing: bool) -> str:
    if error.errno == errno.ENOSPC:
        return f"无法写入 {path}：磁盘已满，请换一个位置或清理磁盘后重试。"
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        if replacing and path.exists():
            # Windows refuses to replace a file another program holds open.
            return (
                f"无法替换 {path}：该文件可能正在 WPS、Acrobat 或其他程序中打开。"
                "请关闭该文件后重试，或换一个文件名。"
            )
        return f"无法写入 {path}：没有写入该位置的权限，请换一个文件夹或文件名。"
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOENT:
        return f"无法写入 {path}：文件夹不存在。"
    if isinstance(error, IsADirectoryError):
        return f"无法写入 {path}：这是一个文件夹，请给出文件名。"
    return f"无法写入 {path}（{error.strerror or error}）"
