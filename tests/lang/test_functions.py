"""The builtin functions: documentation and examples, regular expressions, normalisation, and
the null and error behaviour of the registry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from compliance.errors import EvaluationError, ExpressionCheckError
from compliance.lang import BUILTINS, Environment, Function
from compliance.lang.compiler import call_function
from compliance.lang.static_types import ANY

FUNCTIONS = list(BUILTINS)
ENV = Environment({"x": ANY, "y": ANY})


def run(text: str, **names: Any) -> Any:
    expr = ENV.compile(text)
    compiled = expr.evaluate(names)
    reference = expr.evaluate_reference(names)
    assert compiled == reference or (compiled is None and reference is None)
    return compiled


def fails(text: str, **names: Any) -> EvaluationError:
    expr = ENV.compile(text)
    with pytest.raises(EvaluationError) as info:
        expr.evaluate(names)
    with pytest.raises(EvaluationError):
        expr.evaluate_reference(names)
    return info.value


def test_registry_is_large_and_sorted_by_name() -> None:
    assert len(FUNCTIONS) >= 30
    assert BUILTINS.names() == sorted(f.name for f in FUNCTIONS)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_builtin_has_summary_and_example(function: Function) -> None:
    assert function.summary.strip(), function.name
    assert function.summary.rstrip().endswith("."), function.summary
    assert function.example.strip(), function.name
    assert f"{function.name}(" in function.example


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_builtin_example_evaluates_to_true(function: Function) -> None:
    expr = Environment().compile(function.example)
    assert expr.evaluate({}) is True
    assert expr.evaluate_reference({}) is True


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.name)
def test_builtin_signature_names_the_function(function: Function) -> None:
    assert function.signature().startswith(f"{function.name}(")
    assert function.min_args <= len(function.params)


def test_extending_the_registry_leaves_builtins_alone() -> None:
    extra = Function("twice", lambda v: v * 2, ("number",), summary="Twice.", example="twice(2) == 4")
    registry = BUILTINS.extended(extra)
    assert "twice" in registry
    assert "twice" not in BUILTINS
    assert Environment(functions=registry).compile(extra.example).evaluate({}) is True


def test_python_errors_inside_a_function_become_evaluation_errors() -> None:
    broken = Function("broken", lambda v: 1 / 0, ("any",))
    with pytest.raises(EvaluationError, match=r"broken\(\) failed"):
        call_function(broken, [1])


def test_null_argument_skips_the_implementation() -> None:
    def explode(v: Any) -> Any:
        raise AssertionError("called")

    assert call_function(Function("f", explode, ("any",)), [None]) is None


# -- regular expressions -----------------------------------------------------------------------------

def test_matches_searches_anywhere() -> None:
    assert run(r'matches("统计期限从2023年", "\d{4}年")') is True
    assert run('matches("abc", "b")') is True
    assert run('matches("abc", "^b")') is False


def test_search_returns_the_first_match_or_null() -> None:
    assert run(r'search("收到11件，办结9件", "\d+件")') == "11件"
    assert run(r'search("无", "\d+")') is None


def test_capture_by_number_and_name() -> None:
    assert run(r'capture("申请11件", "申请(\d+)件")') == "11"
    assert run(r'capture("2023-12-31", "(\d+)-(\d+)-(\d+)", 3)') == "31"
    assert run(r'capture("2023-12", "(?P<month>\d+)$", "month")') == "12"
    assert run(r'capture("2023", "(\d)(x)?")') == "2"
    assert run(r'capture("2023", "\d(x)?", 1)') is None
    assert run(r'capture("none", "(\d)")') is None


def test_capture_of_a_missing_group_is_an_evaluation_error() -> None:
    assert "no group 5" in fails(r'capture("a1", "a(\d)", 5)').message
    assert "no group 'nope'" in fails(r'capture("a1", "a(\d)", "nope")').message


def test_find_all_gives_match_objects() -> None:
    assert run(r'find_all("1件 22件", "(\d+)件")') == [
        {"match": "1件", "groups": ["1"], "start": 0},
        {"match": "22件", "groups": ["22"], "start": 3},
    ]
    assert run(r'find_all("ab", "(x)?b")') == [{"match": "b", "groups": [""], "start": 1}]
    assert run(r'map(m in find_all("a1b2", "\d"), m.match)') == ["1", "2"]


def test_find_all_result_is_typed_for_the_checker() -> None:
    with pytest.raises(Exception, match="did you mean 'match'"):
        ENV.compile(r'map(m in find_all("a1", "\d"), m.matc)')


def test_replace_substitutes_every_match_literally() -> None:
    assert run(r'replace("a1b22c", "\d+", "#")') == "a#b#c"
    assert run(r'replace("a1", "(\d)", "<\1>")') == "a<\\1>"
    assert run(r'replace("a.b", ".", "-")') == "---"
    assert run(r'replace("a.b", "\.", "-")') == "a-b"


@pytest.mark.parametrize("text", [
    'matches("a", "(")',
    'search("a", "[")',
    'capture("a", "(?P<x")',
    'find_all("a", "*")',
    'replace("a", "a{2,1}", "b")',
])
def test_an_invalid_literal_regex_is_a_load_time_error_at_the_pattern(text: str) -> None:
    with pytest.raises(ExpressionCheckError, match="invalid regular expression") as info:
        Environment().compile(text)
    assert info.value.span is not None
    assert info.value.span.column == text.index(", ") + 3  # the pattern argument itself


def test_invalid_regex_through_a_name() -> None:
    assert "invalid regular expression" in fails("matches(x, y)", x="abc", y="(?<").message


def test_over_long_regex_is_rejected() -> None:
    assert "longer than" in fails("matches(x, y)", x="a", y="a" * 2_001).message


def test_regex_functions_need_strings_at_run_time() -> None:
    assert "matches() needs a string" in fails("matches(x, y)", x=1, y="1").message
    assert "search() needs a string" in fails("search(x, y)", x="1", y=1).message


# -- normalize and number ----------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "folded"), [
    ("（一） ２０２３ 年", "(一)2023年"),
    ("２０２３年１２月３１日", "2023年12月31日"),
    ("【第一条】", "【第一条】"),
    ("［１］", "[1]"),
    ("2023 年 1 月", "2023年1月"),
    ("a\u3000b\u00a0c\td\ne", "abcde"),
    ("ＡＢＣ", "ABC"),
    ("", ""),
])
def test_normalize_folds_full_width_and_drops_spaces(raw: str, folded: str) -> None:
    assert run("normalize(x)", x=raw) == folded


def test_normalize_of_a_number_is_an_evaluation_error() -> None:
    assert "normalize() needs a string" in fails("normalize(x)", x=1).message


@pytest.mark.parametrize(("raw", "value"), [
    ("１,２00", 1200), ("12", 12), ("-3", -3), ("+4", 4), ("0.50", Decimal("0.50")),
    ("１２．５", Decimal("12.5")), ("1 000", 1000), ("abc", None), ("1e3", None), ("1.2.3", None), ("", None),
])
def test_number_reads_text(raw: str, value: Any) -> None:
    result = run("number(x)", x=raw)
    assert result == value
    assert type(result) is type(value)


# -- null and errors -----------------------------------------------------------------------------------

def test_index_of_finds_null_items() -> None:
    assert run("index_of(x, null)", x=[1, None]) == 1
    assert run("index_of(x, 2)", x=[1, None]) is None


def test_index_of_null_collection_is_null() -> None:
    assert run("index_of(null, 1)") is None


def test_min_max_skip_nulls_in_a_list_but_not_among_arguments() -> None:
    assert run("min(x)", x=[3, None, 1]) == 1
    assert run("min(3, x, 1)", x=None) is None


def test_round_half_even() -> None:
    assert run("round(x, 1)", x=Decimal("0.25")) == Decimal("0.2")
    assert run("round(x, 1)", x=Decimal("0.35")) == Decimal("0.4")
    assert run("round(x)", x=Decimal("-2.5")) == -2


def test_date_rejects_impossible_dates() -> None:
    err = fails("date(2023, 2, 29)")
    assert "not a calendar date" in err.message
    assert run("date(2024, 2, 29)") == "2024-02-29"


def test_range_is_bounded() -> None:
    assert run("len(range(0, 10000))") == 10000
    assert "limited to" in fails("range(0, 10001)").message


def test_join_renders_values() -> None:
    assert run('join(x, ", ")', x=[1, Decimal("2.50"), None, True, "a"]) == "1, 2.50, null, true, a"


def test_sorted_rejects_mixed_lists() -> None:
    assert "sorted() needs" in fails("sorted(x)", x=[1, "a"]).message


def test_contains_of_a_non_string_in_an_object_is_false_like_in() -> None:
    env = Environment({"x": ANY, "y": ANY})
    names = {"x": {"a": 1}, "y": [1]}
    assert env.compile("contains(x, y)").evaluate(names) is False
    assert env.compile("y in x").evaluate(names) is False
