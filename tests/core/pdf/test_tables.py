"""The official tables as printed: text clear of the rules, headers and captions in 黑体,
the 2019 采购总金额 with its unit, 0 or blank in empty cells, and a table taller than the
space left splitting between rows with its header repeated."""

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from desktop.core.forms.layout import table_grid
from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf.styles import TEXT_WIDTH, styles
from desktop.core.pdf.tables import PAD_X, PAD_Y, section_table
from desktop.core.session import check_report
from desktop.core.values import to_text
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import drawing, table_cells

SAMPLES = ["tianhe", "2024-huaian-szf"]


def plain(cell) -> str:
    """What a cell prints, line breaks left out (a Paragraph, or a plain string cell)."""
    if isinstance(cell, (list, tuple)):  # a split table holds each cell's flowables in a list
        return "".join(plain(part) for part in cell)
    return cell.getPlainText() if hasattr(cell, "getPlainText") else cell.replace("\n", "")


def texts(row) -> list[str]:
    return [plain(cell) for cell in row]


def pdf_of(report, fonts, **options) -> bytes:
    return render(report, check_report(report, None), PdfOptions(**options), fonts)


@pytest.mark.parametrize("name", SAMPLES)
def test_cell_text_keeps_at_least_two_points_from_every_rule(fonts, name):
    pdf = pdf_of(sample(name), fonts)
    rule = max(s.width for page, _ in drawing(pdf) for s in page if s.colour == (0, 0, 0))
    cells = [cell for page in table_cells(pdf) for cell in page]
    assert len(cells) > 100
    for cell in cells:
        chars = cell.chars
        gaps = {
            "left": min(c.left for c in chars) - cell.left,
            "right": cell.right - max(c.right for c in chars),
            "top": cell.top - max(c.top for c in chars),
            "bottom": min(c.bottom for c in chars) - cell.bottom,
        }
        for side, gap in gaps.items():  # from the rule's edge, character boxes as placed
            assert gap - rule / 2 >= 2, (cell.text, side, gap)
    assert PAD_X >= 2 and PAD_Y >= 2


def fonts_at(pdf: bytes) -> dict[tuple, str]:
    """The base name of the font of each printed character, by page and position."""
    names = {}
    document = pdfium.PdfDocument(pdf)
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        buffer = ctypes.create_string_buffer(200)
        for i in range(textpage.count_chars()):
            flags = ctypes.c_int()
            size = pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, buffer, 200, ctypes.byref(flags))
            left, bottom, _, _ = textpage.get_charbox(i, loose=True)
            name = buffer.raw[: max(size - 1, 0)].decode(errors="replace").split("+")[-1]
            names[(index, round(left, 1), round(bottom, 1))] = name
    return names


def test_headers_and_captions_are_set_in_hei_labels_and_figures_in_song(fonts):
    report = sample("tianhe")
    pdf = pdf_of(report, fonts)
    hei = fonts.sources[fonts.roles["heading1"]].stem  # FandolHei-Regular
    song = fonts.sources[fonts.roles["song"]].stem
    names = fonts_at(pdf)
    headers = {c.text for s in report.form.sections for t in s.tables
               for c in table_grid(s, t).cells if c.kind == "header"}  # fmt: skip
    captions = {t.caption for s in report.form.sections for t in s.tables} - {""}
    checked = set()
    for index, cells in enumerate(table_cells(pdf)):
        for cell in cells:
            used = {names[(index, round(c.left, 1), round(c.bottom, 1))] for c in cell.chars}
            note = cell.text.startswith("（本列")  # the 勾稽 note is a note, not a heading
            bold = (cell.text in headers or cell.text in captions) and not note
            assert used == ({hei} if bold else {song}), (cell.text, used)
            checked.add("bold" if bold else "plain")
    assert checked == {"bold", "plain"}


def test_2019_procurement_amount_carries_its_unit(fonts):
    report = sample("tianhe")
    amount = to_text(report.value("s2.procurement.amount"))
    cells = {cell.text for page in table_cells(pdf_of(report, fonts)) for cell in page}
    assert f"{amount}万元" in cells and "采购总金额" in cells
    fees = sample("2024-huaian-szf")  # 2021: the header names the unit, the figure does not
    cells = {cell.text for page in table_cells(pdf_of(fees, fonts)) for cell in page}
    assert to_text(fees.value("s2.fees.amount")) in cells
    assert "本年收费金额（单位：万元）" in cells


def test_section_three_splits_between_rows_and_repeats_its_header(fonts):
    report = sample("2024-huaian-szf")
    section = report.form.section("s3")
    table = section_table(section, report, fonts, styles(fonts)["cell"], blank_empty=False)
    table.wrap(TEXT_WIDTH, 10_000)
    first, second = table.split(TEXT_WIDTH, 300)
    head = [t for row in first._cellvalues[:3] for t in texts(row)]
    again = [t for row in second._cellvalues[:3] for t in texts(row)]
    assert "申请人情况" in head and again == head
    assert first.wrap(TEXT_WIDTH, 300)[1] <= 300
    rows = len(first._cellvalues) + len(second._cellvalues) - 3
    assert rows == len(table._cellvalues)  # nothing lost, no row cut in two
    # A row group cut by the split is labelled again beside its rows.
    group = texts(second._cellvalues[3])[0]
    assert group == "三、本年度办理结果"


def test_a_caption_stays_with_its_table(fonts):
    """Section 二 splits only between its sub-tables, each with caption and header."""
    report = sample("tianhe")
    section = report.form.section("s2")
    table = section_table(section, report, fonts, styles(fonts)["cell"], blank_empty=False)
    _, height = table.wrap(TEXT_WIDTH, 10_000)
    captions = {t.caption for t in section.tables}
    for room in range(40, int(height), 7):
        parts = table.split(TEXT_WIDTH, room)
        if not parts:
            continue
        first, second = parts
        assert plain(second._cellvalues[0][0]) in captions  # a caption opens the rest
        assert plain(first._cellvalues[-1][0]) not in captions | {"信息内容"}


def test_empty_cells_print_zero_unless_blank(fonts):
    report = sample("2024-huaian-szf")
    report.values.pop("s4.review.upheld")
    section = report.form.section("s4")
    cell = styles(fonts)["cell"]
    zero = section_table(section, report, fonts, cell, blank_empty=False)._cellvalues[3][0]
    blank = section_table(section, report, fonts, cell, blank_empty=True)._cellvalues[3][0]
    assert (plain(zero), plain(blank)) == ("0", "")


def test_tables_fill_the_text_width(fonts):
    for name in SAMPLES:
        report = sample(name)
        for section in report.form.sections:
            if section.tables:
                table = section_table(section, report, fonts, styles(fonts)["cell"], False)
                assert sum(table._colWidths) == pytest.approx(TEXT_WIDTH)
                grid = table_grid(section, section.tables[0])
                assert len(table._colWidths) == grid.cols
