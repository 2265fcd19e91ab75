"""Tables in the flow of the report, measured in the PDF: a table starts on the page of its
heading unless less than a quarter page is left there (then heading and table move on
together); a table part at the top of a page begins with its header (三, 四) or a caption
(二), the whole header repeated."""

import re

import pytest

from desktop.core.forms.layout import table_grid
from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf.styles import BOTTOM, TEXT_HEIGHT
from desktop.core.session import check_report
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import drawing, in_text_area, pages, table_cells

QUARTER = TEXT_HEIGHT / 4
FILLER = "本年度持续深化政务公开工作，进一步提升政府信息公开质量和实效。"  # one body line


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def first_texts(section) -> set[str]:
    """What a table of the section prints first: its first caption or first header row."""
    firsts = set()
    for table in section.tables:
        grid = table_grid(section, table)
        firsts |= {table.caption} if table.caption else {c.text for c in grid.cells if c.row == 0}
    return firsts - {""}


def header_texts(section) -> set[str]:
    tables = section.tables
    return {c.text for c in table_grid(section, tables[0]).cells if c.kind == "header"}


def variants():
    """The samples, and 淮安 with 0…21 more body lines before the tables, so that each
    table heading falls at every position on its page, also with a declaration between
    the heading of 三 and its table."""
    yield "tianhe", sample("tianhe")
    for extra in range(0, 22):
        for declared in (False, True) if extra % 2 else (False,):
            report = sample("2024-huaian-szf")
            report.texts["s1"] += "\n" + "\n".join([FILLER] * extra)
            if declared:  # as the window makes it: the figures of 三 all 0
                report.declarations["no_applications"] = "本年度未收到政府信息公开申请"
                report.values.update({c: 0 for c in report.values if c.startswith("s3.")})
            yield f"huaian+{extra}{'+declared' if declared else ''}", report


def layout(report, fonts):
    pdf = render(report, check_report(report, None), PdfOptions(), fonts)
    lines = [[line for line in page if in_text_area(line)] for page in pages(pdf)]
    cells = table_cells(pdf)
    rules = [[s for s in segments if s.colour == (0, 0, 0)] for segments, _ in drawing(pdf)]
    return lines, cells, rules


@pytest.fixture(scope="module")
def laid_out(fonts):
    return [(name, report, *layout(report, fonts)) for name, report in variants()]


def heading_at(lines, text) -> tuple[int, int, float]:
    """(page, line, bottom) of the heading."""
    for p, page in enumerate(lines):
        for i, line in enumerate(page):
            if compact(line.text) == compact(text):
                return p, i, line.bottom
    raise AssertionError(f"{text} not printed")


def first_cell_at(cells, texts, page, below) -> int:
    """The page of the first cell, after the point given, printing one of the texts."""
    for p in range(page, len(cells)):
        found = [c for c in cells[p] if c.text in texts and (p > page or c.top <= below)]
        if found:
            return p
    raise AssertionError(f"none of {texts} printed")


def test_a_table_starts_on_the_page_of_its_heading_unless_a_quarter_page_is_left(laid_out):
    moved = 0
    for name, report, lines, cells, rules in laid_out:
        for section in (s for s in report.form.sections if s.tables):
            page, index, bottom = heading_at(lines, section.heading)
            first = first_cell_at(cells, first_texts(section), page, bottom)
            assert first == page, (name, section.heading, page, first)
            if index == 0 and page > 0:  # the heading opens a page: what was left before?
                bottoms = [line.bottom for line in lines[page - 1]]
                bottoms += [min(r.y0, r.y1) for r in rules[page - 1] if min(r.y0, r.y1) > BOTTOM]
                left = min(bottoms) - BOTTOM
                assert left < QUARTER, (name, section.heading, left)
                moved += 1
    assert moved  # some variant really moved a heading to the next page


def test_a_table_continued_on_a_new_page_repeats_its_header(laid_out):
    continued = set()
    for name, report, lines, cells, _ in laid_out:
        sections = [s for s in report.form.sections if s.tables]
        for page in range(1, len(lines)):
            if not cells[page] or not lines[page]:
                continue
            top = max(cell.top for cell in cells[page])
            if lines[page][0].bottom < top - 30:  # the page begins with text, not a table
                continue
            opening = {cell.text for cell in cells[page] if abs(cell.top - top) < 0.5}
            texts = {cell.text for cell in cells[page]}
            section = next((s for s in sections if opening <= first_texts(s)), None)
            assert section, f"{name} p{page + 1}: a table part opens with {opening}, no header"
            if section.tables[0].caption:  # 二: a sub-table with caption and header
                assert any(t.startswith("第二十条") for t in opening), (name, page, opening)
            else:
                assert header_texts(section) <= texts, (name, page, opening)
            continued.add(section.id)
    assert "s3" in continued  # 三 did split across pages in some variant


def test_no_table_leaves_more_than_a_quarter_page_empty_before_it(laid_out):
    """Every page that ends before a table section's heading or table is full to within a
    quarter page: tables split rather than move whole to the next page."""
    for name, _, lines, cells, rules in laid_out:
        for page in range(len(lines) - 1):
            if not cells[page + 1]:
                continue
            bottoms = [line.bottom for line in lines[page]]
            bottoms += [min(r.y0, r.y1) for r in rules[page] if min(r.y0, r.y1) > BOTTOM]
            if bottoms and lines[page + 1]:
                assert min(bottoms) - BOTTOM < QUARTER, (name, page + 1, min(bottoms) - BOTTOM)
