"""Reports in from Excel (.xlsx): our own workbooks (exports and filled-in templates) and
any workbook that holds an official table, recognised by its labels (xlsx_match).

Figures are read from the printed tables, always: what an officer changed there is what
counts. Every cell that cannot be read is said with its sheet and address: a formula
Excel never computed (no cached value), text or a date in a number cell, a merged range
over several figures, a row or column whose label is unknown. Blank, /, —, －, 不适用 are
empty, never 0, and are reported. Anything rejected stops the import (all or nothing).

Our workbooks also carry, in fixed named cells and sheets (xlsx_common), the format id,
unit, year, sign-off fields, declarations, the narrative, published totals that differ
from their parts (数据 column D), explanations and last year's figures. Elsewhere the unit
and year come from a title (某区2024年政府信息公开工作年度报告) or the caller.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_cells import TableCells
from desktop.core.exchange.xlsx_match import Match, Sheet, Target, find_tables
from desktop.core.exchange.xlsx_own import OwnSheets, cell_text, year_of
from desktop.core.forms import Form, all_forms, form_for_year, load_form
from desktop.core.interchange import SCHEMA, ImportResult, from_interchange
from desktop.core.sources import read_source
from desktop.core.textrules import shown
from desktop.core.values import Number

MAX_XLSX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_CELLS = 1_000_000


def read(path: Path, unit: str | None = None, year: int | None = None) -> ImportResult:
    path = Path(path)
    book = _Book.open(read_source(path, MAX_XLSX_BYTES), path.name)
    return _Reader(book, path.name).read(unit, year)


@dataclass
class _Book:
    """Both views openpyxl gives of one file: cached values and formulas."""

    values: object  # openpyxl Workbook, data_only=True
    sheets: list[Sheet]

    @classmethod
    def open(cls, raw: bytes, name: str) -> _Book:
        import io
        import warnings

        import openpyxl

        _refuse_bombs(raw, name)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "extension not supported" and the like
                values = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
                formulas = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
        except Exception as error:  # a damaged or foreign file: openpyxl raises many kinds
            raise InputError(
                f"{name} 不是有效的 Excel 工作簿（.xlsx）：{type(error).__name__}。"
                "如果是 .xls 或加了密码的文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入"
            ) from error
        sheets = [_sheet(ws, formulas[ws.title], name) for ws in values.worksheets]
        return cls(values, sheets)

    def fixed(self, name: str, sheet: str | None = None, where: str | None = None) -> object:
        """The value of a defined name (it follows its cell when rows are inserted),
        else of its fixed place."""
        defined = self.values.defined_names.get(name)
        if defined is not None:  # a name pointing nowhere leaves the fixed place
            with contextlib.suppress(StopIteration, ValueError, TypeError, AttributeError):
                sheet, where = next(iter(defined.destinations))
        if sheet is None or sheet not in self.values.sheetnames:
            return None
        try:
            value = self.values[sheet][where.replace("$", "")].value
        except (ValueError, KeyError, AttributeError, TypeError):
            return None
        return value


def _refuse_bombs(raw: bytes, name: str) -> None:
    """An .xlsx is a zip: one that unpacks to far more than a report's workbook ever does
    is refused before openpyxl unpacks it."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: openpyxl says so in its own words below
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(f"{name} 解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，不是年报表格")


def _sheet(ws, formula_ws, name: str) -> Sheet:
    cells = getattr(ws, "_cells", None)
    if cells is None:  # openpyxl without its cell dictionary: read the used range
        cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row}
    if len(cells) > MAX_CELLS:
        raise InputError(f"{name} 的工作表“{ws.title}”超过 {MAX_CELLS} 个单元格，不是年报表格")
    values, errors = {}, set()
    for position, cell in cells.items():
        if cell.value is None:
            continue
        values[position] = cell.value
        if cell.data_type == "e":
            errors.add(position)
    formulas = {
        position: str(cell.value)
        for position, cell in getattr(formula_ws, "_cells", {}).items()
        if cell.data_type == "f"
    }
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    return Sheet(ws.title, values, formulas, errors, merges)


