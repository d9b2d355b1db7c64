"""The parser: precedence and associativity, spans, and syntax errors with positions and carets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from compliance.errors import ExpressionSyntaxError
from compliance.lang import nodes as n
from compliance.lang import parse, unparse
from compliance.lang.parser import MAX_EXPRESSION_LENGTH
from compliance.source import Span


@pytest.mark.parametrize(("text", "shape"), [
    ("1 + 2 * 3", "(1 + (2 * 3))"),
    ("1 * 2 + 3", "((1 * 2) + 3)"),
    ("1 - 2 - 3", "((1 - 2) - 3)"),
    ("8 / 4 / 2", "((8 / 4) / 2)"),
    ("7 % 3 * 2", "((7 % 3) * 2)"),
    ("not a and b", "((not a) and b)"),
    ("not a or b", "((not a) or b)"),
    ("a or b and c", "(a or (b and c))"),
    ("a and b or c", "((a and b) or c)"),
    ("a ?? b + 1", "(a ?? (b + 1))"),
    ("a ?? b ?? c", "((a ?? b) ?? c)"),
    ("a ?? b == c", "((a ?? b) == c)"),
    ("a + 1 < b * 2", "((a + 1) < (b * 2))"),
    ("not a == b", "(not (a == b))"),
    ("not a in b", "(not (a in b))"),
    ("a not in b and c", "((a not in b) and c)"),
    ("-a.b", "(-a.b)"),
    ("-a[0] * 2", "((-a[0]) * 2)"),
    ("x.y[0].z", "x.y[0].z"),
    ("if a then b else c or d", "(if a then b else (c or d))"),
    ("if a then if b then 1 else 2 else 3", "(if a then (if b then 1 else 2) else 3)"),
    ("if a or b then 1 else 2", "(if (a or b) then 1 else 2)"),
    ("all(v in xs, v > 0) and any(w in ys, w)", "(all(v in xs, (v > 0)) and any(w in ys, w))"),
    ("any (v in xs, v)", "any(v in xs, v)"),
    ("f(1, 2,)", "f(1, 2)"),
    ("(((1)))", "1"),
])
def test_precedence_and_associativity(text: str, shape: str) -> None:
    assert unparse(parse(text)) == shape


def test_addition_binds_tighter_than_multiplication_would_not() -> None:
    node = parse("1 + 2 * 3")
    assert isinstance(node, n.Binary)
    assert node.op == "+"
    assert node.left == n.Literal(1, Span(1, 1, 1, 2))
    assert isinstance(node.right, n.Binary)
    assert node.right.op == "*"


def test_negative_number_literal_is_folded() -> None:
    assert parse("-2").__class__ is n.Literal
    assert parse("-2") == n.Literal(-2, Span(1, 1, 1, 3))
    assert parse("-2.50") == n.Literal(Decimal("-2.50"), Span(1, 1, 1, 6))
    node = parse("-x")
    assert isinstance(node, n.Unary)
    assert node.op == "-"


def test_numbers_are_int_or_exact_decimal() -> None:
    one = parse("1")
    assert isinstance(one, n.Literal)
    assert type(one.value) is int
    tenth = parse("0.10")
    assert isinstance(tenth, n.Literal)
    assert tenth.value == Decimal("0.10")
    assert str(tenth.value) == "0.10"


def test_keywords_inside_names_are_names() -> None:
    for text in ("nothing", "index", "order", "iffy", "true_value", "null_count", "android", "elsewhere"):
        assert parse(text) == n.Name(text, Span(1, 1, 1, len(text) + 1))


def test_quantifier_words_are_names_unless_followed_by_a_parenthesis() -> None:
    assert isinstance(parse("all"), n.Name)
    assert isinstance(parse("map + 1"), n.Binary)
    call = parse("mapping(1)")
    assert isinstance(call, n.Call)
    assert call.name == "mapping"
    assert isinstance(parse("count(x)"), n.Call)
    assert isinstance(parse("count_if(v in x, v)"), n.Quantifier)


def test_spans_are_one_based_and_cover_the_node() -> None:
    node = parse("a +\n  bc")
    assert isinstance(node, n.Binary)
    assert node.span == Span(1, 1, 2, 5)
    assert node.right.span == Span(2, 3, 2, 5)


def test_string_escapes_and_regex_backslashes() -> None:
    assert parse(r'"a\"b\\c\n\t"') == n.Literal('a"b\\c\n\t', Span(1, 1, 1, 14))
    assert parse(r"'\d+\.'") == n.Literal(r"\d+\.", Span(1, 1, 1, 8))


def test_comments_are_ignored() -> None:
    assert unparse(parse("1 # one\n+ 2 # two")) == "(1 + 2)"


@pytest.mark.parametrize(("text", "line", "column", "phrase"), [
    ("1 +", 1, 4, "ends too early"),
    ("1 + * 2", 1, 5, "unexpected *"),
    ("a $ b", 1, 3, "unexpected character '$'"),
    ("x.1", 1, 3, "expected a name"),
    ("1 < 2 < 3", 1, 7, "unexpected <"),
    ("a == b == c", 1, 8, "unexpected =="),
    ("all(v in xs)", 1, 12, "expected ','"),
    ("1\n+ )", 2, 3, "unexpected )"),
    ("f(1,\n  2 3)", 2, 5, "unexpected 3"),
    ("if a then b", 1, 12, "ends too early"),
])
def test_syntax_errors_carry_position_and_message(text: str, line: int, column: int, phrase: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse(text)
    err = info.value
    assert err.span is not None
    assert (err.span.line, err.span.column) == (line, column)
    assert phrase in err.message
    assert err.text == text
    assert str(err).startswith(f"{line}:{column}: ")


def test_syntax_error_context_shows_a_caret_under_the_offending_token() -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse("total + * 2")
    assert info.value.context() == "total + * 2\n        ^"


def test_syntax_error_context_on_a_later_line() -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse("a and\nb $ c")
    assert info.value.context() == "b $ c\n  ^"


def test_end_of_input_error_points_just_past_the_last_character() -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse("(1 + 2")
    assert info.value.span == Span(1, 7)
    assert info.value.context() == "(1 + 2\n      ^"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "# only a comment"])
def test_empty_text_is_a_syntax_error(text: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse(text)
    assert info.value.span is not None
    assert info.value.span.line == 1


def test_blank_text_says_empty_expression() -> None:
    with pytest.raises(ExpressionSyntaxError, match="empty expression") as info:
        parse("  ")
    assert info.value.span == Span(1, 1)


def test_over_long_text_is_rejected_before_parsing() -> None:
    text = "1" + " " * MAX_EXPRESSION_LENGTH
    with pytest.raises(ExpressionSyntaxError, match="limit is 100000") as info:
        parse(text)
    assert info.value.span == Span(1, 1)


def test_text_at_the_length_limit_still_parses() -> None:
    text = "1" + " " * (MAX_EXPRESSION_LENGTH - 1)
    assert parse(text) == n.Literal(1, Span(1, 1, 1, 2))


@pytest.mark.parametrize(("text", "column"), [('"abc', 1), ("'abc", 1), ('x == "abc', 6), ("'a\\'", 1)])
def test_unclosed_string_points_at_the_opening_quote(text: str, column: int) -> None:
    with pytest.raises(ExpressionSyntaxError, match="unexpected character") as info:
        parse(text)
    assert info.value.span == Span(1, column)


def test_string_does_not_span_lines() -> None:
    with pytest.raises(ExpressionSyntaxError) as info:
        parse('"a\nb"')
    assert info.value.span == Span(1, 1)


@pytest.mark.parametrize(("text", "span"), [
    ("(1 + 2", Span(1, 7)), ("f(1, 2", Span(1, 7)), ("[1, [2]", Span(1, 8)), ("((x)", Span(1, 5)),
    ("(1 +\n 2", Span(2, 3)),
])
def test_unclosed_parenthesis_or_bracket_ends_too_early(text: str, span: Span) -> None:
    with pytest.raises(ExpressionSyntaxError, match="ends too early") as info:
        parse(text)
    assert info.value.span == span


def test_unbalanced_closing_parenthesis() -> None:
    with pytest.raises(ExpressionSyntaxError, match=r"unexpected \)") as info:
        parse("(1 + 2))")
    assert info.value.span == Span(1, 8)


def test_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    with pytest.raises(ExpressionSyntaxError, match="nested too deeply"):
        parse(" + ".join(["1"] * 3000))


def test_deeply_nested_conditionals_are_a_syntax_error_not_a_lark_error() -> None:
    for depth in (500, 1000, 2000):
        text = "if true then " * depth + "1" + " else 2" * depth
        with pytest.raises(ExpressionSyntaxError):
            parse(text)


def test_moderate_nesting_parses() -> None:
    node = parse(" + ".join(["1"] * 200))
    assert isinstance(node, n.Binary)
