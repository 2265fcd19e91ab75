"""A Word or WPS draft of the narrative (.docx): the section headings 一…六 found with
their usual variants (一、 总体情况, 一．总体情况, 一、政府信息公开工作总体情况, a Word
heading or a bold line, a list-numbered heading), the paragraphs of 一、五、六 with their
（一） sub-headings, and the official tables read like a published report's.

Nothing here writes: `read_draft` says what the draft holds and where each part would go
(a `Draft`), the faces show it, and `Draft.filling` says what it changes in a report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.exchange.wordfile import Body, Paragraph, Table, read_body
from desktop.core.exchange.wordnumbers import chinese_number
from desktop.core.forms import Form, Section
from desktop.core.interchange import ImportResult
from desktop.core.report import Report, checked_text
from desktop.core.values import Number

HEADING_LENGTH = 30  # a heading's title is short; a numbered sentence is a paragraph
_NUMERALS = "一二三四五六七八九十"
# 一、 一． 一. 一 （a space） 第一部分: the section number, then the title.
_NUMBERED = re.compile(
    rf"^(?:第([{_NUMERALS}]{{1,3}})部分[、.,:\s]*|([{_NUMERALS}]{{1,3}})[、.,:\s]+)(.*)$"
)
_SUB_HEADING = re.compile(rf"^[（(]\s*([{_NUMERALS}]{{1,3}})\s*[）)]\s*")
_SPACE = " \t\u3000\xa0\u2002\u2003"


@dataclass
class Part:
    """What the draft holds under one section's heading."""

    section: Section
    heading: str  # as written in the draft
    paragraphs: list[str] = field(default_factory=list)
    renumbered: bool = False  # the official title under another number


@dataclass
class TableFound:
    number: int  # 1-based in the draft
    rows: int
    columns: int
    first: str  # the first row's words, shortened
    under: str  # the heading it follows, or 文稿开头
    read: dict[str, int] = field(default_factory=dict)  # section id -> figures read
    why: str = ""  # why it was not read

    @property
    def place(self) -> str:
        return f"第{self.number}个表格"


@dataclass
class Draft:
    source: str
    form: Form
    parts: dict[str, Part] = field(default_factory=dict)  # section id -> part, form order
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    tables: list[TableFound] = field(default_factory=list)
    cells: dict[str, Number] = field(default_factory=dict)  # input cells from the tables
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (place, message)
    front: list[str] = field(default_factory=list)  # the lines before the first heading

    @property
    def texts(self) -> dict[str, str]:
        """The narrative sections the draft has, as the report stores them."""
        return {
            section_id: "\n".join(part.paragraphs)
            for section_id, part in self.parts.items()
            if part.section.is_text and part.paragraphs
        }

    @property
    def empty(self) -> bool:
        return not self.texts and not self.cells

    def filling(self, report: Report) -> Filling:
        """What importing the draft changes in `report`: the narrative sections it has
        replace the report's; its figures go only into cells still blank."""
        filling = Filling()
        for section_id, text in self.texts.items():
            if text == report.text(section_id):
                filling.same.append(section_id)
            else:
                filling.texts[section_id] = text
        for cell_id, value in self.cells.items():
            old = report.values.get(cell_id)
            if old is None:
                filling.cells[cell_id] = value
            elif old != value:
                filling.kept.append((cell_id, old, value))
        return filling


@dataclass
class Filling:
    texts: dict[str, str] = field(default_factory=dict)  # section id -> new text
    same: list[str] = field(default_factory=list)  # sections the report already has so
    cells: dict[str, Number] = field(default_factory=dict)  # blank cells to fill
    kept: list[tuple[str, Number, Number]] = field(default_factory=list)  # (cell, report, draft)

    @property
    def changes(self) -> bool:
        return bool(self.texts or self.cells)


def read_draft(path: Path, form: Form, year: int) -> Draft:
    """What a .docx draft holds for a report of this format and year."""
    return draft_of(read_body(Path(path)), Path(path).name, form, year)


