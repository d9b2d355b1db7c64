"""Run-time support of generated code: the helpers it calls, and ``GeneratedExpression``, the
callable the engine runs (compiled from the node tree on first use, picklable for the pack cache).

Generated code (``codegen.py``) inlines the common, well-typed case of each operator (a dict field,
two ints added, a boolean condition) and calls the ``values`` functions for everything else, so the
semantics stay those of ``values.py``. Whenever it meets a case it does not handle inline (a type
error, a non-boolean condition, an error raised by a function), it *bails out*: the same expression
is then evaluated by the closure compiler, which raises the ``EvaluationError`` with its position
(or returns the value, if the generated code bailed more eagerly than needed). Errors therefore
cost nothing on the passing path and are reported exactly as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import values as v
from compliance.lang.nodes import Node
from compliance.lang.registry import FunctionRegistry

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
}


class Shared:
    """Per-environment state of generated code: compiled definition functions and the closure
    compiler's own definitions (used when falling back). Pickles with the generated definitions
    frozen (``codegen.freeze``: code, not source), thawed on first use; closures are rebuilt."""

    __slots__ = ("closures", "definitions")

    def __init__(self, frozen: dict[str, Any] | None = None) -> None:
        self.definitions: dict[str, Any] = dict(frozen or {})
        self.closures: dict[str, Any] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        from compliance.lang.codegen import Frozen, freeze

        frozen = {}
        for name, fn in self.definitions.items():
            data = fn if isinstance(fn, Frozen) else freeze(fn)
            if data is not None:
                frozen[name] = data
        return (Shared, (frozen,))

    def __call__(self, env: Any) -> Any:  # pragma: no cover - stored among compiled definitions only
        raise AssertionError("Shared is not an expression")


class GeneratedExpression:
    """One expression as generated Python code, compiled on first call. Calling it with an ``Env``
    evaluates the expression; pickling keeps the node tree and drops the code."""

    __slots__ = ("_fn", "_frozen", "_slow", "definitions", "functions", "local_names", "node", "problem", "shared",
                 "text")

    def __init__(self, functions: FunctionRegistry, definitions: Mapping[str, Any], node: Node,
                 local_names: frozenset[str], text: str, shared: Shared, frozen: Any = None) -> None:
        self.functions = functions
        self.definitions = definitions
        self.node = node
        self.local_names = local_names
        self.text = text
        self.shared = shared
        self._fn: Any = None
        self._slow: Any = None
        self.problem: str | None = None  # why code could not be generated (then closures run it)
        self._frozen = frozen  # code from the pack cache or the parent process (``codegen.freeze``)

    def __reduce__(self) -> tuple[Any, ...]:
        frozen = self._frozen
        if frozen is None and self._fn is not None and self.problem is None:
            from compliance.lang.codegen import freeze

            frozen = freeze(self._fn)
        return (GeneratedExpression, (self.functions, self.definitions, self.node, self.local_names, self.text,
                                      self.shared, frozen))

    def build(self) -> Any:
        """Generate and compile the code now (otherwise done on the first call); code frozen by
        another process is thawed instead (no generating, no ``compile``)."""
        if self._fn is None and self._frozen is not None:
            from compliance.lang.codegen import thaw_expression

            try:
                self._fn = thaw_expression(self._frozen, self.functions, self.definitions, self.shared.definitions)
                STATS["thawed"] += 1
            except Exception:  # a plug-in's function gone, another Python: generate afresh
                self._fn = None
            self._frozen = None
        if self._fn is None:
            from compliance.lang.codegen import generate_expression

            try:
                self._fn = generate_expression(self.functions, self.definitions, self.shared.definitions,
                                               self.node, self.local_names)
            except UNCOMPILABLE as exc:
                self.problem = f"{type(exc).__name__}: {str(exc)[:200]}"
                self._fn = self.slow
                STATS["uncompilable"] += 1
            else:
                STATS["generated"] += 1
        return self._fn

    def source(self) -> str:
        """The generated Python source (for reading and debugging; generated again for code
        thawed from another process, which carries no source)."""
        fn = self.build()
        if not hasattr(fn, "__source__") and self.problem is None:
            from compliance.lang.codegen import generate_expression

            fn = generate_expression(self.functions, self.definitions, {}, self.node, self.local_names)
        return str(fn.__source__) if hasattr(fn, "__source__") else ""

    def __call__(self, env: Any) -> Any:
        fn = self._fn
        if fn is None:
            fn = self.build()
        if self.problem is not None:
            return fn(env)
        try:
            return fn(env)
        except FALLBACK_ERRORS:
            STATS["fallbacks"] += 1
            return self.slow(env)

    def slow(self, env: Any) -> Any:
        """Evaluate with the closure compiler (exact ``EvaluationError`` positions)."""
        if self._slow is None:
            from compliance.lang.compiler import ClosureCompiler

            self._slow = ClosureCompiler(self.functions, self.definitions, self.shared.closures,
                                         self.text).compile(self.node, self.local_names)
        return self._slow(env)
