"""Errors that reach an officer: each carries one complete sentence in Chinese."""

from pathlib import Path


class NianbaoError(Exception):
    """Base of every expected failure; str(error) is the message shown to the officer."""


class FormDefinitionError(NianbaoError):
    """An official-format data file under forms/ is broken (a packaging defect)."""

    def __init__(self, path, entry: str, problem: str):
        super().__init__(f"格式定义文件 {path} 有误：{entry}：{problem}")
        self.path, self.entry, self.problem = path, entry, problem


class InputError(NianbaoError):
    """A value typed or imported is refused; nothing was changed."""


class ReportFileError(NianbaoError):
    """A report file cannot be used (not a report file, corrupt, hostile, or newer)."""


class NewerVersionError(ReportFileError):
    """The file was written by a newer version of the application; it is left untouched."""


class ReadableOnlyError(ReportFileError):
    """The file is fine but cannot be written here; it can still be opened read-only."""


class FileInUseError(ReadableOnlyError):
    """Another window or program is editing the file; it can still be opened read-only."""

    def __init__(self, path):
        self.path = Path(path)
        super().__init__(f"{self.path.name} 正由另一个窗口或程序编辑，只能以只读方式打开。")


class NotWritableError(ReadableOnlyError):
    """The file, its folder or its medium is read-only (a CD, a locked USB stick, rights)."""


class WriteFailedError(ReportFileError):
    """A save failed (disk full, medium removed, locked by another program); the edit
    was not saved and the file holds what it held before."""
