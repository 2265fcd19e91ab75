"""Damaged and awkward published reports: truncated text, shifted columns, missing rows,
figures glued together with one or with several readings, another format's rows, no
title. Whatever cannot be read for certain is listed with its place, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.exchange import read_any
from desktop.core.exchange.published import IdentityMissing
from desktop.core.forms import load_form

ZERO = "0000000"


def glued(form_id: str, printed: dict[str, str], s2: str = "") -> str:
    """A report printed as portals run tables together: every label followed at once by
    its row's figures (rows not in `printed` are all 0, one digit per cell)."""
    form = load_form(form_id)
    parts = [form.section("s2").heading, s2, form.section("s3").heading]
    table = form.section("s3").tables[0]
    parts.append("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
    for row in table.rows:
        parts.append("".join(row.path) + printed.get(row.id, ZERO))
    parts.append(
        form.section("s4").heading + "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    )
    parts.append(printed.get("s4", "0" * 15))
    return "".join(parts)


def write(tmp_path: Path, text: str, name: str = "年报.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path, text, name="年报.txt", unit="某区人民政府", year=2022):
    return read_any(write(tmp_path, text, name), unit, year)


def row_values(report, row_id):
    columns = ("natural", "commercial", "research", "social", "legal", "other_org")
    return [report.values.get(f"s3.{row_id}.{c}") for c in columns]


def test_glued_row_with_one_reading_by_the_balance_relations(tmp_path):
    # 110000011 is 11,0,0,0,0,0,11 or 1,10,0,0,0,0,11 by its own total; only the second
    # makes 第一项+第二项 = 第三项总计+第四项 hold for every column.
    text = glued(
        "2021", {"new": "110000011", "granted": "1 10 0 0 0 0 11", "total": "1 10 0 0 0 0 11"}
    )
    result = read(tmp_path, text)
    assert result.ok
    assert row_values(result.report, "new") == [1, 10, 0, 0, 0, 0]
    note = next(n for n in result.notes if "110000011" in n)
    assert "勾稽关系" in note and "1、10、0、0、0、0、11" in note
    assert not [w for w in result.warnings if "本年新收" in w[0]]


def test_glued_rows_with_two_readings_are_listed_and_not_imported(tmp_path):
    # new, granted and （七）总计 all print 110000011: both readings of all three keep
    # every relation, so none is chosen.
    text = glued("2021", {"new": "110000011", "granted": "110000011", "total": "110000011"})
    result = read(tmp_path, text)
    assert result.ok
    report = result.report
    assert row_values(report, "new") == [None] * 6
    assert row_values(report, "granted") == [None] * 6
    assert "s3.total.natural" not in report.published
    listed = {p for p, m in result.warnings if "2种读法" in m and "本行未导入" in m}
    assert any("一、本年新收政府信息公开申请数量" in p for p in listed)
    assert any("（一）予以公开" in p for p in listed)
    assert any("（七）总计" in p for p in listed)
    assert row_values(report, "partial") == [0] * 6  # the other rows are read


def test_glued_row_that_no_reading_fits(tmp_path):
    result = read(tmp_path, glued("2021", {"new": "640020471"}))
    message = next(m for p, m in result.warnings if "本年新收" in p)
    assert "640020471" in message and "本行总计" in message and "未导入" in message
    assert row_values(result.report, "new") == [None] * 6


def test_glued_section_two_rows_without_relations_are_listed(tmp_path):
    s2 = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665"
    result = read(tmp_path, glued("2021", {}, s2))
    report = result.report
    assert [report.values[f"s2.rules.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    message = next(m for p, m in result.warnings if "行政规范性文件" in p)
    assert "693665" in message and "10种读法" in message
    assert not any(k.startswith("s2.normative") for k in report.values)


def test_2019_single_other_row_in_a_2021_report_goes_into_3_other(tmp_path, samples):
    text = (samples / "published" / "2021-pingtan-zhsyq.txt").read_text(encoding="utf-8")
    start = text.index("（六）其他处理")
    end = text.index("（七）总计")
    text = text[:start] + "（六）其他处理1000001" + text[end:]
    result = read(tmp_path, text, year=2021)
    report = result.report
    assert report.form.id == "2021"
    assert report.values["s3.other.misc.natural"] == 1
    assert "s3.other.overdue_correction.natural" not in report.values
    note = next(n for n in result.notes if "（六）其他处理" in n)
    assert "3.其他" in note and "2019年格式" in note
    assert not result.discrepancies  # the （七）总计 row still balances


def test_format_is_told_by_labels_not_by_the_year(tmp_path, samples):
    text = (samples / "published" / "2019-pingtan-zhsyq.txt").read_text(encoding="utf-8")
    result = read(tmp_path, text, year=2022)
    assert result.report.form.id == "2019"
    assert any("注意：2022年度的报告应使用2021年格式" in n for n in result.notes)


HUAIAN = "2024-huaian-szf.txt"


def huaian(samples) -> str:
    return (samples / "published" / HUAIAN).read_text(encoding="utf-8")


def assert_nothing_wrong(result, samples):
    """Every figure imported equals the published one (the undamaged transcription)."""
    import json
    from decimal import Decimal

    expected = json.loads((samples / "published" / "2024-huaian-szf.json").read_text())["cells"]
    for cell_id, value in result.report.values.items():
        assert value == Decimal(str(expected[cell_id])), cell_id


def test_truncated_text(tmp_path, samples):
    text = huaian(samples)
    text = text[
        : text.index("1.信访举报投诉类申请") + len("1.信访举报投诉类申请              56        6")
    ]
    result = read(tmp_path, text, year=2024)
    assert result.ok
    assert_nothing_wrong(result, samples)
    places = [p for p, _ in result.warnings]
    assert any("1.信访举报投诉类申请" in p for p in places)  # 56 6: too few to read
    assert any("2.重复申请" in p and m == "未找到这一行，留空" for p, m in result.warnings)
    assert (
        "四、政府信息公开行政复议、行政诉讼情况",
        "未找到这个表格的数字，留空",
    ) in result.warnings
    assert result.report.values["s3.unavailable.still_unclear.natural"] == 1


def test_shifted_columns_are_not_read(tmp_path, samples):
    # a figure lost from 一、本年新收: the rest cannot be put into their columns for
    # certain (and where a 0 was lost, two readings remain)
    text = huaian(samples).replace(
        "3001        53       0        0    61", "3001        0        0    61"
    )
    result = read(tmp_path, text, year=2024)
    assert_nothing_wrong(result, samples)
    message = next(m for p, m in result.warnings if "一、本年新收" in p)
    assert "本行未导入" in message
    text = huaian(samples).replace(
        "3001        53       0        0    61", "3001        53       0    61"
    )
    result = read(tmp_path, text, year=2024)
    assert_nothing_wrong(result, samples)
    assert "种读法" in next(m for p, m in result.warnings if "一、本年新收" in p)


def test_missing_row(tmp_path, samples):
    lines = [line for line in huaian(samples).split("\n") if "2.重复申请" not in line]
    result = read(tmp_path, "\n".join(lines), year=2024)
    assert_nothing_wrong(result, samples)
    assert any("2.重复申请" in p and m == "未找到这一行，留空" for p, m in result.warnings)
    # the published （七）总计 is kept and differs from the rows read
    assert {d.cell for d in result.discrepancies} >= {"s3.total.natural", "s3.total.total"}


def test_marks_kept_apart_from_zero_in_markdown(tmp_path):
    text = "\n".join(
        [
            "## 三、收到和处理政府信息公开申请情况",
            "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
            "|---|---|---|---|---|---|---|---|",
            "| 一、本年新收政府信息公开申请数量 | 5 | / | 不适用 | — | 0 |  | 5 |",
        ]
    )
    result = read(tmp_path, text, "年报.md")
    assert row_values(result.report, "new") == [5, None, None, None, 0, None]
    messages = [m for p, m in result.warnings if "一、本年新收" in p]
    assert any("商业企业印为“/”" in m for m in messages)
    assert any("科研机构印为“不适用”" in m for m in messages)
    assert any("社会公益组织印为“—”" in m for m in messages)
    assert any("其他印为空白" in m for m in messages)


def test_note_after_a_figure_is_not_a_value(tmp_path):
    s2 = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数\n规章 0 0 0\n行政规范性文件 22（其中修订16件） 3 60\n"
    result = read(tmp_path, glued("2021", {}, s2))
    report = result.report
    assert [report.values[f"s2.normative.{c}"] for c in ("issued", "repealed", "in_force")] == [
        22,
        3,
        60,
    ]
    assert any("（其中修订16件）" in m for _, m in result.warnings)


def test_numbers_that_fit_no_row_are_listed(tmp_path, samples):
    text = huaian(samples).replace("二、上年结转政府信息公开申请数量", "附表说明")
    result = read(tmp_path, text, year=2024)
    assert_nothing_wrong(result, samples)
    assert any("未能归入表格的任何一行" in m and "34" in m for _, m in result.warnings)


def test_no_title_and_no_identity_is_refused_clearly(tmp_path):
    path = write(tmp_path, glued("2021", {}))
    with pytest.raises(IdentityMissing) as refused:
        read_any(path)
    assert "--unit" in str(refused.value) and "单位名称、报告年度" in str(refused.value)
    with pytest.raises(IdentityMissing) as refused:
        read_any(path, "某区人民政府")
    assert refused.value.unit == "某区人民政府" and "无法确定报告年度" in str(refused.value)


def test_title_gives_unit_and_year(tmp_path):
    text = "# 某某县人民政府2023年政府信息公开工作年度报告\n" + glued("2021", {})
    result = read_any(write(tmp_path, text))
    assert (result.report.unit, result.report.year) == ("某某县人民政府", 2023)


def test_gb18030_text(tmp_path):
    path = tmp_path / "年报.txt"
    path.write_bytes(
        ("某某局2022年政府信息公开工作年度报告\n" + glued("2021", {})).encode("gb18030")
    )
    result = read_any(path)
    assert result.report.unit == "某某局" and result.ok


def test_command_line_imports_a_published_report(cli, samples, report_path):
    code, out, err = cli(
        "import", samples / "published" / "2020-guangzhou-tianhe.txt", "-o", report_path
    )
    assert code == 0, err
    assert "广州市天河区人民政府" in out
    code, out, _ = cli("show", report_path)
    assert "2020" in out


def test_a_run_of_figures_with_too_many_readings_is_listed_quickly(tmp_path):
    import time

    started = time.perf_counter()
    result = read(tmp_path, glued("2021", {"new": "1" * 40, "carried_in": "12345678901234567890"}))
    assert time.perf_counter() - started < 5
    messages = [m for p, m in result.warnings if "本年新收" in p or "上年结转" in p]
    assert len(messages) == 2 and all("读法太多" in m for m in messages)
    assert row_values(result.report, "new") == [None] * 6
