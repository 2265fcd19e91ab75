"""A PDF read by position with pdfium: characters grouped into lines by their baseline,
gaps wider than a character's half width kept as spaces, so the page reads like
`pdftotext -layout` and goes to the text reader."""

from __future__ import annotations

import itertools

from desktop.core.errors import InputError
from desktop.core.exchange.published.pieces import Document

_SAME_LINE = 0.45  # baselines closer than this share of the character height share a line
_GAP = 0.5  # a gap wider than this share of the character height is a space


def read_pdf(raw: bytes, name: str) -> Document:
    from desktop.core.exchange.published.lines import read_text

    lines, places = _page_lines(raw, name)
    document = read_text("\n".join(lines), line_places=places)
    document.source_words = "PDF 中"
    return document


def _page_lines(raw: bytes, name: str) -> tuple[list[str], list[str]]:
    import pypdfium2 as pdfium  # only for a PDF

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        raise InputError(f"{name} 不是能读取的 PDF 文件（{error}）") from error
    lines: list[str] = []
    places: list[str] = []
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            for index, line in enumerate(_lines(page.get_textpage())):
                lines.append(line)
                places.append(f"第{number + 1}页第{index + 1}行")
            lines.append("")
            places.append(f"第{number + 1}页末")
    finally:
        pdf.close()
    if not any(line.strip() for line in lines):
        raise InputError(f"{name} 中没有可读取的文字（可能是扫描图片），请用文字版 PDF 或网页版")
    return lines, places


def _lines(textpage) -> list[str]:
    chars = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if not char or char.isspace():
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        chars.append((char, left, bottom, right, max(top - bottom, 1.0)))
    rows: list[list[tuple]] = []
    for char in sorted(chars, key=lambda c: (-c[2], c[1])):
        if rows and abs(rows[-1][0][2] - char[2]) < _SAME_LINE * char[4]:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [_joined(sorted(row, key=lambda c: c[1])) for row in rows]


def _joined(row: list[tuple]) -> str:
    parts = [row[0][0]]
    for previous, char in itertools.pairwise(row):
        gap = char[1] - previous[3]
        if gap > _GAP * char[4]:
            parts.append(" " * max(2, min(20, int(gap / (_GAP * char[4])))))
        parts.append(char[0])
    return "".join(parts)
