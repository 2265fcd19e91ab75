"""The official tables as reportlab Tables, drawn from the same layout as the window."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core.forms import Section
from desktop.core.forms.layout import Grid, table_grid
from desktop.core.pdf import body
from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import LINE, TEXT_WIDTH
from desktop.core.report import Report
from desktop.core.values import to_text

SMALL = 9  # 小五, for the wide tables 三 and 四
NORMAL = 10.5  # 五号
WIDE = 6  # more figure columns than this: small type, narrow figure columns


def section_flowables(heading, section: Section, report: Report, findings, fonts, style, options):
    """A table section as it goes into the story: its heading, what the unit declared for
    it, and its table. The table starts on the page of its heading; one taller than a
    page still splits between rows, its header repeated."""
    table = section_table(section, report, fonts, style["cell"], options.blank_empty)
    declared = [body.paragraph(f"{text}。", fonts, style) for text in _declared(report, section)]
    return [KeepTogether([heading, *declared, Spacer(0, LINE / 4), table]), Spacer(0, LINE / 2)]


def _declared(report: Report, section: Section) -> list[str]:
    """What the unit declared for this section (本年度未收到政府信息公开申请), as declared."""
    return [
        report.declarations[d.id]
        for d in report.form.declarations
        if d.section == section.id and d.id in report.declarations
    ]


def section_table(
    section: Section, report: Report, fonts: FontSet, cell, blank_empty: bool
) -> Table:
    """One Table per section; the sub-tables of 二 are stacked under their captions."""
    grids = [(t.caption, table_grid(section, t)) for t in section.tables]
    size = SMALL if max(_figure_columns(g) for _, g in grids) > WIDE else NORMAL
    styles = _cell_styles(cell, size)
    rows, spans, header_rows = [], [], 0
    for caption, grid in grids:
        if caption:
            spans.append(((0, len(rows)), (grid.cols - 1, len(rows))))
            rows.append(
                [Paragraph(fonts.markup(caption, "song"), styles["left"])] + [""] * (grid.cols - 1)
            )
        top = len(rows)
        rows += _grid_rows(grid, report, fonts, styles, blank_empty)
        spans += [((c.col, top + c.row), (c.col + c.colspan - 1, top + c.row + c.rowspan - 1))
                  for c in grid.cells if c.rowspan > 1 or c.colspan > 1]  # fmt: skip
        header_rows = grid.header_rows if len(grids) == 1 else 0
    widths = column_widths(grids[0][1])
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="CENTER")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.roles["song"]),  # merged-away cells: not Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    table.setStyle(TableStyle(commands + [("SPAN", a, b) for a, b in spans]))
    return table


def _cell_styles(cell: ParagraphStyle, size: float) -> dict[str, ParagraphStyle]:
    centre = ParagraphStyle(f"cell{size}", parent=cell, fontSize=size, leading=size * 1.25)
    left = ParagraphStyle(f"cell_left{size}", parent=centre, alignment=0)
    return {"centre": centre, "left": left}


def _grid_rows(grid: Grid, report: Report, fonts: FontSet, styles, blank_empty: bool) -> list[list]:
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        if cell.kind == "data":
            value = report.value(cell.cell_id)
            text = ("" if blank_empty else "0") if value is None else to_text(value)
            style = styles["centre"]
        else:
            text, style = (
                cell.text,
                styles["left" if cell.kind == "label" and cell.rowspan == 1 else "centre"],
            )
        rows[cell.row][cell.col] = Paragraph(fonts.markup(text, "song"), style)
    return rows


def _figure_columns(grid: Grid) -> int:
    return len({c.col for c in grid.cells if c.kind == "data"})


def column_widths(grid: Grid) -> list[float]:
    """Figure columns share what the labels leave; labels by their longest own text."""
    labels = sorted({c.col for c in grid.cells if c.kind == "label"})
    figures = grid.cols - len(labels)
    if not labels:
        return [TEXT_WIDTH / grid.cols] * grid.cols
    figure_width = 30.0 if figures > WIDE else TEXT_WIDTH * 0.7 / figures
    longest = {col: 4 for col in labels}
    for cell in grid.cells:
        if cell.kind == "label" and cell.colspan == 1:
            longest[cell.col] = max(longest[cell.col], len(cell.text))
    room = TEXT_WIDTH - figures * figure_width
    total = sum(longest.values())
    return [room * longest[c] / total if c in longest else figure_width for c in range(grid.cols)]
