"""Build resources/samples/2020-guangzhou-tianhe.json, the sample report shipped with the app.

A developer tool, run by hand; it is not part of the application or of the test suite. It reads
the copies of the reference samples in tests/data/samples:

    uv run --with opencc-python-reimplemented python installer/scripts/build_sample.py

The figures are copied unchanged from tests/data/samples/published/2020-guangzhou-tianhe.json. The
narrative (sections 一, 五, 六) comes from tests/data/samples/published/2020-guangzhou-tianhe.txt,
a Traditional-script copy with Taiwan vocabulary: OpenCC "tw2sp" converts it to Simplified
Chinese, then the hand-checked replacements below undo what the copy's converter changed and
what tw2sp gets wrong for a mainland government text, and half-width punctuation becomes
full-width. Every replacement must match exactly as often as expected, so a changed source
fails loudly instead of yielding a half-converted sample.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import opencc

REPO = Path(__file__).resolve().parents[2]
PUBLISHED = REPO / "tests" / "data" / "samples" / "published"
NAME = "2020-guangzhou-tianhe"
TARGET = REPO / "resources" / "samples" / f"{NAME}.json"

META = {"preparer": "示例填报人", "phone": "020-00000000", "reviewer": "示例审核人"}

# (after tw2sp, mainland wording, expected count). Judged by reading the whole text.
REPLACEMENTS = [
    # Taiwan vocabulary tw2sp leaves or half-converts
    ("智能型化", "智能化", 1),  # 智慧型化
    ("智能型咨询", "智能咨询", 1),  # 智慧型諮詢
    ("巨观", "宏观", 1),  # 巨觀戰略政策
    # tw2sp maps common mainland words to other mainland words; the original had these
    ("创建", "建立", 6),  # 建立…机制 / 建立行政审批工作制度
    ("指针", "指标", 2),  # 考核指标体系, 世行指标
    ("文件馆", "档案馆", 1),  # 檔案館 is the archives, not 文件
    ("集成", "整合", 3),  # 整合管理, 经整合, 进一步整合8个部门
    ("交互环境", "互动环境", 1),  # 政企互动环境
    ("查找", "查询", 2),  # 精准查询, 公众查询获取
    ("查阅数据", "查阅资料", 1),
    ("项目办理", "专案办理", 1),  # 专题研究、专案办理 of a difficult application
    ("决策、运行、管理", "决策、执行、管理", 1),  # the 五公开
    ("制度有效运行", "制度有效执行", 1),
    ("加载", "载入", 2),  # 目录信息载入, 全部载入、公开
]

# Half-width punctuation of the copy; a mainland Chinese text uses full-width.
PUNCTUATION = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})

# Leftovers that must not survive (Traditional-only or Taiwan wording seen in such copies).
FORBIDDEN = re.compile(
    "最佳化|檔案|档案(?!馆)|智慧型|智能型|資訊|网路|網路|入口网站|视窗|巨观|指针|[,;:()]"
)


def narrative(text: str) -> dict[str, str]:
    """Sections s1, s5 and s6 from the converted page text, one paragraph per line."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]

    def index(heading: str) -> int:
        found = [i for i, line in enumerate(lines) if line == heading]
        if len(found) != 1:
            sys.exit(f"heading {heading!r} found {len(found)} times")
        return found[0]

    title = index("广州市天河区人民政府2020年政府信息公开工作年度报告")
    s2, s5, s6 = (
        index("二、主动公开政府信息情况"),
        index("五、存在的主要问题及改进情况"),
        index("六、其他需要报告的事项"),
    )
    chrome = index("相关词条")  # the page's own links follow the report
    # The copy has no heading 一、总体情况: its narrative starts right after the title.
    return {
        "s1": "\n".join(lines[title + 1 : s2]),
        "s5": "\n".join(lines[s5 + 1 : s6]),
        "s6": "\n".join(lines[s6 + 1 : chrome]),
    }


def mainland(texts: dict[str, str]) -> dict[str, str]:
    """The replacements, counted over the narrative only (the tables are not used)."""
    for wrong, right, expected in REPLACEMENTS:
        count = sum(text.count(wrong) for text in texts.values())
        if count != expected:
            sys.exit(f"{wrong!r} occurs {count} times, expected {expected}")
        texts = {s: text.replace(wrong, right) for s, text in texts.items()}
    return {s: text.translate(PUNCTUATION) for s, text in texts.items()}


def main() -> None:
    figures = json.loads((PUBLISHED / f"{NAME}.json").read_text(encoding="utf-8"))
    raw = (PUBLISHED / f"{NAME}.txt").read_text(encoding="utf-8")
    texts = mainland(narrative(opencc.OpenCC("tw2sp").convert(raw)))
    for section, text in texts.items():
        leftover = FORBIDDEN.search(text)
        if leftover:
            near = text[max(0, leftover.start() - 10) : leftover.end() + 10]
            sys.exit(f"{section}: leftover {leftover.group()!r} in {near!r}")
    sample = {
        "schema": figures["schema"],
        "form": figures["form"],
        "unit": figures["unit"],
        "year": figures["year"],
        "cells": figures["cells"],
        "texts": texts,
        "meta": META,
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(sample, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {TARGET.relative_to(REPO)}: {len(sample['cells'])} cells, "
        + ", ".join(f"{s} {len(t)} characters" for s, t in texts.items())
    )


if __name__ == "__main__":
    main()
