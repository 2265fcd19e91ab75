from decimal import Decimal

import pytest

from desktop.core.checks.expr import ExpressionError, Ref, parse_comparison, parse_linear


def test_sum_of_references():
    side = parse_linear("s3.new.natural + s3.carried_in.natural")
    assert side.refs == (Ref("this", "s3.new.natural"), Ref("this", "s3.carried_in.natural"))
    assert [c for c, _ in side.terms] == [1, 1]


def test_scaling_parentheses_and_minus():
    side = parse_linear("0.5 * (s4.review.total - s4.review.pending)")
    assert [(c, r.cell) for c, r in side.terms] == [
        (Decimal("0.5"), "s4.review.total"),
        (Decimal("-0.5"), "s4.review.pending"),
    ]


def test_previous_year_and_published_references():
    comparison = parse_comparison("s3.carried_in.total == prev(s3.carried_out.total)")
    assert comparison.op == "=="
    assert comparison.right.refs == (Ref("prev", "s3.carried_out.total"),)
    assert parse_linear("published(s3.total.total)").refs == (Ref("published", "s3.total.total"),)


def test_comparison_operators():
    assert parse_comparison("s3.new.total <= 5 * prev(s3.new.total)").op == "<="
    assert parse_comparison("s3.new.total > 0").right.constant == 0
    assert parse_comparison("s3.new.total >= 1").op == ">="


@pytest.mark.parametrize(
    "text", ["s3.new.total", "s3.new.total == ", "s3.new.total == 2 $", "(s3.new.total == 1"]
)
def test_malformed_expressions_are_refused(text):
    with pytest.raises(ExpressionError):
        parse_comparison(text)
