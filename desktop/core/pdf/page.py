"""What every page carries besides the text: the page number (GB/T 9704 7.5) and, on a
draft, the 草稿 mark.

7.5: 4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数字左右各放一条一字线；一字线上距版心
下边缘7mm。单页码居右空一字，双页码居左空一字。So the top edge of the dashes' ink lies 7 mm
below the text area, wherever the font draws its dash; 空一字 is one character of the
number's 4号 size.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import (
    BOTTOM,
    LEFT,
    PAGE,
    PAGE_NUMBER_DROP,
    PAGE_NUMBER_SIZE,
    TEXT_WIDTH,
)

DASH = "—"  # 一字线 (U+2014)
DASH_TOP = 0.35  # em above the baseline, if the font's outline cannot be read
DRAFT = "草稿　仅供核对，不得作为正式报告"
DRAFT_WITH_ERRORS = "草稿　存在未解决的错误，仅供核对，不得作为正式报告"


def number_text(number: int) -> str:
    return f"{DASH} {number} {DASH}"


def number_baseline(fonts: FontSet, size: float = PAGE_NUMBER_SIZE) -> float:
    """The baseline that puts the top edge of the 一字线 7 mm below the text area."""
    box = fonts.ink("song", DASH)
    top = box[3] if box else DASH_TOP
    return BOTTOM - PAGE_NUMBER_DROP - top * size


def number_x(fonts: FontSet, number: int, centred: bool) -> float:
    """Where the number starts: odd pages right and even pages left, one character in
    from the text area's edge (居右/居左空一字), or centred."""
    width = fonts.width(number_text(number), "song", PAGE_NUMBER_SIZE)
    if centred:
        return LEFT + (TEXT_WIDTH - width) / 2
    if number % 2:
        return LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE - width
    return LEFT + PAGE_NUMBER_SIZE


def decorator(fonts: FontSet, options, errors: int = 0):
    """Draws each page's number and, on a draft, the 草稿 mark; `errors` is the number of
    unresolved errors, which the draft mark mentions only when there are any."""
    mark_font = fonts.roles["heading1"]
    baseline = number_baseline(fonts)

    def decorate(canvas, document) -> None:
        canvas.saveState()
        number = canvas.getPageNumber()
        x = number_x(fonts, number, options.centred_numbers)
        fonts.draw(canvas, x, baseline, number_text(number), "song", PAGE_NUMBER_SIZE)
        if options.draft:
            draft_mark(canvas, mark_font, errors)
        canvas.restoreState()

    return decorate


def draft_mark(canvas, font: str, errors: int = 0) -> None:
    """草稿 across the page and a line above the text area: that it is a draft, and that
    errors remain only when they do."""
    canvas.setFillGray(0.35)
    canvas.setFont(font, 12)
    canvas.drawString(LEFT, PAGE[1] - 20 * mm, DRAFT_WITH_ERRORS if errors else DRAFT)
    canvas.setFillGray(0.85)
    canvas.setFont(font, 110)
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -40, "草稿")
