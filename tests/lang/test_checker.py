"""Static checking: unknown names, fields and functions with suggestions, arity, type clashes,
and named definitions; every error an ``ExpressionCheckError`` with a span."""

from __future__ import annotations

import pytest

from compliance.errors import ExpressionCheckError
from compliance.lang import ANY, Environment
from compliance.lang.static_types import BOOL, NUMBER, STRING, ListType, ObjectType
from compliance.source import Span

ROWS = ObjectType((("total", NUMBER), ("natural_person", NUMBER)), None)
REPORT = ObjectType((("rows", ROWS),), None)
ENV = Environment({"report": REPORT, "x": NUMBER, "s": STRING, "flag": BOOL, "xs": ListType(NUMBER),
                   "data": ANY})


def check_error(text: str, env: Environment = ENV) -> ExpressionCheckError:
    with pytest.raises(ExpressionCheckError) as info:
        env.compile(text)
    assert info.value.span is not None
    assert info.value.text == text
    return info.value


def test_known_paths_compile_with_their_types() -> None:
    assert ENV.compile("report.rows.total").type == NUMBER
    assert ENV.compile("report.rows").type == ROWS
    assert ENV.compile("x + report.rows.natural_person > 1").type == BOOL
    assert ENV.compile("data.anything.at.all").type == ANY


def test_unknown_field_suggests_the_closest_and_points_at_the_field() -> None:
    err = check_error("report.rows.totl")
    assert err.message == "unknown field 'totl'; did you mean 'total'?"
    assert err.span == Span(1, 13, 1, 17)
    assert err.context() == "report.rows.totl\n            ^^^^"


def test_unknown_field_in_the_middle_of_a_path() -> None:
    err = check_error("report.rowz.total")
    assert "unknown field 'rowz'; did you mean 'rows'?" in err.message
    assert err.span == Span(1, 8, 1, 12)


def test_unknown_field_on_a_later_line_points_at_that_line() -> None:
    err = check_error("x +\n  report.rows.totl")
    assert err.span == Span(2, 15, 2, 19)
    assert err.context() == "  report.rows.totl\n              ^^^^"


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    err = check_error("report.rows.zzz")
    assert err.message == "unknown field 'zzz'; it has: total, natural_person"


def test_unknown_field_through_string_index() -> None:
    err = check_error('report.rows["totl"]')
    assert "did you mean 'total'?" in err.message


def test_unknown_name_with_suggestion() -> None:
    err = check_error("reprot.rows.total")
    assert err.message == "unknown name 'reprot'; did you mean 'report'?"
    assert err.span == Span(1, 1, 1, 7)


def test_unknown_name_without_suggestion() -> None:
    err = check_error("1 + qqqqq")
    assert err.message == "unknown name 'qqqqq'"
    assert (err.span.line, err.span.column) == (1, 5)


def test_function_used_as_a_name() -> None:
    err = check_error("sum")
    assert "'sum' is a function" in err.message


def test_unknown_function_with_suggestion() -> None:
    err = check_error("x + summ(xs)")
    assert err.message == "unknown function 'summ'; did you mean 'sum'?"
    assert err.span == Span(1, 5, 1, 13)


def test_unknown_function_suggests_from_builtins() -> None:
    err = check_error('normalise("a")')
    assert "did you mean 'normalize'?" in err.message


@pytest.mark.parametrize(("text", "phrase"), [
    ("len()", "len() takes 1 argument(s), got 0: len(string|list|object)"),
    ("abs(1, 2)", "abs() takes 1 argument(s), got 2"),
    ("round(1, 2, 3)", "round() takes 1 to 2 argument(s), got 3: round(number, number?)"),
    ('capture("a")', "capture() takes 2 to 3 argument(s), got 1"),
    ("min()", "min() takes 1 or more argument(s), got 0"),
])
def test_wrong_arity(text: str, phrase: str) -> None:
    err = check_error(text)
    assert phrase in err.message
    assert (err.span.line, err.span.column) == (1, 1)


def test_variadic_function_accepts_many_arguments() -> None:
    assert ENV.compile("max(1, 2, 3, 4, 5)").evaluate({}) == 5


def test_sum_of_a_number_is_a_type_error_at_the_argument() -> None:
    err = check_error("sum(1)")
    assert err.message == "argument 1 of sum() must be a collection, but it is a number"
    assert err.span == Span(1, 5, 1, 6)


def test_sum_of_a_typed_number_name() -> None:
    err = check_error("sum(x)")
    assert "must be a collection" in err.message


def test_adding_a_string_to_a_number_name() -> None:
    err = check_error('x + "a"')
    assert err.message == "cannot add a number and a string"
    assert err.span == Span(1, 1, 1, 8)


def test_arithmetic_on_a_string_name() -> None:
    err = check_error("s * 2")
    assert "each side of '*' must be a number, but it is a string" in err.message
    assert err.span == Span(1, 1, 1, 2)


def test_ordering_a_string_against_a_number() -> None:
    assert "cannot order a string against a number" in check_error("s < x").message


def test_equality_between_different_known_kinds_is_rejected() -> None:
    assert "always false" in check_error("x == s").message
    assert "always true" in check_error("x != s").message


def test_equality_with_any_or_null_is_allowed() -> None:
    assert ENV.compile("x == data").type == BOOL
    assert ENV.compile("x == null").evaluate({"x": None}) is True


def test_quantifier_over_a_number() -> None:
    err = check_error("all(v in x, v > 0)")
    assert err.message == "what all() ranges over must be a list or object, but it is a number"
    assert err.span == Span(1, 10, 1, 11)


