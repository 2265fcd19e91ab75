"""The printed report: every label and figure in order, A4, inside the margins, all fonts
embedded, both formats, the draft mark, the refusal, rare characters."""

import re

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm

from desktop.core.forms.layout import table_grid
from desktop.core.pdf import MissingCharacters, PdfOptions, PdfRefused, render
from desktop.core.pdf.document import opening
from desktop.core.pdf.styles import BOTTOM, LEFT, TEXT_HEIGHT, TEXT_WIDTH
from desktop.core.pdf.title import title_lines
from desktop.core.session import check_report
from desktop.core.values import to_text
from tests.core.pdf.conftest import poppler, sample

A4 = (595.28, 841.89)
HANGING = set("，。、；：！？）」』》〉”’")


def pdf_of(report, tmp_path, fonts, **options):
    data = render(report, check_report(report, None), PdfOptions(**options), fonts)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return path


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_in_order(report) -> list[str]:
    """Title, opening, then per section its heading and text or its table cells row by row."""
    items = [report.unit, f"{report.year}年政府信息公开工作年度报告", opening(report)]
    for section in report.form.sections:
        items.append(section.heading)
        if section.is_text:
            items += [line for line in report.text(section.id).splitlines() if line.strip()]
            continue
        for table in section.tables:
            items += [table.caption] if table.caption else []
            grid = table_grid(section, table)
            for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
                value = report.value(cell.cell_id) if cell.kind == "data" else None
                items.append(
                    cell.text
                    if cell.kind != "data"
                    else to_text(value)
                    if value is not None
                    else "0"
                )
    return [compact(item) for item in items if compact(item)]


def assert_in_order(text: str, items: list[str]) -> None:
    # What each page draws first (number, draft mark) falls inside paragraphs crossing pages.
    text = re.sub(r"—\d+—(草稿(存在未解决的错误，)?仅供核对，不得作为正式报告草稿)?", "", text)
    position = 0
    for item in items:
        found = text.find(item, position)
        assert found >= 0, f"missing or out of order: {item!r} after position {position}"
        position = found + len(item)


@pytest.mark.parametrize("name", ["tianhe", "2024-huaian-szf"])
def test_every_label_and_figure_is_printed_in_order(tmp_path, fonts, name):
    report = sample(name)
    path = pdf_of(report, tmp_path, fonts, draft=True)
    text = compact(poppler("pdftotext", "-raw", str(path), "-"))
    assert_in_order(text, expected_in_order(report))


@pytest.mark.parametrize("name", ["tianhe", "2024-huaian-szf"])
def test_a4_pages_with_text_inside_the_margins(tmp_path, fonts, name):
    document = pdfium.PdfDocument(pdf_of(sample(name), tmp_path, fonts))
    for index in range(len(document)):
        page = document[index]
        assert page.get_size() == pytest.approx(A4, abs=0.1)
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left == 0 or bottom < BOTTOM - 1:  # the page number sits below
                continue
            # Closing punctuation may hang at a line end rather than start the next line
            # (行末点号悬挂, as Chinese typesetting does); everything else stays inside.
            hanging = textpage.get_text_range(i, 1) in HANGING
            limit = LEFT + TEXT_WIDTH + (16 if hanging else 1)
            assert left >= LEFT - 1 and right <= limit, (index, i, left, right)
            assert top <= BOTTOM + TEXT_HEIGHT + 1, (index, i, top)


def test_every_font_is_embedded_as_a_subset(tmp_path, fonts):
    report = sample("tianhe")
    report.unit = "张堃昇喆赟玥珺〇局"
    lines = poppler("pdffonts", str(pdf_of(report, tmp_path, fonts))).splitlines()[2:]
    assert lines
    for line in lines:
        emb, sub = line.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), line
    assert any("WenQuanYi" in line or "wqy" in line.lower() for line in lines)  # the fallback


def test_rare_characters_are_printed_not_dropped(tmp_path, fonts):
    report = sample("tianhe")
    report.unit = "张堃昇喆赟玥珺〇局"
    text = poppler("pdftotext", str(pdf_of(report, tmp_path, fonts)), "-")
    assert "张堃昇喆赟玥珺〇局" in compact(text)


