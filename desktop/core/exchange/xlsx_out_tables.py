"""One worksheet per official table section (二、三、四) in the printed layout of
forms/layout.py: title, merged header, exact labels, figures, totals as formulas that
Excel and WPS recompute, data validation, A4 print setup with the header rows repeated.
A template adds protection (only the input cells unlocked), the row help as comments
and, under 三, a 相差 row per column from the form's balance rule, red while it fails."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.exchange.xlsx_common import BALANCE_LABEL, address, column_letter
from desktop.core.exchange.xlsx_style import (
    NUMBER_FORMATS,
    Styles,
    frame,
    lines_needed,
    protect,
    put_text,
    set_page,
    text_width,
)
from desktop.core.forms import Form, Section
from desktop.core.forms.layout import GridCell, table_grid
from desktop.core.values import CellKind, Number, to_text

ROW_HEIGHT = 14.5  # points per line of 10.5 pt text
LABEL_WIDTHS = {0: (), 1: (24,), 2: (14, 30), 3: (6, 12, 28)}
VALIDATION = {
    CellKind.COUNT: ("whole", "greaterThanOrEqual", "0", None, "请填写非负整数（件数），没有请填0"),
    CellKind.SIGNED: (
        "whole",
        "between",
        "-999999999999",
        "999999999999",
        "请填写整数（减少填负数），没有变化请填0",
    ),
    CellKind.MONEY: ("decimal", "greaterThanOrEqual", "0", None, "请填写金额（万元，可带小数）"),
}


@dataclass
class Figures:
    """What the tables show: the input values (none in a template), and totals published
    differently from their parts (shown as a comment beside the formula)."""

    values: dict[str, Number] = field(default_factory=dict)
    published: dict[str, Number] = field(default_factory=dict)
    template: bool = False


def write_section(
    ws, form: Form, section: Section, figures: Figures, styles: Styles, title: str
) -> dict[str, str]:
    """Fill the sheet; returns each cell id's address on it."""
    grids = [(table, table_grid(section, table)) for table in section.tables]
    width = max(grid.cols for _, grid in grids)
    _title(ws, title, section.heading, width, styles)
    top, places, header_end = 3, {}, 2
    helps: list[tuple[str, str]] = []
    for table, grid in grids:
        if table.caption:
            ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=width)
            put_text(ws.cell(top, 1), table.caption)
            ws.cell(top, 1).font = styles.bold
            ws.cell(top, 1).alignment = styles.label
            frame(ws, top, 1, top, width, styles)
            top += 1
        for cell in grid.cells:
            places_cell = _place(ws, cell, top, styles)
            if cell.kind == "data":
                places[cell.cell_id] = places_cell
            if cell.help and figures.template:
                helps.append((places_cell, cell.help))
        header_end = max(header_end, top + grid.header_rows - 1) if len(grids) == 1 else 2
        top += grid.rows
    last = top - 1
    _figures(ws, form, places, figures, styles)
    _widths(ws, section, width)
    _heights(ws, section, grids, width)
    if figures.template:
        _comments(ws, helps)
        _balance_rows(ws, form, section, places, last + 1, styles)
        protect(ws)
    _validation(ws, form, places, figures)
    single = grids[0][1] if len(grids) == 1 else None
    if single is not None and single.rows - single.header_rows > 1:
        first_body = header_end + 1
        ws.freeze_panes = address(first_body, section.tables[0].label_columns + 1)
    set_page(
        ws,
        landscape=width > 10,
        title_rows=f"1:{header_end}",
        area=f"A1:{column_letter(width)}{last}",
    )
    return places


def _title(ws, title: str, heading: str, width: int, styles: Styles) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    cell = ws.cell(1, 1)
    if title.startswith("="):
        cell.value = title  # the template's title follows the unit and year typed
    else:
        put_text(cell, title)
    cell.font = styles.title
    cell.alignment = styles.centre
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    put_text(ws.cell(2, 1), heading)
    ws.cell(2, 1).font = styles.heading
    ws.row_dimensions[2].height = 22


def _place(ws, cell: GridCell, top: int, styles: Styles) -> str:
    row, col = top + cell.row, 1 + cell.col
    end_row, end_col = row + cell.rowspan - 1, col + cell.colspan - 1
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)
    target = ws.cell(row, col)
    if cell.kind in ("header", "label"):
        put_text(target, cell.text)
        target.font = styles.bold if cell.kind == "header" else styles.body
        target.alignment = styles.centre if cell.kind == "header" else styles.label
    frame(ws, row, col, end_row, end_col, styles)
    return address(row, col)


def _figures(ws, form: Form, places: dict[str, str], figures: Figures, styles: Styles) -> None:
    from openpyxl.comments import Comment

    for cell_id, where in places.items():
        definition = form.cells[cell_id]
        target = ws[where]
        target.font = styles.body
        target.alignment = styles.number
        target.number_format = NUMBER_FORMATS[definition.kind]
        if definition.derived:
            target.value = total_formula([places[p] for p in definition.parts])
            target.fill = styles.total_fill
            if cell_id in figures.published:
                published = to_text(figures.published[cell_id])
                target.comment = Comment(
                    f"公布的数字为{published}，与明细之和不符；见“数据”工作表。", "nianbao"
                )
        else:
            value = figures.values.get(cell_id)
            if value is not None:
                target.value = value
            if figures.template:
                target.protection = styles.unlocked


