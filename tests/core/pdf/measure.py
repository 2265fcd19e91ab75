"""Where every character of a PDF was printed, read back with pdfium: the measurements the
typesetting tests make (line starts and ends, characters per line, lines per page).

Boxes are pdfium's loose boxes: the advance width and the font's ascent and descent, so a
character's left edge is where it was placed, whatever its glyph's ink looks like.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from desktop.core.pdf.styles import BOTTOM, LEFT, TEXT_HEIGHT, TEXT_WIDTH


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float


@dataclass
class Line:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def left(self) -> float:
        return self.chars[0].left

    @property
    def right(self) -> float:
        return self.chars[-1].right

    @property
    def bottom(self) -> float:
        return min(c.bottom for c in self.chars)


def pages(pdf: bytes) -> list[list[Line]]:
    """Every page's lines of text, top to bottom, each left to right (spaces kept)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_lines(document[i]) for i in range(len(document))]
    finally:
        document.close()


def _lines(page) -> list[Line]:
    text = page.get_textpage()
    chars = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char in ("\r", "\n", ""):
            continue
        left, bottom, right, top = text.get_charbox(index, loose=True)
        chars.append(Char(char, left, bottom, right, top))
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c.bottom, c.left)):
        if rows and abs(rows[-1][0].bottom - char.bottom) < 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [Line(sorted(row, key=lambda c: c.left)) for row in rows]


def in_text_area(line: Line) -> bool:
    """Inside the 156 × 225 mm text area (so not the page number or a draft mark)."""
    return (
        line.bottom >= BOTTOM - 1
        and line.left >= LEFT - 1
        and line.right <= LEFT + TEXT_WIDTH + 1
        and line.bottom <= BOTTOM + TEXT_HEIGHT
    )
