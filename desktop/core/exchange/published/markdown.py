"""Markdown from PDF converters: tables split per group of rows, columns labelled
数据1–6 or mislabelled by a stray header, headings between tables. A header row is
words; a body row is its label cells and the figures after them, in order."""

from __future__ import annotations

import re

from desktop.core.exchange.published.cells import row_pieces
from desktop.core.exchange.published.pieces import Document, Text

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_markdown(text: str) -> Document:
    document = Document(text, layout="Markdown 表格")
    lines = text.split("\n")
    offset = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("|") and not _SEPARATOR.match(stripped):
            # a header row is words and reads as such; one with figures is a body row
            cells = stripped.strip("|").split("|")
            document.pieces += row_pieces(cells, offset, f"第{number + 1}行", group=number)
        elif stripped and not _SEPARATOR.match(stripped):
            document.pieces.append(Text(stripped.lstrip("#").strip(), offset))
        offset += len(line) + 1
    return document
