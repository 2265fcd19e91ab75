"""The official tables as reportlab Tables, drawn from the same layout as the window.

Every fixed text (caption, column header, row label, the 勾稽 note) is broken into lines
here, between whole words (wordbreak.py), for the width its column gets: label columns are
as wide as their longest word needs and no wider than the figures leave, so no label or
header is ever broken inside a word. Caption and header rows are set in 黑体, the face the
official documents use for emphasis (the CJK faces have no bold, and a stroked faux bold
smears the thin strokes of 宋体 at 9 pt in grey print).

A table splits between rows, never inside one: its header is repeated at the top of the
continuation, a row-group label cut by the split is printed again beside its rows, and a
caption, a header and the first row after it, and the first and last two rows of a long
group stay together. Its heading goes to the next page only with its first rows, when less than that is
left of the page.

In a draft the cells of the errors that block the final PDF are framed in red on a pale red
ground with a ※ after the figure (both legible in grey print), and the messages follow the
table. Where an imported report's published total differs from the sum of its figures, the
draft prints the published total in that cell, as the message cites it; the final PDF, which
is refused while such an error stands, prints the computed total.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from desktop.core.forms import Section
from desktop.core.forms.layout import Grid, table_grid
from desktop.core.pdf import body, wordbreak
from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import LINE, TEXT_HEIGHT, TEXT_WIDTH
from desktop.core.report import Report
from desktop.core.values import CellKind, to_text

SMALL = 9  # 小五, for the wide tables 三 and 四
NORMAL = 10.5  # 五号
WIDE = 6  # more figure columns than this: small type, narrow figure columns
PAD_X = 3  # points between a cell's text and its left and right rules
PAD_Y = 2.5  # and its top and bottom rules
RULE = 0.5
SLACK = 0.25  # kept free in a line, against rounding
MARK = "※"
MARK_RED = colors.Color(0.8, 0, 0)  # prints as dark grey in black and white
MARK_GROUND = colors.Color(1, 0.86, 0.86)  # prints as a light grey
UNIT = "万元"
BOLD_ROLE = "heading1"  # 黑体 for caption and header rows


def section_flowables(heading, section: Section, report: Report, findings, fonts, style, options):
    """A table section as it goes into the story: its heading, what the unit declared for
    it, its table and, in a draft, the messages of the errors marked in the table. The
    heading stays with the table's first rows; the table splits between rows."""
    marked = [f for f in findings if f.blocking] if options.draft else []
    table = section_table(section, report, fonts, style["cell"], options.blank_empty, marked)
    declared = [body.paragraph(f"{text}。", fonts, style) for text in _declared(report, section)]
    lead = [heading, *declared, Spacer(0, LINE / 4)]
    notes = _notes(section, marked, fonts, style["cell_left"])
    return [RoomFor(lead, table), *lead, table, *notes, Spacer(0, LINE / 2)]


def _declared(report: Report, section: Section) -> list[str]:
    """What the unit declared for this section (本年度未收到政府信息公开申请), as declared."""
    return [
        report.declarations[d.id]
        for d in report.form.declarations
        if d.section == section.id and d.id in report.declarations
    ]


def _notes(section: Section, marked, fonts: FontSet, style: ParagraphStyle) -> list:
    """Under a draft's table: the message of each error marked in it, after a ※, broken
    between words like the table's texts."""
    prefix = f"{section.id}."
    mine = [f for f in marked if any(c.startswith(prefix) for c in f.cells)]
    indent = style.fontSize * 1.2
    note = ParagraphStyle(
        "table_note", parent=style, spaceBefore=2, leftIndent=indent, bulletIndent=0,
        bulletFontName=fonts.font_for("song", MARK) or fonts.roles["song"], bulletColor=MARK_RED,
    )  # fmt: skip
    width = TEXT_WIDTH - indent - SLACK
    return [
        Paragraph(
            _lines(f.message, width, fonts, "song", style.fontSize, False), note, bulletText=MARK
        )
        for f in mine
    ]


