"""Reports out to Excel, and empty templates for units that still fill in Excel.

Sheets: 报告信息 (unit, year, format, 填报人 …, declarations), one per official table
section (xlsx_out_tables), 正文 (一、五、六, a row per line), 数据 (cell id, words, value,
and a published total that differs from its parts, for machines) and the hidden
格式信息 (marker, layout version, format id, kind; declarations' wording, explanations,
last year's figures as key/value rows), so the import knows what it reads.

How published totals travel: a printed total is always a formula (Excel and WPS
recompute it, the checks agree); a total published differently from its parts (an
imported report's misprint) is written in 数据 column D and as a comment on the
formula, and the import takes it from column D back into Report.published.
"""

from __future__ import annotations

import io

from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_out_tables import Figures, write_section
from desktop.core.exchange.xlsx_style import (
    NUMBER_FORMATS,
    TEXT_FORMAT,
    Styles,
    make_styles,
    protect,
    put_text,
    set_page,
)
from desktop.core.forms import Form
from desktop.core.report import META_FIELDS, Report


def report_workbook(report: Report, explanations: dict[str, str] | None = None) -> bytes:
    """The report as a workbook (bytes of an .xlsx file)."""
    figures = Figures(values=dict(report.values), published=dict(report.published))
    book = _Book(report.form, figures, report.unit, report.year)
    book.info(report.meta, report.declarations)
    book.tables(report.title)
    book.texts(report.texts)
    book.data(report)
    book.hidden(common.KIND_REPORT, _keyed(report, explanations or {}))
    return book.bytes()


def template_workbook(form: Form, unit: str | None = None, year: int | None = None) -> bytes:
    """An empty workbook of the format: input cells unlocked, totals locked formulas."""
    book = _Book(form, Figures(template=True), unit, year)
    book.info({}, {})
    if unit and year:
        title = f"{unit}{year}年政府信息公开工作年度报告"
    else:
        info = common.quoted(common.INFO_SHEET)
        unit_cell = f"{info}!$B${common.INFO_ROWS[common.NAME_UNIT]}"
        year_cell = f"{info}!$B${common.INFO_ROWS[common.NAME_YEAR]}"
        title = (
            f'=IF(OR({unit_cell}="",{year_cell}=""),"政府信息公开工作年度报告",'
            f'{unit_cell}&{year_cell}&"年政府信息公开工作年度报告")'
        )
    book.tables(title)
    book.texts({})
    book.data(None)
    book.hidden(common.KIND_TEMPLATE, [])
    return book.bytes()


def _keyed(report: Report, explanations: dict[str, str]) -> list[tuple[str, str]]:
    rows = [(common.DECLARATION_KEY + k, v) for k, v in report.declarations.items()]
    rows += [(common.EXPLANATION_KEY + k, v) for k, v in sorted(explanations.items())]
    if report.previous is not None:
        rows += [(common.PREVIOUS_KEY + k, v) for k, v in report.previous.rows().items()]
    return rows


