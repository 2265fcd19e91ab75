"""Fonts, borders, fills and number formats of the exported workbooks and templates.

openpyxl is imported inside the functions: this module is itself only imported when a
workbook is written, but the rule is kept where it costs nothing."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.values import CellKind

BODY_FONT, HEADING_FONT = "宋体", "黑体"
NUMBER_FORMATS = {CellKind.COUNT: "0", CellKind.SIGNED: "0", CellKind.MONEY: "0.00####"}
TOTAL_FILL, BALANCE_FILL, ALARM_FILL = "EDEDED", "F7F7F7", "F4B6B6"
TEXT_FORMAT = "@"  # phone numbers and dates stay as typed (no leading 0 lost)


@dataclass(frozen=True)
class Styles:
    title: object
    heading: object
    body: object
    bold: object
    note: object
    border: object
    centre: object
    label: object
    number: object
    paragraph: object
    total_fill: object
    balance_fill: object
    alarm_fill: object
    unlocked: object


def make_styles() -> Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return Styles(
        title=Font(name=HEADING_FONT, size=16, bold=True),
        heading=Font(name=HEADING_FONT, size=12, bold=True),
        body=Font(name=BODY_FONT, size=10.5),
        bold=Font(name=BODY_FONT, size=10.5, bold=True),
        note=Font(name=BODY_FONT, size=9, italic=True, color="555555"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        centre=Alignment(horizontal="center", vertical="center", wrap_text=True),
        label=Alignment(horizontal="left", vertical="center", wrap_text=True),
        number=Alignment(horizontal="right", vertical="center"),
        paragraph=Alignment(horizontal="left", vertical="top", wrap_text=True),
        total_fill=PatternFill("solid", fgColor=TOTAL_FILL),
        balance_fill=PatternFill("solid", fgColor=BALANCE_FILL),
        alarm_fill=PatternFill("solid", fgColor=ALARM_FILL),
        unlocked=Protection(locked=False),
    )


def put_text(cell, text: str) -> None:
    """A text as text, even one that starts with = (which openpyxl would take for a
    formula)."""
    cell.value = text
    cell.data_type = "s"


def frame(ws, r1: int, c1: int, r2: int, c2: int, styles: Styles) -> None:
    """Borders on every cell of a (merged) range: Excel draws a merge's outline from them."""
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            cell.border = styles.border


def set_page(ws, *, landscape: bool, title_rows: str | None, area: str | None) -> None:
    """A4, fitted to the page width, page numbers in the footer, header rows repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if title_rows:
        ws.print_title_rows = title_rows
    if area:
        ws.print_area = area


def protect(ws) -> None:
    """Locked cells cannot be changed; no password (it guards against slips, not people).
    Row heights and column widths may still be changed."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def text_width(text: str) -> int:
    """Width in Excel's units (one digit): a Chinese character takes about two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    if not text:
        return 1
    return max(1, -(-text_width(text) // max(int(width) - 1, 1)))
