"""Workbooks that are not ours: a coordinating office's template with the tables shifted,
label variants, an extra row and column and notes; and every cell that cannot be read
said with its sheet and address. All or nothing."""

from __future__ import annotations

import pytest

from desktop.core.errors import InputError
from desktop.core.exchange import read_any
from desktop.core.exchange import xlsx_common as common
from desktop.core.exchange.xlsx_out import report_workbook
from desktop.core.interchange import read_json
from tests.conftest import SAMPLES
from tests.core.exchange.xlsx_books import find_cell, foreign_2021, load, save

SHEET = "申请及复议诉讼"


def sample(name: str):
    path = SAMPLES / f"published/{name}.json"
    return read_json(path.read_bytes(), path.name).report


@pytest.fixture
def huaian():
    return sample("2024-huaian-szf")


def s3_cell(wb, row_label: str, column: int = 0):
    """The figure cell of a row of 三 in the foreign layout (column 0 = 自然人 in D)."""
    label = find_cell(wb[SHEET], row_label)
    return wb[SHEET].cell(label.row, 4 + column)


def test_an_offices_template_reads_by_its_labels(tmp_path, huaian):
    result = read_any(save(foreign_2021(huaian.values), tmp_path / "汇总模板.xlsx"))
    assert result.ok, result.rejected
    assert (result.report.unit, result.report.year) == ("某某县交通运输局", 2024)
    assert result.report.form.id == "2021"
    assert result.report.values == huaian.values
    assert result.notes[0].startswith("单位和年度取自标题")
    assert any("识别为2021年格式" in n for n in result.notes)
    assert "工作表“主动公开”!B6“规范性文件”按“行政规范性文件”读取" in result.notes
    # The office's own row is said with its place; the remark column (text) and the
    # note under the table are not figures; the total formulas have no cached values
    # and are computed, not reported.
    assert result.warnings == [
        (f"工作表“{SHEET}”!B8", "三、申请情况中不认识的行“其中：网上申请”，其中的数字未导入")
    ]
    assert result.discrepancies == []


