"""文件 → 从Excel导入 / 导入已发布的年报: what was read is shown before anything is
written, and the report goes where the officer chooses."""

from __future__ import annotations

from pathlib import Path

from desktop.core.interchange import from_interchange
from desktop.ui.import_dialog import (
    ADD,
    NEW_FILE,
    REPLACE,
    ImportChoice,
    ImportDialog,
    ImportSummary,
    OpenFile,
)
from tests.ui.conftest import stored

PUBLISHED = Path(__file__).resolve().parents[1] / "data" / "samples" / "published"
TIANHE = PUBLISHED / "2020-guangzhou-tianhe.txt"
PINGTAN_2021 = PUBLISHED / "2021-pingtan-zhsyq.txt"
HUAIAN = PUBLISHED / "2024-huaian-szf.txt"


def menu_texts(window) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in file_menu.actions()]


def test_file_menu_offers_both_imports(window):
    texts = menu_texts(window)
    assert "从Excel导入…" in texts and "导入已发布的年报…" in texts


def test_published_report_into_a_new_file(window, dialogs, tmp_path):
    target = tmp_path / "天河.sqlite"
    dialogs.import_paths = [TIANHE]
    dialogs.import_choices = [ImportChoice(NEW_FILE, target)]
    window.import_published()
    assert dialogs.import_kinds == ["published"]
    _, source, open_file = dialogs.imports_shown[0]
    assert source == TIANHE.name and open_file is None  # nothing open: a new file only
    assert stored(target)["s3.new.natural"] == "389"
    assert "s3.new.research" not in stored(target)  # printed “-”: empty, not 0
    assert window.editor.report.unit == "广州市天河区人民政府"
    assert window.file.path == target
    message = window.statusBar().currentMessage()
    assert "已导入广州市天河区人民政府2020年度报告" in message and "未按0导入" in message


def test_no_title_asks_unit_and_year_then_adds_to_the_open_file(window, dialogs, opened):
    dialogs.import_paths = [PINGTAN_2021]
    dialogs.texts = ["平潭综合实验区"]
    dialogs.years = [2021]
    dialogs.import_choices = [ImportChoice(ADD)]
    window.import_published()
    open_file = dialogs.imports_shown[0][2]
    assert open_file == OpenFile(opened.name, writable=True, has_report=False)
    assert {(i.unit, i.year) for i in window.file.reports()} == {
        ("某区人民政府", 2024),
        ("平潭综合实验区", 2021),
    }
    assert (window.editor.report.unit, window.editor.report.year) == ("平潭综合实验区", 2021)
    assert stored(opened, 2021)["s3.new.natural"] == "64"


def test_replacing_the_report_of_that_unit_and_year(window, dialogs, opened):
    dialogs.import_paths = [HUAIAN]
    dialogs.texts = ["某区人民政府"]
    dialogs.years = [2024]
    dialogs.import_choices = [ImportChoice(REPLACE)]
    dialogs.answers = [True]  # 确定替换
    window.import_published()
    assert dialogs.imports_shown[0][2].has_report
    assert "不能恢复" in dialogs.questions[0]
    assert len(window.file.reports()) == 1
    assert stored(opened, 2024)["s3.new.natural"] == "3001"
    assert window.editor.report.values["s3.new.natural"] == 3001  # shown afresh


def test_cancelled_import_writes_nothing(window, dialogs, opened):
    dialogs.import_paths = [TIANHE]
    dialogs.import_choices = [None]
    window.import_published()
    assert [(i.unit, i.year) for i in window.file.reports()] == [("某区人民政府", 2024)]
    dialogs.import_paths = [None]  # no file chosen
    window.import_excel()
    assert dialogs.import_kinds == ["published", "excel"]
    assert len(dialogs.imports_shown) == 1


def test_unreadable_file_says_why(window, dialogs, tmp_path):
    broken = tmp_path / "年报.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    dialogs.import_paths = [broken]
    dialogs.texts = ["某局"]
    dialogs.years = [2024]
    window.import_published()
    assert dialogs.errors and "不是能读取的 PDF" in dialogs.errors[0][1]
    assert dialogs.imports_shown == []


def test_any_read_any_file_goes_through_the_dialog(window, dialogs, tmp_path, samples):
    source = samples / "published" / "2024-huaian-szf.json"
    dialogs.import_choices = [ImportChoice(NEW_FILE, tmp_path / "淮安.sqlite")]
    assert window.import_file(source)
    assert dialogs.imports_shown[0][1] == source.name
    assert stored(tmp_path / "淮安.sqlite")["s3.new.natural"] == "3001"


# -- the dialog itself -----------------------------------------------------------


def test_dialog_shows_recognised_format_warnings_and_totals(qtbot, samples):
    from desktop.core.exchange import read_any

    result = read_any(samples / "published" / "2020-pingtan-zhsyq.txt", "平潭综合实验区", 2020)
    dialog = ImportDialog(result, "2020-pingtan-zhsyq.txt", OpenFile("报告.sqlite", True, False))
    qtbot.addWidget(dialog)
    facts = dict(dialog.summary.facts)
    assert facts["单位名称"] == "平潭综合实验区" and facts["报告年度"] == "2020年度"
    assert facts["报告格式"].startswith("识别为2019年格式")  # by its labels, with examples
    assert facts["来源文件"] == "2020-pingtan-zhsyq.txt（数字连写的文字（表格各栏之间没有分隔））"
    assert "2个公布的合计与明细不符" in facts["读入的数字"]
    shown = dialog.details.toPlainText()
    assert "未能读取，请对照原件补填（6处）" in shown
    assert "二、主动公开政…第二十条第（五）项“行政许可”行" in shown  # each warning's place
    assert "公布的合计与明细不符（2处" in shown and "公布值20" in shown
    assert "15种读法" in shown and "396442278" in shown
    assert dialog.import_button.isEnabled()
    assert dialog.choice() == ADD  # the open file can take it as a new report
    assert not dialog.choice_buttons[REPLACE].isEnabled()


def test_rejected_import_cannot_be_imported(qtbot):
    from desktop.core.forms import load_form

    data = {
        "schema": 1,
        "form": "2021",
        "unit": "某局",
        "year": 2022,
        "cells": {"s3.new.natural": -1},
    }
    result = from_interchange(data, "坏.json")
    assert not result.ok and load_form("2021")
    dialog = ImportDialog(result, "坏.json", None)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert not dialog.destination_box.isEnabled()
    assert "不能导入（1处）" in dialog.details.toPlainText()
    assert dialog.choice() == NEW_FILE


def test_replace_is_offered_only_where_that_report_exists(qtbot, samples):
    from desktop.core.exchange import read_any

    result = read_any(TIANHE)
    dialog = ImportDialog(result, TIANHE.name, OpenFile("报告.sqlite", True, True))
    qtbot.addWidget(dialog)
    assert not dialog.choice_buttons[ADD].isEnabled()
    assert dialog.choice_buttons[REPLACE].isEnabled()
    assert dialog.choice() == NEW_FILE  # replacing is never the default
    readonly = ImportDialog(result, TIANHE.name, OpenFile("示例.sqlite", False, True))
    qtbot.addWidget(readonly)
    assert not readonly.choice_buttons[REPLACE].isEnabled()
    summary = ImportSummary.of(result, TIANHE.name)
    assert dict(summary.facts)["单位名称"] == "广州市天河区人民政府（取自标题）"
    assert len(summary.blanks) == 23 and len(summary.unread) == 1  # the page's links
    text = summary.as_text()
    assert "三、收到和处理…“一、本年新收政府信息公开申请数量”行（第92行）：" in text
