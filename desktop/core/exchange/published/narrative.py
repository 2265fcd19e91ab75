"""The words around the tables: the title (unit and year) and the narrative sections
一、五、六, cut at their headings."""

from __future__ import annotations

import re

from desktop.core.forms import Form

_TITLE_TAIL = r"(?:政府信息公开|政务公开)[^\n]{0,12}?报告"
_UNIT_FIRST = re.compile(
    r"(?P<unit>[^\d\n]{2,60}?)[\s（(]*(?P<year>(?:19|20)\d{2})\s*年度?[)）]?\s*" + _TITLE_TAIL
)
_YEAR_FIRST = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<unit>[^\d\n]{2,60}?)\s*" + _TITLE_TAIL
)
_DECORATION = re.compile(r"^[\s#*=\-—>|【\[]+|[\s#*=\-—|】\]]+$")
# Short lines without sentence punctuation at the very end: a web page's links
# (相关词条 热门词条 联系我们), not the report.
_CHROME_LINE = re.compile(r"^[^。！？；：，,.;:!?]{1,12}$")


def title(text: str, before: int) -> tuple[str | None, int | None, int]:
    """Unit, year and the end offset of the title among the first lines before `before`;
    a title broken over two lines (as a PDF prints it) is joined first."""
    head = text[:before]
    lines = [line for line in head.split("\n")[:12]]
    offset = 0
    for index, line in enumerate(lines):
        for joined, extra in (
            (line, 0),
            (line + (lines[index + 1] if index + 1 < len(lines) else ""), 1),
        ):
            cleaned = _DECORATION.sub("", joined.strip())
            for pattern in (_UNIT_FIRST, _YEAR_FIRST):
                match = pattern.search(cleaned.replace(" ", "").replace("\u3000", ""))
                if match:
                    unit = match.group("unit").strip(" ，,：:")
                    end = offset + len(line) + (len(lines[index + 1]) + 1 if extra else 0)
                    return unit or None, int(match.group("year")), end
        offset += len(line) + 1
    return None, None, 0


def texts(form: Form, text: str, found: dict[str, int], title_end: int) -> tuple[dict, list]:
    """s1, s5, s6 as printed between their headings, and page links cut from the end."""
    order = sorted(found.items(), key=lambda item: item[1])
    result: dict[str, str] = {}
    dropped: list[str] = []
    for section in form.text_sections:
        if section.id in found:
            start = text.find("\n", found[section.id])
            start = len(text) if start < 0 else start
        elif section.id == form.sections[0].id and title_end and form.sections[1].id in found:
            start = title_end  # the overview often follows the title without its heading
        else:
            continue
        later = [p for _, p in order if p > start]
        if section.id == form.sections[0].id and form.sections[1].id not in found:
            continue  # without 二's heading the overview's end is unknown: tables would follow
        body = text[start : min(later) if later else len(text)]
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        if not later:
            tail = 0
            while tail < len(lines) and _CHROME_LINE.match(lines[-1 - tail]):
                tail += 1
            if tail >= 2:  # one short last line may be the text itself (无)
                dropped, lines = lines[-tail:], lines[:-tail]
        paragraphs = "\n".join(lines)
        if paragraphs:
            result[section.id] = paragraphs
    return result, dropped
