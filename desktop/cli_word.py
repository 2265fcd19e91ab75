"""`nianbao import 正文.docx -o 报告.sqlite [--unit U --year Y]`: a Word or WPS draft of
the narrative fills 一、五、六 of a report already in the file (the sections the draft has
replace the report's, the others stay), its official tables fill blank cells, all in one
transaction; what went where is printed."""

from __future__ import annotations

import sys

from desktop.core.errors import NianbaoError
from desktop.core.textrules import shown
from desktop.core.values import to_text

EXIT_OK = 0
FIRST_LINE = 40  # characters of a paragraph quoted in what is printed


def import_draft(args, emit_json) -> int:
    """The .docx branch of cmd_import; `emit_json` writes the --json answer."""
    from desktop.core.exchange.narrative import read_draft
    from desktop.core.session import ReportSession

    if args.replace:
        raise NianbaoError(
            "--replace 不用于 Word 文稿：文稿中有的正文部分总是替换报告中的原文，其余保持原样"
        )
    if not args.output.is_file():
        raise NianbaoError(
            f"{shown(str(args.output))} 不存在：Word 文稿的正文只能导入文件中已有的报告，"
            "请先用 nianbao new 新建报告"
        )
    session = ReportSession.open(args.output, args.unit, args.year)
    try:
        report = session.report
        draft = read_draft(args.source, report.form, report.year)
        if draft.empty:
            headings = "”“".join(s.heading for s in report.form.text_sections)
            raise NianbaoError(
                f"{shown(args.source.name)} 中没有找到“{headings}”等标题下的文字，"
                "也没有可读出数字的表格，未写入任何内容"
            )
        before = {s.id: report.text(s.id) for s in report.form.text_sections}
        filling = draft.filling(report)
        if filling.changes:
            session.set_texts(filling.texts, filling.cells)
    finally:
        session.close()
    if args.json:
        emit_json(_json(draft, filling, report))
    else:
        _print(args, draft, filling, report, before)
    return EXIT_OK


def _print(args, draft, filling, report, before: dict[str, str]) -> None:
    print(
        f"已将 {shown(args.source.name)} 导入 {shown(args.output.name)} 中的"
        f"{report.unit} {report.year}年度报告："
    )
    for section in report.form.text_sections:
        part = draft.parts.get(section.id)
        if part is None or section.id not in draft.texts:
            why = "文稿中没有" if part is None else "文稿中这一部分没有可导入的文字"
            print(f"  {section.heading}：{why}，保持原样")
            continue
        count = len(part.paragraphs)
        if section.id in filling.same:
            done = "与报告中的相同，未改动"
        elif before[section.id]:
            done = f"替换了原有的{len(before[section.id])}字"
        else:
            done = "原为空"
        print(f"  {section.heading} ← 文稿“{part.heading}”下{count}段（{done}）")
        print(f"      {_first(part.paragraphs[0])}")
    form = report.form
    for table in draft.tables:
        read = "、".join(f"{form.section(s).heading_short}{n}个数字" for s, n in table.read.items())
        if read:
            size = f"{table.rows}行×{table.columns}列"
            print(f"  {table.place}（“{table.under}”下，{size}）：读出{read}")
    if filling.cells:
        print(f"  表格中的数字填入了{len(filling.cells)}个空白单元格")
    for cell_id, old, new in filling.kept:
        words = form.cells[cell_id].words
        print(f"  未改：{words}：报告中已填{to_text(old)}，文稿中为{to_text(new)}")
    for place, text in draft.left_out:
        print(f"  未导入：{place}：{_first(text)}")
    for note in draft.notes:
        print(f"  {note}")
    for place, message in draft.warnings:
        print(f"  提示：{place}：{message}")
    if not filling.changes:
        print("  报告中已是文稿的内容，没有改动", file=sys.stdout)


def _first(text: str) -> str:
    text = shown(text, limit=None)
    return text if len(text) <= FIRST_LINE else text[: FIRST_LINE - 1] + "…"


def _json(draft, filling, report) -> dict:
    from desktop.core.checks.findings import json_number

    return {
        "written": filling.changes,
        "unit": report.unit,
        "year": report.year,
        "form": report.form.id,
        "sections": {
            section_id: {
                "heading": part.heading,
                "paragraphs": len(part.paragraphs),
                "changed": section_id in filling.texts,
            }
            for section_id, part in draft.parts.items()
            if section_id in draft.texts
        },
        "cells": {c: json_number(v) for c, v in filling.cells.items()},
        "kept": [
            {"cell": c, "report": json_number(old), "draft": json_number(new)}
            for c, old, new in filling.kept
        ],
        "tables": [
            {
                "table": t.number,
                "rows": t.rows,
                "columns": t.columns,
                "under": t.under,
                "read": t.read,
            }
            for t in draft.tables
        ],
        "left_out": [{"place": p, "text": t} for p, t in draft.left_out],
        "notes": draft.notes,
        "warnings": [{"place": p, "message": m} for p, m in draft.warnings],
    }
