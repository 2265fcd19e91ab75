"""The body text of the report: paragraphs of 3号 仿宋 on the 28 × 22 grid, a leading
（一）… run-in heading set in 楷体 (GB/T 9704 7.3.3)."""

from __future__ import annotations

import re

from reportlab.platypus import Paragraph

from desktop.core.pdf.fonts import FontSet

RUN_IN = re.compile(r"^（[一二三四五六七八九十]+）[^。]{0,40}?(。|$)")  # （一）… heading, 楷体


def paragraphs(text: str, fonts: FontSet, style) -> list:
    """The flowables of a narrative: one paragraph per non-empty line."""
    return [paragraph(line, fonts, style) for line in _paragraphs(text)]


def heading(text: str, fonts: FontSet, style):
    """一、… section headings in 黑体."""
    return Paragraph(fonts.markup(text, "heading1"), style["heading1"])


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def paragraph(text: str, fonts: FontSet, style) -> Paragraph:
    """Body text; a leading （一）… sub-heading is set in 楷体 (GB/T 9704 7.3.3)."""
    match = RUN_IN.match(text)
    if not match:
        return Paragraph(fonts.markup(text, "body"), style["body"])
    head, rest = text[: match.end()], text[match.end() :]
    markup = f'<font face="{fonts.roles["heading2"]}">{fonts.markup(head, "heading2")}</font>'
    return Paragraph(markup + fonts.markup(rest, "body"), style["body"])
