"""Body text on the GB/T 9704 grid as a reportlab Flowable that lays out its characters
itself: 28 characters of 3号 per line, flush at both margins, 22 lines per page.

reportlab's Paragraph cannot do this: its CJK wrap starts lines with ，；：？！ and ends
them with （“, justifies only at spaces, loses the space between Latin words, and
truncates 3.999… lines of room to 3. Here the line breaking is linebreak.py's; each
line is then justified by spreading its slack evenly between its tokens (characters,
Latin/digit runs), and drawn as a few text runs at computed positions, each character
in the font FontSet gives it.

A GridText holds several paragraphs (a section: its 一、 heading and its text), so a
heading can be kept with its text across a page break: a heading never ends a page, it
stays with at least two lines of its text (a run-in （一）… heading counts as a heading).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from desktop.core.pdf import linebreak
from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.linebreak import Span, Token
from desktop.core.pdf.styles import (
    BASELINE,
    BODY_SIZE,
    CHARS_PER_LINE,
    LINE,
    LINES_PER_PAGE,
    TEXT_WIDTH,
)

TEXT, HEADING, RUN_IN = 0, 1, 2  # paragraph kinds: text, a 一、 heading, led by （一）…
KEEP_LINES = 2  # a heading stays with this many lines of its text


@dataclass
class Para:
    """A paragraph: (text, font role) runs, its kind and its first-line indent in
    characters. Of a RUN_IN paragraph the first run is the heading."""

    segments: list[tuple[str, str]]
    kind: int = TEXT
    indent: int = 2


@dataclass(slots=True)
class _Line:
    tokens: list[Token]  # all tokens of its paragraph
    span: Span
    indent: float
    para: int  # index of its paragraph
    head: bool  # holds heading characters
    text: bool  # holds text characters
    keep: bool = False  # may not be the last line on a page


_ADVANCE: dict[tuple[str, str], float] = {}  # (font, character) -> advance at 1 pt
# id(FontSet) -> (the FontSet, role -> character -> (font, advance at 1 pt))
_GLYPHS: dict[int, tuple[FontSet, dict[str, dict[str, tuple[str, float]]]]] = {}


def advance(font: str, char: str) -> float:
    try:
        return _ADVANCE[font, char]
    except KeyError:
        width = _ADVANCE[font, char] = getFont(font).stringWidth(char, 1.0)
        return width


class GridText(Flowable):
    """Paragraphs on the body grid, split between pages at line boundaries only."""

    def __init__(self, paras: list[Para], fonts: FontSet, size: float = BODY_SIZE):
        super().__init__()
        self.paras = paras
        self.fonts = fonts
        self.size = size
        self._lines: list[_Line] | None = None
        self._laid_width: float | None = None
        self._tracking = 0.0

    # -- reportlab protocol -------------------------------------------------------------

    def wrap(self, availWidth, availHeight):
        self._ensure(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * LINE
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self._ensure(availWidth)
        lines = self._lines
        room = int(availHeight / LINE + 1e-6)  # 3.999999999999992 lines of room hold 4
        fit = min(room, len(lines) - 1)
        while fit > 0 and lines[fit - 1].keep:
            fit -= 1
        if fit <= 0:
            if room < LINES_PER_PAGE:
                return []  # not here: on the next page
            fit = min(room, len(lines) - 1)  # a whole page of heading: keep cannot hold
        return [self._part(lines[:fit]), self._part(lines[fit:])]

    def draw(self):
        canvas, size = self.canv, self.size
        text = canvas.beginText()
        font = space = None
        for number, line in enumerate(self._lines):
            y = self.height - number * LINE - BASELINE
            xs, gap = linebreak.place(
                line.tokens, line.span, self.width - line.indent, self._tracking
            )
            for name, x, chars, spacing in _runs(line.tokens, line.span, xs, gap):
                if name != font:
                    text.setFont(name, size)
                    font = name
                if spacing != space:
                    text.setCharSpace(spacing)
                    space = spacing
                text.setTextOrigin(line.indent + x, y)
                text.textOut(chars)
        canvas.drawText(text)

    def getPlainText(self) -> str:
        self._ensure(self._laid_width or TEXT_WIDTH)
        return "\n".join(
            "".join(t.text for t in line.tokens[line.span.start : line.span.end])
            for line in self._lines
        )

    # -- layout ---------------------------------------------------------------------------

    def _part(self, lines: list[_Line]) -> GridText:
        part = GridText([], self.fonts, self.size)
        part._lines, part._laid_width, part._tracking = lines, self._laid_width, self._tracking
        return part

    def _ensure(self, width: float) -> None:
        if self._lines is None or (self.paras and abs(width - self._laid_width) > 1e-6):
            self._layout(width)

    def _layout(self, width: float) -> None:
        size = self.size
        # 28 characters in the text width; as many as fit a narrower column
        chars = max(1, int(width / (TEXT_WIDTH / CHARS_PER_LINE) + 1e-6))
        pitch = (width - size) / (chars - 1) if chars > 1 else width
        self._tracking = pitch - size
        lines: list[_Line] = []
        for index, para in enumerate(self.paras):
            tokens = self._tokens(para, chars * size)
            head = _head_count(para, tokens)
            indent = min(para.indent, chars - 1)
            breaks = linebreak.opportunities(tokens)
            spans = linebreak.break_lines(
                tokens, breaks, (chars - indent) * size, chars * size, size
            )
            for number, span in enumerate(spans):
                lines.append(
                    _Line(
                        tokens, span, indent * pitch if number == 0 else 0.0, index,
                        head=span.start < head, text=span.end > head,
                    )
                )  # fmt: skip
        _keep_headings(lines, self.paras)
        self._lines, self._laid_width = lines, width

    def _tokens(self, para: Para, limit: float) -> list[Token]:
        tokens = linebreak.tokenize(para.segments)
        size, tables = self.size, {}
        for token in tokens:
            glyphs = tables.get(token.role)
            if glyphs is None:
                glyphs = tables[token.role] = self._glyphs(token.role)
            text = token.text
            if len(text) == 1:  # most tokens: one character
                token.font, width = glyphs.get(text) or self._glyph(token.role, text)
                token.width = width * size
            else:
                self._measure(token)
        tokens = linebreak.split_long(tokens, limit - para.indent * size, self._measure)
        linebreak.set_squeeze(tokens, size)
        return tokens

    def _measure(self, token: Token) -> None:
        """Fill in the token's width and its font (or its runs in each font)."""
        glyphs, size = self._glyphs(token.role), self.size
        text = token.text
        if len(text) == 1:
            token.font, width = glyphs.get(text) or self._glyph(token.role, text)
            token.width = width * size
            return
        parts: list[list] = []
        for char in text:
            name, width = glyphs.get(char) or self._glyph(token.role, char)
            if parts and parts[-1][0] == name:
                parts[-1][1] += char
                parts[-1][2] += width * size
            else:
                parts.append([name, char, width * size])
        token.parts = [(name, chars, width) for name, chars, width in parts]
        token.width = sum(p[2] for p in parts)

    def _glyphs(self, role: str) -> dict[str, tuple[str, float]]:
        """Character -> (font, advance at 1 pt) in a role, kept with the FontSet."""
        entry = _GLYPHS.get(id(self.fonts))
        if entry is None or entry[0] is not self.fonts:
            if len(_GLYPHS) > 8:
                _GLYPHS.clear()
            entry = _GLYPHS[id(self.fonts)] = (self.fonts, {})
        return entry[1].setdefault(role, {})

    def _glyph(self, role: str, char: str) -> tuple[str, float]:
        # FontSet.runs picks the font and notes a fallback for its report of fonts used
        name = self.fonts.runs(char, role)[0][0]
        entry = self._glyphs(role)[char] = (name, advance(name, char))
        return entry


