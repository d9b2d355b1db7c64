"""The grammar builds in Lark's strict mode (no shift/reduce conflicts, no colliding terminals)."""

from __future__ import annotations

import importlib.util
from importlib import resources

import lark
import pytest


def grammar_text() -> str:
    return resources.files("compliance.lang").joinpath("grammar.lark").read_text(encoding="utf-8")


def test_grammar_builds_as_plain_lalr() -> None:
    parser = lark.Lark(grammar_text(), parser="lalr")
    assert parser.parse("1 + 2").data == "arith"


def test_grammar_is_conflict_free_in_strict_mode() -> None:
    if importlib.util.find_spec("interegular") is None:
        pytest.skip("strict mode needs interegular (pip install 'lark[interegular]')")
    parser = lark.Lark(grammar_text(), parser="lalr", strict=True)
    assert parser.parse("if a then b else c").data == "if_expr"
