"""Chinese line breaking for the body text: where a line may end, and where each line ends.

The text is cut into tokens, the units that are placed and justified on a line: one
character of Chinese text or punctuation, a run of Latin letters or digits (a word, a
number such as `1,191` or `17.46`), a run of spaces. A line may end after a token unless
the rules of ../shared/spec/typesetting.md (禁则, after clreq and UAX #14) forbid it:

- never before a closing mark (，。、；：？！）》” … and their half-width forms: CLOSING),
- never after an opening one (（《“ … and currency signs: OPENING),
- never inside a number with its unit (`1,191件`, `17.46%`, `36.26万件`), a date
  (`2020年1月1日`), a Latin word, a dash pair `——` or an ellipsis `……`,
- between Latin words only at a space, which is dropped at the line end; inside a web
  address only after its `.` `/` `@`.

Lines are filled greedily to the grid (28 characters of the body size). When the fill
stops where a line may not end, one character moves (typesetting.md): 挤进 pulls what
straddles the line end (the closing mark, the character after an opening mark, a
number's unit) into the line when it is at most one character wide, compressing the
half-empty punctuation of that line; when the line has too little punctuation for
that, 推出 pushes its last piece down and the shortened line is spread by the
justification. Either way every line still ends flush; 推出 of a long piece (a date, a
word) spreads the line more, since the piece itself may not be split.

This module knows nothing of fonts or PDF: a token's width and the font it is drawn in
are filled in by the caller (gridtext.py), which also places the tokens of each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Never at a line start (UAX #14 CL, CP, EX, IS, NS and closing QU), full and half width.
CLOSING = frozenset(
    "，。、；：？！…‥）］｝〕〉》」』】〗〙〛”’"
    ",.;:?!)]}"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"
    "｡｣､･"
    "．，：；？！）］｝"
    "・·々〃～〜~%‰％℃°′″"
)
# Never at a line end (UAX #14 OP, PR and opening QU).
OPENING = frozenset("（［｛〔〈《「『【〖〘〚“‘([{﹙﹛﹝｢￥＄$£€¥")
# Full-width punctuation whose glyph fills half of its em box, and which side is empty:
# what 挤进 compresses (clreq, punctuation compression).
SQUEEZE_RIGHT = frozenset("，。、；：）］｝〕〉》」』】〗”’")
SQUEEZE_LEFT = frozenset("（［｛〔〈《「『【〖“‘")
UNIT_JOINERS = frozenset("年月")  # 2020年1月1日: the date stays together
MAGNITUDES = frozenset("万亿千百")  # 36.26万件: the number keeps its magnitude and unit

_ALNUM = r"0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
# A word or a number: letters and digits, inner joiners (1,191 17.46 COVID-19 12:30
# 2019-2020 https://www.gov.cn), a sign before a digit (-13 +5).
_SPECIAL = re.compile(
    rf"(?P<word>(?:[+\-−±](?=[0-9０-９]))?[{_ALNUM}]+(?:[.,:/'’\-_&@+#?=~]+[{_ALNUM}]+)*)"
    r"|(?P<pair>[—―─]{2,}|…{2,})"  # a dash pair or an ellipsis: one unit, no gap inside
    r"|(?P<space>[ \t]+)"
)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
# A web or mail address (letters and a / or @ or two dots; never a number, 17.46 has no
# letter, nor e.g.) may break after its . / @; its pieces are set without gaps between them.
_ADDRESS = re.compile(r"(?=.*[A-Za-z])(?:.*[/@]|(?:.*\.){2})")
_ADDRESS_PARTS = re.compile(r"[^./@]+[./@]*|[./@]+")

# Token kinds: a character (or a dash pair, an ellipsis), a Latin/digit run, spaces.
IDEO, WORD, SPACE = 0, 1, 2


class Token:
    """A unit of a line; width, font and parts are filled in by the caller."""

    __slots__ = (
        "font", "kind", "left", "number", "parts", "role", "squeeze", "text", "tight", "width",
    )  # fmt: skip

    def __init__(self, text: str, role: str, kind: int, tight: bool = False):
        self.text = text
        self.role = role  # the font role it is set in (body, heading1, heading2)
        self.kind = kind
        self.number = kind == WORD and text[-1] in _DIGITS  # a number: keeps its unit
        self.width = 0.0  # natural advance
        self.squeeze = 0.0  # how much 挤进 may take from its advance (half an em, or 0)
        self.left = False  # the squeezable half is on the left (opening marks)
        self.font = ""  # the font of a single-character token
        self.parts: list[tuple[str, str, float]] | None = None  # (font, text, width) runs
        self.tight = tight  # set against the next token without a gap (a part of an address)

    def __repr__(self) -> str:
        return f"Token({self.text!r})"


@dataclass(slots=True)
class Span:
    """One line: tokens[start:end] (trailing spaces left out), and how much each
    squeezed punctuation token gives up (挤进), by token index."""

    start: int
    end: int
    squeezed: dict[int, float] = field(default_factory=dict)
    last: bool = False  # the last line of its paragraph: not justified


def tokenize(segments: list[tuple[str, str]]) -> list[Token]:
    """The tokens of a paragraph given as (text, role) runs; a line break inside the
    text is treated as a space."""
    tokens: list[Token] = []
    add = tokens.append
    for text, role in segments:
        text = text.replace("\n", " ").replace("\t", " ")
        done = 0
        for match in _SPECIAL.finditer(text):
            for char in text[done : match.start()]:
                add(Token(char, role, IDEO))
            piece = match.group()
            if match.lastgroup == "word" and _ADDRESS.search(piece):
                for part in _ADDRESS_PARTS.findall(piece):  # www.|huaian.|gov.|cn
                    add(Token(part, role, WORD, tight=True))
                tokens[-1].tight = False
            else:
                add(Token(piece, role, _KINDS[match.lastgroup]))
            done = match.end()
        for char in text[done:]:
            add(Token(char, role, IDEO))
    return tokens


_KINDS = {"word": WORD, "pair": IDEO, "space": SPACE}


def set_squeeze(tokens: list[Token], size: float) -> None:
    """Mark the full-width punctuation that 挤进 may compress by half an em."""
    half = size / 2
    for token in tokens:
        if token.kind == IDEO and token.width >= size - 0.01:
            char = token.text
            if char in SQUEEZE_RIGHT:
                token.squeeze, token.left = half, False
            elif char in SQUEEZE_LEFT:
                token.squeeze, token.left = half, True


def split_long(tokens: list[Token], limit: float, measure) -> list[Token]:
    """A word wider than a line (a long web address) is broken between its characters;
    measure(token) fills in a new token's width and font."""
    result = []
    for token in tokens:
        if token.kind == WORD and token.width > limit:
            for char in token.text:
                piece = Token(char, token.role, IDEO)
                measure(piece)
                result.append(piece)
        else:
            result.append(token)
    return result


