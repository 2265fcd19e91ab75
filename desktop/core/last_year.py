"""Finding last year's report for a new one: in the same report file, or in the file the
officer names (another report file, an Excel workbook, a published report, the JSON)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError, NianbaoError
from desktop.core.previous import Previous, copy_of
from desktop.core.report import Report
from desktop.core.storage import ReportFile

SQLITE_MAGIC = b"SQLite format 3\x00"


def find(
    target: Path, unit: str, year: int, source: Path | None = None
) -> tuple[Report, Previous] | None:
    """Last year's report and how this year's report will know it; None when the target
    file holds none and no source is named."""
    if source is None:
        return _same_file(target, unit, year)
    if _is_report_file(source):
        with ReportFile.open(source, readonly=True) as file:
            last = file.load(_pick(file, unit, year - 1).id)
        return last, copy_of(last, f"报告文件“{source.name}”中的{last.unit}{last.year}年度报告")
    from desktop.core.exchange import read_any

    result = read_any(source, unit, year - 1)
    if not result.ok:
        first = result.rejected[0][1]
        raise InputError(
            f"{source.name} 不能作为上年报告读取（{first}等 {len(result.rejected)} 处）"
        )
    last = result.report
    if last.year != year - 1:
        raise InputError(f"{source.name} 是{last.year}年度的报告，不是{year - 1}年度的")
    return last, copy_of(last, f"“{source.name}”（{last.unit}{last.year}年度）")


def _same_file(target: Path, unit: str, year: int) -> tuple[Report, Previous] | None:
    if not target.exists() or target.stat().st_size == 0:
        return None
    with ReportFile.open(target, readonly=True) as file:
        info = next((i for i in file.reports() if (i.unit, i.year) == (unit, year - 1)), None)
        if info is None:
            return None
        return file.load(info.id), Previous(f"本文件中的{year - 1}年度报告")


def _pick(file: ReportFile, unit: str, year: int):
    """The unit's report of that year; the only report of that year when the unit's name
    was written differently there."""
    try:
        return file.find(unit, year)
    except NianbaoError:
        return file.find(None, year)


def _is_report_file(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(16) == SQLITE_MAGIC
    except OSError as error:
        raise InputError(f"无法读取 {path}（{error.strerror}）") from error
