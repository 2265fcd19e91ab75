"""Report → Excel → report is exact for both formats and every shipped sample; the
workbook has the official layout, totals as formulas that sum the right cells, the
narrative and the data sheet, and A4 print setup."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.exchange import read_any
from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_out import report_workbook, template_workbook
from desktop.core.forms import load_form
from desktop.core.forms.layout import table_grid
from desktop.core.interchange import read_json, to_interchange
from desktop.core.previous import Correction, copy_of
from tests.conftest import SAMPLES
from tests.core.exchange.xlsx_books import evaluate, load

SAMPLE_FILES = sorted(SAMPLES.glob("*/*.json"))


def imported(path):
    result = read_json(path.read_bytes(), path.name)
    assert result.ok, result.rejected
    return result


def through_excel(tmp_path, report, explanations=None):
    path = tmp_path / "报告.xlsx"
    path.write_bytes(report_workbook(report, explanations))
    return path, read_any(path)


def typed(values: dict) -> dict:
    """Values with their types: 3 and Decimal(3) are not the same figure for a count."""
    return {k: (type(v).__name__, v) for k, v in values.items()}


def places(form_id: str) -> dict[str, tuple[str, str]]:
    """Where each cell stands, read from the template's data sheet (its formulas point
    at the table cells), independently of the writer's own bookkeeping."""
    wb = load(template_workbook(load_form(form_id)))
    found = {}
    for cell_id, _, formula, _ in wb[common.DATA_SHEET].iter_rows(min_row=2, values_only=True):
        ref = formula.rsplit(",", 1)[-1].rstrip(")").lstrip("=")
        sheet, where = ref.rsplit("!", 1)
        found[cell_id] = (sheet.strip("'"), where)
    return found


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_every_sample_round_trips_exactly(tmp_path, path):
    original = imported(path)
    _, back = through_excel(tmp_path, original.report)
    assert back.ok, back.rejected
    assert back.warnings == []
    assert to_interchange(back.report) == to_interchange(original.report)
    assert typed(back.report.values) == typed(original.report.values)
    assert back.report.published == original.report.published
    assert [d.to_json() for d in back.discrepancies] == [
        d.to_json() for d in original.discrepancies
    ]


def test_a_published_total_that_differs_travels_in_the_data_sheet(tmp_path):
    original = imported(SAMPLES / "published/2020-pingtan-zhsyq.json")
    path, back = through_excel(tmp_path, original.report)
    assert back.report.published == {"s3.total.natural": 20, "s3.total.total": 21}
    assert [(d.cell, d.published, d.computed) for d in back.discrepancies] == [
        ("s3.total.natural", 20, 26),
        ("s3.total.total", 21, 27),
    ]
    wb = load(path)
    data = {row[0]: row for row in wb[common.DATA_SHEET].iter_rows(min_row=2, values_only=True)}
    assert data["s3.total.natural"][2:] == (26, 20)  # computed value, published total
    assert data["s3.new.natural"][3] is None
    sheet, where = places("2019")["s3.total.natural"]
    printed = wb[sheet][where]
    assert printed.value.startswith("=SUM(")  # the printed total is the formula
    assert "20" in printed.comment.text


def test_everything_a_report_carries_round_trips(tmp_path):
    """Sign-off fields, declarations, explanations, last year's figures with a
    correction, and narratives with what Excel could mangle."""
    last = imported(SAMPLES / "published/2023-pingtan-zhsyq.json").report
    report = imported(SAMPLES / "published/2024-pingtan-zhsyq.json").report
    report.meta = {
        "preparer": "张三",
        "phone": "0591-12345678 转 123",
        "reviewer": "李四",
        "prepared_on": "2025-01-15",
        "reviewed_on": "2025年1月16日",
    }
    report.declarations = {"no_applications": "本年度未收到政府信息公开申请"}
    previous = copy_of(last, "“2023年报.xlsx”（平潭2023年度）")
    previous.corrections["s3.carried_out.natural"] = Correction(3, 4, "上年报告印错")
    report.previous = previous
    long_line = "长" * 70_000  # more than one Excel cell holds
    report.texts = {
        "s1": "  缩进的段落\t带制表符\n\n=SUM(A1:A3) 不是公式\n" + long_line + "\n末尾空行\n\n",
        "s5": "一行",
        "s6": "0123",
    }
    key = next(c.key for c in report.form.checks if c.rule.severity == "warning")
    explanations = {key: "因机构改革，数字口径调整"}
    path, back = through_excel(tmp_path, report, explanations)
    assert back.ok, back.rejected
    assert back.report.meta == report.meta
    assert back.report.declarations == report.declarations
    assert back.report.texts == report.texts
    assert back.explanations == explanations
    assert back.report.previous.rows() == report.previous.rows()
    assert to_interchange(back.report, back.explanations) == to_interchange(report, explanations)
    wb = load(path)
    assert wb[common.INFO_SHEET]["B7"].value == "0591-12345678 转 123"
    assert wb[common.INFO_SHEET]["B7"].number_format == "@"  # not turned into a number


