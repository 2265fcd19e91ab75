"""The body text of the report on the 28 × 22 grid (GB/T 9704 5.2.3, 7.3.3): paragraphs of
3号 仿宋 with a two-character indent, 一、 headings in 黑体, a leading （一）… run-in heading
in 楷体; laid out by gridtext.py with the line breaking of linebreak.py."""

from __future__ import annotations

import re

from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.gridtext import HEADING, RUN_IN, TEXT, GridText, Para

RUN_IN_HEAD = re.compile(r"^（[一二三四五六七八九十]+）[^。]{0,40}?(。|$)")  # （一）… heading, 楷体


def section(title: str, text: str, fonts: FontSet) -> GridText:
    """A text section: its 一、 heading and its paragraphs, one flowable so that the
    heading (and any （一） heading) stays with at least two lines of its text."""
    return GridText([_heading(title), *(_paragraph(line) for line in _lines(text))], fonts)


def paragraphs(text: str, fonts: FontSet, style=None) -> list[GridText]:
    """The flowables of a narrative: one paragraph per non-empty line."""
    lines = _lines(text)
    return [GridText([_paragraph(line) for line in lines], fonts)] if lines else []


def heading(text: str, fonts: FontSet, style=None) -> GridText:
    """一、… section headings in 黑体."""
    return GridText([_heading(text)], fonts)


def paragraph(text: str, fonts: FontSet, style=None) -> GridText:
    """Body text; a leading （一）… sub-heading is set in 楷体 (GB/T 9704 7.3.3)."""
    return GridText([_paragraph(text)], fonts)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _heading(text: str) -> Para:
    return Para([(text, "heading1")], HEADING)


def _paragraph(text: str) -> Para:
    match = RUN_IN_HEAD.match(text)
    if not match:
        return Para([(text, "body")], TEXT)
    head, rest = text[: match.end()], text[match.end() :]
    return Para([(head, "heading2"), (rest, "body")] if rest else [(head, "heading2")], RUN_IN)