@dataclass
class _Reader(TableCells, OwnSheets):
    book: _Book
    source: str
    cells: dict[str, Number] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # cell id or key -> place
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    formula_totals: list[tuple[str, str, object]] = field(default_factory=list)

    def read(self, unit: str | None, year: int | None) -> ImportResult:
        ours = self._ours()
        unit, year = self._identity(ours, unit, year)
        form, matches = self._form(ours, year)
        self.read_tables(form, matches)
        data = {"schema": SCHEMA, "form": form.id, "unit": unit, "year": year}
        data["cells"] = self.cells
        keyed: dict[str, str] = {}
        if ours:
            self._published(form)
            keyed = self._keyed()
            data["texts"] = self._texts(form)
            data["meta"] = self._meta()
            data["declarations"] = self._declarations(form, keyed)
            data["explanations"] = {
                k.removeprefix(common.EXPLANATION_KEY): v
                for k, v in keyed.items()
                if k.startswith(common.EXPLANATION_KEY)
            }
        result = from_interchange(data, self.source)
        result.rejected = [(k, self._placed(k, m)) for k, m in result.rejected]
        if ours:
            self._previous(result, keyed)
        self.compare_formulas(result)
        result.rejected += self.rejected
        result.warnings += self.warnings
        result.notes += self.notes
        return result

    def _placed(self, key: str, message: str) -> str:
        where = self.places.get(key)
        return f"{where}：{message}" if where else message

    # -- what the workbook is -----------------------------------------------------------

    def _ours(self) -> dict | None:
        fixed = {
            name: self.book.fixed(name, common.FORMAT_SHEET, where)
            for name, where in common.FORMAT_CELLS.items()
        }
        if fixed[common.NAME_MARKER] != common.MARKER:
            return None
        version = fixed[common.NAME_VERSION]
        if not isinstance(version, int | float) or int(version) > common.VERSION:
            raise InputError(
                f"{self.source} 由较新版本的年报填报软件生成（版本 {shown(str(version))}），"
                "请升级软件后再导入"
            )
        kind = fixed[common.NAME_KIND]
        what = "填报模板" if kind == common.KIND_TEMPLATE else "导出的报告"
        self.notes.append(f"本软件{what}（Excel）")
        return fixed

    def _identity(self, ours, unit: str | None, year: int | None) -> tuple[str, int]:
        found_unit, found_year, where = None, None, ""
        if ours:
            found_unit = cell_text(self.book.fixed(common.NAME_UNIT)) or None
            found_year = year_of(self.book.fixed(common.NAME_YEAR))
            where = f"工作表“{common.INFO_SHEET}”"
        if found_unit is None or found_year is None:
            title_unit, title_year, title = self._title()
            if (found_unit is None and title_unit) or (found_year is None and title_year):
                where = f"标题“{shown(title, 60)}”"
            found_unit = found_unit or title_unit
            found_year = found_year or title_year
        for words, found, given in (
            ("单位名称", found_unit, unit),
            ("报告年度", found_year, year),
        ):
            if found is not None and given is not None and found != given:
                self.warnings.append(
                    (where, f"文件中的{words}为“{found}”，已按文件导入，未采用指定的“{given}”")
                )
        if where and not ours:
            self.notes.append(f"单位和年度取自{where}")  # the import dialog's words
        taken = [w for w, f, g in (("单位名称", found_unit, unit), ("报告年度", found_year, year))
                 if f is None and g is not None]  # fmt: skip
        if taken:
            self.notes.append(f"{'和'.join(taken)}按指定的导入")
        unit, year = found_unit or unit, found_year or year
        if not unit or year is None:
            missing = "单位名称" if not unit else "报告年度"
            option = "--unit" if not unit else "--year"
            raise InputError(
                f"{self.source} 中找不到{missing}（“{common.INFO_SHEET}”工作表和表格标题中都没有），"
                f"请用 {option} 指定"
            )
        return unit, year

    def _title(self) -> tuple[str | None, int | None, str]:
        for sheet in self.book.sheets:
            for r in sorted(sheet.by_row)[:8]:
                for _, text in sheet.texts(r):
                    compact = "".join(text.split())
                    for pattern in (common.TITLE_YEAR_FIRST, common.TITLE_UNIT_FIRST):
                        if match := pattern.match(compact):
                            return match["unit"], int(match["year"]), text
                    if match := common.UNIT_LINE.search(text):
                        return match["unit"], None, text
        return None, None, ""

    def _form(self, ours, year: int) -> tuple[Form, list[tuple[Target, Match | None]]]:
        sheets = self._table_sheets(ours)
        if ours and isinstance(ours.get(common.NAME_FORM), str):
            form = load_form(ours[common.NAME_FORM])
            return form, find_tables(sheets, form)
        scored = []
        for form in all_forms().values():
            matches = find_tables(sheets, form)
            scored.append((sum(m.score for _, m in matches if m), form, matches))
        best = max(score for score, _, _ in scored)
        if best <= 0:
            raise InputError(
                f"{self.source} 中没有找到年报的表格（二、主动公开，三、申请情况，四、复议诉讼情况），"
                "无法导入：请确认表头和行名与官方格式一致"
            )
        tied = [(f, m) for s, f, m in scored if s == best]
        by_year = form_for_year(year)
        form, matches = next(((f, m) for f, m in tied if f is by_year), tied[0])
        self.notes.append(f"识别为{form.name}（{form.notice}），依据表格的行名和列名")
        return form, matches

    def _table_sheets(self, ours) -> list[Sheet]:
        if not ours:
            return self.book.sheets
        own = {common.INFO_SHEET, common.TEXT_SHEET, common.DATA_SHEET, common.FORMAT_SHEET}
        return [s for s in self.book.sheets if s.name not in own]
