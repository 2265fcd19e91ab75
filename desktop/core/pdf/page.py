"""What every page carries besides the text: the page number (GB/T 9704 7.5) and, on a
draft, the 草稿 mark."""

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


def decorator(fonts: FontSet, options):
    number_font, mark_font = fonts.roles["song"], fonts.roles["heading1"]

    def decorate(canvas, document) -> None:
        canvas.saveState()
        page = canvas.getPageNumber()
        text = f"— {page} —"
        y = BOTTOM - PAGE_NUMBER_DROP - PAGE_NUMBER_SIZE * 0.8
        canvas.setFont(number_font, PAGE_NUMBER_SIZE)
        if options.centred_numbers:
            canvas.drawCentredString(LEFT + TEXT_WIDTH / 2, y, text)
        elif page % 2:  # odd pages: right, one character in (居右空一字)
            canvas.drawRightString(LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE, y, text)
        else:
            canvas.drawString(LEFT + PAGE_NUMBER_SIZE, y, text)
        if options.draft:
            draft_mark(canvas, mark_font)
        canvas.restoreState()

    return decorate


def draft_mark(canvas, font: str) -> None:
    canvas.setFillGray(0.35)
    canvas.setFont(font, 12)
    canvas.drawString(LEFT, PAGE[1] - 20 * mm, "草稿　存在未解决的错误，仅供核对，不得作为正式报告")
    canvas.setFillGray(0.85)
    canvas.setFont(font, 110)
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -40, "草稿")
