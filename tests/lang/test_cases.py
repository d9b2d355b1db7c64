"""Data-driven conformance tables (``cases/*.yaml``): each expression through the compiler and the
reference interpreter, against an expected value or an expected error kind and position."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from compliance.errors import EvaluationError, ExpressionCheckError, ExpressionError, ExpressionSyntaxError
from compliance.lang import ANY, BUILTINS, Environment, parse
from compliance.lang import nodes as n

from ._values import from_yaml, same_value

CASES_DIR = Path(__file__).parent / "cases"
ERRORS: dict[str, type[ExpressionError]] = {
    "syntax": ExpressionSyntaxError, "check": ExpressionCheckError, "evaluation": EvaluationError,
}
ALLOWED_KEYS = {"expr", "names", "declare", "expect", "error", "at"}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(entries):
            text = case["expr"].replace("\n", "\\n")
            params.append(pytest.param(path.stem, case, id=f"{path.stem}[{i}] {text}"))
    return params


CASES = _load()


def _environment(case: dict[str, Any]) -> Environment:
    declared = [*(case.get("names") or {}), *case.get("declare", [])]
    return Environment(dict.fromkeys(declared, ANY))


def test_case_files_are_well_formed() -> None:
    assert len(CASES) > 300
    for param in CASES:
        _, case = param.values
        assert set(case) <= ALLOWED_KEYS, case
        assert ("expect" in case) != ("error" in case), case
        assert case.get("error", "syntax") in ERRORS, case


@pytest.mark.parametrize(("table", "case"), CASES)
def test_conformance_case(table: str, case: dict[str, Any]) -> None:
    env = _environment(case)
    names = from_yaml(case.get("names") or {})
    text = case["expr"]
    error = case.get("error")
    if error in ("syntax", "check"):
        with pytest.raises(ExpressionError) as info:
            env.compile(text)
        assert type(info.value) is ERRORS[error], info.value
        if "at" in case:
            assert info.value.span is not None
            assert [info.value.span.line, info.value.span.column] == case["at"], str(info.value)
        return
    expression = env.compile(text)
    if error == "evaluation":
        with pytest.raises(EvaluationError) as info:
            expression.evaluate(names)
        if "at" in case:
            assert info.value.span is not None
            assert [info.value.span.line, info.value.span.column] == case["at"], str(info.value)
        with pytest.raises(EvaluationError):
            expression.evaluate_reference(names)
        return
    expected = from_yaml(case["expect"])
    compiled = expression.evaluate(names)
    assert same_value(compiled, expected), f"compiled: {compiled!r} != {expected!r}"
    reference = expression.evaluate_reference(names)
    assert same_value(reference, expected), f"reference: {reference!r} != {expected!r}"


def _calls_with_null(node: n.Node) -> set[str]:
    found: set[str] = set()
    if isinstance(node, n.Call) and any(isinstance(a, n.Literal) and a.value is None for a in node.args):
        found.add(node.name)
    for child in n.children(node):
        found |= _calls_with_null(child)
    return found


def _calls(node: n.Node) -> set[str]:
    found = {node.name} if isinstance(node, n.Call) else set()
    for child in n.children(node):
        found |= _calls(child)
    return found


def test_every_builtin_has_cases_with_ordinary_and_null_input() -> None:
    called: set[str] = set()
    with_null: set[str] = set()
    for param in CASES:
        table, case = param.values
        if table != "functions" or case.get("error") == "syntax":
            continue
        node = parse(case["expr"])
        called |= _calls(node)
        if "expect" in case:
            with_null |= _calls_with_null(node)
    names = set(BUILTINS.names())
    assert names - called == set()
    assert names - with_null == set()
