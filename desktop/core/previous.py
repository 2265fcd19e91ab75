"""Last year's report as this year's report knows it: where it came from, its figures
when it came from elsewhere, and the officer's corrections of figures it printed wrong.

The cross-year checks (Y-1 上年结转, T2-3, Y-4) and the carried figures (三、二、上年结转
from last year's 四、结转下年度继续办理) read it. Last year's report in the same file is read
as it stands; one taken from another report file, an Excel workbook or a published report
is kept as a copy of its figures, so the checks compare against that source until the
officer chooses another. A correction keeps the figure as the source printed it, the
corrected figure and the reason; all three are printed on the 签批单.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.core.errors import InputError
from desktop.core.forms import Form, load_form
from desktop.core.report import Report, checked_value
from desktop.core.textrules import checked_line
from desktop.core.values import Number, ValueProblem, parse, to_text

MAX_SOURCE_LENGTH = 200
MAX_REASON_LENGTH = 500


@dataclass(frozen=True)
class Correction:
    value: Number  # the figure used
    original: Number | None  # the figure as last year's report printed it
    reason: str


@dataclass
class Previous:
    source: str  # in words: 本文件中的2023年度报告, 报告文件“X.sqlite”, Excel“X.xlsx” …
    form: str | None = None  # the copy's format; None: last year's report in the same file
    values: dict[str, Number] = field(default_factory=dict)  # the copy's input figures
    corrections: dict[str, Correction] = field(default_factory=dict)

    @property
    def copied(self) -> bool:
        return self.form is not None

    def last_year(self, report: Report, same_file: Report | None) -> Report | None:
        """The report the cross-year checks compare with, corrections applied."""
        base = same_file
        if self.copied:
            base = Report(report.unit, report.year - 1, load_form(self.form), dict(self.values))
        if base is None:
            return None
        if self.corrections:
            values = dict(base.values)
            values.update({cell: fix.value for cell, fix in self.corrections.items()})
            base = replace(base, values=values)
        return base

    # -- stored as key/value rows (table `previous`) ------------------------------------

    def rows(self) -> dict[str, str]:
        rows = {"source": self.source}
        if self.form is not None:
            rows["form"] = self.form
        rows.update({f"cell:{c}": to_text(v) for c, v in self.values.items()})
        for cell, fix in self.corrections.items():
            rows[f"fix:{cell}"], rows[f"why:{cell}"] = to_text(fix.value), fix.reason
            if fix.original is not None:
                rows[f"was:{cell}"] = to_text(fix.original)
        return rows

    @classmethod
    def from_rows(cls, rows: dict[str, str]) -> Previous:
        """Validated: a key, figure or reason that does not fit raises InputError."""
        if "source" not in rows:
            raise InputError("缺少上年数据的来源")
        source = _line(rows["source"], "上年数据来源", MAX_SOURCE_LENGTH)
        form = load_form(rows["form"]) if "form" in rows else None
        record = cls(source, form.id if form else None)
        fixes, reasons, originals = {}, {}, {}
        for key, text in rows.items():
            kind, _, cell = key.partition(":")
            if key in ("source", "form"):
                continue
            if kind == "cell" and form is not None:
                record.values[cell] = _figure(form, cell, text)
            elif kind in ("fix", "why", "was") and cell:
                {"fix": fixes, "why": reasons, "was": originals}[kind][cell] = text
            else:
                raise InputError(f"上年数据中有无法识别的项“{key[:40]}”")
        if fixes.keys() != reasons.keys() or not originals.keys() <= fixes.keys():
            raise InputError("上年数字的更正缺少理由或数字")
        for cell, text in fixes.items():
            cell_form = form or _any_form(cell)
            was = originals.get(cell)
            record.corrections[cell] = Correction(
                _figure(cell_form, cell, text),
                None if was is None else _figure(cell_form, cell, was),
                _line(reasons[cell], "更正理由", MAX_REASON_LENGTH),
            )
        return record

    def lines(self) -> list[str]:
        """In words, for the 签批单 and `nianbao show`."""
        lines = [f"上年数据来源：{self.source}"]
        for cell, fix in self.corrections.items():
            words = _any_form(cell).cells[cell].words
            was = "空" if fix.original is None else to_text(fix.original)
            lines.append(
                f"更正：{words}，上年报告为{was}，按{to_text(fix.value)}计；理由：{fix.reason}"
            )
        return lines


def _figure(form: Form, cell: str, text: str) -> Number:
    definition = form.cells.get(cell)
    if definition is None or definition.derived:
        raise InputError(f"上年数据中有{form.name}没有的单元格“{cell[:80]}”")
    try:
        value = parse(definition.kind, text)
    except ValueProblem as problem:
        raise InputError(f"上年数据中{definition.words}的值无效（{problem}）") from problem
    if value is None:
        raise InputError(f"上年数据中{definition.words}为空")
    return value


def _any_form(cell: str) -> Form:
    """The format a corrected cell of last year's same-file report belongs to: every
    format shares the cell ids of 三 and 四."""
    from desktop.core.forms import all_forms

    return next((f for f in all_forms().values() if cell in f.cells), load_form("2021"))


def _line(text: object, field_name: str, limit: int) -> str:
    if not isinstance(text, str) or not text.strip() or len(text) > limit:
        raise InputError(f"{field_name}应为不超过{limit}字的一行文字")
    return checked_line(text.strip(), field_name)


# -- carrying last year's figures into a new report ---------------------------------------


def carried(form: Form, last: Report) -> dict[str, Number]:
    """This year's cells the form fills from last year's (三、二、上年结转 from 四、结转下年度
    继续办理): the form data says which rows, by cell-id prefix; only figures last year has."""
    result = {}
    for source, target in form.carry_over:
        for cell_id, cell in form.cells.items():
            if cell.derived or not cell_id.startswith(target):
                continue
            origin = source + cell_id[len(target) :]
            if origin in last.form.cells and (value := last.value(origin)) is not None:
                result[cell_id] = checked_value(form, cell_id, value)
    return result


def copy_of(last: Report, source: str) -> Previous:
    """Last year's report taken from elsewhere, kept as a copy of its input figures."""
    inputs = {c: v for c, v in last.values.items() if not last.form.cells[c].derived}
    return Previous(source, last.form.id, inputs)


def based_on(report: Report, last: Report, previous: Previous, texts: bool = False) -> Report:
    """A new report filled from last year's: the carried figures, where they came from,
    and, when asked, last year's narrative as a draft to rewrite."""
    report.values.update(carried(report.form, last))
    report.previous = previous
    if texts:
        shared = {s.id for s in report.form.text_sections} & set(last.texts)
        report.texts.update({s: last.texts[s] for s in shared})
    return report
