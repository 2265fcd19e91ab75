"""文件 → 从Word导入正文…: the preview says what goes where before anything is saved;
导入 saves each section through the editor as one undoable step; 取消 changes nothing."""

from __future__ import annotations

from desktop.core.errors import ReportFileError
from desktop.core.storage import ReportFile
from tests.core.exchange.word_drafts import S1, S2_TABLE, S5, draft, official
from tests.ui.conftest import input_method, page_of, stored


def texts(path, year=2024) -> dict[str, str]:
    with ReportFile.open(path, readonly=True) as file:
        return file.load(file.find(year=year).id).texts


def menu_action(window, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def groups_of(dialogs):
    [preview] = dialogs.word_previews
    return {group.title: group for group in preview.groups}


def test_the_menu_item_needs_an_open_report(window, opened):
    action = menu_action(window, "从Word导入正文…")
    assert action.isEnabled()
    window.show_start()
    assert not action.isEnabled()


def test_the_preview_shows_what_goes_where_and_cancel_saves_nothing(
    window, opened, dialogs, tmp_path
):
    path = draft(
        tmp_path / "正文.docx",
        [
            ("title", "某区人民政府2024年政府信息公开工作年度报告"),
            ("h1", "一、 总体情况"),
            *S1,
            ("h1", "二、主动公开政府信息情况"),
            ("table", S2_TABLE),
            ("bold", "五．存在的主要问题及改进情况"),
            *S5,
        ],
    )
    before = opened.read_bytes()
    dialogs.docx_paths.append(path)
    dialogs.word_imports.append(False)
    menu_action(window, "从Word导入正文…").trigger()
    assert dialogs.folders == [opened.parent]
    groups = groups_of(dialogs)
    one = groups["一、总体情况"]
    assert one.detail.startswith("← 文稿“一、 总体情况”下4段")
    assert one.detail.endswith("报告中原为空")
    assert one.rows[0] == (
        "第1段",
        "2024年，我区坚持以公开为常态、不公开为例外，全面推进政务公开。",
    )
    assert one.rows[1][1].startswith("（一）统筹谋划")
    assert one.rows[-1] == ("", "……另有1段")
    assert groups["五、存在的主要问题及改进情况"].detail.startswith(
        "← 文稿“五．存在的主要问题及改进情况”下1段"
    )
    assert groups["六、其他需要报告的事项"].quiet
    tables = groups["表格（1个）"]
    assert tables.rows == [
        ("第1个表格", "在“二、主动公开政府信息情况”下，4行×4列：读出二、主动公开6个数字")
    ]
    assert "填入6个空白单元格" in tables.detail
    assert groups["未导入（1处）"].rows == [
        ("文稿开头第1段", "某区人民政府2024年政府信息公开工作年度报告")
    ]
    preview = dialogs.word_previews[0]
    assert preview.import_button.isEnabled()
    assert preview.tree.topLevelItemCount() == len(preview.groups)
    assert opened.read_bytes() == before  # 取消: nothing saved
    assert window.editor.undo.count() == 0


def test_import_saves_each_section_and_the_figures_as_one_undo_step(
    window, opened, dialogs, tmp_path
):
    window.editor.set_text("s6", "原有的其他事项")
    dialogs.docx_paths.append(official(tmp_path / "正文.docx"))
    dialogs.word_imports.append(True)
    window.import_word()
    saved = texts(opened)
    assert saved["s1"].startswith("2024年，我区坚持以公开为常态")
    assert saved["s5"].startswith("一是公开内容不够全面")
    assert saved["s6"] == "本年度未收取信息处理费。"
    assert stored(opened)["s2.normative.in_force"] == "45"
    assert page_of(window, "s5").text.toPlainText() == saved["s5"]
    assert window.tabs.currentWidget() is page_of(window, "s1")
    assert "已从 正文.docx 导入" in window.statusBar().currentMessage()
    groups = groups_of(dialogs)
    assert "替换报告中原有的7字" in groups["六、其他需要报告的事项"].detail
    stack = window.editor.undo
    assert stack.count() == 2 and stack.undoText() == "从Word导入正文（正文.docx）"
    window.undo_action.trigger()
    assert texts(opened) == {"s6": "原有的其他事项"}
    assert stored(opened) == {}
    assert page_of(window, "s1").text.toPlainText() == ""
    window.redo_action.trigger()
    assert texts(opened) == saved


def test_what_is_being_typed_is_saved_first_so_undo_brings_it_back(
    window, opened, dialogs, tmp_path
):
    page = page_of(window, "s1")
    window.tabs.setCurrentWidget(page)
    page.text.setFocus()
    input_method(page.text, "正在输入的总体情况")
    dialogs.docx_paths.append(draft(tmp_path / "正文.docx", [("h1", "一、总体情况"), *S1]))
    dialogs.word_imports.append(True)
    window.import_word()
    assert texts(opened)["s1"].startswith("2024年")
    window.undo_action.trigger()
    assert texts(opened)["s1"] == "正在输入的总体情况"
    assert page.text.toPlainText() == "正在输入的总体情况"


def test_a_draft_the_report_already_has_cannot_be_imported_again(window, opened, dialogs, tmp_path):
    path = draft(tmp_path / "正文.docx", [("h1", "一、总体情况"), *S1])
    dialogs.docx_paths += [path, path]
    dialogs.word_imports += [True, True]
    window.import_word()
    window.import_word()
    second = dialogs.word_previews[1]
    assert not second.import_button.isEnabled()
    assert window.editor.undo.count() == 1


def test_a_file_that_is_no_word_document_is_refused_in_words(window, opened, dialogs, tmp_path):
    path = tmp_path / "正文.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    dialogs.docx_paths.append(path)
    window.import_word()
    [(title, text)] = dialogs.errors
    assert title == "无法读取Word文稿" and "另存为" in text
    assert dialogs.word_previews == []


def test_a_read_only_report_says_why_and_asks_nothing(window, dialogs):
    window.open_sample()
    window.import_word()
    assert "示例报告不能修改" in window.statusBar().currentMessage()
    assert dialogs.folders == []


def test_a_save_that_fails_midway_says_what_was_saved(
    window, opened, dialogs, tmp_path, monkeypatch
):
    session = window.editor.session
    set_text = session.set_text

    def failing(section_id, text):
        if section_id == "s5":
            raise ReportFileError("未能保存到 报告.sqlite：磁盘空间已满。")
        return set_text(section_id, text)

    monkeypatch.setattr(session, "set_text", failing)
    dialogs.docx_paths.append(official(tmp_path / "正文.docx"))
    dialogs.word_imports.append(True)
    window.import_word()
    [(title, text)] = dialogs.errors
    assert title == "导入未完成"
    assert "磁盘空间已满" in text and "已保存：一、总体情况" in text
    assert set(texts(opened)) == {"s1"}
    assert stored(opened) == {}  # the figures come after the sections: not reached
    window.undo_action.trigger()
    assert texts(opened) == {}


def test_a_save_that_fails_at_once_leaves_no_empty_undo_step(
    window, opened, dialogs, tmp_path, monkeypatch
):
    def failing(section_id, text):
        raise ReportFileError("未能保存到 报告.sqlite：磁盘空间已满。")

    monkeypatch.setattr(window.editor.session, "set_text", failing)
    dialogs.docx_paths.append(official(tmp_path / "正文.docx"))
    dialogs.word_imports.append(True)
    window.import_word()
    [(_, text)] = dialogs.errors
    assert "没有保存任何内容" in text
    assert window.editor.undo.count() == 0 and not window.undo_action.isEnabled()
