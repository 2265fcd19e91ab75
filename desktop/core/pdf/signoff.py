"""The sign-off sheet (签批单): who filled, reviewed and approved the report, the check
summary with explanations, and the data fingerprint that ties the paper to the file.

It carries names, a phone number and signatures, so it is a document of its own: made as
a separate PDF by default, or appended after the report on a fresh sheet of paper (an
unnumbered blank page fills the back of the report's last sheet when needed). Either way
its pages are numbered on their own (签批单 第 1 页 共 1 页), never as report pages.

Blanks to be filled in by hand are drawn rules of a fixed width, never underscores or
spaces (which print as separate dashes or collapse to nothing), and every cell's text is
kept inside its borders.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable

from desktop.core.checks.findings import SEVERITY_WORDS, Finding
from desktop.core.interchange import fingerprint
from desktop.core.pdf import page
from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import (
    BOTTOM,
    LEFT,
    PAGE,
    TEXT_HEIGHT,
    TEXT_WIDTH,
)
from desktop.core.report import META_FIELDS, Report

TITLE = "政府信息公开工作年度报告签批单"
NOTICE = "（内部审批用，不随报告公开）"
SIZE = 10.5  # 五号, as the other cells
LABEL_WIDTH = TEXT_WIDTH * 0.18
# Blank widths: room to write by hand.
SIGNATURE = 30 * mm
YEAR, MONTH, DAY = 12 * mm, 8 * mm, 8 * mm
GAP = SIZE * 1.5  # between a line's groups
FILL_LEADING = 28  # a filled-in line: room above its rule for handwriting
OPINION_ROOM = 30 * mm  # the approver's opinion, written by hand
RULE_WIDTH = 0.6
NUMBER_SIZE = 12
LONG_NAME = 12  # characters: a longer name goes on a line of its own
TEMPLATE, BLANK_TEMPLATE = "signoff", "blank"


def sheet(report: Report, findings: list[Finding], fonts: FontSet, style) -> list:
    """The sheet's flowables: title, notice and the table."""
    # A right indent of one character: reportlab lets closing punctuation hang past a
    # line's end (挤进), and in a cell that would run over the border.
    left = ParagraphStyle("signoff_left", parent=style["cell_left"], rightIndent=SIZE)
    small = ParagraphStyle("signoff_small", parent=left, fontSize=9, leading=12)

    def p(text: str, s=left) -> Paragraph:
        return Paragraph("<br/>".join(fonts.markup(line, "song") for line in text.split("\n")), s)

    def label(text: str) -> Paragraph:  # short words without punctuation
        return p(text, style["cell"])

    meta = report.meta
    rows = [
        [label("报告"), p(report.title)],
        [label("报告年度"), p(f"{report.year}年度（{report.form.name}，{report.form.notice}）")],
        [label("勾稽关系检查"), p(_counts(findings))],
    ]
    for finding in findings:  # a row each, so that a long summary goes on between them
        # The officer's explanation under its finding: the signer sees why it stands.
        note = f"\n说明：{finding.explanation}" if finding.explanation else ""
        rows.append(["", p(f"[{SEVERITY_WORDS[finding.severity]}] {finding.message}{note}")])
    summary = range(2, len(rows))
    if report.previous is not None:  # where last year's figures came from, and corrections
        rows.append([label("上年数据"), p("\n".join(report.previous.lines()))])
    note = "与报告文件核对用：nianbao show 显示同一指纹"
    rows.append([label("数据指纹"), [p(fingerprint(report)), p(note, small)]])
    signing = len(rows)
    rows.append([label("填报人"), _person(meta.get("preparer", ""), meta.get("prepared_on", ""), p, fonts)])  # fmt: skip
    if phone := meta.get("phone"):
        rows.append([label(META_FIELDS["phone"]), p(phone)])
    rows.append([label("审核人"), _person(meta.get("reviewer", ""), meta.get("reviewed_on", ""), p, fonts)])  # fmt: skip
    opinion = [
        p("意见："),
        Spacer(0, OPINION_ROOM),
        FillIn([_signature(), _date("")], fonts, "right"),
    ]
    rows.append([label("签批意见"), opinion])
    table = Table(rows, colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH])
    table.setStyle(_table_style(len(rows), summary, signing))
    notice = ParagraphStyle("signoff_notice", parent=style["cell"], spaceAfter=10)
    return [
        Paragraph(fonts.markup(TITLE, "heading1"), style["signoff_title"]),
        Paragraph(fonts.markup(NOTICE, "song"), notice),
        table,
    ]


def _table_style(count: int, summary: range, signing: int) -> TableStyle:
    """Full grid, except that the summary's rows (counts, then a row per finding) read as
    one cell; the rows to be signed are never split from each other."""
    commands = [
        ("BOX", (0, 0), (-1, -1), 0.5, "black"),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, summary.start), (0, summary.stop - 1), "TOP"),
        ("VALIGN", (1, -1), (1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, summary.start + 1), (-1, summary.stop - 1), 2),
        ("BOTTOMPADDING", (0, summary.start), (-1, summary.stop - 2), 2),
        ("NOSPLIT", (0, signing), (-1, -1)),
        # Closed on both pages where the table goes on to the next page.
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, "black"),
        ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), 0.5, "black"),
    ]
    commands += [
        ("LINEBELOW", (0, row), (-1, row), 0.5, "black")
        for row in range(count - 1)
        if row not in summary[:-1]
    ]
    return TableStyle(commands)


def _person(name: str, date: str, p, fonts: FontSet) -> list:
    """Name (or a blank for it), signature and date on one line where they fit; a long
    name on a line of its own above them."""
    if len(name) > LONG_NAME:
        return [p(name), FillIn([_signature(), _date(date)], fonts)]
    who = [name] if name else ["姓名：", Blank(24 * mm)]
    return [FillIn([who, _signature(), _date(date)], fonts)]