@pytest.mark.parametrize("name", ["2020-guangzhou-tianhe", "2024-huaian-szf"])
def test_tables_have_the_official_layout_and_totals_as_formulas(tmp_path, name):
    report = imported(SAMPLES / f"published/{name}.json").report
    path, _ = through_excel(tmp_path, report)
    wb = load(path)
    where = places(report.form.id)
    for section in report.form.sections:
        for table in section.tables:
            grid = table_grid(section, table)
            first = grid.data_cells[0]
            sheet = wb[common.table_sheet_name(section)]
            anchor = sheet[where[first.cell_id][1]]
            top, left = anchor.row - first.row, anchor.column - first.col
            merges = {str(m) for m in sheet.merged_cells.ranges}
            for cell in grid.cells:
                target = sheet.cell(top + cell.row, left + cell.col)
                if cell.rowspan > 1 or cell.colspan > 1:
                    end = sheet.cell(
                        top + cell.row + cell.rowspan - 1, left + cell.col + cell.colspan - 1
                    )
                    assert f"{target.coordinate}:{end.coordinate}" in merges
                if cell.kind != "data":
                    assert target.value == cell.text  # exact labels
                    continue
                value = report.value(cell.cell_id)
                if cell.derived:
                    assert target.value.startswith("=")
                    assert evaluate(wb, sheet.title, target.value) == (value or 0)
                else:  # openpyxl reads numbers back as int or float
                    assert target.value == (None if value is None else float(value))


def test_money_keeps_its_decimals_and_formats(tmp_path):
    report = imported(SAMPLES / "published/2024-huaian-szf.json").report
    path, back = through_excel(tmp_path, report)
    assert isinstance(back.report.values["s2.fees.amount"], Decimal)
    assert back.report.values["s2.fees.amount"] == report.values["s2.fees.amount"]
    wb = load(path)
    sheet, where = places("2021")["s2.fees.amount"]
    assert wb[sheet][where].number_format == "0.00####"
    sheet, where = places("2021")["s3.new.natural"]
    assert wb[sheet][where].number_format == "0"


def test_print_setup_and_recalculation(tmp_path):
    report = imported(SAMPLES / "published/2024-huaian-szf.json").report
    path, _ = through_excel(tmp_path, report)
    wb = load(path)
    assert wb.calculation.fullCalcOnLoad  # Excel and WPS compute every formula on opening
    for section in report.form.sections:
        if section.is_text:
            continue
        ws = wb[common.table_sheet_name(section)]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.orientation == ("landscape" if section.id == "s4" else "portrait")
        assert "&P" in ws.oddFooter.center.text
        assert ws["A1"].value == report.title
        assert ws.print_title_rows.startswith("$1:$")
    three = wb[common.table_sheet_name(report.form.section("s3"))]
    assert three.print_title_rows == "$1:$5"  # title, heading and the three header rows


def test_narrative_sheet_and_data_sheet(tmp_path):
    report = imported(SAMPLES / "published/2021-pingtan-zhsyq.json").report
    path, _ = through_excel(tmp_path, report)
    wb = load(path)
    text = wb[common.TEXT_SHEET]
    headings = [row[0] for row in text.iter_rows(values_only=True) if row[0]]
    assert headings == [s.heading for s in report.form.text_sections]
    data = list(wb[common.DATA_SHEET].iter_rows(values_only=True))
    assert data[0] == common.DATA_HEADER
    assert [row[0] for row in data[1:]] == list(report.form.cells)
    words = {row[0]: row[1] for row in data[1:]}
    assert words["s3.new.natural"] == report.form.cells["s3.new.natural"].words
    values = {row[0]: row[2] for row in data[1:]}
    assert values["s3.total.total"] == report.value("s3.total.total")
    assert wb[common.FORMAT_SHEET].sheet_state == "hidden"
