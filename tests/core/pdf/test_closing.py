"""The closing (落款) after the text, GB/T 9704 7.3.5.2: one empty line, the unit two
characters in from the right margin, the date below starting two characters right of the
unit's start (or, if longer, two characters in and the unit moved left); measured in the
PDF. The date is the 审核日期, else the 填报日期, else the day of export."""

import datetime
import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from desktop.core.pdf import PdfOptions, closing, render
from desktop.core.pdf.styles import (
    BODY_SIZE,
    BOTTOM,
    LEFT,
    LINE,
    PAGE,
    PITCH,
    TEXT_HEIGHT,
    TEXT_WIDTH,
)
from tests.core.pdf import measure
from tests.core.pdf.conftest import sample

RIGHT = LEFT + TEXT_WIDTH - 2 * PITCH  # 右空二字
TWO = 2 * PITCH  # 二字


def body_lines(pdf: bytes) -> list[list[measure.TextLine]]:
    """Each page's lines in the text area (not the page number), by baseline."""
    return [[line for line in lines if line.baseline > BOTTOM] for lines in measure.text_lines(pdf)]


def closing_of(report, fonts) -> tuple[list[measure.TextLine], list[measure.TextLine]]:
    """The last page's text lines: those before the closing, and the closing's own."""
    last = body_lines(render(report, [], PdfOptions(), fonts))[-1]
    first = next(i for i, line in enumerate(last) if line.text and line.text in report.unit)
    return last[:first], last[first:]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("2025-01-06", "2025年1月6日"),
        ("2025/1/6", "2025年1月6日"),
        ("2025.01.06", "2025年1月6日"),
        ("２０２５年０１月０６日", "2025年1月6日"),
        ("2025年12月31日", "2025年12月31日"),
        ("二〇二五年十二月三十一日", "2025年12月31日"),
        ("二〇二六年一月二十日", "2026年1月20日"),
        ("2025-02-30", None),
        ("下周一", None),
    ],
)
def test_dates_in_arabic_numerals_without_leading_zeros(typed, printed):
    assert closing.format_date(typed) == printed


def test_the_review_date_else_the_filling_date_else_today():
    report = sample("tianhe")
    today = datetime.date(2026, 1, 20)
    report.meta.pop("reviewed_on", None)
    report.meta.pop("prepared_on", None)
    assert closing.closing_date(report, today) == "2026年1月20日"
    report.meta["prepared_on"] = "2025-01-05"
    assert closing.closing_date(report, today) == "2025年1月5日"
    report.meta["reviewed_on"] = "2025-01-06"
    assert closing.closing_date(report, today) == "2025年1月6日"
    report.meta["reviewed_on"] = "一月上旬"  # no date: the filling date, a real one, first
    assert closing.closing_date(report, today) == "2025年1月5日"
    report.meta["prepared_on"] = ""
    assert closing.closing_date(report, today) == "一月上旬"  # as typed, rather than nothing


def test_unit_right_two_characters_in_and_the_date_two_characters_right_of_it(fonts):
    report = sample("tianhe")
    report.meta["reviewed_on"] = "2025-01-06"
    text, (unit, date) = closing_of(report, fonts)
    assert unit.text == report.unit and date.text == "2025年1月6日"
    assert unit.right == pytest.approx(RIGHT, abs=0.3)
    assert date.left == pytest.approx(unit.left + TWO, abs=0.3)
    assert unit.baseline - date.baseline == pytest.approx(LINE, abs=0.5)
    assert text[-1].baseline - unit.baseline == pytest.approx(2 * LINE, abs=0.5)  # one empty line


def test_a_date_longer_than_the_unit_ends_two_characters_in_and_moves_the_unit(fonts):
    report = sample("tianhe")
    report.unit = "某区财政局"
    report.meta["reviewed_on"] = "2025-12-31"
    _, (unit, date) = closing_of(report, fonts)
    assert date.text == "2025年12月31日"
    assert date.right == pytest.approx(RIGHT, abs=0.3)
    assert unit.left == pytest.approx(date.left - TWO, abs=0.3)
    assert unit.right < RIGHT - BODY_SIZE


def test_the_date_of_export_when_none_is_given(fonts, monkeypatch):
    report = sample("tianhe")
    report.meta.pop("reviewed_on", None)
    report.meta.pop("prepared_on", None)
    monkeypatch.setattr(closing, "chinese_date", lambda day: "2026年1月20日")
    _, (_, date) = closing_of(report, fonts)
    assert date.text == "2026年1月20日"


def test_a_long_unit_is_broken_between_words_into_a_block(fonts):
    report = sample("tianhe")
    report.unit = (
        "中国（上海）自由贸易试验区临港新片区管理委员会"
        "（上海市浦东新区临港新片区办事处、临港新片区政务服务中心）"
    )
    report.meta["reviewed_on"] = "2025-01-06"
    _, rows = closing_of(report, fonts)
    *units, date = rows
    assert len(units) == 3 and "".join(u.text for u in units) == report.unit
    assert max(u.right for u in units) == pytest.approx(RIGHT, abs=0.3)
    assert {round(u.left, 1) for u in units} == {round(units[0].left, 1)}
    assert date.left == pytest.approx(units[0].left + TWO, abs=0.3)
    assert units[0].text == "中国（上海）自由贸易试验区临港新片区"


def test_the_closing_never_stands_alone_at_the_top_of_a_page(fonts):
    """Wherever the page ends, the closing shares its page with the text's last lines."""
    report = sample("tianhe")
    report.meta["reviewed_on"] = "2025-01-06"
    style = ParagraphStyle("t", fontName=fonts.roles["body"], fontSize=BODY_SIZE, leading=LINE)
    text = "最后一段正文，" * 30  # four lines or so
    for filler in range(0, 22):
        buffer = io.BytesIO()
        document = BaseDocTemplate(buffer, pagesize=PAGE, initialFontName=fonts.roles["body"])
        frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0)
        document.addPageTemplates([PageTemplate("p", [frame])])
        last = Paragraph(fonts.markup(text, "body"), style)
        document.build([Spacer(0, filler * LINE), *closing.attached(last, report, fonts)])
        pages = measure.pages(buffer.getvalue())
        where = next(
            i for i, lines in enumerate(pages) if any(report.unit in line.text for line in lines)
        )
        lines = [line.text for line in pages[where]]
        unit_row = next(i for i, line in enumerate(lines) if report.unit in line)
        assert unit_row >= 1 and "最后一段正文" in lines[unit_row - 1], (filler, lines)
        assert lines[unit_row + 1] == "2025年1月6日", filler
        assert "".join(line.text for lines in pages for line in lines).count("最后") == 30
