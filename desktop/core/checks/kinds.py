"""The kinds of check a form's rules compile into; each reads a report and maybe a
previous-year report and returns a Finding or None.

Every check declares what it reads (cells, texts, identity) so the engine can
re-run only the checks an edit can change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.checks.expr import Comparison, Linear
from desktop.core.checks.findings import Finding, number, words
from desktop.core.report import Report, as_decimal
from desktop.core.values import ValueProblem, parse


@dataclass(frozen=True)
class Rule:
    """One entry of a form's [[rules]]: what every check compiled from it shares."""

    id: str
    severity: str
    scope: str  # section id, or "report"
    origin: str
    message: str
    # An officer may record why a finding is acceptable instead of changing the data:
    # always for a warning, for an error only where the form data says so (e.g. Y-1
    # after 机构改革). An explained error no longer blocks the final PDF.
    explainable: bool = False


def fill(template: str, values: dict) -> str:
    """Substitute {name} placeholders that have a value; leave the others for later."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


# Checks are told apart by identity and key, never compared or printed: without the
# generated __eq__/__repr__ each class costs half the start-up time to define.
@dataclass(frozen=True, eq=False, repr=False)
class Check:
    rule: Rule
    key: str
    bindings: dict = field(default_factory=dict)
    cells: frozenset[str] = frozenset()  # this year's cells read, derived ones included
    texts: frozenset[str] = frozenset()
    reads_identity: bool = False  # unit, year or form
    reads_declarations: bool = False

    @property
    def section_id(self) -> str:
        """Where a finding belongs: the rule's scope, or the one text it reads."""
        if self.rule.scope == "report" and len(self.texts) == 1:
            return next(iter(self.texts))
        return self.rule.scope

    def finding(self, report: Report, cells=(), previous=(), read=(), **values) -> Finding:
        names = {**self.bindings, "year": report.year, "prev_year": report.year - 1, **values}
        message = fill(self.rule.message, {k: _display(v) for k, v in names.items()})
        sides = {k: values[k] for k in ("left", "right", "difference") if k in values}
        return Finding(
            rule=self.rule.id,
            key=self.key,
            severity=self.rule.severity,
            section=self.section_id,
            message=message,
            cells=tuple(cells),
            previous_cells=tuple(previous),
            values=tuple(read),
            explainable=self.rule.explainable,
            **{k: number(as_decimal(v)) for k, v in sides.items()},
        )


def _display(value: object) -> str:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return words(number(as_decimal(value)))
    return str(value)


@dataclass(frozen=True, eq=False, repr=False)
class RelationCheck(Check):
    """A linear relation between cells, optionally conditional (when), waived by a
    mention in the narrative (unless_text) or limited to some units (unit_pattern)."""

    assertion: Comparison | None = None
    when: Comparison | None = None
    unless_text: tuple[str, ...] = ()
    unit_pattern: str = ""
    strip: tuple[str, str] | None = None  # labels of both sides for a live balance strip

    def sides(self, report: Report, prev: Report | None) -> tuple[Decimal, Decimal] | None:
        """Both sides as they stand, for display even while the relation holds."""
        return _sides(self.assertion, report, prev)

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        if self.unit_pattern and not re.search(self.unit_pattern, report.unit):
            return None
        if self.when is not None:
            sides = _sides(self.when, report, prev)
            if sides is None or not self.when.holds(*sides):
                return None
        sides = _sides(self.assertion, report, prev)
        if sides is None or self.assertion.holds(*sides):
            return None
        if self.unless_text and _mentions(report, self.texts, self.unless_text):
            return None
        left, right = sides
        refs = self.assertion.refs
        return self.finding(
            report,
            cells=_unique(r.cell for r in refs if r.source != "prev"),
            previous=_unique(r.cell for r in refs if r.source == "prev"),
            read=tuple((_written(r), _read(r, report, prev)) for r in dict.fromkeys(refs)),
            left=left,
            right=right,
            difference=abs(left - right),
        )


def _sides(comparison: Comparison, report: Report, prev: Report | None):
    """Both sides' values, or None when the relation cannot be judged yet: nothing of
    this year filled in, or a previous-year or published value it needs is missing."""
    values = {}
    for ref in comparison.refs:
        if ref.source == "this":
            values[ref] = report.value(ref.cell)
            continue
        if ref.source == "prev":
            known = prev is not None and ref.cell in prev.form.cells
            value = prev.value(ref.cell) if known else None
        else:
            value = report.published.get(ref.cell)
        if value is None:
            return None
        values[ref] = value
    this = [v for r, v in values.items() if r.source == "this"]
    if this and all(v is None for v in this):
        return None
    return _total(comparison.left, values), _total(comparison.right, values)


