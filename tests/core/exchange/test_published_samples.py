"""Every real published report under tests/data/samples imports with the figures of its
transcription, or the import says precisely which rows it could not read and why: a wrong
figure imported in silence is the one failure not allowed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.exchange import read_any
from desktop.core.exchange.published.labels import row_words, table_words

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
RAW = sorted(
    p
    for folder in ("published", "pingtan-departments-2019")
    for p in (SAMPLES / folder).iterdir()
    if p.suffix in (".txt", ".html")
)

# sample: (cells right, cells reported); cells wrong is always 0. Reported cells are the
# ones printed as -, /, 不适用 or blank (kept empty, not 0, where the transcription has
# 0) and the rows whose figures cannot be told apart (行政许可3960181 has 28 readings).
EXPECTED = {
    "2019-pingtan-czj": (190, 0),
    "2019-pingtan-gaj": (180, 12),
    "2019-pingtan-gyz": (195, 0),
    "2019-pingtan-htp": (196, 0),
    "2019-pingtan-hzs": (198, 0),
    "2019-pingtan-jjf": (198, 0),
    "2019-pingtan-jjp": (196, 0),
    "2019-pingtan-jsp": (181, 15),
    "2019-pingtan-jtj": (188, 0),
    "2019-pingtan-lyy": (197, 0),
    "2019-pingtan-nyn": (192, 0),
    "2019-pingtan-scj": (184, 0),
    "2019-pingtan-shs": (198, 0),
    "2019-pingtan-spp": (198, 0),
    "2019-pingtan-zhz": (190, 0),
    "2019-pingtan-zrz": (187, 0),
    "2019-pingtan-zhsyq": (179, 19),
    "2019-shanghai-szfbgt": (63, 116),
    "2020-guangzhou-tianhe": (85, 113),
    "2020-pingtan-zhsyq": (181, 17),
    "2021-pingtan-zhsyq": (197, 3),
    "2022-pingtan-zhsyq": (197, 3),
    "2023-pingtan-zhsyq": (197, 0),
    "2024-huaian-szf": (200, 0),
    "2024-pingtan-zhsyq": (197, 0),
    "2025-pingtan-zhsyq": (197, 0),
    "2025-suqian-shuyang-xzf": (200, 0),
}
# Figures printed but left out of the transcription (read as printed: 1个, 16减12).
PRINTED_NOT_TRANSCRIBED = {
    "2019-pingtan-lyy": {"s2.procurement.projects": 1},
    "2019-pingtan-nyn": {"s2.fees.change": -12},
}


def shown(report, cell_id):
    """The figure the imported report shows: as typed, or a total as published."""
    definition = report.form.cells[cell_id]
    if definition.derived:
        return report.published.get(cell_id, report.value(cell_id))
    return report.values.get(cell_id)


def tally(path: Path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = read_any(path, expected["unit"], expected["year"])
    report = result.report
    places = [place for place, _ in result.warnings]
    right, reported, wrong = [], [], []
    for cell_id, figure in expected["cells"].items():
        value = shown(report, cell_id)
        if value is not None and Decimal(str(value)) == Decimal(str(figure)):
            right.append(cell_id)
            continue
        definition = report.form.cells[cell_id]
        named = (
            row_words(definition.section, definition.table, definition.row),
            table_words(definition.section, definition.table),
        )
        if value is None and any(p.startswith(named) for p in places):
            reported.append(cell_id)
        else:
            wrong.append((cell_id, figure, value))
    return expected, result, right, reported, wrong


@pytest.mark.parametrize("path", RAW, ids=[p.stem for p in RAW])
def test_sample_imports_its_figures_or_says_why(path):
    expected, result, right, reported, wrong = tally(path)
    assert result.ok, result.rejected
    assert wrong == []  # never a wrong figure: a figure is right or its row is listed
    assert (len(right), len(reported)) == EXPECTED[path.stem]
    report = result.report
    assert (report.form.id, report.unit, report.year) == (
        expected["form"],
        expected["unit"],
        expected["year"],
    )
    extra = {c: v for c, v in report.values.items() if c not in expected["cells"]}
    assert extra == PRINTED_NOT_TRANSCRIBED.get(path.stem, {})
    assert any(note.startswith("识别为") for note in result.notes)


def test_tianhe_traditional_copy_reads_from_its_title(samples):
    result = read_any(samples / "published" / "2020-guangzhou-tianhe.txt")
    report = result.report
    assert (report.unit, report.year, report.form.id) == ("广州市天河区人民政府", 2020, "2019")
    assert any("繁体" in n and "OpenCC" in n for n in result.notes)
    assert any(n.startswith("单位和年度取自标题") for n in result.notes)
    assert "识别为2019年格式" in " ".join(result.notes)
    # 規範性檔案 back to 规范性文件 (Taiwan vocabulary), read into its row
    assert report.values["s2.normative.total_public"] == 121
    assert report.values["s2.procurement.amount"] == Decimal("62075.67")
    assert report.values["s2.licensing.change"] == -13
    # the narrative in Simplified script, without the page's links
    assert report.texts["s1"].startswith("2020年,天河区坚持以习近平新时代")
    assert report.texts["s5"].startswith("在区委、区政府的领导和省、市政务公开办的指导下")
    assert report.texts["s6"] == "无。"
    assert any("相关词条" in m for _, m in result.warnings)


def test_dashes_are_kept_apart_from_zero_and_reported(samples):
    result = read_any(samples / "published" / "2020-guangzhou-tianhe.txt")
    report = result.report
    assert "s3.new.research" not in report.values  # printed “-”: empty, not 0
    assert report.values["s3.new.legal"] == 2
    place = "三、收到和处理…“一、本年新收政府信息公开申请数量”行"
    messages = [m for p, m in result.warnings if p.startswith(place)]
    assert messages == ["科研机构、社会公益组织、其他印为“-”，未当作0导入，留空；如确为0请填0"]


def test_blank_html_cells_and_a_blank_published_total(samples):
    result = read_any(
        samples / "published" / "2019-shanghai-szfbgt.html", "上海市人民政府办公厅", 2019
    )
    report = result.report
    assert "s3.granted.total" not in report.published  # printed blank: nothing to compare
    assert report.value("s3.granted.total") == 272
    assert report.values["s2.procurement.amount"] == Decimal("25.1")
    assert any("251000元" in n and "25.1万元" in n for n in result.notes)
    assert any("印为空白" in m for _, m in result.warnings)


def test_published_totals_that_differ_are_kept_and_listed(samples):
    result = read_any(samples / "published" / "2020-pingtan-zhsyq.txt", "平潭", 2020)
    report = result.report
    assert report.published["s3.total.natural"] == 20
    assert report.value("s3.total.natural") == 26
    assert {d.cell for d in result.discrepancies} >= {"s3.total.natural", "s3.total.total"}


def test_glued_row_resolved_by_its_total_is_said(samples):
    result = read_any(samples / "published" / "2021-pingtan-zhsyq.txt", "平潭", 2021)
    report = result.report
    assert [
        report.values[f"s3.new.{c}"] for c in ("natural", "commercial", "social", "other_org")
    ] == [
        64,
        0,
        2,
        4,
    ]
    note = next(n for n in result.notes if "640020470" in n)
    assert "一、本年新收政府信息公开申请数量" in note and "64、0、0、2、0、4、70" in note
    # 四 printed as 17 digits for 15 cells: one reading fits its three 总计
    assert report.values["s4.suit_direct.upheld"] == 12
    ambiguous = [m for p, m in result.warnings if "行政规范性文件" in p]
    assert ambiguous and "693665" in ambiguous[0] and "本行未导入" in ambiguous[0]
    assert "s2.normative.issued" not in report.values


def test_markdown_with_data_columns_and_stray_headers(samples):
    result = read_any(samples / "published" / "2025-suqian-shuyang-xzf.txt", "沭阳县人民政府", 2025)
    report = result.report
    assert result.warnings == []
    assert report.values["s3.other.unpaid_fee.natural"] == 7  # under a stray 本年新收件数 header
    assert report.values["s4.suit_after_review.pending"] == 1  # 四 split into three tables
    assert "读作Markdown 表格" in result.notes


def test_layout_text_with_torn_labels_and_page_numbers(samples):
    result = read_any(samples / "published" / "2024-huaian-szf.txt", "淮安市人民政府", 2024)
    assert result.warnings == []
    assert result.report.values["s3.other.overdue_correction.natural"] == 67
    assert any("页码" in n for n in result.notes)
