"""A read document → the interchange data, and in words what was recognised, what was
resolved and what could not be read, each with its place."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.exchange.published import formats, labels, mapper, narrative
from desktop.core.exchange.published.mapper import Row
from desktop.core.exchange.published.pieces import BLANK_KEPT, Document, Values
from desktop.core.forms import Form, all_forms
from desktop.core.values import to_text

GLUED_SHARE = 0.3  # share of figures printed against words that marks a run-together table


@dataclass
class Outcome:
    form: Form
    cells: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    unit: str | None = None
    year: int | None = None


def identity(document: Document) -> tuple[str | None, int | None, int]:
    start, _ = mapper.region(_any_form(), document)
    return narrative.title(document.text, start or len(document.text))


def outcome(document: Document, year: int | None) -> Outcome:
    start, end = mapper.region(_any_form(), document)
    recognised = formats.recognise(document.text[start:end], year)
    form = recognised.form
    result = Outcome(form, notes=list(recognised.notes))
    result.warnings += [(form.section(s).heading, m) for s, m in recognised.skip.items()]
    rows = mapper.rows_of(document, start, end)
    blanks_vanish = _blanks_vanish(document, start, end)
    result.notes.insert(0, f"读作{_layout_words(document, start, end, blanks_vanish)}")
    targets = labels.targets(form, recognised.skip, recognised.foreign)
    mapper.align(rows, targets)
    mapper.read_rows(form, rows)
    _collect(result, rows, several_lines=document.text.count("\n") > 3)
    _missing(result, rows, targets)
    for printed, into in recognised.foreign:
        if any(r.target is not None and r.target.foreign for r in rows):
            result.notes.append(
                f"“{printed.label}”印为一行（{_other_format(form)}的写法），"
                f"其数字已填入“{into.label}”；同组的其他行留空"
            )
    _texts(result, document, form, start)
    result.warnings += document.dropped
    return result


def _any_form() -> Form:
    forms = all_forms()
    return forms[max(forms)]


def _other_format(form: Form) -> str:
    return "、".join(f.name for f in all_forms().values() if f is not form)


def _blanks_vanish(document: Document, start: int, end: int) -> bool:
    if document.layout != "text":
        return True
    runs = [p for p in document.pieces if isinstance(p, Values) and start <= p.start < end]
    if not runs:
        return True
    return sum(p.glued for p in runs) < GLUED_SHARE * len(runs)


def _layout_words(document: Document, start: int, end: int, blanks_vanish: bool) -> str:
    if document.layout != "text":
        return document.layout
    if not blanks_vanish:
        return "数字连写的文字（表格各栏之间没有分隔）"
    runs = [p for p in document.pieces if isinstance(p, Values) and start <= p.start < end]
    single = sum(p.line_tokens == 1 for p in runs)
    if runs and single > len(runs) / 2:
        return f"{document.source_words}逐格分行的文字"
    return f"{document.source_words}按列对齐的文字"


def _printed(row: Row) -> str:
    return row.printed or " ".join(t.raw or "（空白）" for t in row.tokens)


def _shown(values) -> str:
    return "、".join("空" if v is None else to_text(v) for v in values)


def _collect(result: Outcome, rows: list[Row], several_lines: bool = True) -> None:
    forced = 0
    for row in rows:
        target = row.target
        if target is None:
            if any(not t.blank for t in row.tokens):
                result.warnings.append(
                    (
                        row.place,
                        f"“{row.shown}”后的数字“{_printed(row)}”未能归入表格的任何一行，未导入",
                    )
                )
            continue
        # a table run together on one line: its line number tells nothing
        place = f"{target.words}（{row.place}）" if several_lines else target.words
        for token in row.tokens:
            if token.note:
                result.warnings.append((place, f"“{token.raw}”后的附注“{token.note}”未导入"))
        if row.chosen is None:
            result.warnings.append((place, _unread(row)))
            continue
        for cell, value in zip(target.cells, row.chosen, strict=True):
            if value is not None:
                result.cells[cell] = value
        _blank_warning(result, row, place)
        if row.readings.converted:
            result.notes.append(f"{target.words}：{'；'.join(row.readings.converted)}")
        if row.how == "split":
            forced += 1
        elif row.how in ("row", "relations"):
            why = (
                "本行总计"
                if row.how == "row"
                else "表三的勾稽关系（各栏第一项加第二项等于第三项加第四项、总计等于各项之和）"
            )
            result.notes.append(
                f"{place}印为“{_printed(row)}”，数字之间没有分隔；"
                f"只有一种读法能使{why}成立：{_shown(row.chosen)}，已按此导入，请核对"
            )
    if forced:
        result.notes.append(f"{forced}行的数字连在一起印出、恰好每栏一位，已逐位读入")


def _unread(row: Row) -> str:
    readings = row.readings
    printed = _printed(row)
    if len(readings.options) > 1:
        shown = " 或 ".join(_shown(o) for o in readings.options[:2])
        return (
            f"印为“{printed}”，有{len(readings.options)}种读法都说得通（如 {shown}），"
            "无法确定，本行未导入，请对照原件填写"
        )
    return f"印为“{printed}”：{readings.problem}，本行未导入，请对照原件填写"


def _blank_warning(result: Outcome, row: Row, place: str) -> None:
    """Cells printed as -, /, 不适用 or left blank stay empty (empty is not 0)."""
    marks: dict[str, list[str]] = {}
    exact = len(row.tokens) == len(row.target.cells)
    for index, (cell, value) in enumerate(zip(row.target.cells, row.chosen, strict=True)):
        if value is not None:
            continue
        mark = row.tokens[index].shown if exact else "空白"
        marks.setdefault(mark, []).append(_column_words(row, cell))
    for mark, columns in marks.items():
        printed = "空白" if mark == "空白" else f"“{mark}”"
        result.warnings.append(
            (place, f"{'、'.join(columns)}印为{printed}，{BLANK_KEPT}，留空；如确为0请填0")
        )


def _column_words(row: Row, cell: str) -> str:
    definition = row.target.table.columns
    row_id, column_id = cell[len(row.target.section.id) + 1 :].rsplit(".", 1)
    label = next(c.label for c in definition if c.id == column_id)
    if row.target.flat:
        owner = next(r for r in row.target.rows if r.id == row_id)
        return f"{'·'.join(owner.path)}{label}"
    return label


def _missing(result: Outcome, rows: list[Row], targets) -> None:
    matched = {id(r.target) for r in rows if r.target is not None}
    found_rows = {(t.section.id, row.id) for t in targets if id(t) in matched for row in t.rows}
    foreign_into = {(t.section.id, t.rows[0].id) for t in targets if t.foreign and id(t) in matched}
    reported_tables = set()
    for target in targets:
        if target.flat or target.foreign:
            continue
        key = (target.section.id, target.rows[0].id)
        if key in found_rows or key in foreign_into:
            continue
        table_rows = [(target.section.id, r.id) for r in target.table.rows]
        if not any(k in found_rows for k in table_rows):
            if id(target.table) not in reported_tables:
                reported_tables.add(id(target.table))
                result.warnings.append(
                    (labels.table_words(target.section, target.table), "未找到这个表格的数字，留空")
                )
            continue
        result.warnings.append((target.words, "未找到这一行，留空"))


def _texts(result: Outcome, document: Document, form: Form, start: int) -> None:
    found = mapper.headings(form, document.text)
    _, _, title_end = narrative.title(document.text, start or len(document.text))
    texts, dropped = narrative.texts(form, document.text, found, title_end)
    result.texts = texts
    if dropped:
        last = form.text_sections[-1].heading
        result.warnings.append(
            (last, f"文末的“{' '.join(dropped)}”看来是网页栏目或落款，没有作为正文导入")
        )
