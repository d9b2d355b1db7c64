"""The expression language: text → checked, compiled ``Expression``; JSON values in and out.

Knows nothing of reports, rules or the engine: it sees typed names, a function registry and
named definitions. Pipeline: parse (Lark, LALR) → check (static types) → compile (closures).

    env = Environment({"x": NUMBER})
    expr = env.compile("x + 1 > 2")
    expr.evaluate({"x": 3})   # True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from compliance.errors import ExpressionCheckError
from compliance.lang.definitions import Definition
from compliance.lang.env import Env
from compliance.lang.functions import BUILTINS
from compliance.lang.interpreter import interpret
from compliance.lang.nodes import Node
from compliance.lang.registry import Function, FunctionRegistry
from compliance.lang.static_types import ANY, Type
from compliance.lang.unparse import unparse

if TYPE_CHECKING:  # the checker and compilers are imported when an expression is compiled, not to run
    from compliance.lang.checker import Scope  # packs from the cache (start-up)
    from compliance.lang.compiler import Compiled
    from compliance.lang.program import Check, Program


def parse(text: str) -> Node:
    """Parse ``text`` into nodes (``parser.parse``; Lark is imported on first use, so a run whose
    packs come from the cache never imports it)."""
    from compliance.lang.parser import parse as parse_text

    return parse_text(text)


__all__ = [
    "ANY", "BUILTINS", "Definition", "Env", "Environment", "Expression", "Function",
    "FunctionRegistry", "Type", "parse", "unparse",
]


@dataclass(frozen=True, slots=True, eq=False)
class Expression:
    """A parsed, checked and compiled expression, ready to evaluate many times."""

    text: str
    node: Node
    type: Type
    environment: Environment
    _run: Compiled = field(repr=False)

    def evaluate(self, names: Mapping[str, Any], locals_: Mapping[str, Any] | None = None,
                 cache: dict[str, Any] | None = None) -> Any:
        """Evaluate with ``names`` as globals and ``locals_`` as bound variables.

        Pass the same ``cache`` to every expression evaluated against the same ``names`` so
        that shared definitions are computed once.
        """
        return self._run(Env(names, locals_, cache))

    def evaluate_reference(self, names: Mapping[str, Any], locals_: Mapping[str, Any] | None = None) -> Any:
        """Evaluate with the tree-walking reference interpreter (for tests and explanations)."""
        return interpret(self.node, {**names, **(locals_ or {})}, self.environment.functions,
                         self.environment.definitions)


@dataclass(frozen=True, slots=True, eq=False)
class Environment:
    """What expressions may use: typed global names, functions and named definitions.

    Immutable: ``define`` and ``with_names`` return new environments.
    """

    names: Mapping[str, Type] = field(default_factory=dict)
    functions: FunctionRegistry = BUILTINS
    definitions: Mapping[str, Definition] = field(default_factory=dict)
    _compiled: dict[str, Compiled] = field(default_factory=dict, repr=False)

    def scope(self, locals_: Mapping[str, Type] | None = None) -> Scope:
        """The static scope for checking."""
        from compliance.lang.checker import Scope

        return Scope({**self.names, **(locals_ or {})}, self.functions, self.definitions)

    def compile(self, text: str, locals_: Mapping[str, Type] | None = None) -> Expression:
        """Parse, check and compile ``text``; ``locals_`` are variables bound around it.

        Raises:
            ExpressionSyntaxError: the text does not parse.
            ExpressionCheckError: an unknown name, field or function, wrong arity or types.
        """
        from compliance.lang.checker import Checker
        from compliance.lang.generated import Compiler

        node = parse(text)
        try:
            typ = Checker(text).check(node, self.scope(locals_))
            run = Compiler(self.functions, self.definitions, self._compiled, text).compile(
                node, frozenset(locals_ or ()))
        except RecursionError as exc:  # a hostile expression nested deeper than Python's stack
            raise ExpressionCheckError("the expression is nested too deeply", text=text,
                                       span=node.span) from exc
        return Expression(text, node, typ, self, run)

    def program(self, checks: Sequence[Check | None]) -> Program:
        """``checks`` (node trees checked in this environment) as one generated function that
        shares this environment's generated definitions (``program.Program``)."""
        from compliance.lang.generated import shared_state
        from compliance.lang.program import Program

        return Program(checks, self.functions, self.definitions, shared_state(self._compiled))

    def define(self, name: str, text: str, params: tuple[str, ...] = ()) -> Environment:
        """A new environment with definition ``name(params) = text`` added.

        The body may use earlier definitions only, so definitions never recurse.
        """
        if name in self.definitions or name in self.names:
            raise ExpressionCheckError(f"'{name}' is already defined")
        if name in self.functions:
            raise ExpressionCheckError(f"'{name}' is a built-in function and cannot be redefined")
        if len(set(params)) != len(params):
            raise ExpressionCheckError(f"'{name}' repeats a parameter name")
        from compliance.lang.checker import Checker

        node = parse(text)
        try:
            typ = Checker(text).check(node, self.scope(dict.fromkeys(params, ANY)))
        except ExpressionCheckError as exc:
            if name in exc.message and "unknown" in exc.message:
                exc.message += " (a definition may use only definitions above it)"
            raise
        definitions = {**self.definitions, name: Definition(name, params, node, typ, text)}
        return Environment(self.names, self.functions, definitions, {})

    def with_names(self, names: Mapping[str, Type]) -> Environment:
        """A new environment with more typed global names."""
        return Environment({**self.names, **names}, self.functions, self.definitions, {})


