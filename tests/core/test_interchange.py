import codecs
import json
import re
from decimal import Decimal

import pytest

from desktop.core.errors import InputError
from desktop.core.interchange import dump_json, from_interchange, read_json, to_interchange


def document(**changes) -> dict:
    data = {
        "schema": 1,
        "form": "2021",
        "unit": "某区人民政府",
        "year": 2024,
        "cells": {"s3.new.natural": 389, "s3.new.commercial": 10, "s2.fees.amount": 12.35},
        "texts": {"s1": "总体情况……", "s5": "问题……", "s6": "其他……"},
    }
    data.update(changes)
    return data


def test_import_reads_cells_texts_and_keeps_money_exact():
    result = from_interchange(document(), "x.json")
    assert result.ok
    report = result.report
    assert report.value("s3.new.total") == 399
    assert report.value("s2.fees.amount") == Decimal("12.35")
    assert report.texts["s5"] == "问题……"


def test_export_then_import_round_trips_exactly():
    data = document(
        meta={"preparer": "张三", "phone": "0591-1"}, explanations={"Y-1:natural": "机构改革"}
    )
    result = from_interchange(json.loads(json.dumps(data)), "x.json")
    exported = to_interchange(result.report, result.explanations)
    again = read_json(dump_json(exported).encode(), "again.json")
    assert to_interchange(again.report, again.explanations) == exported
    assert exported["cells"]["s3.new.total"] == 399  # totals exported as computed


def test_published_totals_that_disagree_are_reported_and_kept():
    cells = {"s3.new.natural": 5, "s3.new.legal": 1, "s3.new.total": 7, "s3.granted.natural": 0}
    result = from_interchange(document(cells=cells), "x.json")
    [discrepancy] = result.discrepancies
    assert (discrepancy.cell, discrepancy.published, discrepancy.computed) == ("s3.new.total", 7, 6)
    assert (
        discrepancy.line()
        == "三、申请情况：一、本年新收政府信息公开申请数量（总计）：公布值7，按明细计算为6"
    )
    assert result.report.published == {"s3.new.total": 7}
    exported = to_interchange(result.report)
    assert exported["cells"]["s3.new.total"] == 7  # what was published, not silently fixed
    assert exported["cells"]["s3.granted.total"] == 0
    assert "s3.partial.total" not in exported["cells"]  # its parts are empty


def test_published_total_over_empty_parts_is_a_discrepancy():
    result = from_interchange(document(cells={"s4.review.total": 2}), "x.json")
    assert [(d.cell, d.computed) for d in result.discrepancies] == [("s4.review.total", None)]


@pytest.mark.parametrize(
    ("cell", "value", "problem"),
    [
        ("s3.nope.natural", 1, "没有单元格"),
        ("s2.rules.made", 1, "没有单元格"),  # a 2019-format cell in a 2021 report
        ("s3.new.natural", -1, "不能为负数"),
        ("s3.new.natural", 1.5, "整数"),
        ("s3.new.natural", "12", "不能是文字"),
        ("s3.new.natural", True, "不是数字"),
        ("s3.new.natural", None, "空值"),
        ("s3.total.natural", -4, "不能为负数"),
    ],
)
def test_invalid_cells_are_rejected_with_their_id(cell, value, problem):
    result = from_interchange(document(cells={cell: value, "s3.new.legal": 1}), "x.json")
    assert not result.ok
    [(rejected_id, message)] = result.rejected
    assert rejected_id == cell and cell in message and problem in message


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"schema": 2}, "schema"),
        ({"unit": ""}, "单位名称"),
        ({"unit": "x" * 101}, "单位名称"),
        ({"year": "2024"}, "年度"),
        ({"year": 1900}, "年度"),
        ({"form": "2031"}, "未知的报告格式"),
    ],
)
def test_invalid_documents_are_refused(changes, problem):
    with pytest.raises(InputError, match=problem):
        from_interchange(document(**changes), "x.json")


