"""Report information: which report (switch with one click), its unit, year and format
with 更改或删除本报告 (更改单位名称…, 更改年度…, 删除本报告…), and the sign-off fields 填报人, 联系电话,
审核人 (saved when left; a value the core refuses stays in its field with the reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InputError
from desktop.core.report import META_FIELDS, checked_meta
from desktop.ui.editing import ReportEditor

SHOWN_META = ("preparer", "phone", "reviewer")
INFO_ROLE = Qt.ItemDataRole.UserRole + 3
REPORT_LIST_HEIGHT = 160
REFUSED_STYLE = "QLineEdit { border: 2px solid #b00020; }"


class ReportPanel(QWidget):
    reportChosen = Signal(object)  # ReportInfo
    renameRequested = Signal()
    yearRequested = Signal()
    deleteRequested = Signal()
    messageShown = Signal(str)  # a refusal at a field, for the status bar too

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("本文件中的报告（单击切换）"))
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        self.reports.itemClicked.connect(self._chosen)
        self.reports.setMaximumHeight(REPORT_LIST_HEIGHT)  # the fields below stay in view
        layout.addWidget(self.reports)
        form = QFormLayout()
        self.unit, self.year, self.form = QLabel(), QLabel(), QLabel()
        self.last_year = QLabel()  # where last year's figures come from, and corrections
        for label in (self.unit, self.year, self.form, self.last_year):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("单位", self.unit)
        form.addRow("年度", self.year)
        form.addRow("格式", self.form)
        form.addRow("上年", self.last_year)
        layout.addLayout(form)
        self.manage = self._setup_button()
        layout.addWidget(self.manage)
        meta = QFormLayout()
        self.meta: dict[str, QLineEdit] = {}
        for name in SHOWN_META:
            edit = QLineEdit()
            edit.setObjectName(f"meta_{name}")
            edit.editingFinished.connect(lambda name=name: self._meta_edited(name))
            self.meta[name] = edit
            meta.addRow(META_FIELDS[name], edit)
        self.meta["phone"].setPlaceholderText("如 020-12345678 转 123")
        layout.addLayout(meta)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.refused: dict[str, str] = {}  # field name: why its text was not saved
        self.editor: ReportEditor | None = None

    def _setup_button(self) -> QPushButton:
        """One button with a menu: the panel stays narrow enough for 三 to fit beside it."""
        button = QPushButton("更改或删除本报告")
        menu = QMenu(button)
        self.rename_action = menu.addAction("更改单位名称…", self.renameRequested.emit)
        self.year_action = menu.addAction("更改年度…", self.yearRequested.emit)
        menu.addSeparator()
        self.delete_action = menu.addAction("删除本报告…", self.deleteRequested.emit)
        button.setMenu(menu)
        return button

    def show_editor(self, editor: ReportEditor, infos) -> None:
        self.editor = editor
        editor.metaChanged.connect(self._meta_changed)
        editor.cellsChanged.connect(self.show_last_year)  # a correction or its undo
        for name, edit in self.meta.items():
            edit.setText(editor.report.meta.get(name, ""))
            edit.setReadOnly(editor.readonly)
            self._mark(name, None)
        self.manage.setEnabled(not editor.readonly)
        self.refresh(infos)

    def refresh(self, infos) -> None:
        """The list of reports and the identity of the one on screen (after a rename)."""
        report = self.editor.report
        self.unit.setText(report.unit)
        self.year.setText(f"{report.year}年度")
        self.form.setText(f"{report.form.name}\n{report.form.notice}")
        self.show_last_year()
        self.reports.clear()
        for info in infos:
            item = QListWidgetItem(f"{info.unit}　{info.year}年度")
            item.setData(INFO_ROLE, info)
            self.reports.addItem(item)
            if info.id == self.editor.session.info.id:
                self.reports.setCurrentItem(item)

    def show_last_year(self) -> None:
        record, last = self.editor.report.previous, self.editor.session.prev
        if record is not None:
            text = "\n".join(line.split("：", 1)[1] for line in record.lines()[:1])
            text += f"\n已更正 {len(record.corrections)} 项" if record.corrections else ""
        else:
            text = f"本文件中的{last.year}年度报告" if last is not None else "无（不作跨年检查）"
        self.last_year.setText(text)

    def clear(self) -> None:
        """The report has gone (file closed): nothing here may save into it any more."""
        self.editor = None
        self.reports.clear()
        for name, edit in self.meta.items():
            edit.clear()
            self._mark(name, None)

    def _chosen(self, item: QListWidgetItem) -> None:
        info = item.data(INFO_ROLE)
        if self.editor is None or info.id != self.editor.session.info.id:
            self.reportChosen.emit(info)

    # -- the sign-off fields ---------------------------------------------------------

    def commit(self) -> list[str]:
        """Save every field whose text is not what is stored (before the report goes);
        returns why any of them could not be saved."""
        for name in self.meta:
            self._meta_edited(name)
        return [self.refused[name] for name in self.meta if name in self.refused]

    def _meta_edited(self, name: str) -> None:
        editor = self.editor
        if editor is None or editor.readonly:
            return
        text = self.meta[name].text()
        if text.strip() == editor.report.meta.get(name, "") and name not in self.refused:
            return
        try:
            value = checked_meta(name, text)
        except InputError as error:
            self._mark(name, str(error))
            self.messageShown.emit(str(error))
            return
        if editor.set_meta(name, value):
            self._mark(name, None)
            self.meta[name].setText(editor.report.meta.get(name, ""))
        else:  # the save failed: the window says why; the text stays for another try
            self._mark(name, f"{META_FIELDS[name]}未能保存")

    def _mark(self, name: str, problem: str | None) -> None:
        """A refused field keeps its text, framed red, with the reason under the fields."""
        if problem is None:
            self.refused.pop(name, None)
        else:
            self.refused[name] = problem
        edit = self.meta[name]
        edit.setStyleSheet(REFUSED_STYLE if problem else "")
        edit.setToolTip(problem or "")
        self.problem.setText("\n".join(self.refused.values()))
        self.problem.setVisible(bool(self.refused))

    def _meta_changed(self, name: str) -> None:
        if name in self.meta and self.editor is not None:
            self.meta[name].setText(self.editor.report.meta.get(name, ""))
            self._mark(name, None)
