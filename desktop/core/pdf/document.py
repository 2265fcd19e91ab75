"""The official-format PDF of a report: title, opening paragraph, the six sections with
the officer's text and the official tables, page numbers, an optional sign-off sheet,
and a 草稿 mark on every page of a draft."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from desktop import __version__
from desktop.core.checks.findings import Finding
from desktop.core.errors import NianbaoError
from desktop.core.pdf import signoff
from desktop.core.pdf.fonts import FontSet, MissingCharacters, load_fonts
from desktop.core.pdf.styles import (
    BOTTOM,
    LEFT,
    LINE,
    PAGE,
    PAGE_NUMBER_DROP,
    PAGE_NUMBER_SIZE,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    TITLE_SIZE,
    styles,
)  # fmt: skip
from desktop.core.pdf.tables import section_table
from desktop.core.report import Report

RUN_IN = re.compile(r"^（[一二三四五六七八九十]+）[^。]{0,40}?(。|$)")  # （一）… heading, 楷体


@dataclass(frozen=True)
class PdfOptions:
    draft: bool = False
    signoff: bool = True
    blank_empty: bool = False  # print empty cells blank instead of 0
    centred_numbers: bool = False  # page numbers centred instead of outside (odd right, even left)
    official_fonts: bool = True


class PdfRefused(NianbaoError):
    """The final PDF is refused while errors remain; a draft is still possible."""

    def __init__(self, errors: list[Finding]):
        lines = "；".join(f.message for f in errors[:5]) + ("……" if len(errors) > 5 else "")
        super().__init__(f"报告还有 {len(errors)} 处错误，不能生成正式PDF（可生成草稿）：{lines}")
        self.errors = errors


def render(
    report: Report, findings: list[Finding], options: PdfOptions, fonts: FontSet | None = None
) -> bytes:
    errors = [f for f in findings if f.blocking]
    if errors and not options.draft:
        raise PdfRefused(errors)
    fonts = fonts or load_fonts(options.official_fonts)
    story = _story(report, findings, options, fonts)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=PAGE, title=report.title, author=report.unit,
        creator=f"nianbao {__version__}", subject="政府信息公开工作年度报告",
        initialFontName=fonts.roles["body"],  # else an unused, unembedded Helvetica is listed
    )  # fmt: skip
    frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0, id="text")
    decorate = _decorator(fonts, options)
    document.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
    document.build(story)
    return buffer.getvalue()


def opening(report: Report) -> str:
    form = report.form
    parts = "、".join(s.title for s in form.sections)
    return (
        f"本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
        f"《{form.title}》（{form.notice}）编制，由{parts}六部分组成。"
        f"本报告中所列数据的统计期限为{report.year}年1月1日至{report.year}年12月31日。"
    )


def _story(report: Report, findings: list[Finding], options: PdfOptions, fonts: FontSet) -> list:
    style = styles(fonts)
    _require_glyphs(report, findings, fonts)
    story = [Paragraph(title_lines(report.title, fonts, report.unit), style["title"])]
    story.append(Paragraph(fonts.markup(opening(report), "body"), style["body"]))
    for section in report.form.sections:
        heading = Paragraph(fonts.markup(section.heading, "heading1"), style["heading1"])
        if section.is_text:
            story.append(heading)
            story += [
                _paragraph(text, fonts, style) for text in _paragraphs(report.text(section.id))
            ]
        else:
            # A table starts on the page of its heading; one taller than a page still splits
            # between rows, its header repeated.
            table = section_table(section, report, fonts, style["cell"], options.blank_empty)
            declared = [
                _paragraph(f"{text}。", fonts, style) for text in _declared(report, section)
            ]
            story.append(KeepTogether([heading, *declared, Spacer(0, LINE / 4), table]))
            story.append(Spacer(0, LINE / 2))
    if options.signoff:
        story += [PageBreak(), *signoff.sheet(report, findings, fonts, style)]
    return story


def _declared(report: Report, section) -> list[str]:
    """What the unit declared for this section (本年度未收到政府信息公开申请), as declared."""
    return [
        report.declarations[d.id]
        for d in report.form.declarations
        if d.section == section.id and d.id in report.declarations
    ]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraph(text: str, fonts: FontSet, style) -> Paragraph:
    """Body text; a leading （一）… sub-heading is set in 楷体 (GB/T 9704 7.3.3)."""
    match = RUN_IN.match(text)
    if not match:
        return Paragraph(fonts.markup(text, "body"), style["body"])
    head, rest = text[: match.end()], text[match.end() :]
    markup = f'<font face="{fonts.roles["heading2"]}">{fonts.markup(head, "heading2")}</font>'
    return Paragraph(markup + fonts.markup(rest, "body"), style["body"])


def title_lines(title: str, fonts: FontSet, unit: str = "") -> str:
    """One line when it fits; else the unit over “{year}年政府信息公开工作年度报告”, as
    published reports break it, the unit itself in balanced lines if it is too long.
    Centred, so uneven lines form a 梯形; a number is never broken."""
    font = fonts.roles["title"]

    def fits(text: str) -> bool:
        return stringWidth(text, font, TITLE_SIZE) <= TEXT_WIDTH

    if fits(title):
        return fonts.markup(title, "title")
    head, rest = (unit, title[len(unit) :]) if unit and title.startswith(unit) else ("", title)
    count = 1
    while not all(fits(line) for line in _balanced(head, count)):
        count += 1
    lines = [*_balanced(head, count), rest] if head else _balanced(rest, 2)
    return "<br/>".join(fonts.markup(line, "title") for line in lines)


def _balanced(text: str, count: int) -> list[str]:
    size = -(-len(text) // count)
    return [text[i : i + size] for i in range(0, len(text), size)]


def _require_glyphs(report: Report, findings: list[Finding], fonts: FontSet) -> None:
    """Refuse before drawing anything if some character has no font at all."""
    texts = [report.title, report.unit, *report.texts.values(), *report.meta.values()]
    texts += [f.message + f.explanation for f in findings]
    missing = sorted(set().union(*(fonts.missing(t) for t in texts)))
    if missing:
        chars = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing[:10])
        raise MissingCharacters(
            f"以下字符在本机和软件自带的字体中都没有，打印会缺字：{chars}。请改用常用字或安装含该字的字体。"
        )


def _decorator(fonts: FontSet, options: PdfOptions):
    number_font, mark_font = fonts.roles["song"], fonts.roles["heading1"]

    def decorate(canvas, document) -> None:
        canvas.saveState()
        page = canvas.getPageNumber()
        text = f"— {page} —"
        y = BOTTOM - PAGE_NUMBER_DROP - PAGE_NUMBER_SIZE * 0.8
        canvas.setFont(number_font, PAGE_NUMBER_SIZE)
        if options.centred_numbers:
            canvas.drawCentredString(LEFT + TEXT_WIDTH / 2, y, text)
        elif page % 2:  # odd pages: right, one character in (居右空一字)
            canvas.drawRightString(LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE, y, text)
        else:
            canvas.drawString(LEFT + PAGE_NUMBER_SIZE, y, text)
        if options.draft:
            _draft_mark(canvas, mark_font)
        canvas.restoreState()

    return decorate


def _draft_mark(canvas, font: str) -> None:
    canvas.setFillGray(0.35)
    canvas.setFont(font, 12)
    canvas.drawString(LEFT, PAGE[1] - 20 * mm, "草稿　存在未解决的错误，仅供核对，不得作为正式报告")
    canvas.setFillGray(0.85)
    canvas.setFont(font, 110)
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -40, "草稿")
