"""The 签批单: a document of its own with its own page numbers (or appended on a fresh sheet
of paper), blanks drawn full width as continuous rules, and every character inside its
table cell. The published report carries no names, phone or signatures unless asked."""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm

from desktop.core.interchange import fingerprint
from desktop.core.pdf import PdfOptions, PdfRefused, render, render_signoff
from desktop.core.session import check_report
from tests.core.pdf import measure
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import Char, Segment, pages

PEOPLE = {"preparer": "张三", "reviewer": "欧阳建国", "phone": "020-38621234"}
PERSONAL = ["张三", "欧阳建国", "020-38621234", "签批单", "签名", "数据指纹"]


def with_people(name: str = "tianhe"):
    report = sample(name)
    report.meta.update(PEOPLE)
    return report


def text_of(pdf: bytes) -> list[str]:
    """Each page's text without spaces (a cell's label and text are apart on a line)."""
    return ["".join("".join(line.text for line in page).split()) for page in pages(pdf)]


def sheet_of(report, fonts, **options) -> bytes:
    return render_signoff(report, check_report(report, None), PdfOptions(**options), fonts)


def report_of(report, fonts, **options) -> bytes:
    return render(report, check_report(report, None), PdfOptions(**options), fonts)


# -- a document of its own -------------------------------------------------------------------


def test_the_sheet_is_its_own_document_with_its_own_page_numbers(fonts):
    report = with_people()
    [page] = text_of(sheet_of(report, fonts))
    for words in (
        "政府信息公开工作年度报告签批单",
        "内部审批用，不随报告公开",
        "填报人张三",
        "审核人欧阳建国",
        "联系电话020-38621234",
        "签批意见",
        "错误0处，提示1处",
        fingerprint(report),
        "签批单第1页共1页",
    ):
        assert words in page, words
    assert "—" not in page  # not a report page number


def test_the_report_carries_no_personal_data_unless_asked(fonts):
    report = with_people()
    for signoff in ("separate", "none"):
        text = "".join(text_of(report_of(report, fonts, signoff=signoff)))
        assert not [words for words in PERSONAL if words in text], signoff
    assert PdfOptions().signoff == "separate"  # the default
    appended = "".join(text_of(report_of(report, fonts, signoff="append")))
    assert all(words in appended for words in PERSONAL)


def test_unknown_sign_off_choice_is_refused():
    with pytest.raises(ValueError):
        PdfOptions(signoff=True)


def test_errors_refuse_the_final_sheet_and_a_draft_sheet_is_marked(fonts):
    report = sample("2020-pingtan-zhsyq")
    with pytest.raises(PdfRefused):
        sheet_of(report, fonts)
    assert all("草稿" in page for page in text_of(sheet_of(report, fonts, draft=True)))


def report_with_parity(fonts, odd: bool):
    """A report whose own pages are odd or even in number (s6 grows until they are)."""
    report = with_people()
    for paragraphs in range(60):
        report.texts["s6"] = "\n".join(["其他需要报告的事项。" * 12] * paragraphs) or "无。"
        count = len(pdfium.PdfDocument(report_of(report, fonts, signoff="none")))
        if count % 2 == odd:
            return report, count
    raise AssertionError("no report of that parity")


@pytest.mark.parametrize("odd", [True, False], ids=["odd", "even"])
def test_appended_the_sheet_starts_a_new_sheet_of_paper_numbered_on_its_own(fonts, odd):
    report, count = report_with_parity(fonts, odd)
    texts = text_of(report_of(report, fonts, signoff="append"))
    sheet_starts = count + 1 if odd else count  # index of the sheet's first page
    assert sheet_starts % 2 == 0  # page number sheet_starts + 1 is odd: a front side
    assert texts[:count] == text_of(report_of(report, fonts, signoff="none"))
    if odd:
        assert texts[count] == ""  # the back of the report's last sheet: blank, unnumbered
    assert "签批单第1页共1页" in texts[sheet_starts]
    assert len(texts) == sheet_starts + 1
    assert f"—{sheet_starts + 1}—" not in texts[sheet_starts]


