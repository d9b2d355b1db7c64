"""The compilers: checked nodes → Python code the engine runs.

``generated.Compiler`` (what ``Environment.compile`` uses) turns a node tree into generated Python
code (``codegen.py``), compiled on first use and picklable (``generated.GeneratedExpression``).
``ClosureCompiler``, here, turns it into nested closures: slower, but every closure knows its node, so it
is what generated code falls back to for the exact position of an ``EvaluationError``.

Literals are folded, names are resolved to local/global/definition access once, and
parameterless definitions are computed once per evaluation context (``Env.cache``). Semantics
come from ``values``, shared with the reference ``interpreter``; property tests keep them equal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import nodes as n
from compliance.lang import values as v
from compliance.lang.definitions import Definition
from compliance.lang.env import Env
from compliance.lang.registry import Function, FunctionRegistry

Compiled = Callable[[Env], Any]


def _located(exc: EvaluationError, node: n.Node, text: str) -> EvaluationError:
    if exc.span is None:
        exc.span = node.span
        exc.text = text
    return exc


class ClosureCompiler:
    """Compiles one expression (and, on demand, the definitions it uses) to nested closures."""

    def __init__(self, functions: FunctionRegistry, definitions: Mapping[str, Definition],
                 compiled_definitions: dict[str, Compiled], text: str) -> None:
        self.functions = functions
        self.definitions = definitions
        self.compiled_definitions = compiled_definitions
        self.text = text

    def compile(self, node: n.Node, local_names: frozenset[str]) -> Compiled:
        """A closure computing ``node``; ``local_names`` are the variables bound around it."""
        text = self.text
        match node:
            case n.Literal(value=value):
                return lambda env: value
            case n.Name(name=name):
                return self._name(name, local_names)
            case n.Field(target=target, name=name):
                get = self.compile(target, local_names)

                def field(env: Env) -> Any:
                    obj = get(env)
                    if obj is None:
                        return None
                    if isinstance(obj, Mapping):
                        return obj.get(name)
                    try:
                        return v.get_field(obj, name)
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                return field
            case n.Index(target=target, key=key):
                get, key_of = self.compile(target, local_names), self.compile(key, local_names)

                def index(env: Env) -> Any:
                    try:
                        return v.get_index(get(env), key_of(env))
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                return index
            case n.ListNode(items=items):
                parts = [self.compile(i, local_names) for i in items]
                return lambda env: [p(env) for p in parts]
            case n.Call():
                return self._call(node, local_names)
            case n.Quantifier(kind=kind, var=var, collection=coll, body=body):
                get_items = self.compile(coll, local_names)
                run = self.compile(body, local_names | {var})

                def quantifier(env: Env) -> Any:
                    try:
                        items = v.iterate(get_items(env), kind)
                        if items is None:
                            return None
                        v.spend(env.cache, len(items))
                        return v.quantify(kind, [run(env.bind(var, item)) for item in items], items)
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                return quantifier
            case n.Unary(op=op, operand=operand):
                inner = self.compile(operand, local_names)
                apply = v.negate if op == "-" else v.logical_not

                def unary(env: Env) -> Any:
                    try:
                        return apply(inner(env))
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                return unary
            case n.Binary():
                return self._binary(node, local_names)
            case n.Logical(op=op, left=left, right=right):
                lhs, rhs = self.compile(left, local_names), self.compile(right, local_names)
                stop = op == "or"  # the value of the left side that decides the result alone

                def logical(env: Env) -> Any:
                    try:
                        a = v.truth(lhs(env), f"left side of '{op}'")
                        if a is stop:
                            return stop
                        b = v.truth(rhs(env), f"right side of '{op}'")
                        if b is stop:
                            return stop
                        return None if a is None or b is None else not stop
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                return logical
            case n.Conditional(condition=cond, then=then, otherwise=otherwise):
                test = self.compile(cond, local_names)
                yes, no = self.compile(then, local_names), self.compile(otherwise, local_names)

                def conditional(env: Env) -> Any:
                    try:
                        t = v.truth(test(env), "condition of 'if'")
                    except EvaluationError as exc:
                        raise _located(exc, node, text) from None
                    if t is None:
                        return None
                    return yes(env) if t else no(env)
                return conditional

    def _name(self, name: str, local_names: frozenset[str]) -> Compiled:
        if name in local_names:
            return lambda env: env.locals.get(name)
        definition = self.definitions.get(name)
        if definition is not None and not definition.params:
            body = self.definition(definition)

            def cached(env: Env) -> Any:
                cache = env.cache
                if name in cache:
                    return cache[name]
                value = cache[name] = body(env.fresh({}))
                return value
            return cached
        return lambda env: env.globals.get(name)

    def definition(self, definition: Definition) -> Compiled:
        """The compiled body of ``definition`` (compiled once per pack)."""
        found = self.compiled_definitions.get(definition.name)
        if found is None:
            sub = ClosureCompiler(self.functions, self.definitions, self.compiled_definitions, definition.text)
            found = sub.compile(definition.node, frozenset(definition.params))
            self.compiled_definitions[definition.name] = found
        return found

    def _call(self, node: n.Call, local_names: frozenset[str]) -> Compiled:
        args = [self.compile(a, local_names) for a in node.args]
        text = self.text
        definition = self.definitions.get(node.name)
        if definition is not None:
            body, params = self.definition(definition), definition.params

            def call_definition(env: Env) -> Any:
                return body(env.fresh(dict(zip(params, [a(env) for a in args], strict=True))))
            return call_definition
        function = self.functions.get(node.name)
        if function is None:
            raise EvaluationError(f"unknown function '{node.name}'", text=text, span=node.span)
        return _call_function(function, args, node, text)

    def _binary(self, node: n.Binary, local_names: frozenset[str]) -> Compiled:
        lhs, rhs = self.compile(node.left, local_names), self.compile(node.right, local_names)
        op, text = node.op, self.text
        if op == "??":
            def coalesce(env: Env) -> Any:
                left = lhs(env)
                return rhs(env) if left is None else left
            return coalesce
        if op in n.ARITH_OPS:
            def arith(env: Env) -> Any:
                try:
                    return v.arithmetic(op, lhs(env), rhs(env))
                except EvaluationError as exc:
                    raise _located(exc, node, text) from None
            return arith
        if op in ("in", "not in"):
            negate = op == "not in"

            def membership(env: Env) -> Any:
                try:
                    found = v.contains(rhs(env), lhs(env))
                except EvaluationError as exc:
                    raise _located(exc, node, text) from None
                return None if found is None else found != negate
            return membership

        def compare(env: Env) -> Any:
            try:
                return v.compare(op, lhs(env), rhs(env))
            except EvaluationError as exc:
                raise _located(exc, node, text) from None
        return compare


def call_function(function: Function, values: list[Any]) -> Any:
    """Call a registry function with evaluated arguments, applying its null rule and turning
    any unexpected Python error into an ``EvaluationError``."""
    if function.null_in_null_out and any(a is None for a in values):
        return None
    try:
        return v.to_value(function.impl(*values))
    except EvaluationError:
        raise
    except (TypeError, ValueError, ArithmeticError, IndexError, KeyError, RecursionError) as exc:
        raise EvaluationError(f"{function.name}() failed: {exc}") from exc


def _call_function(function: Function, args: list[Compiled], node: n.Call, text: str) -> Compiled:
    def call(env: Env) -> Any:
        try:
            return v.charge(env.cache, call_function(function, [a(env) for a in args]))
        except EvaluationError as exc:
            raise _located(exc, node, text) from None
    return call
