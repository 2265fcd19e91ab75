"""What every layout reader hands to the mapper: the document's text and, in reading
order, its pieces of text and its runs of printed values, each with its place.

A reader never decides which row a value belongs to; it only says what was printed
where, and whether its cells are separated for certain (a table cell in HTML or
Markdown) or only by white space (text, where numbers may be glued together and
empty cells may vanish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A mark printed instead of a figure: kept apart from 0 (empty is not 0).
BLANK_MARKS = ("-", "—", "－", "–", "/", "／", "——", "不适用", "无")
# In every warning about a cell printed as -, / or blank: the window lists them apart.
BLANK_KEPT = "未当作0导入"


@dataclass(frozen=True)
class Token:
    """One printed value: a number (perhaps several glued together) or a blank mark."""

    raw: str  # as printed: "640020470", "-", "251000元", "" (an empty table cell)
    number: str | None = None  # sign, digits and decimal point; None for a blank
    unit: str = ""
    note: str = ""  # （其中修订16件） printed after the number: not a value

    @property
    def blank(self) -> bool:
        return self.number is None

    @property
    def shown(self) -> str:
        return self.raw if self.raw else "空白"


@dataclass
class Text:
    text: str
    start: int  # offset in Document.text


@dataclass
class Values:
    tokens: list[Token]
    start: int
    place: str  # e.g. 第12行, 第2个表格第5行, 第3页第7行
    exact: bool = False  # one token per printed cell (HTML, Markdown)
    group: int = -1  # pieces of one printed table row share a group
    line_tokens: int = 0  # values printed on the line of the first value (text layouts)
    glued: bool = False  # a value printed against a word with no space (行政许可3960181)
    end: int = 0  # offset after the last value (text layouts): the figures as printed


@dataclass
class Document:
    text: str  # the whole document as text: title, headings, narrative
    pieces: list[Text | Values] = field(default_factory=list)
    layout: str = ""  # "text", or in words for the note: 网页表格, Markdown 表格
    source_words: str = ""  # where the text came from, for the note: PDF 中
    line_places: list[str] | None = None  # each line's place where not 第N行 (a PDF's page)
    blanks_vanish: bool = True  # empty cells may leave no trace (text columns)
    notes: list[str] = field(default_factory=list)  # what the reader did (OCR, conversion)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (place, what) left out


# A number: optional sign, digits, optional decimals, an optional unit; a note such as
# （其中修订16件） right after it is not a value. A single digit followed by 、 or . and a
# word is a row number (1.属于国家秘密, 2、重复申请), even glued to figures (00000002.其他).
_NUMBER = re.compile(
    r"(?P<sign>[+-]|(?<=\d)[增减](?=\d))?(?P<digits>\d+(?:\.\d+)?)(?P<unit>万元|元|项|件|宗|个|次|家|条|人)?"
    r"(?P<note>\s*[（(]\s*(?:其中|含|包括|注)[^（）()]*[）)])?"
)
_ROW_NUMBER = re.compile(r"\s*[.、．]\s*[^\d\s.、．]")
_MARK = re.compile(
    r"(?<!\S)(?:" + "|".join(re.escape(m) for m in sorted(BLANK_MARKS, key=len)[::-1]) + r")(?!\S)"
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?)\s*$"
)


def is_page_chrome(line: str) -> bool:
    """A page number line (— 3 —, -4-, 第 2 页) that a PDF copy leaves inside tables."""
    return bool(_PAGE_NUMBER.match(line))


def scan(text: str, start: int, end: int) -> list[tuple[int, int, Token | None, str]]:
    """(start, end, token or None for text, the text) from text[start:end] in order."""
    found: list[tuple[int, int, Token]] = []
    for match in _MARK.finditer(text, start, end):
        if _standalone_mark(match.group(), text, match.start(), match.end()):
            found.append((match.start(), match.end(), Token(match.group())))
    for match in _NUMBER.finditer(text, start, end):
        token = _number_token(match, text)
        if token is not None:
            found.append(token)
    found.sort(key=lambda item: item[0])
    items: list[tuple[int, int, Token | None, str]] = []
    position = start
    for begin, finish, token in found:
        if begin < position:
            continue  # a mark inside a number (e.g. the - of -13)
        if begin > position:
            items.append((position, begin, None, text[position:begin]))
        items.append((begin, finish, token, text[begin:finish]))
        position = finish
    if position < end:
        items.append((position, end, None, text[position:end]))
    return items


def _standalone_mark(mark: str, text: str, start: int, end: int) -> bool:
    # 无 is a blank only alone on its line or in a table cell; in text it is a word.
    if mark != "无":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : len(text) if line_end < 0 else line_end].strip() == mark


def _number_token(match: re.Match, text: str) -> tuple[int, int, Token] | None:
    digits, unit = match.group("digits"), match.group("unit") or ""
    end = match.end("unit") if unit else match.end("digits")
    if not unit and "." not in digits and _ROW_NUMBER.match(text, end):
        # The last digit numbers the next row's label: 00000002.其他… → 0000000 + 2.其他…
        digits, end = digits[:-1], end - 1
        if not digits:
            return None
        note = ""
    else:
        note = (match.group("note") or "").strip()
    begin = match.start()
    sign = {"增": "+", "减": "-"}.get(match.group("sign") or "", match.group("sign") or "")
    token = Token(text[begin:end], sign + digits, unit, note)
    return begin, match.end("note") if note else end, token
