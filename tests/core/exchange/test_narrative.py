"""Word drafts of the narrative: headings 一…六 with their variants, paragraphs and
（一） sub-headings of 一、五、六, what is left out and where, and the official tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.errors import InputError
from desktop.core.exchange import read_any
from desktop.core.exchange.narrative import read_draft, similarity
from desktop.core.forms import load_form
from desktop.core.report import Report
from tests.core.exchange.word_drafts import S1, S2_TABLE, S5, S6, draft, official

FORM = load_form("2021")

S1_TEXT = (
    "2024年，我区坚持以公开为常态、不公开为例外，全面推进政务公开。\n"
    "（一）统筹谋划，夯实政务公开基础。制定年度工作要点，明确任务分工。\n"
    "（二）主动公开\n"
    "全年主动公开政府信息1234条。"
)


def read(path: Path, year: int = 2024):
    return read_draft(path, FORM, year)


VARIANTS = [
    "一、总体情况",
    "一、 总体情况",
    "一．总体情况",
    "一.总体情况",
    "一 总体情况",
    "一、政府信息公开工作总体情况",
    "一、2024年度政务公开工作总体情况。",
    "第一部分 总体情况",
]


@pytest.mark.parametrize("style", ["h1", "bold", "p"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_heading_variants_in_heading_style_bold_or_plain(tmp_path, variant, style):
    found = read(official(tmp_path / "正文.docx", variant, style))
    assert list(found.parts) == ["s1", "s2", "s5", "s6"]
    assert found.parts["s1"].heading == variant
    assert found.texts == {"s1": S1_TEXT, "s5": S5[0][1], "s6": S6[0][1]}
    assert not found.left_out


def test_sub_headings_kept_indent_dropped_and_brackets_made_full_width(tmp_path):
    found = read(official(tmp_path / "正文.docx"))
    lines = found.texts["s1"].split("\n")
    assert lines[0].startswith("2024年")  # the 　　 indent is the printer's
    assert lines[1] == "（一）统筹谋划，夯实政务公开基础。制定年度工作要点，明确任务分工。"
    assert lines[2] == "（二）主动公开"  # (二) as the printed report recognises it
    assert len(found.parts["s1"].paragraphs) == 4


def test_a_missing_section_is_not_in_the_draft_and_text_before_one_is_left_out(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [
            ("title", "某区人民政府2024年政府信息公开工作年度报告"),
            ("p", "根据《条例》规定，现公布本年度报告。"),
            ("h1", "一、总体情况"),
            *S1,
            ("h1", "五、存在的主要问题及改进情况"),
            *S5,
        ],
    )
    found = read(path)
    assert set(found.texts) == {"s1", "s5"}
    assert "s6" not in found.parts
    assert found.left_out == [
        ("文稿开头第1段", "某区人民政府2024年政府信息公开工作年度报告"),
        ("文稿开头第2段", "根据《条例》规定，现公布本年度报告。"),
    ]


def test_filling_replaces_the_sections_the_draft_has_and_keeps_the_others(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [("h1", "一、总体情况"), *S1, ("h1", "五、存在的主要问题及改进情况"), *S5],
    )
    report = Report("某区人民政府", 2024, FORM)
    report.texts = {"s1": "旧的总体情况", "s5": S5[0][1], "s6": "旧的其他事项"}
    filling = read(path).filling(report)
    assert filling.texts == {"s1": S1_TEXT}
    assert filling.same == ["s5"]
    assert "s6" not in filling.texts


def test_list_numbered_headings_and_sub_headings_are_written_out(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [
            ("list1", "总体情况"),
            ("list2", "统筹谋划，夯实政务公开基础。"),
            ("p", "制定年度工作要点。"),
            ("list2", "主动公开"),
            ("list1", "主动公开政府信息情况"),
            ("list1", "收到和处理政府信息公开申请情况"),
            ("list1", "政府信息公开行政复议、行政诉讼情况"),
            ("list1", "存在的主要问题及改进情况"),
            *S5,
        ],
    )
    found = read(path)
    assert found.parts["s1"].heading == "一、总体情况"
    assert found.parts["s5"].heading == "五、存在的主要问题及改进情况"
    assert (
        found.texts["s1"]
        == "（一）统筹谋划，夯实政务公开基础。\n制定年度工作要点。\n（二）主动公开"
    )


def test_a_heading_with_the_official_title_under_another_number_is_placed_by_its_title(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [("h1", "一、总体情况"), *S1, ("h1", "二、存在的主要问题及改进情况"), *S5],
    )
    found = read(path)
    assert found.texts["s5"] == S5[0][1]
    assert any("序号与格式不同" in note for note in found.notes)


def test_numbered_sentences_and_sub_points_stay_paragraphs_an_unknown_part_is_left_out(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [
            ("h1", "一、总体情况"),
            ("p", "一、我区高度重视政务公开工作，全年召开专题会议3次。"),
            ("bold", "一、主动公开"),
            ("p", "全年主动公开信息1234条。"),
            ("bold", "二、依申请公开"),
            ("p", "全年收到申请56件。"),
            ("h1", "六、其他需要报告的事项"),
            *S6,
            ("h1", "七、附件"),
            ("p", "附件：政务公开工作要点"),
        ],
    )
    found = read(path)
    assert found.texts["s1"].split("\n") == [
        "一、我区高度重视政务公开工作，全年召开专题会议3次。",
        "一、主动公开",
        "全年主动公开信息1234条。",
        "二、依申请公开",
        "全年收到申请56件。",
    ]
    assert "s2" not in found.parts  # 二、依申请公开 is not 二、主动公开政府信息情况
    assert found.texts["s6"] == S6[0][1]
    assert ("“七、附件”下", "附件：政务公开工作要点") in found.left_out
    assert any("看似标题" in message for _, message in found.warnings)


def test_the_official_table_fills_cells_a_table_in_the_narrative_is_listed(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [
            ("h1", "一、总体情况"),
            *S1,
            ("table", [["项目", "数量"], ["发布政策解读", "23"]]),
            ("h1", "二、主动公开政府信息情况"),
            ("table", S2_TABLE),
            ("h1", "五、存在的主要问题及改进情况"),
            *S5,
        ],
    )
    found = read(path)
    assert [(t.number, t.rows, t.columns, t.under) for t in found.tables] == [
        (1, 2, 2, "一、总体情况"),
        (2, 4, 4, "二、主动公开政府信息情况"),
    ]
    assert found.tables[1].read == {"s2": 6}
    assert found.cells["s2.normative.issued"] == 12
    assert found.cells["s2.normative.in_force"] == 45
    assert found.cells["s2.rules.issued"] == 0  # printed 0 is 0
    assert ("第1个表格（2行×2列）", "在正文中，正文只保存文字") in found.left_out
    assert found.texts["s1"] == S1_TEXT  # the table did not end up in the text


def test_figures_go_only_into_blank_cells(tmp_path):
    report = Report("某区人民政府", 2024, FORM)
    report.set_value("s2.normative.issued", 12)
    report.set_value("s2.normative.repealed", 4)
    filling = read(official(tmp_path / "正文.docx")).filling(report)
    assert "s2.normative.issued" not in filling.cells  # the same figure
    assert filling.kept == [("s2.normative.repealed", 4, 3)]
    assert filling.cells["s2.normative.in_force"] == 45


def test_tracked_changes_are_read_as_accepted(tmp_path):
    path = draft(
        tmp_path / "正文.docx",
        [("h1", "一、总体情况"), ("revised", ("全年主动公开信息", "1234条。", "1000条。"))],
    )
    found = read(path)
    assert found.texts["s1"] == "全年主动公开信息1234条。"
    assert any("修订" in note for note in found.notes)


def test_a_heading_with_nothing_under_it_changes_nothing(tmp_path):
    path = draft(
        tmp_path / "正文.docx", [("h1", "一、总体情况"), *S1, ("h1", "六、其他需要报告的事项")]
    )
    found = read(path)
    assert "s6" not in found.texts
    assert any(p == "六、其他需要报告的事项" for p, _ in found.warnings)


def test_a_narrative_only_draft_has_no_cells_and_a_draft_without_headings_nothing(tmp_path):
    found = read(draft(tmp_path / "a.docx", [("h1", "一、总体情况"), *S1]))
    assert found.cells == {} and found.tables == [] and not found.empty
    nothing = read(draft(tmp_path / "b.docx", [("p", "这是一份会议通知。")]))
    assert nothing.empty
    assert nothing.left_out == [("文稿开头第1段", "这是一份会议通知。")]


def test_an_old_doc_file_and_other_files_are_refused_in_words(tmp_path):
    doc = tmp_path / "正文.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError, match="另存为"):
        read(doc)
    text = tmp_path / "正文.docx"
    text.write_text("一、总体情况", encoding="utf-8")
    with pytest.raises(InputError, match="不是 Word 文档"):
        read(text)
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(InputError, match="损坏"):
        read(broken)


def test_a_published_report_saved_as_word_reads_as_a_report(tmp_path):
    path = draft(
        tmp_path / "年报.docx",
        [
            ("title", "某区人民政府2024年政府信息公开工作年度报告"),
            ("h1", "一、总体情况"),
            *S1,
            ("h1", "二、主动公开政府信息情况"),
            ("table", S2_TABLE),
        ],
    )
    result = read_any(path)
    assert (result.report.unit, result.report.year) == ("某区人民政府", 2024)
    assert result.report.texts == {"s1": S1_TEXT}
    assert result.report.values["s2.normative.repealed"] == 3


def test_similarity_of_written_titles():
    assert similarity("总体情况", "政府信息公开工作总体情况") == 1.0
    assert similarity("存在的主要问题及改进情况", "存在的问题和改进措施") == pytest.approx(7 / 12)
    assert similarity("总体情况", "附件") == 0.0


def test_money_and_count_cells_keep_their_kind(tmp_path):
    found = read(official(tmp_path / "正文.docx"))
    assert all(isinstance(v, int | Decimal) for v in found.cells.values())