def opportunities(tokens: list[Token]) -> list[bool]:
    """breaks[i]: a line may end after tokens[i] (the last entry is True)."""
    count = len(tokens)
    breaks = [True] * count
    for i in range(count - 1):
        a, b = tokens[i], tokens[i + 1]
        breaks[i] = _may_break(tokens[i - 1] if i else None, a, b)
    return breaks


def _may_break(before: Token | None, a: Token, b: Token) -> bool:
    if b.kind == SPACE:
        return False  # the break comes after the space, which the line end drops
    if b.text[0] in CLOSING:
        return False
    if a.kind == SPACE:
        return True
    if a.text[-1] in OPENING:
        return False
    if a.tight:
        return True  # inside an address, after its . or /
    if a.kind == WORD:
        # a number with its unit (1,191件 2020年), two words not parted by a space
        return not (b.kind == WORD or (a.number and b.kind == IDEO))
    if before is None or not before.number:
        return True
    # 2020年1月1日: a date unit between two numbers; 36.26万件: a magnitude and its unit
    return not ((a.text in UNIT_JOINERS and b.number) or (a.text in MAGNITUDES and b.kind == IDEO))


def break_lines(
    tokens: list[Token],
    breaks: list[bool],
    first: float,
    rest: float,
    em: float,
) -> list[Span]:
    """Lines of at most `first` (the first line) and `rest` natural width, filled
    greedily; the kinsoku rules are kept by 挤进 or 推出 of one character (em: the
    width of one character, the most 挤进 pulls into a line)."""
    spans: list[Span] = []
    count = len(tokens)
    i = _skip_spaces(tokens, 0)
    eps = 1e-6
    while i < count:
        capacity = first if not spans else rest
        width, j = 0.0, i
        while j < count and width + tokens[j].width <= capacity + eps:
            width += tokens[j].width
            j += 1
        if j == count:
            spans.append(_span(tokens, i, count))
            break
        if tokens[j].kind == SPACE:  # the line ends at the spaces if it may end after them
            s = _skip_spaces(tokens, j)
            if s == count or breaks[s - 1]:
                j = s
        if j == i:  # one character wider than the line: it stands alone
            j = i + 1
        elif not breaks[j - 1]:
            j, squeezed = _kinsoku(tokens, breaks, i, j, capacity, em)
            if squeezed:
                spans.append(_span(tokens, i, j, squeezed))
                i = _skip_spaces(tokens, j)
                continue
        spans.append(_span(tokens, i, j))
        i = _skip_spaces(tokens, j)
    if spans:
        spans[-1].last = True
    return spans