class _Book:
    def __init__(self, form: Form, figures: Figures, unit: str | None, year: int | None):
        from openpyxl import Workbook
        from openpyxl.workbook.properties import CalcProperties

        self.form, self.figures, self.unit, self.year = form, figures, unit, year
        self.styles: Styles = make_styles()
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        # Every formula is computed when Excel or WPS opens the file (openpyxl stores none).
        self.wb.calculation = CalcProperties(fullCalcOnLoad=True)
        self.places: dict[str, tuple[str, str]] = {}  # cell id -> (sheet, address)

    @property
    def template(self) -> bool:
        return self.figures.template

    def _name(self, name: str, sheet: str, where: str) -> None:
        from openpyxl.workbook.defined_name import DefinedName

        column = "".join(c for c in where if c.isalpha())
        text = f"{common.quoted(sheet)}!${column}${where[len(column) :]}"
        self.wb.defined_names[name] = DefinedName(name, attr_text=text)

    # -- 报告信息 ---------------------------------------------------------------------------

    def info(self, meta: dict[str, str], declarations: dict[str, str]) -> None:
        ws = self.wb.create_sheet(common.INFO_SHEET)
        styles = self.styles
        ws.merge_cells("A1:B1")
        if self.unit and self.year:
            title = f"{self.unit}{self.year}年政府信息公开工作年度报告"
        else:
            title = "政府信息公开工作年度报告"
        put_text(ws["A1"], title + ("（填报模板）" if self.template else ""))
        ws["A1"].font = styles.title
        ws["A1"].alignment = styles.centre
        ws.row_dimensions[1].height = 30
        rows = [
            (common.NAME_UNIT, "单位名称", self.unit, TEXT_FORMAT),
            (common.NAME_YEAR, "报告年度", self.year, "0"),
        ]
        for name, label, value, number_format in rows:
            self._field(ws, common.INFO_ROWS[name], name, label, value, number_format)
        form_row = common.INFO_FORM_ROW
        self._label(ws, form_row, "报告格式")
        put_text(
            ws.cell(form_row, 2), f"{self.form.name}（{self.form.notice}，{self.form.years_words}）"
        )
        ws.cell(form_row, 2).font = styles.body
        row = common.INFO_META_FROM
        for field_name, label in META_FIELDS.items():
            name = common.meta_name(field_name)
            self._field(ws, row, name, label, meta.get(field_name), TEXT_FORMAT)
            row += 1
        for declaration in self.form.declarations:
            made = common.YES if declaration.id in declarations else None
            name = common.declaration_name(declaration.id)
            self._field(ws, row, name, declaration.text, made, TEXT_FORMAT)
            self._yes_or_no(ws, row)
            row += 1
        self._notes(ws, row + 1)
        ws.column_dimensions["A"].width = 36
        ws.column_dimensions["B"].width = 56
        self._year_rule(ws)
        set_page(ws, landscape=False, title_rows=None, area=None)
        if self.template:
            protect(ws)

    def _label(self, ws, row: int, text: str) -> None:
        put_text(ws.cell(row, 1), text)
        ws.cell(row, 1).font = self.styles.bold
        ws.cell(row, 1).alignment = self.styles.label

    def _field(self, ws, row: int, name: str, label: str, value, number_format: str) -> None:
        self._label(ws, row, label)
        cell = ws.cell(row, 2)
        if isinstance(value, str):
            put_text(cell, value)
        elif value is not None:
            cell.value = value
        cell.number_format = number_format
        cell.font = self.styles.body
        cell.alignment = self.styles.label
        cell.border = self.styles.border
        if self.template:
            cell.protection = self.styles.unlocked
        self._name(name, common.INFO_SHEET, f"B{row}")

    def _yes_or_no(self, ws, row: int) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rule = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        rule.error, rule.errorTitle, rule.showErrorMessage = "请选择“是”或留空", "声明", True
        rule.add(f"B{row}")
        ws.add_data_validation(rule)

    def _year_rule(self, ws) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rule = DataValidation(type="whole", operator="between", formula1="2008", formula2="2100")
        rule.error, rule.errorTitle, rule.showErrorMessage = (
            "请填写四位数的年度，如2024",
            "报告年度",
            True,
        )
        rule.add(f"B{common.INFO_ROWS[common.NAME_YEAR]}")
        ws.add_data_validation(rule)

    def _notes(self, ws, row: int) -> None:
        if self.template:
            lines = [
                "填写说明：",
                "1. 白色单元格为填写处；灰色单元格为自动计算的合计，不能填写。",
                "2. 未填的单元格是“空”，不等于0；没有发生的事项请填0。",
                "3. “三、申请情况”表下方的“相差”一行检查勾稽关系（第一项+第二项=第三项总计+第四项），不为0时显示红色。",
                "4. 正文（一、五、六）写在“正文”工作表各标题下方，可分多行。",
                "5. 填好后用年报填报软件导入：nianbao import 本文件.xlsx -o 报告.sqlite。",
            ]
        else:
            lines = [
                "说明：本工作簿由政府信息公开工作年度报告填报软件导出。",
                "各表的合计是公式，Excel、WPS打开时自动计算；“数据”工作表列出每个单元格的编号和数值，供程序读取。",
            ]
        for offset, line in enumerate(lines):
            put_text(ws.cell(row + offset, 1), line)
            ws.cell(row + offset, 1).font = self.styles.note

    # -- the official tables ----------------------------------------------------------------

    def tables(self, title: str) -> None:
        for section in self.form.sections:
            if section.is_text:
                continue
            sheet = common.table_sheet_name(section)
            ws = self.wb.create_sheet(sheet)
            places = write_section(ws, self.form, section, self.figures, self.styles, title)
            self.places.update({cell: (sheet, where) for cell, where in places.items()})

    # -- 正文 ---------------------------------------------------------------------------------

    def texts(self, texts: dict[str, str]) -> None:
        ws = self.wb.create_sheet(common.TEXT_SHEET)
        styles = self.styles
        ws.column_dimensions["A"].width = 4
        ws.column_dimensions["B"].width = 96
        row = 1
        for section in self.form.text_sections:
            put_text(ws.cell(row, 1), section.heading)
            ws.cell(row, 1).font = styles.heading
            if self.template and section.help:
                from openpyxl.comments import Comment

                comment = Comment(section.help.strip(), "填报说明")
                comment.width, comment.height = 420, 160
                ws.cell(row, 1).comment = comment
            row += 1
            lines = texts.get(section.id, "").split("\n") if texts.get(section.id) else []
            if self.template:
                lines = [""]
            for line in lines:
                chunks = [
                    line[i : i + common.CELL_LIMIT] for i in range(0, len(line), common.CELL_LIMIT)
                ]
                for index, chunk in enumerate(chunks or [""]):
                    if index:
                        put_text(ws.cell(row, 1), common.CONTINUED)
                        ws.cell(row, 1).font = styles.note
                    cell = ws.cell(row, 2)
                    if chunk:
                        put_text(cell, chunk)
                    # Styled even when empty: an empty line keeps its row when Excel saves.
                    cell.font = styles.body
                    cell.alignment = styles.paragraph
                    row += 1
        set_page(ws, landscape=False, title_rows=None, area=None)

    # -- 数据 ---------------------------------------------------------------------------------

    def data(self, report: Report | None) -> None:
        ws = self.wb.create_sheet(common.DATA_SHEET)
        styles = self.styles
        for col, text in enumerate(common.DATA_HEADER, start=1):
            put_text(ws.cell(1, col), text)
            ws.cell(1, col).font = styles.bold
        for row, (cell_id, definition) in enumerate(self.form.cells.items(), start=2):
            put_text(ws.cell(row, 1), cell_id)
            put_text(ws.cell(row, 2), definition.words)
            value_cell = ws.cell(row, 3)
            value_cell.number_format = NUMBER_FORMATS[definition.kind]
            if report is None:
                sheet, where = self.places[cell_id]
                ref = f"{common.quoted(sheet)}!{where}"
                value_cell.value = (
                    f"={ref}" if definition.derived else f'=IF(ISBLANK({ref}),"",{ref})'
                )
                continue
            value = report.value(cell_id)
            if value is not None:
                value_cell.value = value
            if cell_id in report.published:
                ws.cell(row, 4).value = report.published[cell_id]
                ws.cell(row, 4).number_format = NUMBER_FORMATS[definition.kind]
        for col, width in zip("ABCD", (34, 72, 14, 22), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        if self.template:
            protect(ws)

    # -- 格式信息 (hidden) ------------------------------------------------------------------

    def hidden(self, kind: str, rows: list[tuple[str, str]]) -> None:
        from desktop import __version__

        ws = self.wb.create_sheet(common.FORMAT_SHEET)
        ws.sheet_state = "hidden"
        fixed = {
            common.NAME_MARKER: ("格式标识", common.MARKER),
            common.NAME_VERSION: ("版本", common.VERSION),
            common.NAME_FORM: ("报告格式", self.form.id),
            common.NAME_KIND: ("文件类型", kind),
        }
        for name, (label, value) in fixed.items():
            where = common.FORMAT_CELLS[name]
            put_text(ws[f"A{where[1:]}"], label)
            if isinstance(value, str):
                put_text(ws[where], value)
            else:
                ws[where] = value
            self._name(name, common.FORMAT_SHEET, where)
        put_text(ws["A5"], "生成软件")
        put_text(ws["B5"], f"nianbao {__version__}")
        for row, (key, value) in enumerate(rows, start=common.FORMAT_ROWS_FROM):
            put_text(ws.cell(row, 1), key)
            put_text(ws.cell(row, 2), value)
        if self.template:
            protect(ws)

    def bytes(self) -> bytes:
        self.wb.active = 0
        stream = io.BytesIO()
        self.wb.save(stream)
        return stream.getvalue()
