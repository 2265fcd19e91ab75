"""The official-format PDF of a report: title, opening paragraph, the six sections with
the officer's text and the official tables, page numbers, and a 草稿 mark on every page of
a draft. The sign-off sheet (签批单) is a PDF of its own (`render_signoff`), or on request
appended after the report with its own page numbers."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
)

from desktop import __version__
from desktop.core.checks.findings import Finding
from desktop.core.errors import NianbaoError
from desktop.core.exports import SIGNOFF_APPEND, SIGNOFF_CHOICES, SIGNOFF_SEPARATE
from desktop.core.pdf import body, closing, page, signoff
from desktop.core.pdf.fonts import FontSet, MissingCharacters, load_fonts
from desktop.core.pdf.styles import (
    BOTTOM,
    LEFT,
    PAGE,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    styles,
)  # fmt: skip
from desktop.core.pdf.tables import section_flowables
from desktop.core.pdf.title import OnGrid, title_lines
from desktop.core.report import Report


@dataclass(frozen=True)
class PdfOptions:
    draft: bool = False
    # The 签批单 (names, phone, signatures): SIGNOFF_SEPARATE (its own PDF, render_signoff;
    # the report carries no personal data), SIGNOFF_APPEND (after the report) or SIGNOFF_NONE.
    signoff: str = SIGNOFF_SEPARATE
    blank_empty: bool = False  # print empty cells blank instead of 0
    centred_numbers: bool = False  # page numbers centred instead of outside (odd right, even left)
    official_fonts: bool = True

    def __post_init__(self):
        if self.signoff not in SIGNOFF_CHOICES:
            raise ValueError(f"signoff must be one of {SIGNOFF_CHOICES}, not {self.signoff!r}")


class PdfRefused(NianbaoError):
    """The final PDF is refused while errors remain; a draft is still possible."""

    def __init__(self, errors: list[Finding]):
        lines = "；".join(f.message for f in errors[:5]) + ("……" if len(errors) > 5 else "")
        super().__init__(f"报告还有 {len(errors)} 处错误，不能生成正式PDF（可生成草稿）：{lines}")
        self.errors = errors


def render(
    report: Report, findings: list[Finding], options: PdfOptions, fonts: FontSet | None = None
) -> bytes:
    """The report; with options.signoff == SIGNOFF_APPEND the 签批单 follows it."""
    fonts = _fonts_for(findings, options, fonts)
    story = _story(report, findings, options, fonts)
    errors = sum(1 for f in findings if f.blocking)  # the draft mark says when there are any
    frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0, id="text")
    decorate = page.decorator(fonts, options, errors=errors)
    templates = [PageTemplate("page", [frame], onPage=decorate)]
    if options.signoff == SIGNOFF_APPEND:
        pages = signoff.page_count(report, findings, fonts, styles(fonts))
        templates += signoff.templates(fonts, options, pages, errors)
    return _build(story, templates, report.title, report, fonts)


def render_signoff(
    report: Report, findings: list[Finding], options: PdfOptions, fonts: FontSet | None = None
) -> bytes:
    """The 签批单 as a document of its own, pages numbered 签批单 第 n 页 共 N 页; refused
    like the report while errors remain, and marked 草稿 in a draft."""
    fonts = _fonts_for(findings, options, fonts)
    _require_glyphs(report, findings, fonts)
    style = styles(fonts)
    pages = signoff.page_count(report, findings, fonts, style)
    story = signoff.sheet(report, findings, fonts, style)
    errors = sum(1 for f in findings if f.blocking)
    templates = signoff.templates(fonts, options, pages, errors)
    return _build(story, templates, f"{report.title}签批单", report, fonts)


def _fonts_for(findings: list[Finding], options: PdfOptions, fonts: FontSet | None) -> FontSet:
    errors = [f for f in findings if f.blocking]
    if errors and not options.draft:
        raise PdfRefused(errors)
    return fonts or load_fonts(options.official_fonts)


def _build(story: list, templates: list, title: str, report: Report, fonts: FontSet) -> bytes:
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=PAGE, title=title, author=report.unit,
        creator=f"nianbao {__version__}", subject="政府信息公开工作年度报告",
        initialFontName=fonts.roles["body"],  # else an unused, unembedded Helvetica is listed
    )  # fmt: skip
    document.addPageTemplates(templates)
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
    story = [OnGrid(Paragraph(title_lines(report.title, fonts, report.unit), style["title"]))]
    story.append(body.paragraph(opening(report), fonts))
    for section in report.form.sections:
        if section.is_text:  # heading and text in one flowable: the heading keeps its text
            story.append(body.section(section.heading, report.text(section.id), fonts))
        else:
            heading = body.heading(section.heading, fonts, style)
            story += section_flowables(heading, section, report, findings, fonts, style, options)
    story[-1:] = closing.attached(story[-1], report, fonts)  # 落款: unit and date
    if options.signoff == SIGNOFF_APPEND:
        story += signoff.appended(report, findings, fonts, style)
    return story


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
