"""Property tests over generated expression trees: unparse/parse round trip, compiler against the
reference interpreter, only ``EvaluationError`` at run time, and a parser that never crashes."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import EvaluationError, ExpressionCheckError, ExpressionSyntaxError
from compliance.lang import ANY, BUILTINS, Environment, parse, unparse
from compliance.lang import nodes as n
from compliance.lang.env import Env
from compliance.lang.generated import Compiler
from compliance.lang.interpreter import interpret
from compliance.lang.static_types import kind_of
from compliance.lang.values import type_name
from compliance.source import Span
from tests.hypothesis_budget import examples

from ._values import same_value

SETTINGS = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
S = Span(1, 1)
NAMES: dict[str, Any] = {
    "a": 1, "b": Decimal("2.5"), "c": -3, "s": "文本", "t": True, "f": False, "nil": None,
    "xs": [1, Decimal("0.5"), None], "ys": ["a", "b"], "o": {"k": 1, "m": Decimal("2.25")},
}
SCALAR_NAMES = ("a", "b", "c", "s", "t", "f", "nil")
ENV = Environment(dict.fromkeys(NAMES, ANY))
ALPHABET = st.sampled_from("abcxyz XYZ0123456789总体情况申请件年")
NODE_TYPES = (n.Literal, n.Name, n.Field, n.Index, n.ListNode, n.Call, n.Quantifier, n.Unary, n.Binary,
              n.Logical, n.Conditional)
FUNCTIONS = {"sum": (1, 1), "len": (1, 1), "abs": (1, 1), "max": (1, 3), "contains": (2, 2)}


# -- strategies ------------------------------------------------------------------------------------------

def literals() -> st.SearchStrategy[n.Node]:
    return st.one_of(
        st.integers(-1000, 1000),
        st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.none(),
        st.text(ALPHABET, max_size=6),
    ).map(lambda value: n.Literal(value, S))


def scalar_leaves() -> st.SearchStrategy[n.Node]:
    return st.one_of(literals(), st.sampled_from(SCALAR_NAMES).map(lambda name: n.Name(name, S)))


NUMERIC_NAMES = ("a", "b", "c", "nil")
BOOLEAN_NAMES = ("t", "f", "nil")


def numbers() -> st.SearchStrategy[n.Node]:
    return st.one_of(
        st.integers(-1000, 1000),
        st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    ).map(lambda value: n.Literal(value, S))


@st.composite
def exprs(draw: st.DrawFn, depth: int = 4, bound: tuple[str, ...] = (), want: str = "any") -> n.Node:
    """A random tree; ``want`` (number, boolean or any) steers most choices towards well-typed trees so
    that evaluation mostly yields values, while a fifth of sub-trees ignore it to exercise errors."""
    if want != "any" and draw(st.integers(0, 4)) == 0:
        want = "any"
    leaf_names = tuple(NAMES) + bound
    if want == "number":
        leaves = st.one_of(numbers(), st.sampled_from(NUMERIC_NAMES).map(lambda name: n.Name(name, S)))
    elif want == "boolean":
        leaves = st.one_of(st.sampled_from((True, False, None)).map(lambda b: n.Literal(b, S)),
                           st.sampled_from(BOOLEAN_NAMES).map(lambda name: n.Name(name, S)))
    else:
        leaves = st.one_of(literals(), st.sampled_from(leaf_names).map(lambda name: n.Name(name, S)))
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return draw(leaves)

    def sub(kind: str = "any") -> st.SearchStrategy[n.Node]:
        return exprs(depth - 1, bound, kind)

    kinds = {
        "number": ["arith", "neg", "coalesce", "if", "call", "count"],
        "boolean": ["compare", "in", "logical", "not", "if", "quantifier", "coalesce"],
        "any": ["arith", "compare", "in", "coalesce", "logical", "not", "neg", "if", "list", "quantifier",
                "call", "index", "field"],
    }[want]
    kind = draw(st.sampled_from(kinds))
    if kind == "arith":
        return n.Binary(draw(st.sampled_from(n.ARITH_OPS)), draw(sub("number")), draw(sub("number")), S)
    if kind == "compare":
        side = draw(st.sampled_from(("number", "number", "any")))
        return n.Binary(draw(st.sampled_from(n.COMPARE_OPS)), draw(sub(side)), draw(sub(side)), S)
    if kind == "in":
        # The item is a scalar: a list looked up among an object's keys is a known bug
        # (see test_semantics.py::test_list_in_object_is_an_evaluation_error).
        return n.Binary(draw(st.sampled_from(("in", "not in"))), draw(scalar_leaves()), draw(sub()), S)
    if kind == "coalesce":
        return n.Binary("??", draw(sub(want)), draw(sub(want)), S)
    if kind == "logical":
        return n.Logical(draw(st.sampled_from(("and", "or"))), draw(sub("boolean")), draw(sub("boolean")), S)
    if kind == "not":
        return n.Unary("not", draw(sub("boolean")), S)
    if kind == "neg":
        operand = draw(sub("number"))
        if isinstance(operand, n.Literal) and isinstance(operand.value, int | Decimal) \
                and not isinstance(operand.value, bool):
            return n.Literal(-operand.value, S)  # the parser folds -<number> into a literal
        return n.Unary("-", operand, S)
    if kind == "if":
        return n.Conditional(draw(sub("boolean")), draw(sub(want)), draw(sub(want)), S)
    if kind == "list":
        return n.ListNode(tuple(draw(st.lists(sub(), max_size=3))), S)
    if kind in ("quantifier", "count"):
        var = draw(st.sampled_from(("v", "w", "a")))
        collection = draw(st.one_of(
            st.lists(sub("number"), max_size=4).map(lambda items: n.ListNode(tuple(items), S)),
            st.lists(sub(), max_size=3).map(lambda items: n.ListNode(tuple(items), S)),
            st.sampled_from(("xs", "ys", "o", "nil")).map(lambda name: n.Name(name, S)),
        ))
        quantifiers = {"count": ("count_if", "sum_of"), "quantifier": ("all", "any", "none")}[kind]
        if want == "any":
            quantifiers = n.QUANTIFIERS
        q = draw(st.sampled_from(quantifiers))
        body_kind = {"sum_of": "number", "map": "any"}.get(q, "boolean")
        body = draw(exprs(depth - 1, (*bound, var), body_kind))
        return n.Quantifier(q, var, collection, body, S)
    if kind == "call":
        name = draw(st.sampled_from(sorted(FUNCTIONS)))
        low, high = FUNCTIONS[name]
        arg = sub("number") if name in ("abs", "max") else sub()
        args = draw(st.lists(arg, min_size=low, max_size=high))
        return n.Call(name, tuple(args), S)
    if kind == "index":
        target = draw(st.one_of(
            st.sampled_from(("xs", "ys", "o", "s", "nil")).map(lambda name: n.Name(name, S)),
            st.lists(sub(), max_size=3).map(lambda items: n.ListNode(tuple(items), S)),
        ))
        key = draw(st.one_of(st.integers(-4, 4).map(lambda i: n.Literal(i, S)), st.just(n.Literal("k", S)),
                             sub()))
        return n.Index(target, key, S)
    return n.Field(n.Name(draw(st.sampled_from(("o", "a", "nil", "xs"))), S),
                   draw(st.sampled_from(("k", "m", "missing"))), S)


# -- helpers ---------------------------------------------------------------------------------------------

def shape(node: Any) -> Any:
    """A node as nested tuples without spans; literal values keep their Python type (1 vs True)."""
    if isinstance(node, n.Literal):
        return ("Literal", type(node.value).__name__, node.value)
    if isinstance(node, tuple):
        return tuple(shape(item) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, Span):
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in dataclasses.fields(node)
                                        if f.name != "span"))
    return node


def outcome(run: Any) -> tuple[str, Any]:
    """("value", v) or ("error", None); anything but EvaluationError propagates and fails the test."""
    try:
        return ("value", run())
    except EvaluationError:
        return ("error", None)


def both(text: str) -> tuple[tuple[str, Any], tuple[str, Any]]:
    """Evaluate ``text`` with the compiler (checked when the checker accepts it) and the interpreter."""
    node = parse(text)
    try:
        compiled = ENV.compile(text)
        run_compiled = lambda: compiled.evaluate(NAMES)  # noqa: E731
    except ExpressionCheckError:
        closure = Compiler(BUILTINS, {}, {}, text).compile(node, frozenset())
        run_compiled = lambda: closure(Env(NAMES))  # noqa: E731
    return outcome(run_compiled), outcome(lambda: interpret(node, NAMES, BUILTINS))


# -- properties ------------------------------------------------------------------------------------------

@SETTINGS
@given(exprs())
def test_parse_of_unparse_gives_the_same_tree(node: n.Node) -> None:
    text = unparse(node)
    assert shape(parse(text)) == shape(node), text
    assert unparse(parse(text)) == text


@SETTINGS
@given(exprs())
def test_compiler_agrees_with_reference_interpreter(node: n.Node) -> None:
    text = unparse(node)
    compiled, reference = both(text)
    assert compiled[0] == reference[0], (text, compiled, reference)
    if compiled[0] == "value":
        assert same_value(compiled[1], reference[1]), (text, compiled, reference)


@SETTINGS
@given(exprs())
def test_evaluation_raises_only_evaluation_error(node: n.Node) -> None:
    # Checked or not (the compiler runs unchecked text too), both evaluators either return a value
    # or raise EvaluationError with a message; ``outcome`` lets anything else escape and fail.
    text = unparse(node)
    node = parse(text)
    closure = Compiler(BUILTINS, {}, {}, text).compile(node, frozenset())
    for run in (lambda: closure(Env(NAMES)), lambda: interpret(node, NAMES, BUILTINS)):
        message = "no error"
        try:
            run()
        except EvaluationError as exc:
            message = exc.message
        assert message


@SETTINGS
@given(exprs())
def test_checked_type_is_sound(node: n.Node) -> None:
    text = unparse(node)
    try:
        expression = ENV.compile(text)
    except ExpressionCheckError:
        return
    try:
        value = expression.evaluate(NAMES)
    except EvaluationError:
        return
    expected = kind_of(expression.type)
    if value is not None and expected not in ("any", "null"):
        assert type_name(value) == expected, (text, value, expression.type)


@SETTINGS
@given(st.text())
def test_parse_arbitrary_text_returns_a_node_or_a_syntax_error(text: str) -> None:
    try:
        node = parse(text)
    except ExpressionSyntaxError as exc:
        error = exc
    else:
        assert isinstance(node, NODE_TYPES)
        return
    assert error.span is not None
    assert error.span.line >= 1
    assert error.span.column >= 1


TOKENS = ["1", "2.5", '"s"', "x", "(", ")", "[", "]", ",", ".", "+", "-", "*", "/", "%", "==", "<", "??",
          "and", "or", "not", "in", "if", "then", "else", "all", "map", "sum", "true", "null", "\n", "#"]


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=20).map(" ".join))
def test_parse_token_soup_returns_a_node_or_a_syntax_error(text: str) -> None:
    try:
        parse(text)
    except ExpressionSyntaxError as exc:
        error: ExpressionSyntaxError | None = exc
    else:
        error = None
    if error is not None:
        assert error.span is not None
        lines = text.splitlines() or [""]
        assert 1 <= error.span.line <= len(lines) + 1
        assert error.context() != "" or not text
