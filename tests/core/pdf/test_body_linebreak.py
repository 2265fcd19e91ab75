"""The line breaker of the body text (desktop/core/pdf/linebreak.py) on its own, with
fixed widths: a Chinese character or full-width mark 16, a half-width character 8, a
space 5; lines of 28 characters (26 after the indent).

Examples put each rule at a line end; property tests run random 公文-like text through
it: nothing lost, no line starts with a closing mark or ends with an opening one, no
line is over full, none is short (the next chunk would not have fitted), 挤进 takes at
most one character and only from punctuation, and justified lines end flush.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.pdf import linebreak
from desktop.core.pdf.linebreak import SPACE, place

EM = 16.0
CHARS = 28
EPS = 1e-6
# From typesetting.md, written out here rather than taken from the module under test.
CLOSING = set("，。、；：？！…‥）］｝〕〉》」』】〗”’,.;:?!)]}・·々〃～%％")
OPENING = set("（［｛〔〈《「『【〖“‘([{￥$")


def width(char: str) -> float:
    if char == " ":
        return 5.0
    return EM / 2 if ord(char) < 0x2000 else EM


def layout(text: str, indent: int = 2, chars: int = CHARS):
    """(tokens, breaks, spans) of a paragraph set with the fixed widths."""
    tokens = linebreak.tokenize([(text, "body")])

    def measure(token):
        token.width = sum(width(c) for c in token.text)

    for token in tokens:
        measure(token)
    tokens = linebreak.split_long(tokens, (chars - indent) * EM, measure)
    linebreak.set_squeeze(tokens, EM)
    breaks = linebreak.opportunities(tokens)
    spans = linebreak.break_lines(tokens, breaks, (chars - indent) * EM, chars * EM, EM)
    return tokens, breaks, spans


def lines(text: str, indent: int = 2, chars: int = CHARS) -> list[str]:
    tokens, _, spans = layout(text, indent, chars)
    return ["".join(t.text for t in tokens[s.start : s.end]) for s in spans]


def natural(tokens, span) -> float:
    """The width a line takes before justification: its tokens less what 挤进 took."""
    return sum(t.width for t in tokens[span.start : span.end]) - sum(span.squeezed.values())


# -- examples: each rule at a line end ----------------------------------------------------

HAN = "政务公开工作"


def han(count: int) -> str:
    return (HAN * (count // len(HAN) + 1))[:count]


def test_full_lines_hold_28_characters_and_the_first_26():
    result = lines(han(26 + 28 + 5))
    assert [len(line) for line in result] == [26, 28, 5]


def test_a_closing_mark_is_pulled_into_a_line_with_punctuation_to_compress():
    # 挤进: the line has two commas to give up half an em each for the 。
    text = han(10) + "，" + han(10) + "，" + han(4) + "。" + han(6)
    tokens, _, spans = layout(text)
    first = "".join(t.text for t in tokens[spans[0].start : spans[0].end])
    assert first.endswith("。") and len(first) == 27  # 26 + the pulled-in mark
    assert sum(spans[0].squeezed.values()) == EM
    assert all(tokens[p].text == "，" for p in spans[0].squeezed)
    assert natural(tokens, spans[0]) == 26 * EM


def test_a_closing_mark_pushes_the_last_character_down_when_nothing_can_be_compressed():
    # 推出: no punctuation in the line, so its last character goes down with the mark
    result = lines(han(26) + "。" + han(5))
    assert result[0] == han(25)
    assert result[1].startswith(han(26)[-1] + "。")


def test_no_line_ends_with_an_opening_mark():
    for mark in "（《“‘〔【":
        result = lines(han(25) + mark + "条例" + "）" + han(10))
        assert not result[0].endswith(mark), (mark, result)
        assert result[1].startswith(mark) or result[0].endswith(mark + "条"), result


def test_no_line_starts_with_any_closing_mark():
    for mark in "，。、；：？！）》」』”’…%":
        text = han(26) + mark + han(20)
        result = lines(text)
        assert all(line[0] not in CLOSING for line in result), (mark, result)
        assert "".join(result) == text


def test_numbers_with_units_dates_and_percentages_stay_whole():
    for unit in ("1,191件", "17.46%", "2020年1月1日", "-13项", "36.26万件", "1-12月"):
        for pad in range(20, 27):
            text = han(pad) + unit + han(12)
            result = lines(text)
            assert any(unit in line for line in result), (unit, pad, result)


def test_a_date_keeps_its_parts_but_breaks_before_the_next_word():
    result = lines(han(20) + "2020年10月31日前" + han(20))
    assert "2020年10月31日" in result[0] + "|" or "2020年10月31日" in result[1]
    assert not re.search(r"\d[年月]$", result[0])


def test_latin_words_break_at_spaces_which_stay_between_words():
    text = han(18) + "走进天河（Discover Tianhe）、天河动态（Media Center）" + han(10)
    result = lines(text)
    joined = "\n".join(result)
    assert "Discover Tianhe" in joined or ("Discover\nTianhe" in joined)
    assert "Media Center" in joined or "Media\nCenter" in joined
    for line in result:
        assert line == line.strip()  # a space at a line end is dropped
    assert "".join(result).replace(" ", "") == text.replace(" ", "")


def test_dash_pairs_and_ellipses_are_one_unit():
    for pair in ("——", "……"):
        for pad in range(24, 28):
            result = lines(han(pad) + pair + han(10))
            assert all(pair in line or pair[0] not in line for line in result), result
            assert result[1][0] != "…"


def test_a_web_address_breaks_after_a_dot_or_slash_and_is_set_without_gaps():
    text = han(12) + "通过市政府门户网站（www.huaian.gov.cn）主动公开" + han(30)
    tokens, _, spans = layout(text)
    result = ["".join(t.text for t in tokens[s.start : s.end]) for s in spans]
    assert result[0].endswith(("www.", "huaian.", "gov.")), result
    assert len(result[0]) >= 24  # not pushed down whole, leaving a short line
    xs, _ = place(tokens, spans[0], 26 * EM, 0.0)
    address = [p - spans[0].start for p in range(spans[0].start, spans[0].end) if tokens[p].tight]
    for offset in address[:-1]:  # the pieces touch
        p = spans[0].start + offset
        assert abs(xs[offset] + tokens[p].width - xs[offset + 1]) < 1e-9


def test_a_word_longer_than_a_line_is_broken_between_its_characters():
    url = "https://www.example.gov.cn/" + "a" * 80
    result = lines(han(4) + url + han(4))
    assert "".join(result) == han(4) + url + han(4)
    tokens, _, spans = layout(han(4) + url + han(4))
    assert all(natural(tokens, s) <= CHARS * EM + EPS for s in spans)


def test_justified_lines_end_flush_and_the_last_line_keeps_the_grid():
    tokens, _, spans = layout("（一）" + han(10) + "，" + "Discover Tianhe 2020年" + han(40))
    pitch = (442.2 - EM) / 27
    for span in spans:
        available = 442.2 - (2 * pitch if span is spans[0] else 0)
        xs, gap = place(tokens, span, available, pitch - EM)
        assert xs[0] == 0
        end = xs[-1] + tokens[span.end - 1].width
        if span.last:
            assert gap == min(gap, pitch - EM) and end <= available + EPS
        else:
            assert abs(end - available) < 1e-6


# -- properties over random 公文-like text --------------------------------------------------

CJK = st.sampled_from(list("政府信息公开工作年度报告天河区申请办理规范标准目录建设"))
WORDS = st.text(CJK, min_size=1, max_size=4)
NUMBERS = st.sampled_from(["1,191件", "17.46%", "2020年1月1日", "13份", "112宗", "2533项", "8"])
LATIN = st.sampled_from(
    ["Discover Tianhe", "App", "PDF", "OFD", "H5", "Media Center", "AI", "（www.huaian.gov.cn）"]
)
OPEN = st.sampled_from(list("（《“‘〔【"))
CLOSE = st.sampled_from(list("，。、；：？！）》”’"))


@st.composite
def pieces(draw):
    core = draw(st.one_of(WORDS, WORDS, WORDS, NUMBERS, LATIN))
    before = draw(st.one_of(st.just(""), OPEN)) if draw(st.booleans()) else ""
    after = draw(st.text(CLOSE, max_size=2))
    return before + core + after


TEXTS = st.lists(pieces(), min_size=1, max_size=80).map("".join)


def chunk_after(tokens, breaks, start) -> float:
    """The width from `start` up to the first place a line may end."""
    total, i = 0.0, start
    while i < len(tokens):
        total += tokens[i].width
        if breaks[i] and not (i + 1 < len(tokens) and tokens[i + 1].kind == SPACE):
            break
        i += 1
    return total


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from([0, 2]))
def test_properties_of_the_lines(text, indent):
    tokens, breaks, spans = layout(text, indent)
    result = ["".join(t.text for t in tokens[s.start : s.end]) for s in spans]
    # nothing lost; spaces only between words, never at a line's ends
    assert "".join(result).replace(" ", "") == text.replace(" ", "")
    assert all(line == line.strip() and line for line in result)
    for number, (line, span) in enumerate(zip(result, spans, strict=True)):
        capacity = (CHARS - (indent if number == 0 else 0)) * EM
        if number:
            assert line[0] not in CLOSING, result
        if not span.last:
            assert line[-1] not in OPENING, result
        # never over full; 挤进 only by compressing punctuation, at most one character
        assert natural(tokens, span) <= capacity + EPS
        if span.squeezed:
            over = sum(t.width for t in tokens[span.start : span.end]) - capacity
            assert 0 < over <= EM + EPS
            assert abs(sum(span.squeezed.values()) - over) < 1e-6
            for p, amount in span.squeezed.items():
                assert tokens[p].text in "，。、；：）》”’（《“‘〔【〕】" and amount <= EM / 2 + EPS
                assert p != span.end - 1
        if span.last:
            continue
        # never short: the next chunk (and the space dropped before it) would not fit
        following = spans[number + 1].start
        dropped = sum(t.width for t in tokens[span.end : following])
        assert natural(tokens, span) + dropped + chunk_after(tokens, breaks, following) > (
            capacity - EPS
        ), (result[number], result[number + 1])


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_units_are_never_split(text):
    tokens, _, spans = layout(text)
    for one, two in itertools.pairwise(spans):
        if two.start > one.end:
            continue  # broken at a space
        a = "".join(t.text for t in tokens[one.start : one.end])
        b = "".join(t.text for t in tokens[two.start : two.end])
        seam = a[-1] + "|" + b[0]
        assert not re.fullmatch(r"[0-9A-Za-z]\|[0-9A-Za-z%.,]", seam), (a, b)  # a word
        assert not (re.search(r"[0-9][.,]$", a) and b[0].isdigit()), (a, b)  # 17.|46
        assert not re.fullmatch(r"[0-9]\|[\u4e00-\u9fff]", seam), (a, b)  # 13|份
        assert not (re.search(r"[0-9][年月]$", a) and b[0].isdigit()), (a, b)  # 2020年|1月
