"""The command line's Excel: `export --to xlsx`, `template`, and `import X.xlsx` all or
nothing with every unreadable cell named by its place."""

from __future__ import annotations

from desktop.core.exchange import read_any
from desktop.core.exchange import xlsx_common as common
from desktop.core.interchange import read_json
from desktop.core.storage import ReportFile
from tests.conftest import SAMPLES
from tests.core.exchange.xlsx_books import find_cell, foreign_2021, load, save

SAMPLE = SAMPLES / "published/2020-pingtan-zhsyq.json"


def test_export_to_xlsx_and_import_it_back(cli, tmp_path, report_path):
    assert cli("import", SAMPLE, "-o", report_path)[0] == 0
    out = tmp_path / "报告.xlsx"
    code, stdout, err = cli("export", report_path, "--to", "xlsx", "-o", out)
    assert (code, err) == (0, "")
    assert stdout.startswith("已导出 平潭综合实验区") and stdout.strip().endswith(f"到 {out}")
    again = tmp_path / "再导入.sqlite"
    code, stdout, _ = cli("import", out, "-o", again)
    assert code == 0
    assert (
        "公布的合计与明细不符：三、申请情况：（七）总计（自然人）：公布值20，按明细计算为26"
        in stdout
    )
    original = read_json(SAMPLE.read_bytes(), SAMPLE.name).report
    with ReportFile.open(again, readonly=True) as file:
        report = file.load(file.find().id)
    assert report.values == original.values and report.published == original.published
    assert not list(tmp_path.glob(".*.part"))


def test_template_command(cli, tmp_path):
    out = tmp_path / "模板.xlsx"
    code, stdout, _ = cli("template", "--form", "2021", "-o", out)
    assert code == 0 and "2021年格式" in stdout
    wb = load(out)
    assert wb[common.FORMAT_SHEET]["B3"].value == "2021"
    code, stdout, _ = cli("template", "--year", "2020", "--unit", "某区", "-o", out)
    assert code == 0 and "（某区、2020年度）" in stdout
    wb = load(out)
    assert (wb[common.INFO_SHEET]["B3"].value, wb[common.INFO_SHEET]["B4"].value) == ("某区", 2020)
    assert wb[common.FORMAT_SHEET]["B3"].value == "2019"


def test_template_needs_a_format(cli, tmp_path):
    code, out, err = cli("template", "-o", tmp_path / "模板.xlsx")
    assert code == 2 and out == ""
    assert err.strip() == "错误：请用 --form 2019|2021 或 --year 指定模板的报告格式"
    assert not (tmp_path / "模板.xlsx").exists()


def test_import_of_a_workbook_with_unreadable_cells_writes_nothing(cli, tmp_path):
    values = read_json((SAMPLES / "published/2024-huaian-szf.json").read_bytes(), "x").report.values
    wb = foreign_2021(values)
    sheet = wb["申请及复议诉讼"]
    label = find_cell(sheet, "(一)予以公开")
    sheet.cell(label.row, 4).value = "约20"
    source = save(wb, tmp_path / "有误.xlsx")
    out = tmp_path / "报告.sqlite"
    code, stdout, err = cli("import", source, "-o", out)
    assert code == 2 and not out.exists()
    assert f"工作表“申请及复议诉讼”!D{label.row}" in stdout
    assert "有不能导入的数据" in err and len(err.strip().splitlines()) == 1
    assert read_any(source).rejected  # the same from the reader itself
