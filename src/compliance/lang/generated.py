"""``GeneratedExpression``: the callable the engine runs for an expression, and ``Compiler``,
which makes it. The code is generated (``codegen``) on the first call, or thawed from code frozen
by another process (the pack cache, a batch's parent); a case the generated code leaves aside
falls back to the closure compiler (``compiler.ClosureCompiler``), which raises the located
error. Pickles with its node tree and, once built, its frozen code.

Imports: this module uses ``codegen``, ``compiler`` and ``runtime``; none of them imports it, and
``codegen`` and ``compiler`` use only ``runtime``'s helpers, so the language's modules form no
import circle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.lang import nodes as n
from compliance.lang.codegen import Frozen, freeze, generate_expression, thaw_expression
from compliance.lang.codegen_analysis import check_functions
from compliance.lang.compiler import ClosureCompiler, Compiled
from compliance.lang.definitions import Definition
from compliance.lang.nodes import Node
from compliance.lang.registry import FunctionRegistry
from compliance.lang.runtime import FALLBACK_ERRORS, STATS, UNCOMPILABLE


class Shared:
    """Per-environment state of generated code: compiled definition functions and the closure
    compiler's own definitions (used when falling back). Pickles with the generated definitions
    frozen (``codegen.freeze``: code, not source), thawed on first use; closures are rebuilt."""

    __slots__ = ("closures", "definitions")

    def __init__(self, frozen: dict[str, Any] | None = None) -> None:
        self.definitions: dict[str, Any] = dict(frozen or {})
        self.closures: dict[str, Any] = {}

    def __reduce__(self) -> tuple[Any, ...]:
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
            frozen = freeze(self._fn)
        return (GeneratedExpression, (self.functions, self.definitions, self.node, self.local_names, self.text,
                                      self.shared, frozen))

    def build(self) -> Any:
        """Generate and compile the code now (otherwise done on the first call); code frozen by
        another process is thawed instead (no generating, no ``compile``)."""
        if self._fn is None and self._frozen is not None:
            try:
                self._fn = thaw_expression(self._frozen, self.functions, self.definitions, self.shared.definitions)
                STATS["thawed"] += 1
            except Exception:  # a plug-in's function gone, another Python: generate afresh
                self._fn = None
            self._frozen = None
        if self._fn is None:
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
            self._slow = ClosureCompiler(self.functions, self.definitions, self.shared.closures,
                                         self.text).compile(self.node, self.local_names)
        return self._slow(env)


SHARED_KEY = "\0generated"  # where generated code keeps its per-environment state among compiled definitions


class Compiler:
    """Compiles one expression to generated Python code (``GeneratedExpression``)."""

    def __init__(self, functions: FunctionRegistry, definitions: Mapping[str, Definition],
                 compiled_definitions: dict[str, Compiled], text: str) -> None:
        self.functions = functions
        self.definitions = definitions
        self.compiled_definitions = compiled_definitions
        self.text = text

    def compile(self, node: n.Node, local_names: frozenset[str]) -> Compiled:
        """A callable computing ``node`` (its code is generated on the first call).

        Raises:
            EvaluationError: ``node`` calls a function that is neither defined nor registered.
        """
        check_functions(node, self.functions, self.definitions, self.text)
        return GeneratedExpression(self.functions, self.definitions, node, local_names, self.text,
                                   shared_state(self.compiled_definitions))


def shared_state(compiled_definitions: dict[str, Any]) -> Shared:
    """The generated-code state kept among an environment's compiled definitions (made once)."""
    shared = compiled_definitions.get(SHARED_KEY)
    if not isinstance(shared, Shared):
        shared = compiled_definitions[SHARED_KEY] = Shared()
    return shared
