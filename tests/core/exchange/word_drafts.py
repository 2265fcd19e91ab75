"""Word drafts built with python-docx for the tests, as officers write them: headings
in Word's heading styles, as bold lines or as plain numbered lines, numbered by hand or
by a Chinese list, sub-headings （一）, tables, tracked changes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# (kind, content): title, h1 (Heading 1), bold, p (plain), list1 / list2 (a Chinese
# numbered list, levels 一、 and （一）), table (rows), ins / del (tracked revisions).
Block = tuple[str, object]

S1 = [
    ("p", "　　2024年，我区坚持以公开为常态、不公开为例外，全面推进政务公开。"),
    ("p", "（一）统筹谋划，夯实政务公开基础。制定年度工作要点，明确任务分工。"),
    ("p", "(二)主动公开"),
    ("p", "全年主动公开政府信息1234条。"),
]
S5 = [("p", "一是公开内容不够全面。二是解读形式较为单一。下一步将加强培训。")]
S6 = [("p", "本年度未收取信息处理费。")]

S2_TABLE = [
    ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "12", "3", "45"],
]


def draft(path: Path, blocks: list[Block]) -> Path:
    document = docx.Document()
    numbering = None
    for kind, content in blocks:
        if kind == "title":
            document.add_paragraph(content, style="Title")
        elif kind == "h1":
            document.add_heading(content, level=1)
        elif kind == "h2":
            document.add_heading(content, level=2)
        elif kind == "bold":
            document.add_paragraph().add_run(content).bold = True
        elif kind == "p":
            document.add_paragraph(content)
        elif kind in ("list1", "list2"):
            numbering = numbering or _chinese_list(document)
            paragraph = document.add_paragraph(content)
            level = 0 if kind == "list1" else 1
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{numbering}"/></w:numPr>'
                )
            )
        elif kind == "table":
            rows = content
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, text in enumerate(row):
                    table.cell(i, j).text = text
        elif kind == "revised":
            kept, inserted, deleted = content
            paragraph = document.add_paragraph(kept)
            paragraph._p.append(
                parse_xml(
                    f'<w:ins {nsdecls("w")} w:id="1" w:author="审核人" w:date="2025-01-10T00:00:00Z">'
                    f"<w:r><w:t>{inserted}</w:t></w:r></w:ins>"
                )
            )
            paragraph._p.append(
                parse_xml(
                    f'<w:del {nsdecls("w")} w:id="2" w:author="审核人" w:date="2025-01-10T00:00:00Z">'
                    f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
                )
            )
        else:
            raise ValueError(kind)
    document.save(path)
    return path


def official(path: Path, variant: str = "一、总体情况", style: str = "h1") -> Path:
    """A whole draft: 一 (with the heading as given), 二 with its first table, 五, 六."""
    return draft(
        path,
        [
            (style, variant),
            *S1,
            (style, "二、主动公开政府信息情况"),
            ("table", S2_TABLE),
            (style, "五、存在的主要问题及改进情况"),
            *S5,
            (style, "六、其他需要报告的事项"),
            *S6,
        ],
    )


def _chinese_list(document) -> str:
    """A list numbered 一、 at level 0 and （一） at level 1, as WPS numbers headings."""
    part = document.part.numbering_part
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering = part.element
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return "90"
