"""The generated-code compiler (``codegen.py``) against the reference interpreter and the closure
compiler: same values (Kleene logic, null propagation, exact numbers), same errors at the same
positions, definitions shared through the per-report cache, and no way for rule text to become code."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.errors import EvaluationError, ExpressionCheckError
from compliance.lang import ANY, BUILTINS, Environment, parse, unparse
from compliance.lang import nodes as n
from compliance.lang.compiler import ClosureCompiler
from compliance.lang.env import Env
from compliance.lang.generated import Compiler, GeneratedExpression
from compliance.lang.interpreter import interpret
from compliance.lang.registry import FunctionRegistry
from compliance.lang.runtime import STATS
from compliance.source import Span

from ._values import same_value
from .test_properties import NAMES, SETTINGS, exprs

ENV = Environment(dict.fromkeys(NAMES, ANY))
S = Span(1, 1)


def outcome(run: Any) -> tuple[str, Any]:
    try:
        return ("value", run())
    except EvaluationError as exc:
        return ("error", (exc.message, exc.span))


def generated(text: str, local_names: frozenset[str] = frozenset()) -> GeneratedExpression:
    run = Compiler(BUILTINS, {}, {}, text).compile(parse(text), local_names)
    assert isinstance(run, GeneratedExpression)
    return run


@SETTINGS
@given(exprs())
def test_generated_code_agrees_with_closures_including_error_positions(node: n.Node) -> None:
    text = unparse(node)
    node = parse(text)
    fast = generated(text)
    slow = ClosureCompiler(BUILTINS, {}, {}, text).compile(node, frozenset())
    got, want = outcome(lambda: fast(Env(NAMES))), outcome(lambda: slow(Env(NAMES)))
    assert got[0] == want[0], (text, got, want)
    if got[0] == "value":
        assert same_value(got[1], want[1]), (text, got, want)
        assert same_value(got[1], interpret(node, NAMES, BUILTINS)), text
    else:
        assert got[1] == want[1], (text, got, want)


@SETTINGS
@given(exprs(bound=("row",)))
def test_generated_definitions_and_loops_agree_with_the_interpreter(node: n.Node) -> None:
    # The expression becomes a parameterless definition (cached per report), a parameterised one
    # (called from a loop, where loop-invariant parts are hoisted) and a rule body with a local.
    text = unparse(node)
    env = ENV.with_names({"row": ANY})
    try:
        env = env.define("d", text).define("p", text, ("row",))
        whole = env.compile("[d, d, map(w in [1, 2], [d, p(w), p(row)])]", {"row": ANY})
    except ExpressionCheckError:
        return
    names = {**NAMES, "row": Decimal("1.5")}  # a global too: definitions see globals only
    cache: dict[str, Any] = {}
    got = outcome(lambda: whole.evaluate(names, {"row": Decimal("1.5")}, cache))
    want = outcome(lambda: interpret(whole.node, names, env.functions, env.definitions))
    assert got[0] == want[0], (text, got, want)
    if got[0] == "value":
        assert same_value(got[1], want[1]), (text, got, want)


KLEENE = [True, False, None]


@pytest.mark.parametrize("a", KLEENE)
@pytest.mark.parametrize("b", KLEENE)
@pytest.mark.parametrize("op", ["and", "or"])
def test_kleene_tables(a: Any, b: Any, op: str) -> None:
    env = Environment({"a": ANY, "b": ANY})
    expr = env.compile(f"a {op} b")
    assert expr.evaluate({"a": a, "b": b}) is expr.evaluate_reference({"a": a, "b": b})


@pytest.mark.parametrize(("text", "expected"), [
    ("null + 1", None), ("-null", None), ("null < 1", None), ("null == null", True), ("null == 0", False),
    ("not null", None), ("if null then 1 else 2", None), ("all(v in [1, null], v > 0)", None),
    ("any(v in [null, 1], v > 0)", True), ("none(v in [null], v > 0)", None), ("sum_of(v in [1, null, 2.5], v)",
                                                                             Decimal("3.5")),
    ("count_if(v in [1, 2, null], v > 1)", 1), ("filter(v in [1, 2], v > 1)", [2]),
    ("0.1 + 0.2 == 0.3", True), ("6 / 3", 2), ("1 in [true]", False), ("\"a\" in [\"a\"]", True),
    ("x.a ?? 0 + 1", 1), ("len(normalize(\"  a b \")) + len(normalize(\"  a b \"))", 4),
])
def test_semantics_spot_checks(text: str, expected: Any) -> None:
    expr = Environment({"x": ANY}).compile(text)
    assert same_value(expr.evaluate({"x": None}), expected)
    assert same_value(expr.evaluate_reference({"x": None}), expected)


@pytest.mark.parametrize("text", ["1 + \"a\" == 1", "all(v in [1, 2], v)", "x.a.b", "[1][1.5]", "1 / 0",
                                  "matches(\"a\", \"(\")", "if 1 then 2 else 3"])
def test_errors_are_located_like_the_closure_compiler(text: str) -> None:
    node = parse(text)
    names = {"x": {"a": 3}}
    fast = Compiler(BUILTINS, {}, {}, text).compile(node, frozenset())
    slow = ClosureCompiler(BUILTINS, {}, {}, text).compile(node, frozenset())
    with pytest.raises(EvaluationError) as got:
        fast(Env(names))
    with pytest.raises(EvaluationError) as want:
        slow(Env(names))
    assert (got.value.message, got.value.span, got.value.text) == (want.value.message, want.value.span, text)
    assert got.value.span is not None


@given(st.text(max_size=30))
def test_string_literals_never_become_code(value: str) -> None:
    # Whatever a string literal holds (quotes, newlines, code), the generated code returns it as a value.
    node = n.Binary("+", n.Literal(value, S), n.Literal("", S), S)
    run = Compiler(BUILTINS, {}, {}, "").compile(node, frozenset())
    assert run(Env({})) == value


def test_names_that_are_not_identifiers_are_refused() -> None:
    node = n.Field(n.Name("x", S), "a') or __import__('os", S)
    with pytest.raises(EvaluationError, match="not a valid name"):
        Compiler(BUILTINS, {}, {}, "").compile(node, frozenset())(Env({"x": {}}))


def test_generated_expression_pickles_as_its_tree_and_recompiles() -> None:
    text = "sum_of(v in [1, 2.5, x], v) + 1"
    run = Compiler(FunctionRegistry(), {}, {}, text).compile(parse(text), frozenset({"x"}))
    fresh = pickle.loads(pickle.dumps(run))  # not run yet: the tree only, generated on first use
    assert fresh(Env({}, {"x": 1})) == Decimal("5.5")
    assert run(Env({}, {"x": 2})) == Decimal("6.5")
    before = STATS["thawed"], STATS["generated"]
    copy = pickle.loads(pickle.dumps(run))  # run once: its code travels frozen, nothing is generated again
    assert isinstance(copy, GeneratedExpression)
    assert copy(Env({}, {"x": 1})) == Decimal("5.5")
    assert (STATS["thawed"], STATS["generated"]) == (before[0] + 1, before[1])
    assert "def _generated" in copy.source()


def test_frozen_definitions_travel_with_the_environment() -> None:
    env = Environment(dict.fromkeys(NAMES, ANY), FunctionRegistry()).define("twice", "y * 2", ("y",))
    env = env.define("four", "twice(2)")
    expr = env.compile("four + twice(o.k)")
    assert expr.evaluate({"o": {"k": 3}, "xs": [], "a": 0}) == 10
    copy = pickle.loads(pickle.dumps(expr))
    before = STATS["generated"]
    assert copy.evaluate({"o": {"k": 5}, "xs": [], "a": 0}) == 14
    assert STATS["generated"] == before


def test_no_fallback_on_the_passing_path() -> None:
    before = STATS["fallbacks"]
    expr = ENV.compile("all(v in xs, v == null or v > 0) and sum_of(v in xs, v) > 1 and o.k + a == 2")
    for _ in range(3):
        assert expr.evaluate(NAMES) is True
    assert STATS["fallbacks"] == before


def test_the_language_modules_form_no_import_circle() -> None:
    """runtime → nothing of the generator; codegen, compiler → runtime; generated → all three."""
    import ast
    from pathlib import Path

    import compliance.lang

    folder = Path(compliance.lang.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function-level imports too
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("compliance.lang."):
                found.add(node.module.rsplit(".", 1)[1])
        graph[path.stem] = found

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
                   for nxt in graph.get(start, ()))

    for module in graph:
        assert not reaches(module, module, {module}), module