def read(path: Path, unit: str | None = None, year: int | None = None) -> ImportResult:
    """A .docx as a report of its own (a published report saved as Word): the unit and
    year from its title, else as given; its narrative and tables."""
    from desktop.core.exchange.published import IdentityMissing
    from desktop.core.exchange.published.narrative import title
    from desktop.core.forms import form_for_year
    from desktop.core.interchange import SCHEMA, from_interchange

    path = Path(path)
    body = read_body(path)
    head = "\n".join(b.text for b in body.blocks[:12] if isinstance(b, Paragraph))
    title_unit, title_year, _ = title(head, len(head))
    unit, year = title_unit or unit, title_year or year
    if not unit or not year:
        raise IdentityMissing(
            f"{path.name} 的开头没有写明单位和年度的标题，请指定单位名称和报告年度后再导入"
            "（命令行用 --unit 和 --year）",
            unit,
            year,
        )
    draft = draft_of(body, path.name, form_for_year(year), year)
    data = {"schema": SCHEMA, "form": draft.form.id, "unit": unit, "year": year}
    result = from_interchange({**data, "cells": draft.cells, "texts": draft.texts}, path.name)
    result.notes = list(draft.notes)
    left_out = [(p, t) for p, t in draft.left_out if not _is_title(t, unit, year)]
    result.warnings = draft.warnings + [(p, f"未导入：{t}") for p, t in left_out]
    return result


def _is_title(text: str, unit: str, year: int) -> bool:
    return unit in text and str(year) in text and text.endswith("报告")


def draft_of(body: Body, source: str, form: Form, year: int) -> Draft:
    draft = Draft(source, form)
    lines = list(_lines(body))
    headings = _headings([line for line, _ in lines], form)
    _split(draft, lines, headings)
    _check_texts(draft)
    _read_tables(draft, [b for b in body.blocks if isinstance(b, Table)], year)
    if body.revised:
        draft.notes.append("文稿中有修订标记，按接受全部修订后的文字读取")
    if body.text_boxes:
        draft.warnings.append(
            ("文本框", f"文稿中有{body.text_boxes}处文本框或图形中的文字，未导入")
        )
    return draft


# -- the body as lines --------------------------------------------------------------


@dataclass
class _Line:
    text: str
    heading: bool  # styled or bold as a heading


def _lines(body: Body):
    """Each non-empty line of the body (a soft line break starts a line), or a table."""
    for block in body.blocks:
        if isinstance(block, Table):
            yield None, block
            continue
        for text in block.text.split("\n"):
            text = _cleaned(text)
            if text:
                yield _Line(text, block.heading), block


def _cleaned(text: str) -> str:
    """Indentation and spaces around the line dropped (the printed report indents);
    a sub-heading's (一) written as （一） so it is printed as one."""
    text = text.strip(_SPACE + "\r\n")
    return _SUB_HEADING.sub(lambda m: f"（{m.group(1)}）", text, count=1)


# -- which lines are the section headings ------------------------------------------


@dataclass
class _Candidate:
    index: int  # in the lines
    number: str | None  # 一 … 十, None when unnumbered
    title: str  # normalised


