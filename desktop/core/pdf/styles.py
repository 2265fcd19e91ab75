"""Page geometry and paragraph styles of GB/T 9704-2012 as the annual report uses them."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop.core.pdf.fonts import FontSet

PAGE = A4
LEFT, TOP = 28 * mm, 37 * mm
TEXT_WIDTH, TEXT_HEIGHT = 156 * mm, 225 * mm
BOTTOM = PAGE[1] - TOP - TEXT_HEIGHT  # 35 mm
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
PAGE_NUMBER_SIZE = 14  # 四号
LINES_PER_PAGE = 22
LINE = TEXT_HEIGHT / LINES_PER_PAGE  # 22 lines per page ≈ 28.99 pt
PAGE_NUMBER_DROP = 7 * mm  # the number line sits 7 mm below the text area

# The body grid (GB/T 9704 5.2.3): 28 characters of 3号 per line, the first at the left
# margin and the last ending at the right one, so 16 pt glyphs on a pitch of ≈ 15.79 pt.
CHARS_PER_LINE = 28
PITCH = (TEXT_WIDTH - BODY_SIZE) / (CHARS_PER_LINE - 1)
INDENT = 2 * PITCH  # 左空二字: the first line of a paragraph starts on the grid's third column
# From the top of a line to its baseline: the em box (ideographic, 0.88 em above the
# baseline) centred in the line, so that 22 lines fill the text area evenly.
BASELINE = (LINE - BODY_SIZE) / 2 + 0.88 * BODY_SIZE


def styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=fonts.roles["body"],
        fontSize=BODY_SIZE,
        leading=LINE,
        firstLineIndent=2 * BODY_SIZE,  # 左空二字，回行顶格
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=fonts.roles["title"], fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.5, firstLineIndent=0, alignment=TA_CENTER, spaceAfter=LINE,
        ),
        "heading1": ParagraphStyle("heading1", parent=body, fontName=fonts.roles["heading1"]),
        "signoff_title": ParagraphStyle(
            "signoff_title", parent=body, fontName=fonts.roles["heading1"], fontSize=18,
            leading=30, firstLineIndent=0, alignment=TA_CENTER, spaceAfter=12,
        ),
        "cell": ParagraphStyle(
            "cell", fontName=fonts.roles["song"], fontSize=10.5, leading=13,
            alignment=TA_CENTER, wordWrap="CJK",
        ),
        "cell_left": ParagraphStyle(
            "cell_left", fontName=fonts.roles["song"], fontSize=10.5, leading=13,
            alignment=TA_LEFT, wordWrap="CJK",
        ),
    }  # fmt: skip
