"""从Word导入正文: what goes where, before anything is saved. Each narrative section with
the draft's heading it comes from, its paragraph count, its first lines and whether it
replaces text; the tables found and the figures read; what is left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.core.values import to_text

FIRST_LINES = 3  # paragraphs of a section shown
LINE_CHARS = 60
GREY, RED = QColor("#6b6b6b"), QColor("#8a5300")


@dataclass
class Group:
    """One top-level row: a section, the tables, what is left out, the notes."""

    title: str
    detail: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    quiet: bool = False  # nothing happens to it (greyed)
    warning: bool = False


def groups(draft, filling, report) -> list[Group]:
    """The preview in words (the dialog shows these; tests read them)."""
    found = [_section(draft, filling, report, s) for s in report.form.text_sections]
    if draft.tables or filling.kept:
        found.append(_tables(draft, filling, report))
    tables = tuple(t.place for t in draft.tables)  # said with the tables
    left_out = [(p, t) for p, t in draft.left_out if not p.startswith(tables)]
    if left_out:
        rows = [(place, _short(text)) for place, text in left_out]
        found.append(
            Group(f"未导入（{len(rows)}处）", "文稿中的这些内容不会放进报告", rows, warning=True)
        )
    notes = [("", note) for note in draft.notes] + [(p, _short(m, 80)) for p, m in draft.warnings]
    if notes:
        found.append(Group(f"提示（{len(notes)}条）", "", notes))
    return found


def _section(draft, filling, report, section) -> Group:
    part = draft.parts.get(section.id)
    if part is None:
        return Group(section.heading, "文稿中没有这一部分，报告中的保持原样", quiet=True)
    text = draft.texts.get(section.id)
    if text is None:
        return Group(
            section.heading, f"文稿“{part.heading}”下没有可导入的文字，保持原样", quiet=True
        )
    old = report.text(section.id)
    if section.id in filling.same:
        what = "与报告中的相同，不变"
    elif old:
        what = f"替换报告中原有的{len(old)}字"
    else:
        what = "报告中原为空"
    paragraphs = part.paragraphs
    rows = [(f"第{n}段", _short(line)) for n, line in enumerate(paragraphs[:FIRST_LINES], 1)]
    if len(paragraphs) > FIRST_LINES:
        rows.append(("", f"……另有{len(paragraphs) - FIRST_LINES}段"))
    detail = f"← 文稿“{part.heading}”下{len(paragraphs)}段，{len(text)}字；{what}"
    return Group(section.heading, detail, rows, quiet=section.id in filling.same)


def _tables(draft, filling, report) -> Group:
    form = report.form
    rows = []
    for table in draft.tables:
        where = f"在“{table.under}”下，{table.rows}行×{table.columns}列"
        if table.read:
            read = "、".join(
                f"{form.section(s).heading_short}{n}个数字" for s, n in table.read.items()
            )
            rows.append((table.place, f"{where}：读出{read}"))
        else:
            rows.append((table.place, f"{where}：未导入（{table.why}）"))
    for cell_id, old, new in filling.kept:
        words = form.cells[cell_id].words
        rows.append(("不改", f"{words}：报告中已填{to_text(old)}，文稿中为{to_text(new)}"))
    if filling.cells:
        detail = f"表格中的数字填入{len(filling.cells)}个空白单元格；已填的单元格不改"
    else:
        detail = "没有要填入的数字"
    return Group(f"表格（{len(draft.tables)}个）", detail, rows)


def _short(text: str, limit: int = LINE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WordPreviewDialog(QDialog):
    """导入 saves (and can be undone); 取消 leaves the report as it is."""

    def __init__(self, draft, filling, report, parent=None):
        super().__init__(parent)
        self.groups = groups(draft, filling, report)
        self.setWindowTitle(f"从Word导入正文 — {draft.source}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"从 {draft.source} 导入到 {report.unit}{report.year}年度报告。"
            "下面是文稿中各部分将放到哪里；点“导入”后才保存，导入后可以撤销（Ctrl+Z）。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["报告中", "文稿中"])
        self.tree.setRootIsDecorated(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        for group in self.groups:
            self.tree.addTopLevelItem(_item(group))
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 230)
        layout.addWidget(self.tree, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        if not filling.changes:
            self.import_button.setEnabled(False)
            why = "报告中已是文稿的内容" if draft.texts or draft.cells else "文稿中没有可导入的内容"
            self.import_button.setToolTip(why)
            intro.setText(f"{intro.text()}\n{why}，没有要导入的。")
        self.import_button.setDefault(True)
        layout.addWidget(self.buttons)
        self._fit()

    def _fit(self) -> None:
        screen = QGuiApplication.primaryScreen()
        space = screen.availableGeometry() if screen else None
        width, height = 880, 600
        if space is not None:
            width, height = min(width, space.width() - 40), min(height, space.height() - 80)
        self.resize(width, height)


def _item(group: Group) -> QTreeWidgetItem:
    item = QTreeWidgetItem([group.title, group.detail])
    bold = QFont()
    bold.setBold(True)
    item.setFont(0, bold)
    item.setToolTip(1, group.detail)
    colour = GREY if group.quiet else RED if group.warning else None
    for left, right in group.rows:
        child = QTreeWidgetItem(["", ""])
        child.setText(0, left)
        child.setText(1, right)
        child.setToolTip(1, right)
        if colour is GREY:
            child.setForeground(1, QBrush(GREY))
        item.addChild(child)
    if colour is not None:
        item.setForeground(0, QBrush(colour))
        item.setForeground(1, QBrush(colour))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