def _norm(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def _candidate(index: int, line: _Line) -> _Candidate | None:
    plain = unicodedata.normalize("NFKC", line.text).strip()
    match = _NUMBERED.match(plain)
    if match:
        rest = match.group(3).strip()
        if len(rest) > HEADING_LENGTH or re.search(r"[。；;!?！？]", rest.rstrip("。")):
            return None  # a numbered sentence (一、我局…。), not a heading
        return _Candidate(index, match.group(1) or match.group(2), _norm(rest))
    if line.heading and len(plain) <= HEADING_LENGTH and not _SUB_HEADING.match(plain):
        return _Candidate(index, None, _norm(plain))
    return None


def similarity(key: str, text: str) -> float:
    """How much of the official title `key` the written title prints, in runs of two
    characters or more (存在的问题和改进措施 prints 存在的·问题·改进 of 12)."""
    if not key or not text:
        return 0.0
    if key in text:
        return 1.0
    blocks = SequenceMatcher(None, text, key, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 2) / len(key)


def _score(candidate: _Candidate, section: Section) -> float:
    """How well a line heads a section (0: it does not): the same number with a title
    like the official one, or the official title itself (numbered by a list, or wrongly)."""
    title = similarity(_norm(section.title), candidate.title)
    if candidate.number == section.number:
        if not candidate.title:
            return 1.0
        # A table section's heading is only taken when much of its title is there: a
        # sub-point 二、依申请公开 under 一 is not 二、主动公开政府信息情况.
        return 1.0 + title if title >= (0.3 if section.is_text else 0.5) else 0.0
    if candidate.number is None:
        return title if title >= 0.75 else 0.0
    return title - 0.25 if title >= 0.85 else 0.0


def _headings(lines: list[_Line | None], form: Form) -> dict[int, Section]:
    """Line index -> section: the headings in the form's order that fit best together
    (a sub-point 二、依申请公开 does not take 二's place from 二、主动公开政府信息情况)."""
    candidates = [
        c for i, line in enumerate(lines) if line is not None and (c := _candidate(i, line))
    ]
    sections = form.sections
    scores = [[_score(c, s) for s in sections] for c in candidates]
    n, m = len(candidates), len(sections)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if scores[i][j] > 0:
                options.append(scores[i][j] + best[i + 1][j + 1])
            best[i][j] = max(options)
    found: dict[int, Section] = {}
    i = j = 0
    while i < n and j < m:
        if scores[i][j] > 0 and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            found[candidates[i].index] = sections[j]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return found


# -- the lines between the headings ------------------------------------------------


def _split(draft: Draft, lines: list, headings: dict[int, Section]) -> None:
    current: Part | None = None
    foreign: str | None = None  # an unknown top-level heading (七、附件) and what follows
    sub_points: list[int] = []  # numbers of the unknown 一、二、 headings in this part
    for index, (line, block) in enumerate(lines):
        if line is None:
            draft.tables.append(_table(block, foreign or (current.heading if current else None)))
            continue
        section = headings.get(index)
        if section is not None:
            current, foreign, sub_points = Part(section, line.text), None, []
            current.renumbered = _number(line.text) not in (None, _value(section.number))
            draft.parts[section.id] = current
            continue
        number = _number(line.text) if _candidate(index, line) else None
        if number is not None and current is not None and foreign is None:
            if _is_foreign(number, current, sub_points):
                foreign = line.text
                draft.left_out.append((f"“{line.text}”", "不是格式中的栏目标题，其下的文字未导入"))
                continue
            sub_points.append(number)
            draft.warnings.append(
                (
                    _place(current),
                    f"“{line.text}”看似标题，但不是格式中的栏目标题，作为一段正文导入",
                )
            )
        _add(draft, current, foreign, line.text)


def _add(draft: Draft, current: Part | None, foreign: str | None, text: str) -> None:
    if current is None and foreign is None:
        draft.front.append(text)
        draft.left_out.append((f"文稿开头第{len(draft.front)}段", text))
    elif foreign is not None:
        draft.left_out.append((f"“{foreign}”下", text))
    elif not current.section.is_text:
        draft.left_out.append((f"“{current.heading}”下（表格部分）", text))
    else:
        current.paragraphs.append(text)


def _place(current: Part) -> str:
    return f"“{current.heading}”下第{len(current.paragraphs) + 1}段"


def _is_foreign(number: int, current: Part, sub_points: list[int]) -> bool:
    """An unknown numbered heading after a section's heading: the start of an unknown
    part (七、附件 after 六) when it numbers past the section, unless it goes on from
    the section's own 一、二、 sub-points."""
    continues = bool(sub_points) and number == sub_points[-1] + 1
    return number > _value(current.section.number) and not continues and number != 1


def _number(text: str) -> int | None:
    match = _NUMBERED.match(unicodedata.normalize("NFKC", text).strip())
    return _value(match.group(1) or match.group(2)) if match else None


def _value(numeral: str) -> int:
    for n in range(1, 100):
        if chinese_number(n) == numeral:
            return n
    return 0


def _table(table: Table, under: str | None) -> TableFound:
    words = " ".join(c for c in (table.rows[0] if table.rows else []) if c)
    first = words if len(words) <= 30 else words[:29] + "…"
    return TableFound(table.number, len(table.rows), table.columns, first, under or "文稿开头")


def _check_texts(draft: Draft) -> None:
    """A section the report could not store (too long, a character it refuses) is said
    and left out; a heading with nothing under it changes nothing."""
    for section_id, part in list(draft.parts.items()):
        if not part.section.is_text:
            continue
        if not part.paragraphs:
            draft.warnings.append((part.heading, "标题下没有文字，报告中这一部分保持原样"))
            continue
        try:
            checked_text(draft.form, section_id, "\n".join(part.paragraphs))
        except InputError as error:
            draft.warnings.append((part.heading, f"未导入：{error}"))
            part.paragraphs.clear()
        if part.renumbered:
            draft.notes.append(
                f"“{part.heading}”的序号与格式不同，按标题归入{part.section.heading}"
            )


def _read_tables(draft: Draft, tables: list[Table], year: int) -> None:
    """The figures of the official tables; a table that is none is said with its place."""
    from desktop.core.exchange.wordtables import read_tables

    read = read_tables(tables, draft.form, year)
    draft.cells = read.cells
    draft.notes += read.notes
    draft.warnings += read.warnings
    texts = {part.heading for part in draft.parts.values() if part.section.is_text}
    for found in draft.tables:
        found.read = read.by_table.get(found.number, {})
        if found.read:
            continue
        found.why = (
            "在正文中，正文只保存文字" if found.under in texts else "不是表二、三、四中的表格"
        )
        draft.left_out.append((f"{found.place}（{found.rows}行×{found.columns}列）", found.why))
