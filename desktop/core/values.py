"""Cell kinds and the one parser every typed, imported or stored value goes through.

Counts are integers ≥ 0, signed cells (本年增/减) integers, money cells decimals in 万元.
Empty is not zero: parse() returns None for an empty cell.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum

MAX_DIGITS = 12  # integer digits; more is a typing slip, not a count of applications
MAX_DECIMALS = 6  # published 万元 amounts carry up to six decimals

_FULL_WIDTH = str.maketrans("０１２３４５６７８９－．，＋", "0123456789-.,+")
_SEPARATORS = re.compile(r"[,\s\u00a0\u3000]")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
_EMPTY_MARKS = {"", "-", "—", "－"}

Number = int | Decimal


class CellKind(Enum):
    COUNT = "count"
    SIGNED = "signed"
    MONEY = "money"

    @property
    def words(self) -> str:
        return {
            "count": "非负整数",
            "signed": "整数（可为负数）",
            "money": "金额（万元，可带小数）",
        }[self.value]


class ValueProblem(ValueError):
    """Why a value does not fit its cell, in words for the officer."""


def parse(kind: CellKind, raw: object) -> Number | None:
    """Turn typed text, a JSON number or a stored string into the cell's value."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueProblem("不是数字")
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, (float, Decimal)):
        number = _from_decimal_like(raw)
    elif isinstance(raw, str):
        text = _SEPARATORS.sub("", raw.translate(_FULL_WIDTH))
        if text in _EMPTY_MARKS:
            return None
        if len(text) > 40 or not _NUMBER.fullmatch(text):
            raise ValueProblem(f"“{_clip(raw)}”不是数字")
        number = Decimal(text)
    else:
        raise ValueProblem("不是数字")
    return _fit(kind, number)


def _from_decimal_like(raw: float | Decimal) -> Decimal:
    try:
        number = Decimal(str(raw)) if isinstance(raw, float) else raw
    except InvalidOperation as error:
        raise ValueProblem("不是数字") from error
    if not number.is_finite():
        raise ValueProblem("不是有限的数字")
    return number


def _fit(kind: CellKind, number: Decimal) -> Number:
    if number != number.to_integral_value():
        if kind is not CellKind.MONEY:
            raise ValueProblem("只能填写整数，不能有小数")
        if -number.as_tuple().exponent > MAX_DECIMALS:
            raise ValueProblem(f"小数位数不能超过{MAX_DECIMALS}位")
    if number < 0 and kind is not CellKind.SIGNED:
        raise ValueProblem("不能为负数")
    if abs(number) >= Decimal(10) ** MAX_DIGITS:
        raise ValueProblem(f"数字超过{MAX_DIGITS}位，请检查是否多输入了数字")
    if kind is CellKind.MONEY:
        return canonical_decimal(number)
    return int(number)


def canonical_decimal(number: Decimal) -> Decimal:
    """One representation per amount, so 12.50 and 12.5 compare and store the same."""
    normalized = number.normalize()
    if normalized == normalized.to_integral_value():
        return normalized.quantize(Decimal(1))
    return normalized


def to_text(value: Number) -> str:
    """The storage and display form: no exponent, no trailing zeros."""
    if isinstance(value, Decimal):
        return format(canonical_decimal(value), "f")
    return str(value)


def _clip(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
