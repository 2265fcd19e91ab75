"""Workbooks for the Excel tests: a coordinating office's own template (shifted, with
label variants, notes and an extra column), and a small evaluator of the formulas our
workbooks write (SUM over ranges, + and −, IF(ISBLANK())), since openpyxl computes none."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from desktop.core.forms import load_form

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other_org"]


def load(content: bytes | Path, data_only: bool = False):
    raw = content.read_bytes() if isinstance(content, Path) else content
    return openpyxl.load_workbook(io.BytesIO(raw), data_only=data_only)


def save(wb, path: Path) -> Path:
    wb.save(path)
    return path


# -- evaluating our formulas ---------------------------------------------------------------

_REF = r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]+)\$?(\d+)"


def evaluate(wb, sheet: str, formula: str):
    """The value Excel would show for one of our formulas (None for a blank)."""
    body = formula[1:]
    if match := re.fullmatch(r'IF\(ISBLANK\((.+)\),"",\1\)', body):
        return _cell(wb, sheet, match.group(1))
    if match := re.fullmatch(r"SUM\((.+)\)", body):
        total = Decimal(0)
        for part in match.group(1).split(","):
            for value in _range(wb, sheet, part):
                total += Decimal(str(value or 0))
        return total
    total = Decimal(0)
    for sign, ref in re.findall(r"([+-]?)((?:'(?:[^']|'')+'!)?\$?[A-Z]+\$?\d+)", body):
        value = _cell(wb, sheet, ref)
        total += (-1 if sign == "-" else 1) * Decimal(str(value or 0))
    return total


def _cell(wb, sheet: str, ref: str):
    match = re.fullmatch(_REF, ref)
    name = match.group(1).replace("''", "'") if match.group(1) else sheet
    value = wb[name][f"{match.group(2)}{match.group(3)}"].value
    if isinstance(value, str) and value.startswith("="):
        return evaluate(wb, name, value)
    return value


def _range(wb, sheet: str, part: str):
    if ":" not in part:
        return [_cell(wb, sheet, part)]
    first, last = part.split(":")
    ws = wb[sheet]
    return [_cell(wb, sheet, cell.coordinate) for row in ws[f"{first}:{last}"] for cell in row]


# -- a coordinating office's own template (2021 format) --------------------------------------


def variant(label: str) -> str:
    """How other templates write the official labels: 1、 for 1., half-width brackets,
    no quotes, 部分公开 without its note."""
    label = re.sub(r"^(\d+)\.", r"\1、", label)
    label = label.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "")
    return label.replace("(区分处理的,只计这一情形,不计其他情形)", "")


def foreign_2021(
    values: dict, title: str | None = "某某县交通运输局2024年度政府信息公开工作年度报告"
):
    """Tables 二 on one sheet, 三 and 四 on another, all shifted one column right and a few
    rows down, with label variants, an extra row and column and notes; figures from
    `values` (cell id -> number), totals as formulas without cached values."""
    form = load_form("2021")
    wb = openpyxl.Workbook()
    two = wb.active
    two.title = "主动公开"
    if title:
        two["B1"] = title
    _section_two(two, form, values)
    other = wb.create_sheet("申请及复议诉讼")
    other["B1"] = "（单位：件）"
    end = _section_three(other, form, values, top=4)
    _section_four(other, values, top=end + 4)
    return wb


def _section_two(ws, form, values: dict) -> None:
    r = 3
    for table in form.section("s2").tables:
        ws.cell(r, 2, variant(table.caption))
        r += 1
        ws.cell(r, 2, "信息内容")
        for index, column in enumerate(table.columns):
            label = column.label.replace("（单位：万元）", "(万元)")
            ws.cell(r, 3 + index, label)
        r += 1
        for row in table.rows:
            ws.cell(r, 2, "规范性文件" if row.id == "normative" else row.label)
            for index, column in enumerate(table.columns):
                value = values.get(f"s2.{row.id}.{column.id}")
                if value is not None:
                    ws.cell(r, 3 + index, value)
            r += 1


def _section_three(ws, form, values: dict, top: int) -> int:
    ws.merge_cells(start_row=top, start_column=2, end_row=top + 2, end_column=3)
    ws.cell(top, 2, NOTE)
    ws.merge_cells(start_row=top, start_column=4, end_row=top, end_column=10)
    ws.cell(top, 4, "申请人情况")
    ws.merge_cells(start_row=top + 1, start_column=4, end_row=top + 2, end_column=4)
    ws.cell(top + 1, 4, "自然人")
    ws.merge_cells(start_row=top + 1, start_column=5, end_row=top + 1, end_column=9)
    ws.cell(top + 1, 5, "法人或其他组织")
    ws.merge_cells(start_row=top + 1, start_column=10, end_row=top + 2, end_column=10)
    ws.cell(top + 1, 10, "合计")
    for index, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        ws.cell(top + 2, 5 + index, label)
    ws.cell(top, 11, "备注")
    r = top + 3
    table = form.section("s3").tables[0]
    groups: dict[str, list[int]] = {}  # group label -> [first row, last row]
    first_outcome = None
    for row in table.rows:
        path = [p for p in row.path if p != "三、本年度办理结果"]
        if row.id == "granted":
            first_outcome = r
        if len(path) == 1:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
            ws.cell(r, 2, variant(path[0]))
        else:
            if path[0] not in groups:
                groups[path[0]] = [r, r]
                ws.cell(r, 2, variant(path[0]))
            groups[path[0]][1] = r
            ws.cell(r, 3, variant(path[1]))
        for index, column in enumerate(S3_COLUMNS):
            value = values.get(f"s3.{row.id}.{column}")
            if row.derived:
                letter = "DEFGHI"[index]
                ws.cell(r, 4 + index, f"=SUM({letter}{first_outcome}:{letter}{r - 1})")
            elif value is not None:
                ws.cell(r, 4 + index, value)
        ws.cell(r, 10, f"=SUM(D{r}:I{r})")
        if row.id == "new":
            r += 1
            ws.cell(r, 2, "其中：网上申请")
            ws.cell(r, 4, 5)  # an extra row of the office's own, with a figure
        r += 1
    for first, last in groups.values():
        if last > first:
            ws.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
    ws.cell(top + 3, 11, "含转办件")  # a remark in the extra column: text, not a figure
    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=10)
    ws.cell(r, 2, "注：本表数据统计时间为1月1日至12月31日。")
    return r


def _section_four(ws, values: dict, top: int) -> None:
    ws.cell(top - 1, 2, "四、政府信息公开行政复议、行政诉讼情况")
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=6)
    ws.cell(top, 2, "行政复议")
    ws.merge_cells(start_row=top, start_column=7, end_row=top, end_column=16)
    ws.cell(top, 7, "行政诉讼")
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for index, word in enumerate(words):
        ws.merge_cells(
            start_row=top + 1, start_column=2 + index, end_row=top + 2, end_column=2 + index
        )
        ws.cell(top + 1, 2 + index, word)
    ws.merge_cells(start_row=top + 1, start_column=7, end_row=top + 1, end_column=11)
    ws.cell(top + 1, 7, "未经复议直接起诉")
    ws.merge_cells(start_row=top + 1, start_column=12, end_row=top + 1, end_column=16)
    ws.cell(top + 1, 12, "复议后起诉")
    for group in range(2):
        for index, word in enumerate(words):
            ws.cell(top + 2, 7 + 5 * group + index, word)
    col = 2
    for row in ("review", "suit_direct", "suit_after_review"):
        for column in ("upheld", "corrected", "other", "pending", "total"):
            value = values.get(f"s4.{row}.{column}")
            if column == "total":
                first = col - 4
                ws.cell(
                    top + 3, col, f"=SUM({_letter(first)}{top + 3}:{_letter(col - 1)}{top + 3})"
                )
            elif value is not None:
                ws.cell(top + 3, col, value)
            col += 1


def _letter(col: int) -> str:
    return openpyxl.utils.get_column_letter(col)


def find_cell(ws, text: str):
    """The first cell whose value is this text."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text} not on {ws.title}")