class RoomFor(CondPageBreak):
    """A page break before a table's heading when what is left of the page cannot take
    the heading, what follows it and the table's first rows (never more than a quarter
    page with the official tables, so no more than that is ever left empty)."""

    def __init__(self, lead: list, table: OfficialTable):
        super().__init__(0)
        self.lead, self.table = lead, table

    def wrap(self, availWidth, availHeight):
        lead = sum(
            f.wrap(availWidth, TEXT_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in self.lead
        )
        self.height = lead + self.table.first_rows_height(availWidth)
        return super().wrap(availWidth, availHeight)


@dataclass(frozen=True)
class _Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    kind: str  # "caption", "header", "note", "label" or "data"
    markup: str
    role: str
    centred: bool
    marked: bool = False


class OfficialTable(Table):
    """A part of an official table (all of it at first): the given rows of its layout.
    It splits into two such parts, the second one starting with the repeated header."""

    def __init__(self, layout: _Layout, rows: list[int]):
        self.layout, self.rows = layout, rows
        data, commands = layout.part(rows)
        super().__init__(data, colWidths=layout.widths, hAlign="CENTER")
        self.setStyle(TableStyle(commands))

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        heights = self._rowHeights  # None beyond what reportlab needed to measure
        for n in reversed(self.layout.split_points(self.rows)):
            if None in heights[:n] or sum(heights[:n]) > availHeight:
                continue
            first = OfficialTable(self.layout, self.rows[:n])
            if first.wrap(availWidth, availHeight)[1] <= availHeight:
                rest = OfficialTable(self.layout, [*self.layout.head, *self.rows[n:]])
                return [first, rest]
        return []

    def first_rows_height(self, availWidth) -> float:
        """The height of the smallest part this table can leave on a page."""
        points = self.layout.split_points(self.rows)
        rows = self.rows[: points[0]] if points else self.rows
        return OfficialTable(self.layout, rows).wrap(availWidth, TEXT_HEIGHT)[1]


class _Layout:
    """A section's stacked grids as one grid of cells with their printed text."""

    def __init__(self, cells: list[_Cell], widths: list[float], size: float, head: list[int],
                 keeps: list[tuple[int, int]], fonts: FontSet, cell_style):  # fmt: skip
        self.cells, self.widths = cells, widths
        self.head, self.keeps = head, keeps  # repeated rows; ranges never split
        self.styles = {
            (role, centred): ParagraphStyle(
                f"table_{role}_{centred}_{size}",
                parent=cell_style,
                fontName=fonts.roles[role],
                fontSize=size,
                leading=size * 1.25,
                alignment=TA_CENTER if centred else TA_LEFT,
                wordWrap="CJK",
            )
            for role in ("song", BOLD_ROLE)
            for centred in (True, False)
        }
        self.font = fonts.roles["song"]

    def split_points(self, rows: list[int]) -> list[int]:
        """Where a part of these rows may end (the index of the next part's first row):
        after the repeated header and a first row, never inside a kept range."""
        heads = sum(1 for r in rows if r in self.head)
        return [
            n
            for n in range(heads + 1, len(rows))
            if not any(lo <= rows[n - 1] and rows[n] <= hi for lo, hi in self.keeps)
        ]

    def part(self, rows: list[int]) -> tuple[list[list], list]:
        index = {r: i for i, r in enumerate(rows)}
        cols = len(self.widths)
        data: list[list] = [[""] * cols for _ in rows]
        commands: list = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),  # merged-away cells: not Helvetica
            ("GRID", (0, 0), (-1, -1), RULE, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ]
        frames = []
        for cell in self.cells:
            covered = [index[r] for r in range(cell.row, cell.row + cell.rowspan) if r in index]
            if not covered:
                continue
            top, bottom, right = covered[0], covered[-1], cell.col + cell.colspan - 1
            style = self.styles[(cell.role, cell.centred)]
            plain = _plain(cell)
            if plain is None:
                data[top][cell.col] = Paragraph(cell.markup, style)
            else:  # one font, no marks: a string cell, far cheaper to measure than a Paragraph
                data[top][cell.col] = plain
                place = (cell.col, top)
                commands += [
                    ("FONTNAME", place, place, style.fontName),
                    ("FONTSIZE", place, place, style.fontSize),
                    ("LEADING", place, place, style.leading),
                    ("ALIGN", place, place, "CENTER" if cell.centred else "LEFT"),
                ]
            if bottom > top or right > cell.col:
                commands.append(("SPAN", (cell.col, top), (right, bottom)))
            if cell.marked:
                commands.append(("BACKGROUND", (cell.col, top), (right, bottom), MARK_GROUND))
                frames.append(("BOX", (cell.col, top), (right, bottom), 1.5, MARK_RED))
        return data, commands + frames  # the red frames over the grid