def test_form_defaults_from_the_year():
    data = document(year=2020, cells={"s2.procurement.amount": 25.1})
    del data["form"]
    data["texts"] = {}
    assert from_interchange(data, "x.json").report.form.id == "2019"


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", "\u00ff".encode("latin-1"), b"{" * 10])
def test_not_a_json_object(raw):
    with pytest.raises(InputError, match=r"x\.json"):
        read_json(raw, "x.json")


def test_oversized_file_is_refused():
    with pytest.raises(InputError, match="MB"):
        read_json(b" " * (21 * 1024 * 1024), "big.json")


def test_unknown_keys_are_ignored_but_bad_texts_rejected():
    result = from_interchange(document(signoff={"x": 1}, meta={"colour": "red"}), "x.json")
    assert result.ok
    bad = from_interchange(document(texts={"s3": "x", "s1": 5}), "x.json")
    assert [cell for cell, _ in bad.rejected] == ["s3", "s1"]


# -- encodings, duplicate keys, lone surrogates ------------------------------------------

SAMPLE = "2020-pingtan-zhsyq"


def sample_text(samples) -> str:
    return (samples / "published" / f"{SAMPLE}.json").read_text(encoding="utf-8")


ENCODINGS = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    # What `ConvertTo-Json > x.json` writes in Windows PowerShell 5.1.
    "utf-16le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16le": lambda text: text.encode("utf-16-le"),
    "utf-16be": lambda text: text.encode("utf-16-be"),
    "utf-16le-indented": lambda text: ("\r\n  " + text).encode("utf-16-le"),
}


@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_utf8_bom_and_utf16_import_like_utf8(samples, encode):
    text = sample_text(samples)
    expected = read_json(text.encode("utf-8"), "x.json")
    result = read_json(encode(text), "x.json")
    assert result.ok and len(result.imported) > 100
    assert (
        result.report.unit
        == expected.report.unit
        == "平潭综合实验区（党工委管委会；全区汇总，管委会办公室编制）"
    )
    assert to_interchange(result.report) == to_interchange(expected.report)
    assert result.to_json() == expected.to_json()


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("gbk"),  # what a Chinese Windows program writes by default
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1],  # odd length
        lambda text: text.encode("utf-8").replace(b"\xe5", b"\xff", 1),
    ],
    ids=["gbk", "truncated-utf-16", "bad-utf-8"],
)
def test_other_encodings_are_refused_in_one_sentence(samples, encode):
    with pytest.raises(InputError) as caught:
        read_json(encode(sample_text(samples)), "x.json")
    assert str(caught.value).startswith("x.json 不是 UTF-8 或 UTF-16 编码的文本文件")


def _duplicated(text: str, key: str) -> str:
    """text with the first "key": value pair written twice, the copy with another value."""
    match = re.search(rf'"{re.escape(key)}": *([^,}}]+)', text)
    assert match, key
    return text[: match.start()] + f'"{key}": 0, ' + text[match.start() :]


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("year", "x.json 中键"),
        ("s3.new.natural", "x.json 中 cells 里的键"),
        ("s2.procurement.amount", "x.json 中 cells 里的键"),  # the last one in the object
        ("s1", "x.json 中 texts 里的键"),
    ],
)
def test_a_key_given_twice_is_refused_never_last_wins(samples, key, where):
    text = sample_text(samples) if key != "s1" else json.dumps(document(), ensure_ascii=False)
    raw = _duplicated(text, key).encode("utf-8")
    with pytest.raises(InputError) as caught:
        read_json(raw, "x.json")
    message = str(caught.value)
    assert f"键“{key}”出现了两次" in message and where in message


def test_the_same_key_in_different_objects_is_fine():
    data = document(meta={"preparer": "张三"}, cells={"s3.new.natural": 1}, texts={"s1": "s1"})
    assert read_json(json.dumps(data).encode(), "x.json").ok
    nested = (
        b'{"schema": 1, "unit": "u", "year": 2024, "x": {"unit": 1}, "y": [{"a": 1}, {"a": 2}]}'
    )
    assert read_json(nested, "x.json").ok


