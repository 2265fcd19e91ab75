"""A table taller than the space left splits between rows, its header repeated."""

from desktop.core.pdf.styles import TEXT_WIDTH, styles
from desktop.core.pdf.tables import section_table
from tests.core.pdf.conftest import sample


def plain(cell) -> str:
    if isinstance(cell, (list, tuple)):  # a split table holds each cell's flowables in a list
        return "".join(plain(part) for part in cell)
    return cell.getPlainText() if hasattr(cell, "getPlainText") else cell


def texts(row) -> list[str]:
    return [plain(cell) for cell in row]


def test_section_three_splits_between_rows_and_repeats_its_header(fonts):
    report = sample("2024-huaian-szf")
    section = report.form.section("s3")
    table = section_table(section, report, fonts, styles(fonts)["cell"], blank_empty=False)
    table.wrap(TEXT_WIDTH, 10_000)
    first, second = table.split(TEXT_WIDTH, 300)[:2]
    head = [t for row in first._cellvalues[:3] for t in texts(row)]
    again = [t for row in second._cellvalues[:3] for t in texts(row)]
    assert "申请人情况" in head and again == head
    rows = len(first._cellvalues) + len(second._cellvalues) - 3
    assert rows == len(table._cellvalues)  # nothing lost, no row cut in two


def test_empty_cells_print_zero_unless_blank(fonts):
    report = sample("2024-huaian-szf")
    report.values.pop("s4.review.upheld")
    section = report.form.section("s4")
    cell = styles(fonts)["cell"]
    zero = section_table(section, report, fonts, cell, blank_empty=False)._cellvalues[3][0]
    blank = section_table(section, report, fonts, cell, blank_empty=True)._cellvalues[3][0]
    assert (zero.getPlainText(), blank.getPlainText()) == ("0", "")
