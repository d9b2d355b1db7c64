"""Run-time support of generated code: the helpers it calls (``HELPERS``), the bail-out, and the
counters. ``GeneratedExpression``, the callable the engine runs, is in ``generated.py``; this module
imports neither it nor the generator.

Generated code (``codegen.py``) inlines the common, well-typed case of each operator (a dict field,
two ints added, a boolean condition) and calls the ``values`` functions for everything else, so the
semantics stay those of ``values.py``. Whenever it meets a case it does not handle inline (a type
error, a non-boolean condition, an error raised by a function), it *bails out*: the same expression
is then evaluated by the closure compiler, which raises the ``EvaluationError`` with its position
(or returns the value, if the generated code bailed more eagerly than needed). Errors therefore
cost nothing on the passing path and are reported exactly as before.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import values as v

MISSING = object()  # a definition not yet in the per-report cache
SCALARS = frozenset({int, str, bool, type(None), Decimal})  # == on two of the same type is Python's ==
NEEDS_CONVERSION = frozenset({float, list, tuple})  # what ``values.to_value`` may change
STATS = {"generated": 0, "fallbacks": 0, "uncompilable": 0, "thawed": 0}  # counters for tests and benchmarks

# What makes generating code impossible for an expression that checked fine: Python's own limits
# (too many nested blocks or indentation levels, a parser stack overflow, an integer literal too
# long to write as text). The expression then runs with the closure compiler, which has none of
# them; ``rules lint`` reports it (CR016).
UNCOMPILABLE = (SyntaxError, RecursionError, MemoryError, ValueError, OverflowError)


class Bail(Exception):
    """Raised by generated code for a case it leaves to the closure compiler."""


def bail() -> Any:
    """Leave this evaluation to the closure compiler (which raises the located error)."""
    raise Bail


# What makes an evaluation fall back: a bail-out, an error of the language, or a Python error raised
# by a function (the closure path turns the latter into an ``EvaluationError`` with its message).
FALLBACK_ERRORS = (Bail, EvaluationError, TypeError, ValueError, ArithmeticError, IndexError, KeyError,
                   RecursionError, AttributeError)


def field(target: Any, name: str) -> Any:
    """``target.name`` for a target that is not a plain dict."""
    return v.get_field(target, name)


def to_value(value: Any) -> Any:
    """``values.to_value`` with a fast path for lists of scalars and objects (still a new list)."""
    kind = type(value)
    if kind is list or kind is tuple:
        for item in value:
            if type(item) not in SCALARS and type(item) is not dict:
                return v.to_value(value)
        return list(value)
    return v.to_value(value)


def is_number(value: Any) -> bool:
    """``values.is_number``."""
    return v.is_number(value)


MEMO_KEY = "\0memo"  # in the per-report cache: results of memoized functions


def _memoized() -> frozenset[Any]:
    from compliance.lang.functions import BUILTINS

    found = BUILTINS.get("normalize")
    return frozenset({found.impl} if found is not None else ())


# Pure one-argument built-ins costly enough to remember per report (the pack normalizes the same
# headings and cells in several rules).
MEMOIZED = _memoized()


def _canonical() -> frozenset[Any]:
    from compliance.lang.functions import BUILTINS

    names = ("find_all", "split", "keys", "values", "range", "flatten")
    return frozenset(f.impl for f in map(BUILTINS.get, names) if f is not None)


# Built-ins whose list results are new lists of language values (strings, numbers, objects from
# the model or made of values): ``to_value`` would only copy them again.
CANONICAL = _canonical()


def memo(cache: dict[str, Any], impl: Any, arg: Any) -> Any:
    """``impl(arg)``, remembered in the per-report cache for string arguments."""
    if type(arg) is not str:
        return impl(arg)
    table = cache.get(MEMO_KEY)
    if table is None:
        table = cache[MEMO_KEY] = {}
    found = table.get((impl, arg), MISSING)
    if found is MISSING:
        found = table[(impl, arg)] = impl(arg)
    return found


HELPERS: dict[str, Any] = {
    "_memo": memo,
    "_MISS": MISSING, "_SCALARS": SCALARS, "_ODD": NEEDS_CONVERSION, "_bail": bail, "_field": field,
    "_index": v.get_index, "_eq": v.equals, "_cmp": v.compare, "_arith": v.arithmetic, "_in": v.contains,
    "_iterate": v.iterate, "_neg": v.negate, "_tv": to_value, "_isnum": is_number, "_Decimal": Decimal,
    "_dict": dict, "_list": list, "_spend": v.spend, "_charge": v.charge, "_add": v.exact_add,
    "_FALLBACK": FALLBACK_ERRORS, "_BK": v.BUDGET_KEY, "_MAXS": v.MAX_STEPS, "_MAXV": v.MAX_VALUE_SIZE,
}
