"""The official-format PDF of a report: title, opening paragraph, the six sections with
the officer's text and the official tables, page numbers, an optional sign-off sheet,
and a 草稿 mark on every page of a draft."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from desktop import __version__
from desktop.core.checks.findings import Finding
from desktop.core.errors import NianbaoError
from desktop.core.pdf import body, page, signoff
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
from desktop.core.pdf.title import title_lines
from desktop.core.report import Report


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
    decorate = page.decorator(fonts, options)
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
        heading = body.heading(section.heading, fonts, style)
        if section.is_text:
            story.append(heading)
            story += body.paragraphs(report.text(section.id), fonts, style)
        else:
            story += section_flowables(heading, section, report, findings, fonts, style, options)
    if options.signoff:
        story += [PageBreak(), *signoff.sheet(report, findings, fonts, style)]
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
