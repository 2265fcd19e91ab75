"""The report's title: 2号 小标宋, centred, broken into balanced lines (GB/T 9704 7.3.1)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import TEXT_WIDTH, TITLE_SIZE


def title_lines(title: str, fonts: FontSet, unit: str = "") -> str:
    """One line when it fits; else the unit over “{year}年政府信息公开工作年度报告”, as
    published reports break it, the unit itself in balanced lines if it is too long.
    Centred, so uneven lines form a 梯形; a number is never broken."""
    font = fonts.roles["title"]

    def fits(text: str) -> bool:
        return stringWidth(text, font, TITLE_SIZE) <= TEXT_WIDTH

    if fits(title):
        return fonts.markup(title, "title")
    head, rest = (unit, title[len(unit) :]) if unit and title.startswith(unit) else ("", title)
    count = 1
    while not all(fits(line) for line in _balanced(head, count)):
        count += 1
    lines = [*_balanced(head, count), rest] if head else _balanced(rest, 2)
    return "<br/>".join(fonts.markup(line, "title") for line in lines)


def _balanced(text: str, count: int) -> list[str]:
    size = -(-len(text) // count)
    return [text[i : i + size] for i in range(0, len(text), size)]