def section_table(
    section: Section, report: Report, fonts: FontSet, cell, blank_empty: bool, marked=()
) -> OfficialTable:
    """One table per section; the sub-tables of 二 are stacked under their captions.
    `marked`: the findings whose cells are framed (a draft's blocking errors)."""
    grids = [(t.caption, table_grid(section, t)) for t in section.tables]
    size = _size([g for _, g in grids])
    figures = _figures(report, [g for _, g in grids], blank_empty, marked)
    widths = column_widths(
        *(g for _, g in grids), figures=[(g, figures) for _, g in grids], size=size
    )
    cells, keeps, head, top = [], [], [], 0
    for caption, grid in grids:
        start = top
        if caption:
            text = _lines(caption, TEXT_WIDTH - 2 * PAD_X - SLACK, fonts, BOLD_ROLE, size, True)
            cells.append(_Cell(top, 0, 1, grid.cols, "caption", text, BOLD_ROLE, True))
            top += 1
        for c in grid.cells:
            width = sum(widths[c.col : c.col + c.colspan]) - 2 * PAD_X - SLACK
            cells.append(_cell(c, top, width, fonts, size, figures))
        rows = grid.rows - grid.header_rows
        # Caption, header and the first row together (so that with the heading and a
        # declaration they take less than a quarter page); a small table whole.
        keeps.append((start, top + grid.rows - 1 if rows <= 3 else top + grid.header_rows))
        for c in grid.cells:  # a long row group keeps its first and last two rows
            if c.kind == "label" and c.rowspan > 3:
                first, last = top + c.row, top + c.row + c.rowspan - 1
                keeps += [(first, first + 1), (last - 1, last)]
        if len(grids) == 1:
            head = list(range(start, top + grid.header_rows))
        top += grid.rows
    layout = _Layout(cells, widths, size, head, keeps, fonts, cell)
    return OfficialTable(layout, list(range(top)))


def _cell(c, top: int, width: float, fonts: FontSet, size: float, figures) -> _Cell:
    if c.kind == "data":
        text, marked = figures[c.cell_id]
        markup = fonts.markup(text, "song") + (_mark_markup(fonts, "song") if marked else "")
        return _Cell(top + c.row, c.col, c.rowspan, c.colspan, "data", markup, "song", True,
                     marked)  # fmt: skip
    # The 勾稽 note in the corner of 三 is a bracketed note, not a column heading.
    kind = "note" if c.kind == "header" and c.text.startswith("（") else c.kind
    role = BOLD_ROLE if kind == "header" else "song"
    centred = kind != "label" or c.rowspan > 1  # row labels left, group labels centred
    markup = _lines(c.text, width, fonts, role, size, centred)
    return _Cell(top + c.row, c.col, c.rowspan, c.colspan, kind, markup, role, centred)


def _plain(cell: _Cell) -> str | None:
    """The cell's lines as plain text when its markup is only text and line breaks."""
    if cell.marked or "<" in cell.markup.replace("<br/>", ""):
        return None
    return html.unescape(cell.markup.replace("<br/>", "\n"))


def _mark_markup(fonts: FontSet, role: str) -> str:
    return f'<font color="#cc0000"><super>{fonts.markup(MARK, role)}</super></font>'


