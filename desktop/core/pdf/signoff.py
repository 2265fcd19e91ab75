"""The sign-off sheet: who filled, reviewed and approved the report, the check summary
with explanations, and the data fingerprint that ties the paper to the file."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table, TableStyle

from desktop.core.checks.findings import SEVERITY_WORDS, Finding
from desktop.core.interchange import fingerprint
from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import TEXT_WIDTH
from desktop.core.report import META_FIELDS, Report

BLANK_DATE = "　　　　年　　月　　日"


def sheet(report: Report, findings: list[Finding], fonts: FontSet, style) -> list:
    cell, left = style["cell"], style["cell_left"]

    def p(text: str, s=left) -> Paragraph:
        return Paragraph("<br/>".join(fonts.markup(line, "song") for line in text.split("\n")), s)

    summary = [p(_counts(findings))]
    for finding in findings:
        # The officer's explanation under its finding: the signer sees why it stands.
        note = f"\n说明：{finding.explanation}" if finding.explanation else ""
        summary.append(p(f"[{SEVERITY_WORDS[finding.severity]}] {finding.message}{note}"))
    rows = [
        [p("报告", cell), p(report.title)],
        [p("报告年度", cell), p(f"{report.year}年度（{report.form.name}，{report.form.notice}）")],
        [p("勾稽关系检查", cell), summary],
        [
            p("数据指纹", cell),
            p(f"{fingerprint(report)}（与报告文件核对用：nianbao show 显示同一指纹）"),
        ],
    ]
    for role, name in (("填报人", "preparer"), ("审核人", "reviewer")):
        known = report.meta.get(name, "")
        rows.append([p(role, cell), p(f"{known}　　签名：＿＿＿＿＿＿　　日期：{BLANK_DATE}")])
    if phone := report.meta.get("phone"):
        rows.append([p(META_FIELDS["phone"], cell), p(phone)])
    rows.append([p("签批", cell), p(f"\n意见：\n\n签名：＿＿＿＿＿＿　　日期：{BLANK_DATE}")])
    table = Table(rows, colWidths=[TEXT_WIDTH * 0.18, TEXT_WIDTH * 0.82])
    table.setStyle(
        TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), fonts.roles["song"]),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 40),
        ])
    )  # fmt: skip
    title = "政府信息公开工作年度报告签批单"
    return [Paragraph(fonts.markup(title, "heading1"), style["signoff_title"]), table]


def _counts(findings: list[Finding]) -> str:
    if not findings:
        return "错误 0 处，提示 0 处（未发现问题）"
    errors = sum(1 for f in findings if f.is_error)
    explained = sum(1 for f in findings if f.is_error and not f.blocking)
    warnings = len(findings) - errors
    note = f"（其中 {explained} 处已填写说明）" if explained else ""
    return f"错误 {errors} 处{note}，提示 {warnings} 处"
