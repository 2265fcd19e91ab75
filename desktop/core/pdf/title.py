"""The report's title: 2号 小标宋, centred, broken between words into balanced lines
(GB/T 9704 7.3.1: 回行时，要做到词意完整，排列对称，长短适宜).

A title that fits is one line. Otherwise, as published reports do, the unit stands above
“{year}年政府信息公开工作年度报告”, the unit itself in as few lines as fit, broken where
its structure breaks: after a place (省、市、区、县、自治区、新区、试验区…), after an organ
(人民政府、委员会、局、办公室…), after a closing bracket or a 、，；, before 人民政府 or
管理委员会, before a 与/和/及 inside an organ's name. A place name is never broken (淮安市,
呼和浩特市, 中国（上海）自由贸易试验区 stay whole except after their bracket), nor a word
that merely starts with a suffix character (市场, 区域, 委员, 办公). Among the ways to break,
the lines are the most even (so centred they form a rectangle, 梯形 or 菱形, never an
hourglass), the cheapest structure breaks preferred. Only a name with no such break that
fits is broken between characters, and then never before a closing or after an opening mark
nor inside a number.

The same breaking serves the closing (落款) when a unit is too long for its line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import pairwise

from reportlab.platypus import Flowable

from desktop.core.pdf.fonts import FontSet
from desktop.core.pdf.styles import LINE, TEXT_WIDTH, TITLE_SIZE

# Places: the name ends with one of these (longest first where one contains another).
PLACE_ENDS = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "片区", "试验区",
    "实验区", "开发区", "示范区", "高新区", "保税区", "合作区", "林区", "矿区", "兵团",
    "街道", "省", "市", "区", "县", "州", "旗", "盟", "镇", "乡",
)  # fmt: skip
# Organs: the name ends with one of these.
ORGAN_ENDS = (
    "人民政府", "委员会", "管委会", "党工委", "工委", "办公厅", "办公室", "中心", "总队",
    "支队", "大队", "协会", "联合会", "商会", "工会", "局", "厅", "委", "办", "署", "院",
    "所", "站", "处",
)  # fmt: skip
# Words that start at a break (cost of breaking before them).
STARTS = {
    "人民政府": 1,
    "管理委员会": 1,
    "委员会": 2,
    "管委会": 2,
    "办公室": 2,
    "办公厅": 2,
    "管理局": 2,
    "政府信息公开": 2,
    "工作年度报告": 3,
    "年度报告": 3,
}
# Two-character words that begin with a suffix character: no break inside them.
_WORDS = """
    市场 市民 市政 市容 市级 市辖 市直 市属 市委 市区 区域 区划 区级 区委 区直 区属 县域 县级 县委
    县直 县属 省级 省委 省直 省属 州委 州级 镇村 乡村 乡镇 局长 局属 委员 委托 委属 办公 办理 办事
    部门 署理 院校 院长 所属 所长 站长 处理 处置 处罚 处长 心城
"""
WORDS = frozenset(_WORDS.split())
STILL_A_NAME = set("省市区县")  # after 州 these end the place's name
CONJUNCTIONS = "与和及"
CLOSING = set("，。、；：？！）］｝〕〉》」』】〗”’%,.;:?!)]}·")
OPENING = set("（［｛〔〈《「『【〖“‘([{")
PUNCTUATION = set("，、；：")
SHORT_BRACKET = 4  # （上海） qualifies the word before it: no break before it
_NUMBERED_UNIT = re.compile(r"第[一二三四五六七八九十百〇零0-9]+[师团]$")
_RUN = re.compile(r"[0-9A-Za-z.%]+[年月日号]?")

STRUCTURE, INNER, BRACKET, ANY = 1.0, 2.0, 3.0, 8.0  # costs of a break
COST_WEIGHT = 4.0  # one unit of cost is worth this much squared unevenness (in em)
HOURGLASS = 6.0  # a line shorter than both its neighbours


def title_lines(title: str, fonts: FontSet, unit: str = "") -> str:
    """The title's markup, its lines joined by <br/>."""
    lines = title_texts(title, unit, _measure(fonts, "title", TITLE_SIZE), TEXT_WIDTH)
    return "<br/>".join(fonts.markup(line, "title") for line in lines)


def title_texts(title: str, unit: str, width: Callable[[str], float], limit: float) -> list[str]:
    """The title's lines: one if it fits; else the unit's lines over the rest."""
    if width(title) <= limit:
        return [title]
    if unit and title.startswith(unit) and width(rest := title[len(unit) :]) <= limit:
        return [*break_name(unit, width, limit), rest]
    return break_name(title, width, limit)


def _measure(fonts: FontSet, role: str, size: float) -> Callable[[str], float]:
    return lambda text: fonts.width(text, role, size)


def break_name(name: str, width: Callable[[str], float], limit: float) -> list[str]:
    """A name in the fewest lines no wider than `limit`, broken between words, the lines
    as even as the words allow."""
    if width(name) <= limit:
        return [name]
    prefix = [0.0]
    for char in name:
        prefix.append(prefix[-1] + width(char))
    em = max(prefix[-1] / len(name), 1e-6)
    for cuts in (breaks(name), _any_breaks(name)):
        if (best := _balanced(name, cuts, prefix, limit, em)) is not None:
            return best
    return _greedy(name, prefix, limit)