def _written(ref) -> str:
    return ref.cell if ref.source == "this" else f"{ref.source}({ref.cell})"


def _read(ref, report: Report, prev: Report | None):
    if ref.source == "this":
        return report.value(ref.cell)
    if ref.source == "prev":
        return prev.value(ref.cell)
    return report.published.get(ref.cell)


def _total(side: Linear, values: dict) -> Decimal:
    total = side.constant
    for coefficient, ref in side.terms:
        value = values[ref]
        total += coefficient * (as_decimal(value) if value is not None else 0)
    return total


def _mentions(report: Report, sections, keywords) -> bool:
    return any(k in report.text(s) for s in sections for k in keywords)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True, eq=False, repr=False)
class ValueCheck(Check):
    """A stored value fits its cell's kind (counts ≥ 0, integers outside money)."""

    cell: str = ""

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        value = report.values.get(self.cell)
        if value is None:
            return None
        definition = report.form.cells[self.cell]
        try:
            parse(definition.kind, value)
        except ValueProblem as problem:
            return self.finding(
                report,
                cells=(self.cell,),
                read=((self.cell, None),),
                cell=definition.words,
                problem=str(problem),
            )
        return None


@dataclass(frozen=True, eq=False, repr=False)
class FormYearCheck(Check):
    """The report's official format must be the one in force for its year."""

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        if report.form.covers_year(report.year):
            return None
        return self.finding(report, form_name=report.form.name, form_years=report.form.years_words)


@dataclass(frozen=True, eq=False, repr=False)
class TextYearCheck(Check):
    """A year written into the narrative (e.g. the statistical period) is the report's year."""

    pattern: str = ""

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        for section in sorted(self.texts):
            for match in re.finditer(self.pattern, report.text(section)):
                if int(match.group(1)) != report.year:
                    heading = report.form.section(section).heading
                    return self.finding(
                        report, section=heading, found=match.group(1), quote=match.group(0)
                    )
        return None


@dataclass(frozen=True, eq=False, repr=False)
class TextSimilarityCheck(Check):
    """A narrative section should not repeat last year's (30号: 内容雷同)."""

    section: str = ""
    threshold: Decimal = Decimal("0.8")
    min_length: int = 100

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        if prev is None:
            return None
        now, before = report.text(self.section), prev.text(self.section)
        if min(len(now.strip()), len(before.strip())) < self.min_length:
            return None
        share = similarity(now, before)
        if share < self.threshold:
            return None
        heading = report.form.section(self.section).heading
        return self.finding(report, section=heading, percent=round(share * 100))


def similarity(text: str, other: str, size: int = 4) -> Decimal:
    """Share of this text's character n-grams that also occur in the other text."""
    mine = _shingles(text, size)
    if not mine:
        return Decimal(0)
    return Decimal(len(mine & _shingles(other, size))) / Decimal(len(mine))


def _shingles(text: str, size: int) -> set[str]:
    compact = re.sub(r"\s+", "", text)
    return {compact[i : i + size] for i in range(max(len(compact) - size + 1, 0))}


@dataclass(frozen=True, eq=False, repr=False)
class BlankCellsCheck(Check):
    """Blank is not 0: a table with figures not filled in (a 0 is an answer, a blank is
    not one), also in a report nobody has touched yet."""

    table: str = ""  # the table's words, e.g. 二、主动公开政府信息情况（第二十条第（一）项）

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        blank = [c for c in report.form.cells if c in self.cells and c not in report.values]
        if not blank:
            return None
        return self.finding(report, cells=blank[:1], table=self.table, count=len(blank))


@dataclass(frozen=True, eq=False, repr=False)
class EmptyTextCheck(Check):
    """A narrative section with nothing written in it."""

    section: str = ""

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        if report.text(self.section).strip():
            return None
        return self.finding(report, section=report.form.section(self.section).heading)


@dataclass(frozen=True, eq=False, repr=False)
class DeclarationCheck(Check):
    """A declaration (本年度未收到政府信息公开申请) the figures contradict."""

    declaration: str = ""

    def evaluate(self, report: Report, prev: Report | None) -> Finding | None:
        if self.declaration not in report.declarations:
            return None
        filled = [c for c in report.form.cells if c in self.cells and report.values.get(c)]
        if not filled:
            return None
        return self.finding(
            report,
            cells=filled,
            declared=report.declarations[self.declaration],
            cell=report.form.cells[filled[0]].words,
            count=len(filled),
        )
