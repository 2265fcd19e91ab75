"""联系电话 is a telephone number, for the window and the import alike (checked_meta)."""

import json

import pytest

from desktop.core.errors import InputError
from desktop.core.interchange import read_json
from desktop.core.report import checked_meta


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("020-12345678", "020-12345678"),
        ("(0591) 1234-5678 转 8", "(0591) 1234-5678 转 8"),
        ("+86 20 1234 5678", "+86 20 1234 5678"),
        ("020-12345678 ext. 12", "020-12345678 ext. 12"),
        ("020-12345678分机12", "020-12345678分机12"),
        ("020-12345678、13800138000", "020-12345678、13800138000"),
        ("（０２０）１２３４５６７８", "(020)12345678"),  # full-width, from a Chinese IME
        ("  ", ""),  # not filled in yet
    ],
)
def test_telephone_numbers_are_kept(typed, kept):
    assert checked_meta("phone", typed) == kept


@pytest.mark.parametrize(
    "typed", ["abc-xyz", "-", "()", "电话号码", "020-1234x", "020 1234 5678 #2"]
)
def test_anything_else_is_refused_in_words(typed):
    with pytest.raises(InputError) as refused:
        checked_meta("phone", typed)
    assert str(refused.value).startswith("联系电话") and "例如 020-12345678 转 123" in str(
        refused.value
    )


def test_other_fields_are_not_telephone_numbers():
    assert checked_meta("preparer", "abc-xyz") == "abc-xyz"


def test_an_import_refuses_a_bad_phone_number_and_names_it(sample_json):
    data = sample_json("2020-guangzhou-tianhe")
    data["meta"] = {"preparer": "张三", "phone": "abc-xyz"}
    result = read_json(json.dumps(data, ensure_ascii=False).encode(), "x.json")
    assert ("meta.phone", result.rejected[-1][1]) == result.rejected[-1]
    assert "不是电话号码" in result.rejected[-1][1]
    assert "phone" not in result.report.meta
