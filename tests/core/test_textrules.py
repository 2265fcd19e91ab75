"""Which characters names, one-line fields and narrative texts may hold: tested through
the places that use the rules (unit name, meta fields, texts) and shown() directly."""

import pytest

from desktop.core.errors import InputError
from desktop.core.forms import load_form
from desktop.core.interchange import checked_identity
from desktop.core.report import checked_meta, checked_text
from desktop.core.textrules import shown

INVISIBLE = {
    "RLO": "\u202e",
    "LRE": "\u202a",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "PDI": "\u2069",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "WJ": "\u2060",
    "BOM": "\ufeff",
    "soft-hyphen": "\u00ad",  # another Cf
    "tag": "\U000e0041",  # Cf
    "private-use": "\ue000",  # Co
    "unassigned": "\u0378",  # Cn
    "surrogate": "\ud800",  # Cs
    "escape": "\x1b",
    "newline": "\n",
    "tab": "\t",
    "nul": "\x00",
    "c1": "\x85",
    "line-separator": "\u2028",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("place", ["start", "middle", "end"])
def test_unit_names_with_invisible_characters_are_refused(char, place):
    unit = {"start": char + "某区人民政府", "middle": "某区" + char + "人民政府"}.get(
        place, "某区人民政府" + char
    )
    with pytest.raises(InputError) as caught:
        checked_identity(unit, 2024)
    message = str(caught.value)
    assert message.startswith("单位名称") and f"U+{ord(char):04X}" in message
    assert len(message.splitlines()) == 1


def test_a_name_that_looks_the_same_is_the_same():
    composed, decomposed = "Café 区人民政府", "Cafe\u0301 区人民政府"
    assert composed != decomposed
    assert checked_identity(decomposed, 2024) == checked_identity(composed, 2024)
    assert checked_identity(decomposed, 2024)[0] == composed
    # A CJK compatibility ideograph is the unified one it looks like.
    assert checked_identity("\uf9d1区", 2024)[0] == "\u516d区"


def test_ordinary_names_are_kept():
    for unit in (
        "广州市天河区人民政府",
        "某区　人民政府",
        "𠀀䢺区政务服务中心",
        "A&B（试点）办公室",
    ):
        assert checked_identity(f" {unit} ", 2024) == (unit, 2024)


@pytest.mark.parametrize(
    ("name", "value", "char"),
    [
        ("preparer", "张三\n李四", "\n"),
        ("preparer", "张三\r", "\r"),
        ("reviewer", "李\u202e四", "\u202e"),
        ("phone", "0591\u200b1234", "\u200b"),
        ("phone", "0591\ud8001234", "\ud800"),
        ("prepared_on", "2025年1月\x1b[2J", "\x1b"),
    ],
)
def test_meta_fields_are_one_line_of_visible_text(name, value, char):
    words = {"preparer": "填报人", "reviewer": "审核人", "phone": "联系电话"}
    with pytest.raises(InputError) as caught:
        checked_meta(name, value)
    message = str(caught.value)
    assert message.startswith(words.get(name, "填报日期")) and f"U+{ord(char):04X}" in message


def test_meta_keeps_ordinary_values():
    assert checked_meta("preparer", " 张　三 ") == "张　三"
    assert checked_meta("phone", "(0591) 1234-5678 转 8") == "(0591) 1234-5678 转 8"


@pytest.fixture
def form():
    return load_form("2021")


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\x0c", "\ud800", "\udfff"])
def test_texts_refuse_controls_and_surrogates_naming_the_section(form, char):
    with pytest.raises(InputError) as caught:
        checked_text(form, "s1", f"第一段\n第二{char}段")
    message = str(caught.value)
    assert message.startswith("一、总体情况的第7个字符") and f"U+{ord(char):04X}" in message


def test_texts_keep_line_breaks_and_tabs_and_normalise_crlf(form):
    assert checked_text(form, "s5", "一\r\n二\r三\n\t四") == "一\n二\n三\n\t四"
    assert checked_text(form, "s6", "零宽\u200b连接\u200d可保留") == "零宽\u200b连接\u200d可保留"


def test_shown_escapes_what_would_break_or_steer_a_terminal_line():
    assert shown("a\x1b[2J\n\u202eb\ud800") == "a\\u001b[2J\\u000a\\u202eb\\ud800"
    assert shown("x" * 100) == "x" * 80 + "…"
    assert shown("普通文字") == "普通文字"