def test_a_character_no_font_has_is_reported_before_printing(fonts):
    report = sample("tianhe")
    report.texts["s5"] = "生僻字𠀀"
    with pytest.raises(MissingCharacters, match="U\\+20000"):
        render(report, [], PdfOptions(), fonts)


def test_errors_refuse_the_final_pdf_but_not_a_draft(tmp_path, fonts):
    report = sample("2020-pingtan-zhsyq")
    with pytest.raises(PdfRefused) as refused:
        render(report, check_report(report, None), PdfOptions(), fonts)
    assert "第一项+第二项=20" in str(refused.value) and len(refused.value.errors) == 4
    path = pdf_of(report, tmp_path, fonts, draft=True)
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        assert "草稿" in document[index].get_textpage().get_text_range()


def test_the_final_pdf_has_no_draft_mark(tmp_path, fonts):
    assert "草稿" not in poppler("pdftotext", str(pdf_of(sample("tianhe"), tmp_path, fonts)), "-")


def test_empty_cells_print_zero_or_blank(tmp_path, fonts):
    report = sample("tianhe")
    report.values.pop("s4.review.upheld")
    zero = compact(poppler("pdftotext", "-raw", str(pdf_of(report, tmp_path, fonts)), "-"))
    blank = compact(
        poppler("pdftotext", "-raw", str(pdf_of(report, tmp_path, fonts, blank_empty=True)), "-")
    )
    assert len(zero) == len(blank) + 1


def page_number_x(path, page_index):
    textpage = pdfium.PdfDocument(path)[page_index].get_textpage()
    boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
    return [b[0] for b in boxes if b[1] < BOTTOM - 1 and b[2] > b[0]]


def test_page_numbers_outside_or_centred(tmp_path, fonts):
    path = pdf_of(sample("tianhe"), tmp_path, fonts)
    assert min(page_number_x(path, 0)) > LEFT + TEXT_WIDTH / 2  # odd: right
    assert max(page_number_x(path, 1)) < LEFT + TEXT_WIDTH / 2  # even: left
    centred = pdf_of(sample("tianhe"), tmp_path, fonts, centred_numbers=True)
    xs = page_number_x(centred, 1)
    assert min(xs) < LEFT + TEXT_WIDTH / 2 < max(xs)
    assert "—2—" in compact(poppler("pdftotext", "-f", "2", "-l", "2", str(path), "-"))


def test_long_titles_break_between_unit_and_year_without_splitting_numbers(fonts):
    short = title_lines("某区财政局2024年政府信息公开工作年度报告", fonts, "某区财政局")
    assert "<br/>" not in short
    unit = "平潭综合实验区（党工委管委会；全区汇总，管委会办公室编制）"
    lines = title_lines(f"{unit}2020年政府信息公开工作年度报告", fonts, unit).split("<br/>")
    assert len(lines) == 3 and lines[-1] == "2020年政府信息公开工作年度报告"
    assert abs(len(lines[0]) - len(lines[1])) <= 1  # balanced


def test_opening_paragraph_names_basis_parts_and_period():
    text = opening(sample("2024-huaian-szf"))
    assert "《中华人民共和国政府信息公开条例》" in text and "国办公开办函〔2021〕30号" in text
    assert "2024年1月1日至2024年12月31日" in text and "其他需要报告的事项六部分" in text


def test_tables_fit_the_text_width(fonts):
    from desktop.core.pdf.tables import column_widths

    for form_id in ("2019", "2021"):
        report = sample("tianhe" if form_id == "2019" else "2024-huaian-szf")
        for section in report.form.sections:
            for table in section.tables:
                assert sum(column_widths(table_grid(section, table))) == pytest.approx(156 * mm)


def test_a_declaration_is_printed_under_its_heading_before_the_table(tmp_path, fonts):
    report = sample("2024-huaian-szf")
    report.declarations["no_applications"] = "本年度未收到政府信息公开申请"
    text = compact(
        poppler("pdftotext", "-raw", str(pdf_of(report, tmp_path, fonts, draft=True)), "-")
    )
    heading = text.find(compact("三、收到和处理政府信息公开申请情况"))
    declared = text.find("本年度未收到政府信息公开申请。")
    assert 0 <= heading < declared < text.find(compact("本列数据的勾稽关系"), heading)
