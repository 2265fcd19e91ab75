"""Reading the figures of the tables xlsx_match found: each cell's value, or why it
cannot be read, with its sheet and address (a mixin of the reader in xlsx.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.published.pieces import BLANK_KEPT  # as the import dialog groups
from desktop.core.exchange.xlsx_match import Match, Sheet, Target
from desktop.core.forms import Form
from desktop.core.interchange import ImportResult
from desktop.core.textrules import shown
from desktop.core.values import MAX_DECIMALS, ValueProblem, parse, to_text

SHOWN_BLANKS = 5  # blank cells named in the note; the rest are counted


class TableCells:
    """Uses the reader's cells, places, rejected, warnings, notes and formula_totals."""

    def read_tables(self, form: Form, matches: list[tuple[Target, Match | None]]) -> None:
        blanks: list[str] = []
        for target, match in matches:
            if match is None:
                self.warnings.append(("工作簿", f"没有找到“{target.name}”的表格，其中的数字为空"))
                continue
            self._report_shape(match)
            damaged: set = set()
            for cell_id, positions in match.cells():
                self._cell(match.sheet, form, cell_id, positions, damaged, blanks)
        if blanks:
            more = f"等 {len(blanks)} 个" if len(blanks) > SHOWN_BLANKS else ""
            self.notes.append(
                f"未填的单元格按空导入（不是0）：{'、'.join(blanks[:SHOWN_BLANKS])}{more}"
            )

    def _report_shape(self, match: Match) -> None:
        sheet, target = match.sheet, match.target
        name = sheet.name
        for r, c, label in match.unknown_rows:
            shown_label = f"“{shown(label, 40)}”" if label else "（没有行名）"
            self.warnings.append(
                (
                    common.place(name, common.address(r, c)),
                    f"{target.name}中不认识的行{shown_label}，其中的数字未导入",
                )
            )
        for r, c, label in match.group_rows:
            self.warnings.append(
                (
                    common.place(name, common.address(r, c)),
                    f"“{shown(label, 40)}”是分组小计，按明细计算，未导入",
                )
            )
        for r, c, label, row in match.duplicate_rows:
            self.rejected.append(
                (
                    f"{target.section.id}.{row.id}",
                    f"{common.place(name, common.address(r, c))}：“{shown(label, 40)}”与上面的“{row.label}”是同一行，无法确定取哪一行",
                )
            )
        body = [match.data_row] if target.flat else list(match.rows)
        for c, label in match.unknown_columns:
            r = match.header_row
            if any(sheet.filled(row, c) for row in body if row is not None):
                self.warnings.append(
                    (
                        common.place(name, common.address(r, c)),
                        f"{target.name}中不认识的列“{shown(label, 40)}”，其中的数字未导入",
                    )
                )
        for r, c, label, official in match.fuzzy:
            self.notes.append(
                f"{common.place(name, common.address(r, c))}“{shown(label, 40)}”按“{official}”读取"
            )
        if not target.flat:
            found = {row.id for row in match.rows.values()}
            for row in target.table.rows:
                if row.id not in found and not row.derived:
                    self.warnings.append(
                        (f"工作表“{name}”", f"{target.name}中没有找到“{row.label}”这一行，该行为空")
                    )
        mapped = set(match.columns)
        for index, column in enumerate(target.columns):
            if index not in mapped and not column.column.derived:
                self.warnings.append(
                    (
                        f"工作表“{name}”",
                        f"{target.name}中没有找到“{'·'.join(column.path)}”这一列，该列为空",
                    )
                )

    def _cell(self, sheet: Sheet, form: Form, cell_id: str, positions, damaged, blanks) -> None:
        definition = form.cells[cell_id]
        columns = {c for _, c in positions}
        anchors = []
        for r, c in positions:
            merge = sheet.merge_at(r, c)
            if merge is None:
                anchors.append((r, c))
                continue
            if merge[0] != r or merge[2] != r or not set(range(merge[1], merge[3] + 1)) <= columns:
                if merge not in damaged:
                    damaged.add(merge)
                    span = (
                        f"{common.address(merge[0], merge[1])}:{common.address(merge[2], merge[3])}"
                    )
                    self.rejected.append(
                        (cell_id, f"{common.place(sheet.name, span)}：合并单元格跨越了{definition.words}"
                         "和其他格子（合并单元格已损坏），无法确定数字属于哪一格，请取消合并后再导入")
                    )  # fmt: skip
                return
            if (r, c) == (merge[0], merge[1]):
                anchors.append((r, c))
        filled = [p for p in anchors if sheet.values.get(p) is not None or p in sheet.formulas]
        first = anchors[0] if anchors else positions[0]
        where = common.place(sheet.name, common.address(*first))
        self.places[cell_id] = where
        if not filled:
            if not definition.derived:
                blanks.append(where)
            return
        if len(filled) > 1:
            self._reject(cell_id, where, definition, "一个数字占了几个格子，无法确定取哪一个")
            return
        self._value(sheet, cell_id, filled[0], definition, blanks)

    def _value(self, sheet: Sheet, cell_id: str, position, definition, blanks) -> None:
        where = common.place(sheet.name, common.address(*position))
        self.places[cell_id] = where
        value = sheet.values.get(position)
        formula = sheet.formulas.get(position)
        if position in sheet.errors:
            self._reject(cell_id, where, definition, f"公式出错（{shown(str(value), 20)}）")
            return
        if formula is not None and definition.derived:
            # A total's formula is ours to compute; its result is only compared (a
            # template's formula may leave out a row).
            self.formula_totals.append((cell_id, where, value))
            return
        if formula is not None and value is None:
            self._reject(
                cell_id, where, definition,
                f"是公式（{shown(formula, 30)}）但没有保存计算结果（文件不是由 Excel 或 WPS 保存的），"
                "请在 Excel 或 WPS 中打开、保存后再导入",
            )  # fmt: skip
            return
        if isinstance(value, str) and (not value.strip() or common.is_mark(value)):
            if value.strip():
                self.warnings.append(
                    (
                        where,
                        f"{definition.words}填的是“{shown(value.strip(), 10)}”，{BLANK_KEPT}，留空；如确为0请填0",
                    )
                )
            elif not definition.derived:
                blanks.append(where)
            return
        if isinstance(value, bool | datetime.date | datetime.time):
            kind = "是非值" if isinstance(value, bool) else "日期或时间"
            self._reject(cell_id, where, definition, f"是{kind}，不是数字")
            return
        try:
            number = parse(definition.kind, clean(value))
        except ValueProblem as problem:
            self._reject(cell_id, where, definition, f"{problem}，应填{definition.kind.words}")
            return
        if number is not None:
            self.cells[cell_id] = number

    def _reject(self, cell_id: str, where: str, definition, problem: str) -> None:
        self.rejected.append((cell_id, f"{where}（{definition.words}）：{problem}"))

    def compare_formulas(self, result: ImportResult) -> None:
        if result.rejected:
            return
        for cell_id, where, cached in self.formula_totals:
            if cached is None or isinstance(cached, str | bool):
                continue
            computed = result.report.value(cell_id) or 0
            try:
                shown_value = parse(result.report.form.cells[cell_id].kind, clean(cached))
            except ValueProblem:
                continue
            if shown_value != computed:
                self.warnings.append(
                    (where, f"合计公式的结果为{to_text(shown_value)}，与明细之和{to_text(computed)}不同"
                     "（公式可能漏了或多算了格子），已按明细之和导入")
                )  # fmt: skip


def clean(value: object) -> object:
    """A float as the figure typed: 12.35 stays 12.35, a formula's 0.30000000000000004
    becomes 0.3 (binary noise, not a seventh decimal someone typed)."""
    if not isinstance(value, float) or value != value or value in (float("inf"), float("-inf")):
        return value
    number = Decimal(repr(value))
    if -number.as_tuple().exponent > MAX_DECIMALS:
        rounded = round(value, MAX_DECIMALS)
        if abs(rounded - value) <= 1e-9 * max(1.0, abs(value)):
            return Decimal(repr(rounded))
    return number