def test_quantifier_variable_gets_the_item_type() -> None:
    err = check_error('any(v in xs, v == "a")')
    assert "comparing a number with a string" in err.message
    assert ENV.compile("map(v in xs, v * 2)").type == ListType(NUMBER)


def test_quantifier_over_an_object_ranges_over_its_values() -> None:
    assert ENV.compile("all(v in report.rows, v >= 0)").type == BOOL
    err = check_error("all(v in report.rows, v.total)")
    assert "cannot take field 'total' of a number" in err.message


def test_quantifier_body_must_be_boolean() -> None:
    err = check_error("filter(v in xs, v + 1)")
    assert "the condition of filter() must be a boolean, but it is a number" in err.message
    assert (err.span.line, err.span.column) == (1, 17)


def test_sum_of_body_must_be_a_number() -> None:
    assert "what sum_of() adds must be a number" in check_error('sum_of(v in xs, "a")').message


def test_quantifier_variable_is_not_visible_outside() -> None:
    err = check_error("all(v in xs, v > 0) and v > 0")
    assert "unknown name 'v'" in err.message
    assert (err.span.line, err.span.column) == (1, 25)


def test_field_of_a_number() -> None:
    err = check_error("x.total")
    assert err.message == "cannot take field 'total' of a number"
    assert err.span == Span(1, 3, 1, 8)


def test_condition_of_if_must_be_boolean() -> None:
    assert "the condition of 'if' must be a boolean" in check_error("if x then 1 else 2").message


def test_locals_are_typed() -> None:
    expr = ENV.compile("item.total + 1", locals_={"item": ROWS})
    assert expr.evaluate({}, locals_={"item": {"total": 2}}) == 3
    err = check_error_locals("item.totl")
    assert "did you mean 'total'?" in err.message


def check_error_locals(text: str) -> ExpressionCheckError:
    with pytest.raises(ExpressionCheckError) as info:
        ENV.compile(text, locals_={"item": ROWS})
    return info.value


# -- definitions -------------------------------------------------------------------------------------

def test_definition_is_usable_by_name_and_evaluates() -> None:
    env = ENV.define("grand", "report.rows.total + x")
    expr = env.compile("grand * 2")
    names = {"report": {"rows": {"total": 3}}, "x": 4}
    assert expr.evaluate(names) == 14
    assert expr.evaluate_reference(names) == 14
    assert expr.type == NUMBER


def test_definition_with_params_called_with_wrong_arity() -> None:
    env = ENV.define("double", "v * 2", params=("v",))
    assert env.compile("double(3)").evaluate({}) == 6
    err = check_error("double(1, 2)", env)
    assert err.message == "double() takes 1 argument(s) (v), got 2"
    assert err.span == Span(1, 1, 1, 13)
    assert "got 0" in check_error("double()", env).message


def test_definition_with_params_used_as_a_name() -> None:
    env = ENV.define("double", "v * 2", params=("v",))
    assert "takes parameters (v); call it as double(…)" in check_error("double", env).message


def test_unknown_function_suggests_definitions_with_params() -> None:
    env = ENV.define("double", "v * 2", params=("v",))
    assert "did you mean 'double'?" in check_error("doubel(1)", env).message


def test_definition_may_use_only_earlier_definitions() -> None:
    with pytest.raises(ExpressionCheckError) as info:
        ENV.define("b", "c + 1")
    assert "unknown name 'c'" in info.value.message
    assert info.value.span == Span(1, 1, 1, 2)
    env = ENV.define("c", "x * 2").define("b", "c + 1")
    assert env.compile("b").evaluate({"x": 5}) == 11
    assert env.compile("b").evaluate_reference({"x": 5}) == 11


def test_definition_cannot_refer_to_itself() -> None:
    with pytest.raises(ExpressionCheckError) as info:
        ENV.define("loop", "loop + 1")
    assert "unknown name 'loop'" in info.value.message
    assert "only definitions above it" in info.value.message


def test_redefining_a_builtin_fails() -> None:
    with pytest.raises(ExpressionCheckError, match="'sum' is a built-in function and cannot be redefined"):
        ENV.define("sum", "1")


def test_redefining_a_definition_or_a_name_fails() -> None:
    env = ENV.define("d", "1")
    with pytest.raises(ExpressionCheckError, match="'d' is already defined"):
        env.define("d", "2")
    with pytest.raises(ExpressionCheckError, match="'x' is already defined"):
        ENV.define("x", "2")


def test_definition_parameters_must_be_distinct() -> None:
    with pytest.raises(ExpressionCheckError, match="repeats a parameter name"):
        ENV.define("f", "a + 1", params=("a", "a"))


def test_define_does_not_change_the_original_environment() -> None:
    ENV.define("extra", "1")
    assert "extra" not in ENV.definitions
    with pytest.raises(ExpressionCheckError):
        ENV.compile("extra")


def test_definition_body_type_errors_are_reported_against_the_body() -> None:
    with pytest.raises(ExpressionCheckError) as info:
        ENV.define("bad", 'x + "a"')
    assert info.value.text == 'x + "a"'
    assert info.value.span == Span(1, 1, 1, 8)


def test_parameterless_definition_is_computed_once_per_cache() -> None:
    calls: list[int] = []

    class Counting(dict[str, object]):
        def get(self, key: str, default: object = None) -> object:
            if key == "x":
                calls.append(1)
            return super().get(key, default)

    env = Environment({"x": NUMBER}).define("twice", "x * 2")
    a, b = env.compile("twice + 1"), env.compile("twice + twice")
    names = Counting(x=5)
    cache: dict[str, object] = {}
    assert a.evaluate(names, cache=cache) == 11
    assert b.evaluate(names, cache=cache) == 20
    assert len(calls) == 1
    assert cache == {"twice": 10}