def breaks(name: str) -> dict[int, float]:
    """Where a name may break between words: position (characters before it) -> cost."""
    cuts: dict[int, float] = {}

    def add(position: int, cost: float) -> None:
        if 0 < position < len(name) and _allowed(name, position):
            cuts[position] = min(cost, cuts.get(position, cost))

    start, places = 0, []  # where the current part began; (start, end) of place names
    for end in range(1, len(name) + 1):
        part = name[start:end]
        if name[end - 1 : end + 1] in WORDS:
            continue
        place = next((s for s in PLACE_ENDS if part.endswith(s)), None)
        if place is None and (unit := _NUMBERED_UNIT.search(part)):  # 第十三师
            place = unit.group()
        organ = next((s for s in ORGAN_ENDS if part.endswith(s)), None)
        if place == "州" and name[end : end + 1] in STILL_A_NAME:  # 广州市, 通州区, 贵州省
            continue
        suffix = place or organ
        if suffix and len(part) >= max(2, len(suffix)):
            if place and (not organ or len(place) >= len(organ)):
                places.append((start, end))
            add(end, STRUCTURE)
            start = end
    inside_place = {p for a, b in places for p in range(a + 1, b)}
    for word, cost in STARTS.items():
        for match in re.finditer(word, name):
            add(match.start(), cost)
    for position, char in enumerate(name):
        if char in CONJUNCTIONS and position > 1:
            add(position, INNER)
    for position in inside_place:  # a place name stays whole but for its brackets
        cuts.pop(position, None)
    for position, char in enumerate(name):
        if char in PUNCTUATION or char == "）":
            add(position + 1, STRUCTURE)
        elif char == "（":
            close = name.find("）", position)
            if close < 0 or close - position - 1 > SHORT_BRACKET:
                add(position, BRACKET)
    return cuts


def _allowed(name: str, position: int) -> bool:
    """Not before a closing mark, after an opening one, or inside a number or Latin word."""
    if name[position] in CLOSING or name[position - 1] in OPENING:
        return False
    return not any(m.start() < position < m.end() for m in _RUN.finditer(name))


def _any_breaks(name: str) -> dict[int, float]:
    return {p: ANY for p in range(1, len(name)) if _allowed(name, p)}


def _balanced(name, cuts, prefix, limit, em) -> list[str] | None:
    """The best of the fewest lines that fit, or None if no choice of cuts fits."""
    n, positions = len(name), sorted(cuts)
    slack = 1e-6
    for count in range(2, len(positions) + 2):
        if prefix[n] > count * limit + slack:
            continue
        best: tuple[float, list[int]] | None = None
        for chosen in _choices(positions, prefix, n, count, 0, limit + slack):
            score = _score(chosen, cuts, prefix, n, em)
            if best is None or score < best[0]:
                best = (score, chosen)
        if best is not None:
            bounds = [0, *best[1], n]
            return [name[a:b] for a, b in pairwise(bounds)]
    return None


def _choices(positions, prefix, n, count, start, limit):
    """Every way to cut name[start:] into `count` lines no wider than limit."""
    if count == 1:
        if prefix[n] - prefix[start] <= limit:
            yield []
        return
    for position in positions:
        if position <= start:
            continue
        if prefix[position] - prefix[start] > limit:
            break
        if prefix[n] - prefix[position] > (count - 1) * limit:
            continue
        for rest in _choices(positions, prefix, n, count - 1, position, limit):
            yield [position, *rest]


def _score(chosen, cuts, prefix, n, em) -> float:
    bounds = [0, *chosen, n]
    widths = [(prefix[b] - prefix[a]) / em for a, b in pairwise(bounds)]
    mean = sum(widths) / len(widths)
    score = sum((w - mean) ** 2 for w in widths)
    score += COST_WEIGHT * sum(cuts[p] for p in chosen)
    for before, line, after in zip(widths, widths[1:], widths[2:], strict=False):
        if line < before - 1 and line < after - 1:
            score += HOURGLASS
    return score


def _greedy(name, prefix, limit) -> list[str]:
    """Last resort (a single character wider than the line): fill lines in order."""
    lines, start = [], 0
    for end in range(1, len(name) + 1):
        if prefix[end] - prefix[start] > limit and end - 1 > start:
            lines.append(name[start : end - 1])
            start = end - 1
    return [*lines, name[start:]]


class OnGrid(Flowable):
    """A block taking a whole number of body lines, so the text after it stays on the
    same 22-line grid as every other page (the 2号 title with its empty line after it is
    not a multiple of a 3号 line by itself)."""

    def __init__(self, inner: Flowable):
        super().__init__()
        self.inner = inner

    def wrap(self, availWidth, availHeight):
        width, height = self.inner.wrap(availWidth, availHeight)
        height += self.inner.getSpaceBefore() + self.inner.getSpaceAfter()
        self.width, self.height = width, LINE * math.ceil(height / LINE - 1e-6)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height - self.inner.getSpaceBefore()
        self.inner.drawOn(self.canv, 0, top - self.inner.height)