def test_a_long_sheet_numbers_its_pages_of_the_total(fonts):
    report = with_people()
    findings = check_report(report, None)
    many = [findings[0]] * 40
    pdf = render_signoff(report, many, PdfOptions(), fonts)
    texts = text_of(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        assert f"签批单第{number}页共{len(texts)}页" in text


# -- blanks and borders ----------------------------------------------------------------------


def segments(pdf: bytes, index: int = 0) -> list[Segment]:
    """Every stroked straight line of the page, left to right and bottom to top."""
    lines = measure.drawing(pdf)[index][0]
    return [
        replace(s, x0=min(s.x0, s.x1), x1=max(s.x0, s.x1), y0=min(s.y0, s.y1), y1=max(s.y0, s.y1))
        for s in lines
        if s.horizontal or s.vertical
    ]


def grid(lines: list[Segment]) -> tuple[list[Segment], list[Segment], list[Segment]]:
    """The table's vertical and horizontal borders, and the blanks (horizontal lines that
    do not run from border to border)."""
    vertical = [s for s in lines if s.vertical]
    xs = [s.x0 for s in vertical]

    def at_border(x: float) -> bool:
        return any(abs(x - border) < 1 for border in xs)

    horizontal, blanks = [], []
    for s in (s for s in lines if s.horizontal):
        on_grid = at_border(s.x0 + 0.5) and at_border(s.x1 - 0.5)
        (horizontal if on_grid else blanks).append(s)
    return vertical, horizontal, blanks


def cell_of(char: Char, vertical, horizontal) -> tuple[float, float, float, float] | None:
    cx, cy = (char.left + char.right) / 2, (char.bottom + char.top) / 2
    lefts = [s.x0 for s in vertical if s.x0 <= cx and s.y0 <= cy <= s.y1]
    rights = [s.x0 for s in vertical if s.x0 > cx and s.y0 <= cy <= s.y1]
    belows = [s.y0 for s in horizontal if s.y0 <= cy and s.x0 <= cx <= s.x1]
    aboves = [s.y0 for s in horizontal if s.y0 > cy and s.x0 <= cx <= s.x1]
    if not (lefts and rights and belows and aboves):
        return None  # outside the table: title, notice, page number
    return max(lefts), min(belows), min(rights), max(aboves)


def overflowing(pdf: bytes) -> list[str]:
    found = []
    for index, lines in enumerate(pages(pdf)):
        vertical, horizontal, _ = grid(segments(pdf, index))
        for line in lines:
            for char in line.chars:
                if (cell := cell_of(char, vertical, horizontal)) is None:
                    continue
                left, bottom, right, top = cell
                if char.left < left or char.right > right or char.bottom < bottom or char.top > top:
                    past = max(left - char.left, char.right - right, bottom - char.bottom)
                    found.append(f"{char.text!r} {past:.1f} pt past its cell in {line.text!r}")
    return found


def test_every_character_stays_inside_its_table_cell(fonts):
    report = with_people()
    report.meta["preparer"] = "欧阳某某某某某某（办公室）"  # too long for one line with the blanks
    findings = check_report(report, None)
    assert findings, "the sample has a warning to print"
    # Closing punctuation at the end of a line is what reportlab lets hang past it.
    long = "说明，" * 7 + "本年度行政诉讼案件均已审结（见附件）。" * 3
    findings = [replace(f, explanation=long) for f in findings] * 12  # over three pages
    pdf = render_signoff(report, findings, PdfOptions(), fonts)
    assert len(pdfium.PdfDocument(pdf)) >= 2
    assert overflowing(pdf) == []
    text = "".join(line.text for page in pages(pdf) for line in page)
    assert "欧阳某某某某某某（办公室）" in text and "审结（见附件）。" in text


def test_the_fingerprint_row_stays_inside_its_border(fonts):
    """The issue's case: the fingerprint's note ran 2.9 pt past the right border."""
    assert overflowing(sheet_of(with_people(), fonts)) == []


def blank_after(text: str, chars: list[Char], blanks: list[Segment], before: str) -> float:
    """The width of the drawn blank between the label `text` and the character `before`
    on the same line."""
    line_text = "".join(c.text for c in chars)
    start = line_text.index(text) + len(text)
    end = line_text.index(before, start)
    left, right = chars[start - 1].right, chars[end].left
    y = chars[start - 1].bottom
    [rule] = [s for s in blanks if s.x0 >= left - 1 and s.x1 <= right + 1 and abs(s.y0 - y) < 6]
    return rule.x1 - rule.x0


def test_blanks_are_continuous_drawn_rules_of_full_width(fonts):
    report = with_people()
    report.meta["prepared_on"] = ""
    pdf = sheet_of(report, fonts)
    _, _, blanks = grid(segments(pdf))
    text = "".join(line.text for line in pages(pdf)[0])
    assert not set("_＿") & set(text)  # no underscores printing as separate dashes
    dated = [line.chars for line in pages(pdf)[0] if "日期" in line.text]
    assert len(dated) == 3  # 填报人, 审核人, 签批
    for chars in dated:
        line = "".join(c.text for c in chars)
        assert "日期： 年 月 日" not in line
        assert blank_after("日期：", chars, blanks, "年") >= 11 * mm  # ____年
        assert blank_after("年", chars, blanks, "月") >= 7 * mm  # __月
        assert blank_after("月", chars, blanks, "日") >= 7 * mm  # __日
        assert blank_after("签名：", chars, blanks, "日") >= 28 * mm  # one rule to 日期
    assert len(blanks) == 3 * 4  # each blank is one line, not a row of dashes


def test_a_known_date_and_a_missing_name(fonts):
    report = with_people()
    report.meta.update(prepared_on="2025年1月6日", preparer="")
    text = text_of(sheet_of(report, fonts))[0]
    assert "日期：2025年1月6日" in text and "姓名：" in text