def _head_count(para: Para, tokens: list[Token]) -> int:
    """How many of the paragraph's tokens are its heading."""
    if para.kind == HEADING:
        return len(tokens)
    if para.kind == RUN_IN:
        return len(linebreak.tokenize(para.segments[:1]))
    return 0


def _keep_headings(lines: list[_Line], paras: list[Para]) -> None:
    """Mark the lines after which a page may not end: from a heading's first line to
    the line before the KEEP_LINES-th line after its last heading line that holds its
    text (the text up to the next heading of the same or a higher rank)."""
    for index, para in enumerate(paras):
        if para.kind == TEXT:
            continue
        own = [n for n, line in enumerate(lines) if line.para == index]
        if not own:
            continue  # an empty paragraph
        first = own[0]
        last_head = max(n for n in own if lines[n].head)
        found, target = 0, None
        for n in range(last_head + 1, len(lines)):
            line = lines[n]
            if line.para != index and lines[n].span.start == 0 and _outranks(paras, line, para):
                break
            if line.text:
                found, target = found + 1, n
                if found == KEEP_LINES:
                    break
        if target is not None:
            for n in range(first, target):
                lines[n].keep = True


def _outranks(paras: list[Para], line: _Line, heading: Para) -> bool:
    """The line starts a heading of the same or a higher rank than `heading`."""
    kind = paras[line.para].kind
    return kind == HEADING or (kind == RUN_IN and heading.kind == RUN_IN)


def _runs(tokens: list[Token], span: Span, xs: list[float], gap: float) -> list[list]:
    """A line as text runs [font, x, characters, character spacing]: single characters
    in one font one after another share a run drawn with the gap as character spacing;
    a Latin/digit run is drawn as it is, the gap around it."""
    runs: list[list] = []
    joinable = False
    squeezed = span.squeezed
    for offset, p in enumerate(range(span.start, span.end)):
        token, x = tokens[p], xs[offset]
        if token.parts:
            for name, chars, width in token.parts:
                runs.append([name, x, chars, 0.0])
                x += width
            joinable = False
            continue
        pressed = p in squeezed
        if joinable and not (pressed and token.left) and runs[-1][0] == token.font:
            runs[-1][2] += token.text
        else:
            runs.append([token.font, x, token.text, gap])
        joinable = not pressed
    return runs
