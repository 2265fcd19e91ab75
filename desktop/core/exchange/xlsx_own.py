"""Reading what only our own workbooks carry: published totals (数据 column D), the
narrative (正文), sign-off fields and declarations (报告信息), and the hidden sheet's
key/value rows (declarations' wording, explanations, last year's figures). A mixin of
the reader in xlsx.py."""

from __future__ import annotations

import datetime

from desktop.core.errors import InputError
from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_cells import clean
from desktop.core.forms import Form
from desktop.core.interchange import ImportResult
from desktop.core.report import META_FIELDS
from desktop.core.textrules import shown
from desktop.core.values import ValueProblem, parse

MAX_TEXT_ROWS = 100_000


class OwnSheets:
    """Uses the reader's book, cells, places, warnings and _reject."""

    def _published(self, form: Form) -> None:
        """Totals published differently from their parts: 数据 column D."""
        if common.DATA_SHEET not in self.book.values.sheetnames:
            return
        ws = self.book.values[common.DATA_SHEET]
        for row in ws.iter_rows(min_row=2, max_row=min(ws.max_row, 5000), max_col=4):
            cell_id, published = row[0].value, row[3].value if len(row) > 3 else None
            definition = form.cells.get(cell_id) if isinstance(cell_id, str) else None
            if definition is None or published is None or not definition.derived:
                continue
            where = common.place(common.DATA_SHEET, row[3].coordinate)
            try:
                number = parse(definition.kind, clean(published))
            except ValueProblem as problem:
                self._reject(cell_id, where, definition, f"公布的合计{problem}")
                continue
            if number is not None:
                self.cells[cell_id] = number
                self.places[cell_id] = where

    def _texts(self, form: Form) -> dict[str, str]:
        if common.TEXT_SHEET not in self.book.values.sheetnames:
            return {}
        ws = self.book.values[common.TEXT_SHEET]
        headings = {common.norm(s.heading): s.id for s in form.text_sections}
        lines: dict[str, list[str]] = {}
        current: list[str] | None = None
        rows = ws.iter_rows(max_row=min(ws.max_row, MAX_TEXT_ROWS), max_col=2, values_only=True)
        for index, row in enumerate(rows, start=1):
            first, second = (cell_text(v, strip=False) for v in (*row, None, None)[:2])
            if first and common.norm(first) in headings and not second:
                section = headings[common.norm(first)]
                current = lines.setdefault(section, [])
                self.places[section] = common.place(common.TEXT_SHEET, f"A{index}")
                continue
            if current is None:
                continue
            if first.strip() == common.CONTINUED and current:
                current[-1] += second
            else:
                current.append(first + second)
        return {s: "\n".join(parts) for s, parts in lines.items() if "".join(parts)}

    def _meta(self) -> dict[str, str]:
        meta = {}
        for name in META_FIELDS:
            value = cell_text(self.book.fixed(common.meta_name(name)))
            if value:
                meta[name] = value
                self.places[f"meta.{name}"] = f"工作表“{common.INFO_SHEET}”的{META_FIELDS[name]}"
        return meta

    def _declarations(self, form: Form, keyed: dict[str, str]) -> dict[str, str]:
        made = {}
        for declaration in form.declarations:
            value = cell_text(self.book.fixed(common.declaration_name(declaration.id)))
            if value in ("", "否"):
                continue
            if value != common.YES:
                self.warnings.append(
                    (f"工作表“{common.INFO_SHEET}”", f"“{declaration.text}”应填“是”或留空，填的是“{shown(value, 10)}”，按未声明导入")
                )  # fmt: skip
                continue
            made[declaration.id] = keyed.get(
                common.DECLARATION_KEY + declaration.id, declaration.text
            )
        return made

    def _keyed(self) -> dict[str, str]:
        if common.FORMAT_SHEET not in self.book.values.sheetnames:
            return {}
        ws = self.book.values[common.FORMAT_SHEET]
        keyed = {}
        for key, value in ws.iter_rows(
            min_row=common.FORMAT_ROWS_FROM,
            max_row=min(ws.max_row, 20000),
            max_col=2,
            values_only=True,
        ):
            if isinstance(key, str) and value is not None:
                keyed[key] = cell_text(value, strip=False)
        return keyed

    def _previous(self, result: ImportResult, keyed: dict[str, str]) -> None:
        rows = {
            k.removeprefix(common.PREVIOUS_KEY): v
            for k, v in keyed.items()
            if k.startswith(common.PREVIOUS_KEY)
        }
        if not rows:
            return
        from desktop.core.previous import Previous

        try:
            result.report.previous = Previous.from_rows(rows)
        except InputError as error:
            result.rejected.append(
                ("previous", f"工作表“{common.FORMAT_SHEET}”：上年数据无效：{error}")
            )


def cell_text(value: object, strip: bool = True) -> str:
    """A cell's content as text: numbers without a trailing .0, dates as 2024-01-31."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        text = value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return text.strip() if strip else text


def year_of(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    digits = "".join(ch for ch in cell_text(value) if ch.isdigit())
    return int(digits) if len(digits) == 4 else None