def total_formula(parts: list[str]) -> str:
    """=SUM over the parts' addresses, runs of a column or a row written as ranges."""
    cells = [_split(p) for p in parts]
    ranges, index = [], 0
    while index < len(cells):
        col, row = cells[index]
        end = index
        while end + 1 < len(cells) and cells[end + 1] == (col, cells[end][1] + 1):
            end += 1
        if end == index:  # not down a column: along a row?
            while end + 1 < len(cells) and cells[end + 1] == (cells[end][0] + 1, row):
                end += 1
        first = address(row, col)
        ranges.append(first if end == index else f"{first}:{address(cells[end][1], cells[end][0])}")
        index = end + 1
    return f"=SUM({','.join(ranges)})"


def _split(where: str) -> tuple[int, int]:
    letters = "".join(ch for ch in where if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col, int(where[len(letters) :])


def _widths(ws, section: Section, width: int) -> None:
    labels = max(table.label_columns for table in section.tables)
    data = max(8, min(16, 72 // max(width - labels, 1)))
    widths = list(LABEL_WIDTHS.get(labels, (20,) * labels)) + [data] * (width - labels)
    for index, value in enumerate(widths, start=1):
        ws.column_dimensions[column_letter(index)].width = value


def _heights(ws, section: Section, grids, width: int) -> None:
    """Excel does not fit the height of merged cells: estimate each row's lines."""
    columns = [ws.column_dimensions[column_letter(c + 1)].width or 9 for c in range(width)]
    top = 3
    for table, grid in grids:
        top += 1 if table.caption else 0
        lines: dict[int, int] = {}
        for cell in grid.cells:
            if cell.rowspan > 1 or not cell.text:
                continue
            span = sum(columns[cell.col : cell.col + cell.colspan])
            row = top + cell.row
            lines[row] = max(lines.get(row, 1), lines_needed(cell.text, span))
        for row, count in lines.items():
            ws.row_dimensions[row].height = count * ROW_HEIGHT + 4
        top += grid.rows


def _comments(ws, helps: list[tuple[str, str]]) -> None:
    from openpyxl.comments import Comment

    for where, text in helps:
        if ws[where].comment is None:
            comment = Comment(text, "填报说明")
            comment.width, comment.height = 320, max(60, 18 * (text_width(text) // 40 + 1))
            ws[where].comment = comment


def _validation(ws, form: Form, places: dict[str, str], figures: Figures) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    by_kind: dict[CellKind, list[str]] = {}
    for cell_id, where in places.items():
        definition = form.cells[cell_id]
        if not definition.derived:
            by_kind.setdefault(definition.kind, []).append(where)
    for kind, cells in by_kind.items():
        kind_type, operator, low, high, words = VALIDATION[kind]
        rule = DataValidation(
            type=kind_type,
            operator=operator,
            formula1=low,
            formula2=high,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数字不符合要求",
            error=words,
            showInputMessage=figures.template,
            promptTitle="填写要求",
            prompt=words,
        )
        for where in cells:
            rule.add(where)
        ws.add_data_validation(rule)


def balance_checks(form: Form, section: Section) -> list:
    """The form's live balance rules of this section (三: T3-1, one per column)."""
    return [
        check
        for check in form.checks
        if getattr(check, "strip", None) and check.rule.scope == section.id
    ]


def _balance_rows(ws, form, section, places: dict[str, str], row: int, styles: Styles) -> None:
    """相差 = left side − right side of each balance rule, in the column of its cells."""
    from openpyxl.formatting.rule import CellIsRule

    checks = balance_checks(form, section)
    if not checks:
        return
    labels = max(table.label_columns for table in section.tables) or 1
    left, right = checks[0].strip
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=labels)
    put_text(ws.cell(row, 1), f"{BALANCE_LABEL}（{left}－（{right}），应为0）")
    ws.cell(row, 1).font = styles.note
    ws.cell(row, 1).alignment = styles.label
    columns = []
    for check in checks:
        terms = [(c, r.cell) for c, r in check.assertion.left.terms]
        terms += [(-c, r.cell) for c, r in check.assertion.right.terms]
        if any(cell not in places for _, cell in terms):
            continue
        col = _split(places[terms[0][1]])[0]
        target = ws.cell(row, col)
        target.value = "=" + "".join(_term(c, places[cell]) for c, cell in terms).lstrip("+")
        target.number_format = "0;-0;0"
        target.font = styles.note
        target.alignment = styles.number
        columns.append(col)
    for col in range(1, max(columns, default=labels) + 1):
        ws.cell(row, col).fill = styles.balance_fill
    frame(ws, row, 1, row, max(columns, default=labels), styles)
    ws.row_dimensions[row].height = 2 * ROW_HEIGHT + 4
    if columns:
        cells = f"{column_letter(min(columns))}{row}:{column_letter(max(columns))}{row}"
        ws.conditional_formatting.add(
            cells, CellIsRule(operator="notEqual", formula=["0"], fill=styles.alarm_fill)
        )


def _term(coefficient, where: str) -> str:
    sign = "-" if coefficient < 0 else "+"
    size = abs(coefficient)
    return f"{sign}{where}" if size == 1 else f"{sign}{to_text(size)}*{where}"
