"""Rule expressions: linear sums of cell references compared with an operator.

Every balance relation of the official formats is linear, so a rule side is a
constant plus coefficient × reference terms, e.g.
``s3.new.natural + s3.carried_in.natural == s3.total.natural + s3.carried_out.natural``
or ``s3.carried_out.total <= 0.3 * s3.new.total``. References are plain cell ids
(this report), ``prev(id)`` (the same unit's previous year) or ``published(id)``
(a derived total as printed in an imported report).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from decimal import Decimal

SOURCES = ("this", "prev", "published")
COMPARISONS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<source>prev|published)\s*\(\s*(?P<cell>[\w.]+)\s*\)"
    r"|(?P<ref>s\d[\w.]*)|(?P<op>[-+*()]))"
)


class ExpressionError(ValueError):
    pass


@dataclass(frozen=True)
class Ref:
    source: str  # one of SOURCES
    cell: str


@dataclass(frozen=True)
class Linear:
    """constant + Σ coefficient × reference."""

    terms: tuple[tuple[Decimal, Ref], ...]
    constant: Decimal = Decimal(0)

    def scaled(self, factor: Decimal) -> Linear:
        return Linear(tuple((c * factor, r) for c, r in self.terms), self.constant * factor)

    def plus(self, other: Linear) -> Linear:
        return Linear(self.terms + other.terms, self.constant + other.constant)

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(ref for _, ref in self.terms)


@dataclass(frozen=True)
class Comparison:
    left: Linear
    op: str
    right: Linear

    @property
    def refs(self) -> tuple[Ref, ...]:
        return self.left.refs + self.right.refs

    def holds(self, left: Decimal, right: Decimal) -> bool:
        return COMPARISONS[self.op](left, right)


def parse_comparison(text: str) -> Comparison:
    for op in ("==", "!=", "<=", ">=", "<", ">"):
        if op in text:
            left, _, right = text.partition(op)
            return Comparison(parse_linear(left), op, parse_linear(right))
    raise ExpressionError(f"“{text}”缺少比较符（== <= >= < > !=）")


def parse_linear(text: str) -> Linear:
    parser = _Parser(text)
    result = parser.sum()
    if parser.peek() is not None:
        raise ExpressionError(f"“{text}”中“{parser.peek()[1]}”处无法解析")
    return result


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens, pos = [], 0
        while pos < len(text.rstrip()):
            match = _TOKEN.match(text, pos)
            if not match:
                raise ExpressionError(f"“{text}”第{pos + 1}个字符处无法解析")
            if match.group("source"):  # prev(id) / published(id): the source is the kind
                tokens.append((match.group("source"), match.group("cell")))
            else:
                tokens.append((match.lastgroup, match.group(match.lastgroup)))
            pos = match.end()
        return tokens

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError(f"“{self.text}”不完整")
        self.pos += 1
        return token

    def sum(self) -> Linear:
        result = self.product()
        while (token := self.peek()) and token[1] in "+-" and token[0] == "op":
            self.take()
            term = self.product()
            result = result.plus(term if token[1] == "+" else term.scaled(Decimal(-1)))
        return result

    def product(self) -> Linear:
        kind, value = self.take()
        if kind == "op" and value == "-":
            return self.product().scaled(Decimal(-1))
        if kind == "num":
            number = Decimal(value)
            if (token := self.peek()) and token == ("op", "*"):
                self.take()
                return self.product().scaled(number)
            return Linear((), number)
        if kind == "op" and value == "(":
            inner = self.sum()
            if self.take() != ("op", ")"):
                raise ExpressionError(f"“{self.text}”括号不匹配")
            return inner
        if kind == "ref":
            return Linear(((Decimal(1), Ref("this", value)),))
        if kind in ("prev", "published"):
            return Linear(((Decimal(1), Ref(kind, value)),))
        raise ExpressionError(f"“{self.text}”中“{value}”处无法解析")
