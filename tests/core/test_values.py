from decimal import Decimal

import pytest

from desktop.core.values import CellKind, ValueProblem, parse, to_text

COUNT, SIGNED, MONEY = CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("123", 123),
        ("１２３", 123),  # full-width digits from a Chinese input method
        ("1,234", 1234),
        ("1 234", 1234),
        ("１，２３４", 1234),
        (" 7 ", 7),
        (0, 0),
        (Decimal("5"), 5),
        (5.0, 5),
    ],
)
def test_counts_accept_what_officers_type(raw, expected):
    assert parse(COUNT, raw) == expected
    assert isinstance(parse(COUNT, raw), int)


@pytest.mark.parametrize("raw", ["", "-", "—", "  ", None])
def test_empty_is_not_zero(raw):
    assert parse(COUNT, raw) is None


@pytest.mark.parametrize(
    ("kind", "raw", "problem"),
    [
        (COUNT, "abc", "不是数字"),
        (COUNT, "-3", "不能为负数"),
        (COUNT, "1.5", "整数"),
        (COUNT, "1234567890123", "12位"),
        (SIGNED, "2.5", "整数"),
        (MONEY, "-1", "不能为负数"),
        (MONEY, "1.1234567", "6位"),
        (COUNT, True, "不是数字"),
        (COUNT, float("nan"), "有限"),
        (COUNT, "1e5", "不是数字"),
    ],
)
def test_refused_values_say_why(kind, raw, problem):
    with pytest.raises(ValueProblem, match=problem):
        parse(kind, raw)


def test_signed_cells_take_negative_numbers():
    assert parse(SIGNED, "-18") == -18
    assert parse(SIGNED, "－１８") == -18


def test_money_keeps_decimals_exactly():
    assert parse(MONEY, "12.35") == Decimal("12.35")
    assert parse(MONEY, 7380.28959) == Decimal("7380.28959")
    assert to_text(parse(MONEY, "12.50")) == "12.5"
    assert to_text(parse(MONEY, "100.000")) == "100"
