"""`nianbao import 正文.docx -o 报告.sqlite`: a Word draft fills the narrative of a report
already in the file, in one transaction, and says what went where."""

from __future__ import annotations

import json
import sqlite3

from desktop.core.storage import ReportFile
from desktop.core.storage.reportfile import ReportFile as StoredFile
from tests.core.exchange.word_drafts import S1, S5, draft, official
from tests.test_cli import assert_one_line_error, sha256


def report_of(path, year=2024):
    with ReportFile.open(path, readonly=True) as file:
        return file.load(file.find(year=year).id)


def new_report(cli, path, *years):
    for year in years or (2024,):
        assert cli("new", path, "--unit", "某区人民政府", "--year", year)[0] == 0


def test_a_draft_fills_one_five_six_and_the_blank_cells_and_says_where(cli, tmp_path, report_path):
    new_report(cli, report_path)
    code, out, _ = cli(
        "import", official(tmp_path / "正文.docx", "一、 总体情况"), "-o", report_path
    )
    assert code == 0
    report = report_of(report_path)
    assert set(report.texts) == {"s1", "s5", "s6"}
    assert report.texts["s1"].startswith("2024年，我区坚持以公开为常态")
    assert report.values["s2.normative.in_force"] == 45
    assert "一、总体情况 ← 文稿“一、 总体情况”下4段（原为空）" in out
    assert "第1个表格（“二、主动公开政府信息情况”下，4行×4列）：读出二、主动公开6个数字" in out
    assert "填入了6个空白单元格" in out


def test_sections_the_draft_lacks_stay_and_filled_cells_are_kept(cli, tmp_path, report_path):
    new_report(cli, report_path)
    cli("import", official(tmp_path / "全文.docx"), "-o", report_path)
    cli(
        "import",
        draft(tmp_path / "新.docx", [("h1", "一、总体情况"), ("p", "改写后的总体情况。")]),
        "-o",
        report_path,
    )
    report = report_of(report_path)
    assert report.texts["s1"] == "改写后的总体情况。"
    assert report.texts["s5"].startswith("一是公开内容不够全面")  # not in the new draft: kept
    assert report.texts["s6"] == "本年度未收取信息处理费。"


def test_the_selected_report_of_a_file_with_several(cli, tmp_path, report_path):
    new_report(cli, report_path, 2023, 2024)
    path = draft(tmp_path / "正文.docx", [("h1", "一、总体情况"), *S1])
    line = assert_one_line_error(*cli("import", path, "-o", report_path))
    assert "多份报告" in line
    assert cli("import", path, "-o", report_path, "--year", 2023)[0] == 0
    assert "s1" in report_of(report_path, 2023).texts
    assert report_of(report_path, 2024).texts == {}


def test_refused_without_such_a_report_or_file_nothing_written(cli, tmp_path, report_path):
    path = draft(tmp_path / "正文.docx", [("h1", "一、总体情况"), *S1])
    line = assert_one_line_error(*cli("import", path, "-o", report_path))
    assert "不存在" in line and "nianbao new" in line
    assert not report_path.exists()
    new_report(cli, report_path)
    before = sha256(report_path)
    assert "没有2022年度报告" in assert_one_line_error(
        *cli("import", path, "-o", report_path, "--year", 2022)
    )
    nothing = draft(tmp_path / "通知.docx", [("p", "关于召开会议的通知")])
    assert "没有找到" in assert_one_line_error(*cli("import", nothing, "-o", report_path))
    assert "--replace" in assert_one_line_error(
        *cli("import", path, "-o", report_path, "--replace")
    )
    assert sha256(report_path) == before


def test_texts_and_figures_are_one_transaction(cli, tmp_path, report_path, monkeypatch):
    new_report(cli, report_path)
    before = sha256(report_path)
    write_row = StoredFile._write_row

    def failing(self, table, report_id, key, new):
        if table == "cells":
            raise sqlite3.OperationalError("disk I/O error")
        return write_row(self, table, report_id, key, new)

    monkeypatch.setattr(StoredFile, "_write_row", failing)
    line = assert_one_line_error(
        *cli("import", official(tmp_path / "正文.docx"), "-o", report_path)
    )
    assert "未能保存" in line
    monkeypatch.undo()
    assert report_of(report_path).texts == {}
    assert sha256(report_path) == before


def test_json_says_what_went_where(cli, tmp_path, report_path):
    new_report(cli, report_path)
    path = draft(
        tmp_path / "正文.docx",
        [
            ("p", "某区人民政府2024年政府信息公开工作年度报告"),
            ("h1", "一、总体情况"),
            *S1,
            ("h1", "五、存在的主要问题及改进情况"),
            *S5,
        ],
    )
    code, out, _ = cli("import", path, "-o", report_path, "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["written"] is True
    assert answer["sections"]["s1"] == {"heading": "一、总体情况", "paragraphs": 4, "changed": True}
    assert answer["left_out"] == [
        {"place": "文稿开头第1段", "text": "某区人民政府2024年政府信息公开工作年度报告"}
    ]
    code, out, _ = cli("import", path, "-o", report_path, "--json")
    assert json.loads(out)["written"] is False  # already so
