"""Fuzz the expression language: any text parses or raises ExpressionSyntaxError; anything that
parses and checks evaluates to a value or raises EvaluationError — never another exception.

    python fuzz/fuzz_expression.py -runs=100000      # or without -runs to fuzz until stopped
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from compliance.errors import EvaluationError, ExpressionCheckError, ExpressionSyntaxError
    from compliance.lang import Environment
    from compliance.lang.static_types import ANY

ENV = Environment({"x": ANY, "y": ANY, "rows": ANY})
NAMES = {"x": 3, "y": "统计期限", "rows": [{"total": 1}, {"total": None}]}


def test_one_input(data: bytes) -> None:
    """One fuzz input: the expression text."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(2048)
    try:
        expr = ENV.compile(text)
    except (ExpressionSyntaxError, ExpressionCheckError):
        return
    try:
        expr.evaluate(NAMES)
    except EvaluationError:
        return


if __name__ == "__main__":
    from _common import main

    main(test_one_input)
