"""Word's automatic list numbers (一、 （一） 1.) written out as the text they show: a
heading numbered by a list has no number in its text, and the （一） of a sub-heading
numbered so would be lost."""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CHINESE = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (as 一、 and （一） headings count)."""
    if n < 10:
        return _CHINESE[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE[tens]) + "十" + (_CHINESE[ones] if ones else "")
    return str(n)


_FORMATS = {
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "chineseLegalSimplified": chinese_number,
    "japaneseCounting": chinese_number,
    "taiwaneseCounting": chinese_number,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(48, 58)}),
    "decimalEnclosedCircle": lambda n: chr(0x245F + n) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x245F + n) if 1 <= n <= 20 else str(n),
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
}


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


class Numbering:
    """Word's automatic list numbers (一、 （一） 1.) as the text they show: a heading
    numbered by a list has no number in its text."""

    def __init__(self, root, styles):
        self.styles = styles
        self.abstract = {}
        self.nums = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            self.abstract[abstract.get(W + "abstractNumId")] = abstract
        for num in root.iter(W + "num"):
            self.nums[num.get(W + "numId")] = num

    def label(self, p, style_id: str | None) -> str:
        """The number a paragraph shows ("" when none), counting as Word counts."""
        num_id, level = self._numpr(p, style_id)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        definition = self._level(num_id, level)
        if definition is None:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        starts = [self._start(num_id, i) for i in range(9)]
        counters[level] = counters[level] + 1 if counters[level] else starts[level]
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        return self._text(num_id, definition, counters, starts)

    def _numpr(self, p, style_id):
        numpr = p.find(f"{W}pPr/{W}numPr")
        if numpr is None:
            numpr = self.styles.first(style_id, f"{W}pPr/{W}numPr")
        if numpr is None:
            return None, 0
        num = numpr.find(W + "numId")
        ilvl = numpr.find(W + "ilvl")
        level = int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
        return (num.get(W + "val") if num is not None else None), min(max(level, 0), 8)

    def _level(self, num_id: str, level: int):
        num = self.nums[num_id]
        for override in num.iter(W + "lvlOverride"):
            if override.get(W + "ilvl") == str(level) and override.find(W + "lvl") is not None:
                return override.find(W + "lvl")
        abstract_id = num.find(W + "abstractNumId")
        abstract = self.abstract.get(
            abstract_id.get(W + "val") if abstract_id is not None else None
        )
        if abstract is None:
            return None
        return next(
            (lvl for lvl in abstract.iter(W + "lvl") if lvl.get(W + "ilvl") == str(level)), None
        )

    def _start(self, num_id: str, level: int) -> int:
        for override in self.nums[num_id].iter(W + "lvlOverride"):
            start = override.find(W + "startOverride")
            if override.get(W + "ilvl") == str(level) and start is not None:
                return int(start.get(W + "val", "1"))
        definition = self._level(num_id, level)
        start = definition.find(W + "start") if definition is not None else None
        return int(start.get(W + "val", "1")) if start is not None else 1

    def _text(self, num_id: str, definition, counters: list[int], starts: list[int]) -> str:
        template = definition.find(W + "lvlText")
        text = template.get(W + "val", "") if template is not None else ""
        fmt = definition.find(W + "numFmt")
        if fmt is not None and fmt.get(W + "val") in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            level = self._level(num_id, index)
            kind = level.find(W + "numFmt") if level is not None else None
            value = counters[index] or starts[index]
            return _FORMATS.get(kind.get(W + "val") if kind is not None else "decimal", str)(value)

        label = re.sub(r"%([1-9])", number, text).strip()
        suffix = definition.find(W + "suff")
        joined = label and not re.search(r"[、.．）)：:，,]$", label)
        if joined and (suffix is None or suffix.get(W + "val") != "nothing"):
            label += " "
        return label
