"""Every way a printed row can be read into its cells, and the balance relations that
choose among them.

Portals often print a row's figures glued together (640020470 for seven cells), and a
text copy may lose its empty cells. A row is read only when exactly one reading fits:
first the relations within the row (its 总计), then those across rows (T3-1 per column,
the （七）总计 row). The relations are the form's own error rules, so nothing here
knows a table."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.forms import Form
from desktop.core.values import CellKind, Number, ValueProblem, canonical_decimal, parse

Reading = tuple  # one value (or None for a blank) per cell of the row
LIMIT = 20_000  # readings of one row, or combinations of rows, beyond which none is chosen
_PART = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?")


@dataclass
class Readings:
    options: list[Reading] = field(default_factory=list)
    split: bool = False  # the printed values were split or spread over the cells
    problem: str = ""  # why no reading could be made
    converted: list[str] = field(default_factory=list)  # 251000元 → 25.1（万元）


def read_row(tokens, kinds: list[CellKind], blanks_vanish: bool) -> Readings:
    """The readings of printed tokens into cells of these kinds."""
    n = len(kinds)
    if len(tokens) == n:
        try:
            values, converted = _values([(t, t.number) for t in tokens], kinds)
        except ValueProblem as problem:
            return Readings(problem=str(problem))
        return Readings([values], converted=converted)
    if len(tokens) > n:
        return Readings(problem=f"印有{len(tokens)}个数，本行只有{n}栏")
    if not blanks_vanish and sum(_most_parts(t) for t in tokens) < n:
        return Readings(problem=f"只印有{len(tokens)}个数，本行有{n}栏")
    try:
        return _enumerated(tokens, kinds, n, blanks_vanish)
    except _TooMany:
        return Readings(split=True, problem="可能的读法太多，无法确定")


def _enumerated(tokens, kinds: list[CellKind], n: int, blanks_vanish: bool) -> Readings:
    found: dict[Reading, list[str]] = {}
    tried = 0
    for parts in _splits(tokens, n, blanks_vanish):
        for placed in _placements(parts, n):
            tried += 1
            if tried > 10 * LIMIT or len(found) > LIMIT:
                raise _TooMany
            try:
                values, converted = _values(placed, kinds)
            except ValueProblem:
                continue
            found.setdefault(values, converted)
    if not found:
        return Readings(split=True, problem=f"印有的数字无法拆成{n}栏")
    options = list(found)
    return Readings(options, split=True, converted=found[options[0]] if len(options) == 1 else [])


def _most_parts(token) -> int:
    return 1 if token.blank else len(token.number.lstrip("+-").replace(".", ""))


def _splits(tokens, n: int, blanks_vanish: bool):
    """Each token cut into one or more numbers, all tokens together into at most n (or
    exactly n where empty cells cannot vanish)."""

    def walk(index: int, used: int):
        if index == len(tokens):
            if used == n or (blanks_vanish and used < n):
                yield []
            return
        token = tokens[index]
        left = len(tokens) - index - 1  # every later token takes at least one cell
        options = [[None]] if token.blank else _cuts(token.number, n - used - left)
        for parts in options:
            pieces = [(token, p) for p in parts]
            for rest in walk(index + 1, used + len(pieces)):
                yield pieces + rest

    yield from walk(0, 0)


class _TooMany(Exception):
    """More ways to cut a number than any row could be chosen among."""


@functools.lru_cache(maxsize=4096)
def _cuts(number: str, most: int) -> list[list[str]]:
    """number cut into 1..most valid numbers (no leading zeros; the sign stays first)."""
    results: list[list[str]] = []

    def walk(rest: str, parts: list[str]):
        if not rest:
            results.append(list(parts))
            return
        if len(results) > LIMIT:
            raise _TooMany
        if len(parts) >= most:
            return
        for end in range(1, len(rest) + 1):
            head = rest[:end]
            if _PART.fullmatch(head) and not rest[end:].startswith("."):
                if parts and head[0] in "+-":
                    continue
                parts.append(head)
                walk(rest[end:], parts)
                parts.pop()

    walk(number, [])
    return results


def _placements(parts, n: int):
    if len(parts) == n:
        yield parts
        return
    for positions in itertools.combinations(range(n), len(parts)):
        placed: list = [(None, None)] * n
        for position, part in zip(positions, parts, strict=True):
            placed[position] = part
        yield placed


def _values(placed, kinds: list[CellKind]) -> tuple[Reading, list[str]]:
    values, converted = [], []
    for (token, number), kind in zip(placed, kinds, strict=True):
        if number is None:
            values.append(None)
            continue
        value = parse(kind, number)
        if token.unit == "元" and kind is CellKind.MONEY:
            value = parse(kind, canonical_decimal(Decimal(value) / 10000))
            converted.append(f"“{token.raw}”换算为{value}万元")
        values.append(value)
    return tuple(values), converted


# -- relations ---------------------------------------------------------------------


def row_totals(form: Form, cells: tuple[str, ...]) -> list[tuple[int, list[int]]]:
    """(position of a total, positions of its parts) for the row's own totals: the form's
    derived cells whose parts are all in the row (总计 of a 三 row, of a 四 group)."""
    index = {cell: i for i, cell in enumerate(cells)}
    found = []
    for cell in cells:
        parts = form.cells[cell].parts
        if parts and all(p in index for p in parts):
            found.append((index[cell], [index[p] for p in parts]))
    return found


def fits_totals(option: Reading, totals: list[tuple[int, list[int]]]) -> bool | None:
    """Whether every printed total of the row equals the sum of its printed parts; None
    when a total is blank, so the reading cannot be checked by its row."""
    checked = True
    for total, parts in totals:
        if option[total] is None:
            checked = None
        elif option[total] != sum(option[p] or 0 for p in parts):
            return False
    return checked


@dataclass(frozen=True)
class Relation:
    comparison: object  # checks.expr.Comparison
    support: frozenset[str]  # printed cells it reads (a derived total's parts, or itself)


@functools.lru_cache(maxsize=8)
def relations(form: Form) -> tuple[Relation, ...]:
    """The form's error rules that are equalities of this year's printed figures."""
    from desktop.core.checks.kinds import RelationCheck

    found = []
    for check in form.checks:
        if not isinstance(check, RelationCheck) or check.rule.severity != "error":
            continue
        comparison = check.assertion
        if check.when is not None or comparison is None or comparison.op != "==":
            continue
        if any(ref.source == "prev" for ref in comparison.refs):
            continue
        support: set[str] = set()
        for ref in comparison.refs:
            support |= {ref.cell} if ref.source == "published" else _leaves(form, ref.cell)
        found.append(Relation(comparison, frozenset(support)))
    return tuple(found)


def _leaves(form: Form, cell: str) -> set[str]:
    definition = form.cells[cell]
    if not definition.derived:
        return {cell}
    return set().union(*(_leaves(form, part) for part in definition.parts))


def holds(form: Form, relation: Relation, printed: dict[str, Number | None]) -> bool | None:
    """Whether the relation holds for these printed figures; None when it reads a cell
    that was not read (a blank mark counts as read, and as 0)."""
    if not relation.support <= printed.keys():
        return None
    sides = []
    for side in (relation.comparison.left, relation.comparison.right):
        total = Decimal(side.constant)
        for coefficient, ref in side.terms:
            if ref.source == "published":
                value = printed[ref.cell]
            else:
                value = _computed(form, ref.cell, printed)
            total += coefficient * Decimal(value or 0)
        sides.append(total)
    return sides[0] == sides[1]


def _computed(form: Form, cell: str, printed: dict) -> Number:
    definition = form.cells[cell]
    if not definition.derived:
        return printed[cell] or 0
    return sum(_computed(form, part, printed) for part in definition.parts)