def _lines(text: str, width: float, fonts: FontSet, role: str, size: float, centred) -> str:
    """Paragraph markup of the text broken between words to fit the width."""

    def measure(piece: str) -> float:
        return sum(_width(fonts.font_for(role, ch) or fonts.roles[role], ch, size) for ch in piece)

    lines = wordbreak.lines(text, width, measure, balanced=centred)
    return "<br/>".join(fonts.markup(line, role) for line in lines)


@functools.lru_cache(maxsize=8192)
def _width(font: str, char: str, size: float) -> float:
    """A character's advance: labels are measured piece by piece, character by character,
    and the same few hundred characters come back for every table and every page split."""
    return stringWidth(char, font, size)


def _figures(report: Report, grids: list[Grid], blank_empty: bool, marked) -> dict:
    """Each figure as printed, and whether it is marked. A published total that a marked
    error cites is printed as published, so the page shows what the message says."""
    cited = {
        ref[len("published(") : -1]: value
        for f in marked
        for ref, value in f.values
        if ref.startswith("published(") and value is not None
    }
    cells = {c for f in marked for c in f.cells}
    result = {}
    for grid in grids:
        units = {c.col for c in grid.cells if c.kind == "header" and UNIT in c.text}
        for cell in grid.data_cells:
            value = cited.get(cell.cell_id, report.value(cell.cell_id))
            text = ("" if blank_empty else "0") if value is None else to_text(value)
            money = report.form.cells[cell.cell_id].kind is CellKind.MONEY
            if text and money and not units & set(range(cell.col, cell.col + cell.colspan)):
                text += UNIT  # 采购总金额 (2019): the header names no unit
            result[cell.cell_id] = (text, cell.cell_id in cells)
    return result


def _size(grids: list[Grid]) -> float:
    return SMALL if max(_figure_columns(g) for g in grids) > WIDE else NORMAL


def _figure_columns(grid: Grid) -> int:
    return len({c.col for c in grid.cells if c.kind == "data"})


def _ems(text: str) -> float:
    """Width in ems, generous: CJK, full-width and ambiguous characters 1, others 0.55."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.55 for ch in text)


def column_widths(*grids: Grid, figures=(), size: float | None = None) -> list[float]:
    """Widths filling the text width. Each column is at least as wide as its widest word
    (header, label) or figure; the row-label column gets its longest label on one line
    if the figures leave room, else all they leave; the figure columns share the rest.
    `figures`: (grid, {cell id: (text, marked)}) of the figures to be printed."""
    size = size or _size(list(grids))
    cols = grids[0].cols
    pad = 2 * PAD_X + 2 * SLACK
    need = [0.0] * cols
    for grid in grids:
        for cell in grid.cells:
            if cell.colspan == 1 and cell.kind != "data":
                widest = max(_ems(w) for w in wordbreak.words(cell.text)) if cell.text else 0
                need[cell.col] = max(need[cell.col], widest * size)
    for grid, texts in figures:
        for cell in grid.data_cells:
            if cell.colspan == 1:
                text, marked = texts[cell.cell_id]
                need[cell.col] = max(need[cell.col], (_ems(text) + 0.7 * marked) * size)
    need = [n + pad for n in need]
    labels = sorted({c.col for g in grids for c in g.cells if c.kind == "label"})
    figure_cols = [c for c in range(cols) if c not in labels]
    if not labels:
        return [TEXT_WIDTH / cols] * cols
    leaf = labels[-1]  # the row labels of one column each
    leaves = [c for g in grids for c in g.cells if c.kind == "label" and c.col == leaf]
    longest = max((_ems(c.text) * size for c in leaves if c.colspan == 1), default=0)
    groups = sum(need[c] for c in labels if c != leaf)
    figure = max(need[c] for c in figure_cols)
    leaf_width = max(
        need[leaf], min(longest + pad, TEXT_WIDTH - groups - figure * len(figure_cols))
    )
    figure = (TEXT_WIDTH - groups - leaf_width) / len(figure_cols)
    return [need[c] if c in labels and c != leaf else leaf_width if c == leaf else figure
            for c in range(cols)]  # fmt: skip
