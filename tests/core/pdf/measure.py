"""Where every character of a PDF was printed, read back with pdfium: the measurements the
typesetting tests make (line starts and ends, characters per line, lines per page).

Boxes are pdfium's loose boxes: the advance width and the font's ascent and descent, so a
character's left edge is where it was placed, whatever its glyph's ink looks like.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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


# --- Rules, filled rectangles and table cells (tables' tests) -----------------------------


@dataclass(frozen=True)
class Segment:
    """A stroked straight piece of a path, in page coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    colour: tuple[int, int, int]

    @property
    def horizontal(self) -> bool:
        return abs(self.y0 - self.y1) < 0.1 and abs(self.x0 - self.x1) >= 0.1

    @property
    def vertical(self) -> bool:
        return abs(self.x0 - self.x1) < 0.1 and abs(self.y0 - self.y1) >= 0.1


@dataclass(frozen=True)
class Fill:
    """The bounds of a filled path (a cell's background)."""

    left: float
    bottom: float
    right: float
    top: float
    colour: tuple[int, int, int]


@dataclass
class Cell:
    """A table cell as the rules around it enclose it, with the characters inside it."""

    left: float
    bottom: float
    right: float
    top: float
    chars: list[Char]

    @property
    def lines(self) -> list[str]:
        rows: list[list[Char]] = []
        for char in sorted(self.chars, key=lambda c: (-c.bottom, c.left)):
            if rows and abs(rows[-1][0].bottom - char.bottom) < 2:
                rows[-1].append(char)
            else:
                rows.append([char])
        return ["".join(c.text for c in sorted(row, key=lambda c: c.left)) for row in rows]

    @property
    def text(self) -> str:
        return "".join(self.lines)


def drawing(pdf: bytes) -> list[tuple[list[Segment], list[Fill]]]:
    """Every page's stroked straight segments and filled paths, read with pdfium."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_drawing(document[i]) for i in range(len(document))]
    finally:
        document.close()


def _drawing(page) -> tuple[list[Segment], list[Fill]]:
    segments, fills = [], []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        handle = obj.raw
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(handle, ctypes.byref(fill_mode), ctypes.byref(stroke))
        matrix = obj.get_matrix()
        if fill_mode.value:
            left, bottom, right, top = obj.get_bounds()
            fills.append(
                Fill(left, bottom, right, top, _colour(pdfium_c.FPDFPageObj_GetFillColor, handle))
            )
        if not stroke.value:
            continue
        width = ctypes.c_float()
        pdfium_c.FPDFPageObj_GetStrokeWidth(handle, ctypes.byref(width))
        colour = _colour(pdfium_c.FPDFPageObj_GetStrokeColor, handle)
        current = start = None
        for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
            segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
            x, y = ctypes.c_float(), ctypes.c_float()
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            point = matrix.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
                segments.append(Segment(*current, *point, width.value, colour))
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            current = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                segments.append(Segment(*current, *start, width.value, colour))
                current = start
    return segments, fills


def _colour(getter, handle) -> tuple[int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter(handle, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    return r.value, g.value, b.value


def table_cells(pdf: bytes) -> list[list[Cell]]:
    """Every page's table cells: each character inside black rules on all four sides
    belongs to the cell they enclose (rules merged away by a span are not drawn)."""
    result = []
    for lines, (segments, _) in zip(pages(pdf), drawing(pdf), strict=True):
        black = [s for s in segments if s.colour == (0, 0, 0)]
        verticals = [s for s in black if s.vertical]
        horizontals = [s for s in black if s.horizontal]
        cells: dict[tuple, Cell] = {}
        for char in (c for line in lines for c in line.chars):
            if char.top - char.bottom > 30 or not char.text.strip():  # a draft's big 草稿
                continue
            box = _enclosing(char, verticals, horizontals)
            if box is not None:
                key = tuple(round(v, 1) for v in box)
                cells.setdefault(key, Cell(*box, [])).chars.append(char)
        result.append(list(cells.values()))
    return result


def _enclosing(char: Char, verticals, horizontals) -> tuple[float, float, float, float] | None:
    x, y = (char.left + char.right) / 2, (char.bottom + char.top) / 2

    def spans(low, high, value):
        return min(low, high) - 0.1 <= value <= max(low, high) + 0.1

    lefts = [s.x0 for s in verticals if s.x0 <= x and spans(s.y0, s.y1, y)]
    rights = [s.x0 for s in verticals if s.x0 >= x and spans(s.y0, s.y1, y)]
    belows = [s.y0 for s in horizontals if s.y0 <= y and spans(s.x0, s.x1, x)]
    aboves = [s.y0 for s in horizontals if s.y0 >= y and spans(s.x0, s.x1, x)]
    if not (lefts and rights and belows and aboves):
        return None
    return max(lefts), max(belows), min(rights), min(aboves)


# --- Lines by baseline, with font sizes (body text tests) ---------------------------------


@dataclass(frozen=True)
class Glyph:
    """A character as printed: its loose box's left and right (where it was placed and
    its advance), its baseline and its font size."""

    text: str
    left: float
    right: float
    baseline: float
    size: float


@dataclass
class TextLine:
    """The characters on one baseline, left to right (pdfium's generated spaces left out;
    spaces that were drawn kept)."""

    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def left(self) -> float:
        return self.glyphs[0].left

    @property
    def right(self) -> float:
        return self.glyphs[-1].right

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)


def text_lines(pdf: bytes) -> list[list[TextLine]]:
    """Every page's lines of text grouped by baseline (unlike pages(), whose loose boxes'
    bottoms differ between a dash and a character on the same line), top to bottom."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_text_lines(document[i]) for i in range(len(document))]
    finally:
        document.close()


def _text_lines(page) -> list[TextLine]:
    textpage = page.get_textpage()
    glyphs = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char in ("\r", "\n", "") or pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        left, _, right, _ = textpage.get_charbox(index, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        glyphs.append(Glyph(char, left, right, y.value, size))
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.baseline, g.left)):
        if rows and abs(rows[-1][0].baseline - glyph.baseline) < 0.5:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return [TextLine(sorted(row, key=lambda g: g.left)) for row in rows]


# --- Ink boxes (page numbers, closing) ------------------------------------------------------


def ink(pdf: bytes) -> list[list[Char]]:
    """Every page's printed characters with pdfium's tight boxes: the glyph's outline, so
    a dash's box is the dash itself (where 7 mm below the text area is measured from)."""
    document = pdfium.PdfDocument(pdf)
    try:
        result = []
        for i in range(len(document)):
            text = document[i].get_textpage()
            chars = []
            for index in range(text.count_chars()):
                char = text.get_text_range(index, 1)
                if char.strip():
                    chars.append(Char(char, *text.get_charbox(index, loose=False)))
            result.append(chars)
        return result
    finally:
        document.close()
