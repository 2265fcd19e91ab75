"""Where the fixed texts of the official tables may break: between words, never inside one.

Chinese has no spaces, so the break points are found by rule: after a leading enumerator
(一、 （三） 1.), after 、，；： and a closing bracket, before an opening one, around a quoted
term (“三安全一稳定” stays whole), and elsewhere between the words of a small lexicon of the
words the two official formats use (longest match first; a character no word covers is a
word of its own). A number keeps its unit (42675.67万元). Closing marks stay with what
precedes them and opening marks with what follows (GB/T 15834, clreq 禁则).

Lines are then filled with whole words: greedy for left-aligned text, balanced (the fewest
lines, then the narrowest) for centred text. A word wider than the line, which the table
widths are chosen to avoid, is broken between its characters as a last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The words of the labels, column headers, captions and notes of the 2019 and 2021
# formats (forms/*.toml). Set phrases of the forms (不予公开, 办理结果, 三安全一稳定) are
# kept whole; a new label's unknown words fall back to single characters.
_WORDS = """
    本年 本年度 上年 上一年 下年度 年度 新收 新制作 新公开 制作 结转 继续 办理 办理结果 结果
    政府 信息 公开 政府信息 申请 申请人 申请人情况 情况 数量 总数量 项目 项目数量 处理 决定
    予以公开 部分公开 不予公开 无法提供 不予处理 其他处理 区分 只计 这一 情形 不计 其他 总计
    属于 国家 秘密 法律 行政 法规 禁止 危及 保护 第三方 合法 权益 三类 四类 内部 事务 过程性
    执法 案卷 查询 事项 本机关 机关 掌握 相关 没有 现成 需要 另行 补正 内容 明确 信访 举报
    投诉 重复 要求 提供 出版物 正当 理由 大量 反复 确认 重新 出具 获取 逾期 不再 收费 通知
    缴纳 费用 自然人 法人 组织 商业 企业 科研 机构 社会 公益 服务 本列 数据 勾稽 关系 等于
    之和 第一项 第二项 第三项 第四项 内容 制发 件数 废止 现行 有效 金额 总金额 收费金额 单位
    万元 复议 诉讼 维持 纠正 尚未 审结 未经 直接 起诉 规章 规范性 文件 许可 对外 管理 处罚
    强制 事业性 集中 采购 增/减 第二十条 对外公开
"""
LEXICON = frozenset(_WORDS.split())
LONGEST = max(len(word) for word in LEXICON)

CLOSING = set("，。、；：？！）］｝〕〉》」』】〗”’%,.;:?!)]}")
OPENING = set("（［｛〔〈《「『【〖“‘([{")
_ENUMERATOR = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d)")
_ITEM = re.compile(r"第[（(][一二三四五六七八九十]+[）)]项")  # 第（一）项
_QUOTED = re.compile(r"“[^”]{1,12}”")
_NUMBER = re.compile(r"[+\-]?[\d.,]*\d(万元|元|件|%)?")
_LATIN = re.compile(r"[A-Za-z]+")


def words(text: str) -> list[str]:
    """The text cut into the pieces between which a line may break."""
    pieces: list[str] = []
    start = 0
    if match := _ENUMERATOR.match(text):
        pieces.append(match.group())
        start = match.end()
    position = start
    while position < len(text):
        for pattern in (_ITEM, _QUOTED, _NUMBER, _LATIN):
            if match := pattern.match(text, position):
                piece = match.group()
                break
        else:
            piece = _lexicon_word(text, position)
        pieces.append(piece)
        position += len(piece)
    return _glued(pieces)


def _lexicon_word(text: str, position: int) -> str:
    for length in range(min(LONGEST, len(text) - position), 1, -1):
        if text[position : position + length] in LEXICON:
            return text[position : position + length]
    return text[position]


def _glued(pieces: list[str]) -> list[str]:
    """Closing marks join the word before them, opening marks the word after them."""
    glued: list[str] = []
    pending = ""
    for piece in pieces:
        if piece in OPENING:  # a lone opening mark waits for its word
            pending += piece
            continue
        piece, pending = pending + piece, ""
        if glued and piece[0] in CLOSING:
            glued[-1] += piece
        else:
            glued.append(piece)
    if pending:  # an opening mark at the very end
        glued.append(pending)
    return glued


def lines(
    text: str, width: float, measure: Callable[[str], float], balanced: bool = False
) -> list[str]:
    """The text in lines of whole words no wider than `width` (as `measure` gives widths)."""
    pieces = words(text)
    filled = _fill(pieces, width, measure)
    if not balanced or len(filled) < 2:
        return filled
    low, high = max(measure(p) for p in pieces), width
    if low >= high:
        return filled
    for _ in range(20):  # the narrowest width that needs no more lines
        middle = (low + high) / 2
        if len(_fill(pieces, middle, measure)) <= len(filled):
            high = middle
        else:
            low = middle
    return _fill(pieces, high, measure)


def _fill(pieces: list[str], width: float, measure: Callable[[str], float]) -> list[str]:
    width += 1e-6  # 4 × 9 pt is 36.00000000000001 pt
    result: list[str] = []
    line = ""
    for piece in pieces:
        if line and measure(line + piece) > width:
            result.append(line)
            line = ""
        if not line and measure(piece) > width:  # a word wider than the line: characters
            for char in piece:
                if line and measure(line + char) > width:
                    result.append(line)
                    line = ""
                line += char
            continue
        line += piece
    if line:
        result.append(line)
    return result
