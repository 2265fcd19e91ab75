"""Findings follow every edit: marked cells, tab counts, the balance strip, the panel."""

from PySide6.QtCore import Qt

from desktop.ui import palette
from desktop.ui.grid_model import GridModel
from tests.ui.conftest import enter_value, page_of, view_of


def test_an_unbalanced_column_is_marked_in_words_colour_and_icon(qtbot, window, opened):
    enter_value(qtbot, window, "s3.new.natural", "400")
    enter_value(qtbot, window, "s3.granted.natural", "399")
    model: GridModel = view_of(window, "s3.new.natural").grid_model
    index = model.index_of("s3.new.natural")
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "第一项+第二项=400，第三项总计+第四项=399，相差1" in tooltip
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    errors = [m for m in window.findings.messages() if m.startswith("[错误]")]
    assert errors == [
        "[错误] 三、申请情况（自然人）：第一项+第二项=400，第三项总计+第四项=399，相差1",
        "[错误] 三、申请情况（总计）：第一项+第二项=400，第三项总计+第四项=399，相差1",
    ]
    others = len([f for f in window.editor.findings() if f.section == "s3"]) - 2  # notes
    assert window.tabs.tabText(2) == f"三、申请情况（{others + 2}）"
    enter_value(qtbot, window, "s3.granted.natural", "400")
    assert [m for m in window.findings.messages() if m.startswith("[错误]")] == []
    assert window.tabs.tabText(2) == (f"三、申请情况（{others}）" if others else "三、申请情况")
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None


def test_balance_strip_follows_the_typing(qtbot, window, opened):
    strip = page_of(window, "s3").strip
    enter_value(qtbot, window, "s3.new.legal", "5")
    enter_value(qtbot, window, "s3.carried_in.legal", "1")
    enter_value(qtbot, window, "s3.granted.legal", "4")
    columns = dict(
        zip([strip.horizontalHeaderItem(c).text() for c in range(7)], strip.values(), strict=True)
    )
    assert columns["法律服务机构"] == ("6", "4", "2")
    assert columns["总计"] == ("6", "4", "2")
    assert strip.verticalHeaderItem(0).text() == "第一项+第二项"


def test_the_strips_difference_is_the_findings_difference(qtbot, window, opened):
    """Fewer on the left than on the right: the strip says 相差2 as the finding does, not -2."""
    strip = page_of(window, "s3").strip
    enter_value(qtbot, window, "s3.new.natural", "5")
    enter_value(qtbot, window, "s3.granted.natural", "7")
    [finding] = [f for f in window.editor.findings() if f.key == "T3-1:natural"]
    assert "第一项+第二项=5，第三项总计+第四项=7，相差2" in finding.message
    assert strip.values()[0] == ("5", "7", "2") == ("5", "7", str(finding.difference))
    assert strip.item(2, 0).icon() is not None and strip.item(2, 0).background() == palette.ERROR
    enter_value(qtbot, window, "s3.granted.natural", "5")
    assert strip.values()[0] == ("5", "5", "0")
    assert strip.item(2, 0).background() != palette.ERROR


def test_the_strip_is_shown_and_never_takes_the_keyboard(qtbot, window, opened):
    strip = page_of(window, "s3").strip
    assert strip.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert strip.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_clicking_a_finding_selects_its_cell(qtbot, window, opened):
    enter_value(qtbot, window, "s4.review.corrected", "3")
    window.tabs.setCurrentIndex(0)
    enter_value(qtbot, window, "s3.new.research", "1")
    window.tabs.setCurrentIndex(0)
    item = next(
        window.findings.list.item(i)
        for i in range(window.findings.list.count())
        if "科研机构" in window.findings.list.item(i).text()
    )
    rect = window.findings.list.visualItemRect(item)
    qtbot.mouseClick(window.findings.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = view_of(window, "s3.new.research")
    assert window.tabs.currentWidget() is page_of(window, "s3")
    assert view.currentIndex() == view.grid_model.index_of("s3.new.research")


def test_row_help_shows_on_row_labels(window, opened):
    model = view_of(window, "s3.carried_in.natural").grid_model
    label = next(c for c in model.grid.cells if c.text == "二、上年结转政府信息公开申请数量")
    tooltip = model.data(model.index(label.row, label.col), Qt.ItemDataRole.ToolTipRole)
    assert "结转下年度继续办理" in tooltip


def test_derived_cells_look_different_and_are_not_editable(window, opened):
    model = view_of(window, "s3.total.natural").grid_model
    total, typed = model.index_of("s3.total.natural"), model.index_of("s3.new.natural")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(typed) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) != model.data(
        typed, Qt.ItemDataRole.BackgroundRole
    )
