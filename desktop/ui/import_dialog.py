"""What an import read, before anything is written: the format, unit and year it
recognised, how many figures it read, every place it could not read (or kept blank
instead of 0), the published totals that differ, and anything that stops the import;
then where the report goes. One dialog for every file `read_any` reads."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.core.interchange import ImportResult

NEW_FILE, ADD, REPLACE = "new", "add", "replace"


@dataclass(frozen=True)
class OpenFile:
    """The report file open in the window, as far as an import needs it."""

    name: str
    writable: bool
    has_report: bool  # it already holds a report of the imported unit and year


@dataclass(frozen=True)
class ImportSummary:
    """The result in words, grouped as the dialog shows it (tests read it too)."""

    source: str
    facts: list[tuple[str, str]]
    rejected: list[str]
    unread: list[tuple[str, str]]  # rows and figures not read, with their places
    blanks: list[tuple[str, str]]  # cells printed as -, / or blank: kept empty, not 0
    discrepancies: list[str]
    notes: list[str]

    @classmethod
    def of(cls, result: ImportResult, source: str) -> ImportSummary:
        from desktop.core.exchange.published.pieces import BLANK_KEPT

        report = result.report
        notes = list(result.notes)
        layout = _take(notes, "读作")
        recognised = _take(notes, "识别为")
        from_title = _take(notes, "单位和年度取自标题")
        read = f"{len(result.imported)}个单元格" if result.imported else "没有读到数字"
        if result.discrepancies:
            read += f"；{len(result.discrepancies)}个公布的合计与明细不符，按公布值保留"
        texts = "、".join(s.heading for s in report.form.text_sections if report.texts.get(s.id))
        facts = [
            ("来源文件", f"{source}（{layout[2:]}）" if layout else source),
            ("单位名称", report.unit + ("（取自标题）" if from_title else "")),
            ("报告年度", f"{report.year}年度"),
            ("报告格式", recognised or f"{report.form.name}（{report.form.notice}）"),
            ("读入的数字", read + "；合计栏由软件计算"),
            ("读入的正文", texts or "无"),
        ]
        return cls(
            source=source,
            facts=facts,
            rejected=[message for _, message in result.rejected],
            unread=[w for w in result.warnings if BLANK_KEPT not in w[1]],
            blanks=[w for w in result.warnings if BLANK_KEPT in w[1]],
            discrepancies=[d.line() for d in result.discrepancies],
            notes=notes,
        )

    def as_text(self) -> str:
        """Plain text for the clipboard (to send to whoever published the report)."""
        lines = [f"{name}：{value}" for name, value in self.facts]
        for title, items in self._groups():
            if items:
                lines += ["", title] + [f"  {_line(item)}" for item in items]
        return "\n".join(lines)

    def _groups(self):
        """(title, items) in the order shown; an item is a line or (place, message)."""
        return (
            (f"不能导入（{len(self.rejected)}处）", self.rejected),
            (f"未能读取，请对照原件补填（{len(self.unread)}处）", self.unread),
            (
                f"公布的合计与明细不符（{len(self.discrepancies)}处，按公布值保留）",
                self.discrepancies,
            ),
            (f"印为“-”“/”或空白，留空而未当作0（{len(self.blanks)}行）", self.blanks),
            (f"读取说明（{len(self.notes)}条）", self.notes),
        )


def _take(notes: list[str], prefix: str) -> str:
    """The first note starting with prefix, taken out of the list ("" when none)."""
    for note in notes:
        if note.startswith(prefix):
            notes.remove(note)
            return note
    return ""


class ImportDialog(QDialog):
    """The summary and the choice of where the report goes; 导入 is disabled while
    anything is rejected (an import is all or nothing)."""

    def __init__(self, result: ImportResult, source: str, open_file: OpenFile | None, parent=None):
        super().__init__(parent)
        self.summary = ImportSummary.of(result, source)
        report = result.report
        self.setWindowTitle(f"导入 — {source}")
        layout = QVBoxLayout(self)
        facts = QFormLayout()
        for name, value in self.summary.facts:
            label = QLabel(value)
            label.setWordWrap(True)
            facts.addRow(f"{name}：", label)
        layout.addLayout(facts)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setHtml(_details_html(self.summary))
        layout.addWidget(self.details, 1)
        self.destination = self._destinations(report, open_file)
        layout.addWidget(self.destination_box)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        copy = self.buttons.addButton("复制说明", QDialogButtonBox.ButtonRole.ActionRole)
        cancel = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        copy.clicked.connect(self.copy_summary)
        cancel.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.accept)
        self.import_button.setEnabled(result.ok)
        if not result.ok:
            self.import_button.setToolTip("有不能导入的数据，须先改正来源文件")
            self.destination_box.setEnabled(False)
        layout.addWidget(self.buttons)
        self.resize(760, 620)

    def _destinations(self, report, open_file: OpenFile | None) -> QButtonGroup:
        self.destination_box = QGroupBox("导入到")
        column = QVBoxLayout(self.destination_box)
        group = QButtonGroup(self.destination_box)
        name = f"{report.unit}{report.year}年度报告"
        choices = [
            (NEW_FILE, "新的报告文件（下一步选择文件名；选已有的报告文件，则添加到其中）", True)
        ]
        if open_file is not None:
            can_write = open_file.writable
            choices += [
                (
                    ADD,
                    f"当前打开的文件 {open_file.name}，作为其中新的一份报告",
                    can_write and not open_file.has_report,
                ),
                (
                    REPLACE,
                    f"当前打开的文件 {open_file.name}，替换其中的{name}"
                    "（原有的数字、正文和说明都被替换，不能撤销）",
                    can_write and open_file.has_report,
                ),
            ]
        self.choice_buttons = {}
        for number, (key, text, enabled) in enumerate(choices):
            button = QRadioButton(text)
            button.setEnabled(enabled)
            group.addButton(button, number)
            column.addWidget(button)
            self.choice_buttons[key] = button
        preferred = (
            ADD if ADD in self.choice_buttons and self.choice_buttons[ADD].isEnabled() else NEW_FILE
        )
        self.choice_buttons[preferred].setChecked(True)
        return group

    def choice(self) -> str:
        return next(k for k, b in self.choice_buttons.items() if b.isChecked())

    def choose(self, key: str) -> None:
        self.choice_buttons[key].setChecked(True)

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary.as_text())


def _line(item) -> str:
    return f"{item[0]}：{item[1]}" if isinstance(item, tuple) else item


def _details_html(summary: ImportSummary) -> str:
    colours = ("#b3261e", "#b3261e", "#8a5300", "#8a5300", "#444444")
    parts = []
    for (title, items), colour in zip(summary._groups(), colours, strict=True):
        if not items:
            continue
        parts.append(
            f'<p style="margin:8px 0 2px 0"><b style="color:{colour}">{html.escape(title)}</b></p>'
        )
        parts.append("<ul style='margin:0'>")
        for item in items:
            if isinstance(item, tuple):
                place, message = (html.escape(x) for x in item)
                parts.append(f"<li><b>{place}</b><br>{message}</li>")
            else:
                parts.append(f"<li>{html.escape(item)}</li>")
        parts.append("</ul>")
    if not parts:
        parts.append("<p>全部读入，没有需要说明的地方。</p>")
    return "".join(parts)


@dataclass(frozen=True)
class ImportChoice:
    where: str  # NEW_FILE, ADD or REPLACE
    path: object = None  # the report file for NEW_FILE


IMPORT_KINDS = {
    "excel": ("从Excel导入", "Excel 工作簿 (*.xlsx);;所有文件 (*)"),
    "published": (
        "导入已发布的年报",
        "已发布的年报 (*.txt *.html *.htm *.md *.pdf *.docx);;所有文件 (*)",
    ),
}


def ask_import_path(parent, kind: str, folder) -> object:
    """The file to import (Excel, or a published report as text, web page or PDF)."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.dialogs import start_path

    title, filters = IMPORT_KINDS[kind]
    path, _ = QFileDialog.getOpenFileName(parent, title, start_path(folder), filters)
    return Path(path) if path else None


def ask_import(parent, result: ImportResult, source: str, open_file, folder) -> ImportChoice | None:
    """The dialog, then for a new file where to save it; None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.dialogs import ADD_TO_EXISTING, FILE_FILTER, report_path, start_path

    dialog = ImportDialog(result, source, open_file, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    where = dialog.choice()
    if where != NEW_FILE:
        return ImportChoice(where)
    report = result.report
    path, _ = QFileDialog.getSaveFileName(
        parent,
        "导入：保存到（选已有的报告文件，则添加到该文件中）",
        start_path(folder, f"{report.unit}{report.year}年度报告.sqlite"),
        FILE_FILTER,
        options=ADD_TO_EXISTING,
    )
    return ImportChoice(NEW_FILE, report_path(path)) if path else None
