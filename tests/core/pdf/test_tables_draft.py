"""A draft marks, in the PDF, exactly the cells of the errors that block the final PDF (a
red frame on a pale red ground and a ※, legible in grey print), prints the published
totals their messages cite, and lists the messages under the table; the final PDF marks
nothing and prints computed totals."""

import re

from desktop.core.forms.layout import table_grid
from desktop.core.pdf import PdfOptions, render
from desktop.core.pdf.styles import styles
from desktop.core.pdf.tables import MARK_GROUND, MARK_RED, section_table
from desktop.core.session import check_report
from desktop.core.values import to_text
from tests.core.pdf.conftest import sample
from tests.core.pdf.measure import drawing, pages, table_cells

FIGURE = re.compile(r"[+\-]?\d[\d.,]*(万元)?")
GROUND = tuple(round(v * 255) for v in MARK_GROUND.rgb())
RED = tuple(round(v * 255) for v in MARK_RED.rgb())


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def published_2021():
    """淮安 2024 with published totals that disagree with their figures (T3-2, T3-3,
    T4-1) and a 新收 figure that breaks the balance (T3-1)."""
    report = sample("2024-huaian-szf")
    report.published.update({"s3.total.natural": 2930, "s3.new.total": 3100})
    report.published["s4.review.total"] = 350
    report.values["s3.new.natural"] = 3000
    return report


def figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text.replace("※", "")))


def identity(cells, cell) -> tuple[str, str]:
    """A printed cell named as an officer would: its row label and its column headers."""
    band = [c for c in cells if abs(c.top - cell.top) < 0.5 and abs(c.bottom - cell.bottom) < 0.5]
    label = "".join(c.text for c in sorted(band, key=lambda c: c.left)
                    if c.right <= cell.left + 0.5 and not figure(c.text))  # fmt: skip
    x, current, headers = (cell.left + cell.right) / 2, cell, []
    while above := [c for c in cells if abs(c.bottom - current.top) < 0.5
                    and c.left - 0.5 <= x <= c.right + 0.5]:  # fmt: skip
        current = above[0]
        if not figure(current.text):
            headers.append(current.text)
    return label, "/".join(reversed(headers))


def expected_identity(report, cell_id) -> tuple[str, str]:
    section = report.form.section(cell_id.split(".")[0])
    for table in section.tables:
        grid = table_grid(section, table)
        if cell := grid.find(cell_id):
            labels = [c.text for c in grid.cells if c.kind == "label" and c.row == cell.row
                      and c.rowspan == 1]  # fmt: skip
            headers = sorted((c for c in grid.cells if c.kind == "header"
                              and c.col <= cell.col < c.col + c.colspan), key=lambda c: c.row)  # fmt: skip
            return "".join(labels), "/".join(c.text for c in headers)
    raise AssertionError(cell_id)


def marked_cells(pdf: bytes) -> dict[tuple[str, str], str]:
    """Each cell on a pale red ground, named, with what it prints; each framed in red."""
    marked = {}
    for (segments, fills), cells in zip(drawing(pdf), table_cells(pdf), strict=True):
        red = [s for s in segments if s.colour == RED]
        for fill in (f for f in fills if f.colour == GROUND):
            cell = next(c for c in cells if abs(c.left - fill.left) < 1
                        and abs(c.top - fill.top) < 1)  # fmt: skip
            edges = {(round(min(s.x0, s.x1)), round(min(s.y0, s.y1))) for s in red}
            assert (round(fill.left), round(fill.bottom)) in edges  # the red frame
            assert "※" in cell.text
            marked[identity(cells, cell)] = cell.text.replace("※", "")
    return marked


def check_draft(report, fonts):
    findings = check_report(report, None)
    blocking = [f for f in findings if f.blocking]
    assert blocking
    pdf = render(report, findings, PdfOptions(draft=True), fonts)
    cited = {ref[len("published(") : -1]: value for f in blocking for ref, value in f.values
             if ref.startswith("published(")}  # fmt: skip
    expected = {}
    for cell_id in {c for f in blocking for c in f.cells}:
        value = cited.get(cell_id, report.value(cell_id))
        expected[expected_identity(report, cell_id)] = to_text(value)
    assert marked_cells(pdf) == expected
    text = compact("".join(line.text for page in pages(pdf) for line in page))
    for finding in blocking:  # the messages under the tables cite what the cells show
        assert compact(finding.message) in text
    return cited, expected


def test_a_2019_draft_marks_the_failing_cells_and_prints_the_published_totals(fonts):
    cited, expected = check_draft(sample("2020-pingtan-zhsyq"), fonts)
    assert cited == {"s3.total.natural": 20, "s3.total.total": 21}
    assert expected[("（七）总计", "申请人情况/自然人")] == "20"
    assert expected[("（七）总计", "申请人情况/总计")] == "21"


def test_a_2021_draft_marks_every_blocking_rule_kind(fonts):
    cited, expected = check_draft(published_2021(), fonts)
    assert set(cited) == {"s3.total.natural", "s3.new.total", "s4.review.total"}
    assert expected[("一、本年新收政府信息公开申请数量", "申请人情况/总计")] == "3100"
    assert expected[("", "行政复议/总计")] == "350"
    assert expected[("一、本年新收政府信息公开申请数量", "申请人情况/自然人")] == "3000"


def test_the_final_pdf_marks_nothing_and_prints_computed_totals(fonts):
    report = sample("2024-huaian-szf")
    pdf = render(report, check_report(report, None), PdfOptions(), fonts)
    assert marked_cells(pdf) == {}
    assert not any(s.colour == RED for segments, _ in drawing(pdf) for s in segments)
    assert "※" not in "".join(line.text for page in pages(pdf) for line in page)
    # Unmarked (as in a final PDF, which is refused while a published total disagrees), a
    # total prints as computed from its figures.
    report = published_2021()
    section = report.form.section("s3")
    grid = table_grid(section, section.tables[0])
    cell = grid.find("s3.total.natural")
    table = section_table(section, report, fonts, styles(fonts)["cell"], False)
    assert table._cellvalues[cell.row][cell.col] == to_text(report.value("s3.total.natural"))