def _kinsoku(tokens, breaks, i, j, capacity, em) -> tuple[int, dict[int, float]]:
    """Where the line [i, …) ends when the greedy end j is not a break opportunity:
    (end, squeezes) for 挤进, (end, {}) for 推出."""
    k = j + 1  # 挤进: pull in up to the next opportunity
    while k < len(tokens) and not breaks[k - 1]:
        k += 1
    end = k
    while end > i and tokens[end - 1].kind == SPACE:
        end -= 1
    over = sum(t.width for t in tokens[i:end]) - capacity
    squeezed = _squeeze(tokens, i, k, over)
    if squeezed is not None and over <= em + 1e-6:
        return k, squeezed
    for b in range(j - 1, i, -1):  # 推出: back to the last opportunity in the line
        if breaks[b - 1]:
            return b, {}
    if squeezed is not None:
        return k, squeezed
    return j, {}  # no opportunity in a whole line: break where the line is full


def _squeeze(tokens, i, k, over) -> dict[int, float] | None:
    """Spread `over` over the squeezable punctuation inside tokens[i:k], each giving up
    the same share of its empty half; None if the line has too little of it."""
    end = k
    while end > i and tokens[end - 1].kind == SPACE:
        end -= 1
    room = {
        p: tokens[p].squeeze
        for p in range(i, end)
        if tokens[p].squeeze and not (p == i and tokens[p].left) and p != end - 1
    }
    total = sum(room.values())
    if over <= 1e-9:
        return {}
    if total + 1e-6 < over:
        return None
    share = over / total
    return {p: amount * share for p, amount in room.items()}


def _span(tokens, start, end, squeezed=None) -> Span:
    while end > start and tokens[end - 1].kind == SPACE:
        end -= 1
    return Span(start, end, squeezed or {})


def _skip_spaces(tokens, i) -> int:
    while i < len(tokens) and tokens[i].kind == SPACE:
        i += 1
    return i


def place(
    tokens: list[Token], span: Span, width: float, tracking: float
) -> tuple[list[float], float]:
    """The x of each token's glyph in a line `width` wide, from 0, and the gap between
    tokens: justified to both edges, or for a paragraph's last line the grid's
    tracking (narrower when the line would not fit otherwise)."""
    slots = [tokens[p].width - span.squeezed.get(p, 0.0) for p in range(span.start, span.end)]
    gaps = sum(not tokens[p].tight for p in range(span.start, span.end - 1))
    gap = (width - sum(slots)) / gaps if gaps else 0.0
    if span.last:
        gap = min(gap, tracking)
    xs, x = [], 0.0
    for offset, slot in enumerate(slots):
        p = span.start + offset
        xs.append(x - span.squeezed[p] if p in span.squeezed and tokens[p].left else x)
        x += slot if tokens[p].tight else slot + gap
    return xs, gap