def _with(data: dict, raw_fragment: str, replacing: str) -> bytes:
    text = json.dumps(data, ensure_ascii=False)
    assert text.count(replacing) == 1
    return text.replace(replacing, raw_fragment).encode("utf-8")


@pytest.mark.parametrize(
    ("replacing", "fragment", "where"),
    [
        ('"某区人民政府"', r'"某区\ud800政府"', "“unit”的值"),
        ('"问题……"', r'"问题\udfff"', "“texts.s5”的值"),
        ('"s3.new.natural"', r'"\ud800"', "“cells”里的键“\\ud800”"),
        ('"schema"', r'"sch\udc00ema"', "中的键“sch\\udc00ema”"),
        ('"总体情况……"', r'["\ud83d"]', "“texts.s1[0]”的值"),
        ('"2021"', r'"\ude00\ud83d"', "“form”的值"),  # a pair in the wrong order
    ],
    ids=["unit", "text", "cell-key", "top-key", "in-list", "reversed-pair"],
)
def test_lone_surrogates_are_refused_naming_where(replacing, fragment, where):
    raw = _with(document(), fragment, replacing)
    with pytest.raises(InputError) as caught:
        read_json(raw, "x.json")
    message = str(caught.value)
    assert "不成对的代理字符" in message and where in message
    message.encode("utf-8")  # the message itself is printable


def test_lone_surrogates_are_refused_before_anything_else():
    data = document(schema=2, year="bad", cells={"s3.nope": "x"})
    raw = _with(data, r'"\ud800"', '"某区人民政府"')
    raw = raw.replace(b'"texts"', b'"form": "2021", "texts"')  # and a key given twice
    with pytest.raises(InputError, match="代理字符"):
        read_json(raw, "x.json")


def test_a_surrogate_pair_escape_is_one_character():
    raw = _with(document(), r'"\ud840\udc00区人民政府"', '"某区人民政府"')
    assert read_json(raw, "x.json").report.unit == "\U00020000区人民政府"


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff"])
def test_unit_names_with_bidi_or_zero_width_characters_are_refused(char):
    raw = json.dumps(document(unit=f"某区{char}人民政府")).encode("utf-8")
    with pytest.raises(InputError, match=rf"^单位名称的第3个字符.*U\+{ord(char):04X}"):
        read_json(raw, "x.json")


def test_texts_and_meta_with_control_characters_are_rejected_in_words():
    data = document(
        texts={"s1": "正文\x00", "s5": "甲\r\n乙"}, meta={"preparer": "张三\u202e", "phone": "1"}
    )
    result = read_json(json.dumps(data).encode("utf-8"), "x.json")
    rejected = dict(result.rejected)
    assert set(rejected) == {"s1", "meta.preparer"}
    assert "一、总体情况的第3个字符是控制字符（U+0000）" in rejected["s1"]
    assert rejected["meta.preparer"].startswith("填报人的第3个字符")
    assert result.report.texts["s5"] == "甲\n乙"


def test_hostile_keys_are_shown_escaped_in_messages():
    data = document(cells={"s3.\x1b[2J\n": 1}, texts={"s9\u202e": "x"})
    result = read_json(json.dumps(data).encode("utf-8"), "x.json")
    messages = [message for _, message in result.rejected]
    assert len(messages) == 2
    assert "s3.\\u001b[2J\\u000a" in messages[0] and "s9\\u202e" in messages[1]
    assert all(m.isprintable() for m in messages)


def test_a_surrogate_in_a_value_a_later_duplicate_replaces_is_still_found():
    raw = _with(document(), r'"texts": {"s1": "\ud800"}, "texts"', '"texts"')
    with pytest.raises(InputError, match=r"“texts\.s1”的值含有不成对的代理字符"):
        read_json(raw, "x.json")
