import json
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
