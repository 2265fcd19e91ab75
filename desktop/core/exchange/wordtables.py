"""The tables of a Word draft read as a published report's: each table cell becomes a
piece of text or a printed value (`published.pieces`), and the published reports' one
mapper, driven by the labels in forms/, puts the figures into cell ids.

A Word table separates its cells for certain, as a web page's does: one value per
cell, an empty cell after a row's label is a blank (not 0)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.errors import InputError
from desktop.core.exchange.wordfile import Table
from desktop.core.forms import Form
from desktop.core.values import Number

LAYOUT = "Word文档中的表格"
# The mapper says so of every official table it found no figures for; a draft holds
# only some tables, and the preview says which it read, so these are left out.
_TABLE_MISSING = "未找到这个表格的数字"


@dataclass
class TablesRead:
    cells: dict[str, Number] = field(default_factory=dict)  # figures of this report's form
    by_table: dict[int, dict[str, int]] = field(default_factory=dict)  # table -> section -> n
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def read_tables(tables: list[Table], form: Form, year: int) -> TablesRead:
    """The official tables among these, read into `form`'s cells."""
    result = TablesRead()
    if not tables:
        return result
    try:
        from desktop.core.exchange.published import reading
    except ImportError:  # the published reader is not part of this build
        result.warnings.append(("表格", "本版本不能读取表格中的数字，表格未导入"))
        return result
    try:
        for table in tables:
            alone = reading.outcome(document_of([table]), year)
            if alone.form.id == form.id:
                result.by_table[table.number] = _per_section(alone.cells, form)
        official = [t for t in tables if result.by_table.get(t.number)]
        if not official:
            return result
        found = reading.outcome(document_of(official), year)
    except InputError as error:
        result.warnings.append(("表格", f"未能读取表格：{error}"))
        return result
    if found.form.id != form.id:
        result.warnings.append(
            ("表格", f"表格按{found.form.name}印制，与本报告的{form.name}不同，数字未导入")
        )
        return result
    result.cells = {c: v for c, v in found.cells.items() if not form.cells[c].derived}
    result.notes = list(found.notes)
    result.warnings = [(p, m) for p, m in found.warnings if _TABLE_MISSING not in m]
    _compare_totals(result, found.cells, form)
    return result


def _per_section(cells: dict, form: Form) -> dict[str, int]:
    counts: dict[str, int] = {}
    for cell_id in cells:
        section = form.cells[cell_id].section.id
        counts[section] = counts.get(section, 0) + 1
    return counts


def _compare_totals(result: TablesRead, printed: dict, form: Form) -> None:
    """A printed total that its figures do not add up to is said, not stored."""
    from desktop.core.report import Report

    report = Report("", 2000, form)
    for cell_id, value in result.cells.items():
        report.values[cell_id] = value
    for cell_id, value in printed.items():
        definition = form.cells[cell_id]
        if definition.derived and report.value(cell_id) != value:
            result.warnings.append(
                (definition.words, f"表中印的合计为{value}，按明细计算为{report.value(cell_id)}")
            )


def document_of(tables: list[Table]):
    """The tables as the published mapper reads a web page's: label cells as text, each
    value cell as one exact value, a row's cells grouped."""
    from desktop.core.exchange.published.pieces import Document, Text, Token, Values, scan

    text: list[str] = []
    offset = 0
    pieces: list = []
    group = 0
    for table in tables:
        for number, row in enumerate(table.rows, start=1):
            group += 1
            place = f"第{table.number}个表格第{number}行"
            labelled = False
            for cell in row:
                items = scan(cell, 0, len(cell))
                tokens = [token for _, _, token, _ in items if token is not None]
                words = "".join(raw for _, _, token, raw in items if token is None).strip()
                if tokens and not words:
                    pieces.append(Values(tokens, offset, place, len(tokens) == 1, group))
                elif cell.strip():
                    pieces.append(Text(cell.strip(), offset))
                    labelled = True
                elif labelled:  # an empty cell among a row's figures: blank, not 0
                    pieces.append(Values([Token("")], offset, place, True, group))
                text.append(cell + "\n")
                offset += len(cell) + 1
    document = Document("".join(text), pieces, layout=LAYOUT)
    document.source_words = LAYOUT
    return document