def test_text_in_a_number_cell_is_rejected_with_its_address(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    cell = s3_cell(wb, "二、上年结转政府信息公开申请数量")
    cell.value = "十二"
    result = read_any(save(wb, tmp_path / "文字.xlsx"))
    assert not result.ok
    assert len(result.rejected) == 1
    cell_id, message = result.rejected[0]
    assert cell_id == "s3.carried_in.natural"
    assert message.startswith(f"工作表“{SHEET}”!{cell.coordinate}（三、申请情况：")
    assert "“十二”不是数字" in message


def test_numbers_typed_as_text_are_numbers(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    s3_cell(wb, "二、上年结转政府信息公开申请数量").value = " 1,234 "
    result = read_any(save(wb, tmp_path / "文本数字.xlsx"))
    assert result.ok and result.report.values["s3.carried_in.natural"] == 1234


def test_a_damaged_merge_over_two_figures_is_rejected(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    cell = s3_cell(wb, "(一)予以公开", 1)  # 商业企业
    wb[SHEET].merge_cells(f"{cell.coordinate}:{cell.offset(column=1).coordinate}")
    result = read_any(save(wb, tmp_path / "合并.xlsx"))
    assert not result.ok
    [(_, message)] = result.rejected
    span = f"{cell.coordinate}:{cell.offset(column=1).coordinate}"
    assert message.startswith(f"工作表“{SHEET}”!{span}：合并单元格")


def test_marks_are_empty_not_zero_and_each_is_reported(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    marks = {"/": 0, "—": 1, "－": 2, "不适用": 3}
    cells = {}
    for mark, column in marks.items():
        cells[mark] = s3_cell(wb, "1、属于国家秘密", column)
        cells[mark].value = mark
    result = read_any(save(wb, tmp_path / "斜杠.xlsx"))
    assert result.ok, result.rejected
    for mark, cell in cells.items():
        column = ["natural", "commercial", "research", "social"][marks[mark]]
        assert f"s3.withheld.state_secret.{column}" not in result.report.values
        assert any(
            place == f"工作表“{SHEET}”!{cell.coordinate}"
            and f"“{mark}”" in text
            and "未当作0导入" in text
            for place, text in result.warnings
        )


def test_blank_cells_are_empty_and_counted(tmp_path, huaian):
    values = {k: v for k, v in huaian.values.items() if not k.startswith("s3.declined.")}
    result = read_any(save(foreign_2021(values), tmp_path / "空.xlsx"))
    assert result.ok
    assert not any(k.startswith("s3.declined.") for k in result.report.values)
    blank = next(n for n in result.notes if n.startswith("未填的单元格按空导入（不是0）"))
    assert "等 30 个" in blank


def test_an_unknown_row_in_place_of_an_official_one(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    label = find_cell(wb[SHEET], "2、重复申请")
    label.value = "2、多次申请"
    result = read_any(save(wb, tmp_path / "行名.xlsx"))
    assert result.ok
    assert (
        f"工作表“{SHEET}”!{label.coordinate}",
        "三、申请情况中不认识的行“2、多次申请”，其中的数字未导入",
    ) in result.warnings
    assert (
        f"工作表“{SHEET}”",
        "三、申请情况中没有找到“2.重复申请”这一行，该行为空",
    ) in result.warnings
    assert "s3.declined.repeat.natural" not in result.report.values


def test_input_formulas_without_cached_values_are_each_reported(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    cells = [s3_cell(wb, "(一)予以公开", 0), s3_cell(wb, "(一)予以公开", 2)]
    for cell in cells:
        cell.value = "=1+1"
    result = read_any(save(wb, tmp_path / "公式.xlsx"))
    assert [m.split("（")[0] for _, m in result.rejected] == [
        f"工作表“{SHEET}”!{c.coordinate}" for c in cells
    ]
    assert all("没有保存计算结果" in m for _, m in result.rejected)


def test_a_total_typed_differently_is_a_published_total(tmp_path, huaian):
    wb = foreign_2021(huaian.values)
    total = s3_cell(wb, "(七)总计", 0)
    total.value = 1
    result = read_any(save(wb, tmp_path / "总计.xlsx"))
    assert result.ok
    [discrepancy] = result.discrepancies
    assert (discrepancy.cell, discrepancy.published) == ("s3.total.natural", 1)


def test_without_a_title_unit_and_year_come_from_the_caller(tmp_path, huaian):
    path = save(foreign_2021(huaian.values, title=None), tmp_path / "无标题.xlsx")
    with pytest.raises(InputError, match=r"找不到单位名称.*--unit"):
        read_any(path)
    with pytest.raises(InputError, match="--year"):
        read_any(path, "某局")
    result = read_any(path, "某局", 2024)
    assert (result.report.unit, result.report.year) == ("某局", 2024)
    assert "单位名称和报告年度按指定的导入" in result.notes


@pytest.mark.parametrize(
    "name", ["2019-shanghai-szfbgt", "2020-pingtan-zhsyq", "2025-pingtan-zhsyq"]
)
def test_our_tables_alone_read_as_a_foreign_workbook(tmp_path, name):
    """Without our fixed cells (another program copied the sheets), the tables, the title
    and the labels still say everything about the figures."""
    report = sample(name)
    wb = load(report_workbook(report))
    for sheet in (common.INFO_SHEET, common.TEXT_SHEET, common.DATA_SHEET, common.FORMAT_SHEET):
        del wb[sheet]
    for defined in list(wb.defined_names):
        del wb.defined_names[defined]
    result = read_any(save(wb, tmp_path / "复制.xlsx"))
    assert result.ok, result.rejected
    assert result.warnings == []
    assert result.report.form is report.form
    assert (result.report.unit, result.report.year) == (report.unit, report.year)
    assert result.report.values == report.values
    assert result.report.published == {}  # printed totals are formulas: computed again


def test_not_a_workbook_and_a_workbook_without_tables(tmp_path):
    fake = tmp_path / "假的.xlsx"
    fake.write_text("不是 Excel", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 Excel 工作簿"):
        read_any(fake)
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "某局2024年政府信息公开工作年度报告"
    wb.active["A2"] = "通讯录"
    with pytest.raises(InputError, match="没有找到年报的表格"):
        read_any(save(wb, tmp_path / "无表.xlsx"))