def _signature() -> list:
    return ["签名：", Blank(SIGNATURE)]


def _date(known: str) -> list:
    if known:
        return [f"日期：{known}"]
    return ["日期：", Blank(YEAR), "年", Blank(MONTH), "月", Blank(DAY), "日"]


def _counts(findings: list[Finding]) -> str:
    if not findings:
        return "错误 0 处，提示 0 处（未发现问题）"
    errors = sum(1 for f in findings if f.is_error)
    explained = sum(1 for f in findings if f.is_error and not f.blocking)
    warnings = len(findings) - errors
    note = f"（其中 {explained} 处已填写说明）" if explained else ""
    return f"错误 {errors} 处{note}，提示 {warnings} 处"


class Blank(float):
    """A blank of this width (pt) to be filled in by hand: drawn as one continuous rule."""


class FillIn(Flowable):
    """Words and blanks of a form, in groups kept together on a line ("签名：____",
    "日期：____年__月__日"); groups go on to a further line when the cell is too narrow.
    Each character is drawn in the first font that has it."""

    def __init__(self, groups: list[list], fonts: FontSet, align: str = "left"):
        super().__init__()
        self.groups, self.fonts, self.align = groups, fonts, align
        self.lines: list[list[list]] = []

    def _width(self, group: list) -> float:
        return sum(
            item if isinstance(item, Blank) else sum(self._char_width(ch) for ch in item)
            for item in group
        )

    def _char_width(self, char: str) -> float:
        return stringWidth(char, self._font(char), SIZE)

    def _font(self, char: str) -> str:
        return self.fonts.font_for("song", char) or self.fonts.roles["song"]

    def wrap(self, available_width, available_height):
        self.lines, used = [[]], 0.0
        for group in self.groups:
            width = self._width(group)
            if self.lines[-1] and used + GAP + width > available_width:
                self.lines.append([])
                used = 0.0
            used += (GAP if self.lines[-1] else 0) + width
            self.lines[-1].append(group)
        self.width = available_width
        self.height = FILL_LEADING * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(RULE_WIDTH)
        for number, line in enumerate(self.lines):
            baseline = self.height - FILL_LEADING * (number + 1) + SIZE * 0.4
            length = sum(self._width(g) for g in line) + GAP * (len(line) - 1)
            x = self.width - length if self.align == "right" else 0.0
            for group in line:
                for item in group:
                    if isinstance(item, Blank):
                        canvas.line(x, baseline - 2, x + item, baseline - 2)
                        x += item
                        continue
                    for char in item:
                        canvas.setFont(self._font(char), SIZE)
                        canvas.drawString(x, baseline, char)
                        x += self._char_width(char)
                x += GAP


# -- as a document of its own, or after the report -------------------------------------------


def frame() -> Frame:
    return Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0, id="signoff")


def templates(fonts: FontSet, options, total: int, errors: int = 0) -> list[PageTemplate]:
    """The sheet's page template (its own numbering, 签批单 第 n 页 共 total 页) and the
    unnumbered blank page that may precede it after the report."""
    return [
        PageTemplate(TEMPLATE, [frame()], onPage=decorator(fonts, options, total, errors)),
        PageTemplate(BLANK_TEMPLATE, [frame()], onPage=blank_decorator(fonts, options, errors)),
    ]


def decorator(fonts: FontSet, options, total: int, errors: int = 0):
    first: list[int] = []  # the document's page number of the sheet's first page

    def decorate(canvas, document) -> None:
        number = canvas.getPageNumber()
        if not first:
            first.append(number)
        canvas.saveState()
        text = f"签批单　第 {number - first[0] + 1} 页　共 {total} 页"
        canvas.setFont(fonts.roles["song"], NUMBER_SIZE)
        y = page.number_baseline(fonts, NUMBER_SIZE)
        canvas.drawCentredString(LEFT + TEXT_WIDTH / 2, y, text)
        if options.draft:
            page.draft_mark(canvas, fonts.roles["heading1"], errors)
        canvas.restoreState()

    return decorate


def blank_decorator(fonts: FontSet, options, errors: int = 0):
    def decorate(canvas, document) -> None:  # a blank page is not numbered (GB/T 9704 7.5)
        if options.draft:
            canvas.saveState()
            page.draft_mark(canvas, fonts.roles["heading1"], errors)
            canvas.restoreState()

    return decorate


def appended(report: Report, findings: list[Finding], fonts: FontSet, style) -> list:
    """The sheet after the report: it starts on the front of a new sheet of paper."""
    return [_ToFrontSide(), _PastBlank(), *sheet(report, findings, fonts, style)]


class _ToFrontSide(ActionFlowable):
    """Ends the report's last page. Ending on an odd page (a front side) the next page is
    that sheet's back: it is left blank, so double-sided the 签批单 is a paper of its own."""

    def apply(self, doc) -> None:
        doc.handle_nextPageTemplate(BLANK_TEMPLATE if doc.page % 2 else TEMPLATE)
        doc.handle_pageBreak()


class _PastBlank(ActionFlowable):
    def apply(self, doc) -> None:
        if doc.pageTemplate.id == BLANK_TEMPLATE:
            doc.handle_nextPageTemplate(TEMPLATE)
            doc.handle_pageBreak()


def page_count(report: Report, findings: list[Finding], fonts: FontSet, style) -> int:
    """How many pages the sheet takes (laid out once, to number its pages 共 N 页)."""
    import io

    document = BaseDocTemplate(io.BytesIO(), pagesize=PAGE)
    document.addPageTemplates([PageTemplate(TEMPLATE, [frame()])])
    document.build(sheet(report, findings, fonts, style))
    return document.page
