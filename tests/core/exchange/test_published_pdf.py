"""A PDF read directly: the app's own official-format PDF of a sample (tables with labels
wrapped in their cells, page numbers, the title on two lines) imports with every figure."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop.core.errors import InputError
from desktop.core.exchange import read_any
from desktop.core.exports import SIGNOFF_NONE
from desktop.core.interchange import read_json


def rendered(samples, tmp_path, name: str, blank_empty: bool = False):
    from desktop.core.pdf import PdfOptions, render

    source = samples / "published" / f"{name}.json"
    report = read_json(source.read_bytes(), source.name).report
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(render(report, [], PdfOptions(signoff=SIGNOFF_NONE, blank_empty=blank_empty)))
    return pdf, json.loads(source.read_text(encoding="utf-8"))


def figures(report, expected):
    wrong = {}
    for cell_id, figure in expected["cells"].items():
        definition = report.form.cells[cell_id]
        value = (
            report.published.get(cell_id, report.value(cell_id))
            if definition.derived
            else report.values.get(cell_id)
        )
        if value is None or Decimal(str(value)) != Decimal(str(figure)):
            wrong[cell_id] = (figure, value)
    return wrong


@pytest.mark.parametrize("name", ["2024-huaian-szf", "2020-guangzhou-tianhe"])
def test_the_apps_own_pdf_of_a_sample_imports_every_figure(samples, tmp_path, name):
    pdf, expected = rendered(samples, tmp_path, name)
    result = read_any(pdf)  # unit and year from the title printed on two lines
    report = result.report
    assert (report.unit, report.year, report.form.id) == (
        expected["unit"],
        expected["year"],
        expected["form"],
    )
    assert figures(report, expected) == {}
    assert any("PDF 中" in n for n in result.notes)
    assert any("页码" in n for n in result.notes)
    unread = [(p, m) for p, m in result.warnings if "未导入，留空" not in m and "落款" not in m]
    assert unread == []


def test_blank_cells_of_a_pdf_stay_blank(samples, tmp_path):
    # the Shanghai report has blank cells; printed blank they are read as blank, not 0
    pdf, expected = rendered(samples, tmp_path, "2019-shanghai-szfbgt", blank_empty=True)
    result = read_any(pdf)
    report = result.report
    assert report.values["s3.new.natural"] == 821
    assert report.values["s2.procurement.amount"] == Decimal("25.1")
    for cell_id, (figure, value) in figures(report, expected).items():
        assert figure == 0 and value is None, cell_id  # never a wrong figure


def test_a_pdf_without_text_is_refused_in_words(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.rect(100, 100, 200, 200)
    drawing.save()
    with pytest.raises(InputError, match="没有可读取的文字"):
        read_any(path, "某局", 2024)
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(InputError, match="不是能读取的 PDF"):
        read_any(broken, "某局", 2024)
