"""Semantics beyond the tables: locals, caches, host values handed in, and known defects (xfail)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from compliance.errors import EvaluationError
from compliance.lang import ANY, Environment
from compliance.lang.static_types import NUMBER

ENV = Environment({"x": ANY, "o": ANY})


def test_locals_shadow_globals() -> None:
    expr = ENV.compile("x + 1", locals_={"x": NUMBER})
    assert expr.evaluate({"x": 100}, locals_={"x": 1}) == 2
    assert expr.evaluate_reference({"x": 100}, locals_={"x": 1}) == 2


def test_evaluation_error_span_points_at_the_failing_sub_expression() -> None:
    expr = ENV.compile("1 +\n  (x / 0)")
    with pytest.raises(EvaluationError) as info:
        expr.evaluate({"x": 1})
    assert info.value.span is not None
    assert (info.value.span.line, info.value.span.column) == (2, 4)
    assert info.value.context() == "  (x / 0)\n   ^^^^^"


def test_division_is_exact_to_28_significant_digits() -> None:
    assert ENV.compile("1 / 3").evaluate({}) == Decimal("0.3333333333333333333333333333")


def test_integers_are_unbounded() -> None:
    big = 10**40
    assert ENV.compile("x * x + 1").evaluate({"x": big}) == big * big + 1


def test_modulo_takes_the_sign_of_the_dividend() -> None:
    assert ENV.compile("x % 3").evaluate({"x": -7}) == -1


def test_quantifier_variable_shadows_a_global() -> None:
    expr = ENV.compile("map(x in [1, 2], x * 10)")
    assert expr.evaluate({"x": 100}) == [10, 20]
    assert expr.evaluate_reference({"x": 100}) == [10, 20]


def test_tuples_handed_in_behave_like_lists() -> None:
    assert ENV.compile("x[1]").evaluate({"x": (1, 2)}) == 2
    assert ENV.compile("2 in x").evaluate({"x": (1, 2)}) is True


def test_only_strings_can_be_keys_of_an_object() -> None:
    expr = ENV.compile("x in o")
    names = {"x": [1], "o": {"a": 1}}
    assert expr.evaluate(names) is False
    assert expr.evaluate_reference(names) is False


def test_float_handed_in_as_a_name_is_an_exact_number() -> None:
    assert ENV.compile("x + 1").evaluate({"x": 1.5}) == Decimal("2.5")


def test_mixed_int_decimal_addition_is_exact_for_large_numbers() -> None:
    big = 12345678901234567890123456789
    result = ENV.compile("x + 0.1").evaluate({"x": big})
    assert str(result) == "12345678901234567890123456789.1"


def test_large_modulo_is_not_reported_as_division_by_zero() -> None:
    expr = ENV.compile("x % 3")
    message = ""
    result = None
    try:
        result = expr.evaluate({"x": 10**40})
    except EvaluationError as exc:
        message = exc.message
    assert "division by zero" not in message
    assert result == 1
