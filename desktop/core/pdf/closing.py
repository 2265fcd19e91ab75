"""The closing (落款) at the end of the report: the unit and the date, GB/T 9704 7.3.5.2.

不加盖印章的公文，在正文下空一行右空二字编排发文机关署名，在发文机关署名下一行编排成文日期，
首字比署名首字右移二字，如成文日期长于发文机关署名，应当使成文日期右空二字编排，并相应增加
发文机关署名右空字数。

So: one empty line after the text; the unit ends two characters in from the right margin;
the date, on the next line, starts two characters right of the unit's start. Where that
would take the date past the two characters (a date longer than the unit, or nearly), the
date ends two characters in and the unit starts two characters left of it. A unit too long
for its line is broken between words into balanced lines (title.break_name), set as a
block. The date is the report's 审核日期, else its 填报日期, else the day of export, in
Arabic numerals without leading zeros (7.3.5.4): 2025年1月6日.

The closing is kept with the end of the text before it: it never stands alone at the top of
a page (the text's last lines move over with it).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from reportlab.platypus.flowables import Flowable

from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import BASELINE, BODY_SIZE, LINE, PITCH, TEXT_WIDTH
from desktop.core.pdf.title import break_name
from desktop.core.report import Report

SHIFT = 2 * PITCH  # 二字 on the body grid
RIGHT = TEXT_WIDTH - SHIFT  # 右空二字: where the unit (or a long date) ends
UNIT_WIDTH = TEXT_WIDTH - 2 * SHIFT  # a longer unit is broken into lines
DATE_FIELDS = ("reviewed_on", "prepared_on")  # 审核日期, else 填报日期
_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_DATE = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")


def attached(last: Flowable, report: Report, fonts: FontSet, today=None) -> list[Flowable]:
    """The story's last flowable with the closing after it, kept together (see _Tail)."""
    return [_Tail(last, Closing(report.unit, closing_date(report, today), fonts))]


def closing_date(report: Report, today: datetime.date | None = None) -> str:
    """The date of the closing: 审核日期, else 填报日期 (as a date if it reads as one, else
    as typed), else the day of export."""
    typed = [report.meta.get(name, "").strip() for name in DATE_FIELDS]
    for text in typed:
        if text and (date := format_date(text)):
            return date
    for text in typed:
        if text:
            return text
    return chinese_date(today or datetime.date.today())


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_date(text: str) -> str | None:
    """2025年1月6日 from 2025-01-06, 2025/1/6, 2025.01.06, ２０２５年０１月０６日 or
    二〇二五年一月六日; None if the text is no date."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _DATE.fullmatch(text) or _DATE.fullmatch(_arabic(text))
    if not match:
        return None
    try:
        day = datetime.date(*(int(group) for group in match.groups()))
    except ValueError:
        return None
    return chinese_date(day)


def _arabic(text: str) -> str:
    """二〇二五年十二月三十一日 -> 2025年12月31日 (digit by digit for the year, with 十 for
    month and day)."""

    def number(part: str) -> str:
        if "十" not in part:
            return "".join(str(_DIGITS[ch]) if ch in _DIGITS else ch for ch in part)
        tens, _, ones = part.partition("十")
        return str(10 * (_DIGITS.get(tens, 1) if tens else 1) + (_DIGITS.get(ones, 0)))

    return re.sub(r"[〇○零一二三四五六七八九十]+", lambda m: number(m.group()), text)


class Closing(Flowable):
    """An empty line, the unit (one line or a few), the date: on the body's line grid."""

    def __init__(self, unit: str, date: str, fonts: FontSet):
        super().__init__()
        self.fonts = fonts

        def width(text: str) -> float:
            return fonts.width(text, "body", BODY_SIZE)

        lines = break_name(unit, width, UNIT_WIDTH)
        unit_x = RIGHT - max(width(line) for line in lines)
        date_x = unit_x + SHIFT
        if date_x + width(date) > RIGHT:  # the date ends two characters in, the unit moves
            date_x = RIGHT - width(date)
            unit_x = min(unit_x, date_x - SHIFT)
        self.rows = [(unit_x, line) for line in lines] + [(date_x, date)]

    def wrap(self, available_width, available_height):
        self.width, self.height = TEXT_WIDTH, LINE * (1 + len(self.rows))
        return self.width, self.height

    def draw(self) -> None:
        for row, (x, text) in enumerate(self.rows, start=1):  # row 0: the empty line
            baseline = self.height - row * LINE - BASELINE
            self.fonts.draw(self.canv, x, baseline, text, "body", BODY_SIZE)


class _Tail(Flowable):
    """The text's last flowable and the closing as one: where both do not fit, the text
    is split so that its last lines go to the next page with the closing (or, if it
    cannot be split, both go)."""

    def __init__(self, last: Flowable, closing: Closing):
        super().__init__()
        self.last, self.closing = last, closing

    def getSpaceBefore(self) -> float:
        return self.last.getSpaceBefore()

    def _gap(self) -> float:
        return self.last.getSpaceAfter()

    def wrap(self, available_width, available_height):
        _, self._last_height = self.last.wrapOn(self.canv, available_width, available_height)
        _, below = self.closing.wrapOn(self.canv, available_width, available_height)
        self.width, self.height = available_width, self._last_height + self._gap() + below
        return self.width, self.height

    def draw(self) -> None:
        self.closing.drawOn(self.canv, 0, 0)
        self.last.drawOn(self.canv, 0, self.height - self._last_height)

    def split(self, available_width, available_height):
        _, below = self.closing.wrapOn(self.canv, available_width, available_height)
        self.last.wrapOn(self.canv, available_width, available_height)
        for room in (available_height - below - self._gap(), available_height):
            parts = self.last.splitOn(self.canv, available_width, room) if room > 0 else []
            if len(parts) >= 2:
                return [*parts[:-1], _Tail(parts[-1], self.closing)]
        return []
