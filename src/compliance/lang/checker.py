"""Static checking at load time: unknown names, paths and functions, arity, and clear type clashes.

Every error is an ``ExpressionCheckError`` with the span of the offending node and, where it
helps, a did-you-mean suggestion. Types come from ``static_types``; ``any`` silences checks.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from compliance.errors import ExpressionCheckError
from compliance.lang import nodes as n
from compliance.lang.definitions import Definition
from compliance.lang.functions import pattern_problem
from compliance.lang.registry import FunctionRegistry
from compliance.lang.static_types import (
    ANY,
    BOOL,
    NULL,
    NUMBER,
    STRING,
    ListType,
    ObjectType,
    Type,
    accepts,
    element_type,
    from_value,
    join,
    join_all,
    kind_of,
)
from compliance.source import Span


def suggest(name: str, candidates: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True, slots=True)
class Scope:
    """What an expression may refer to: typed names, functions and definitions."""

    names: Mapping[str, Type]
    functions: FunctionRegistry
    definitions: Mapping[str, Definition]

    def bind(self, name: str, typ: Type) -> Scope:
        """A scope with one more local name (a quantifier variable)."""
        return Scope({**self.names, name: typ}, self.functions, self.definitions)


class Checker:
    """Infers the type of every node of one expression, raising on the first definite error."""

    def __init__(self, text: str) -> None:
        self.text = text

    def error(self, message: str, span: Span) -> ExpressionCheckError:
        """An error at ``span`` of this expression."""
        return ExpressionCheckError(message, text=self.text, span=span)

    def expect(self, kind: str, typ: Type, what: str, span: Span) -> None:
        """Raise unless ``typ`` may be of ``kind``."""
        if not accepts(kind, typ):
            raise self.error(f"{what} must be a {kind.replace('|', ' or ')}, but it is a {kind_of(typ)}", span)

    def check(self, node: n.Node, scope: Scope) -> Type:
        """The static type of ``node``."""
        match node:
            case n.Literal(value=v):
                return from_value(v)
            case n.Name(name=name, span=span):
                return self._name(name, span, scope)
            case n.Field(target=target, name=name, span=span):
                at = span
                if span.end_column is not None and span.end_line in (None, span.line):
                    at = Span(span.line, span.end_column - len(name), span.line, span.end_column)
                return self._field(self.check(target, scope), name, at)
            case n.Index(target=target, key=key, span=span):
                ttype, ktype = self.check(target, scope), self.check(key, scope)
                if isinstance(ttype, ObjectType) and isinstance(key, n.Literal) and isinstance(key.value, str):
                    return self._field(ttype, key.value, span)
                if isinstance(ttype, ListType):
                    self.expect("number", ktype, "a list index", key.span)
                    return ttype.item
                if isinstance(ttype, ObjectType):
                    self.expect("string", ktype, "an object key", key.span)
                    return element_type(ttype)
                self.expect("list|object|string", ttype, "the indexed value", target.span)
                return STRING if kind_of(ttype) == "string" else ANY
            case n.ListNode(items=items):
                return ListType(join_all([self.check(i, scope) for i in items]))
            case n.Call():
                return self._call(node, scope)
            case n.Quantifier(kind=kind, var=var, collection=coll, body=body, span=span):
                ctype = self.check(coll, scope)
                self.expect("list|object", ctype, f"what {kind}() ranges over", coll.span)
                item = element_type(ctype)
                btype = self.check(body, scope.bind(var, item))
                if kind in ("all", "any", "none", "filter", "count_if"):
                    self.expect("boolean", btype, f"the condition of {kind}()", body.span)
                if kind == "sum_of":
                    self.expect("number", btype, "what sum_of() adds", body.span)
                results: dict[str, Type] = {"filter": ListType(item), "map": ListType(btype),
                                            "count_if": NUMBER, "sum_of": NUMBER}
                return results.get(kind, BOOL)
            case n.Unary(op=op, operand=operand):
                otype = self.check(operand, scope)
                if op == "-":
                    self.expect("number", otype, "the operand of '-'", operand.span)
                    return NUMBER
                self.expect("boolean", otype, "the operand of 'not'", operand.span)
                return BOOL
            case n.Binary():
                return self._binary(node, scope)
            case n.Logical(op=op, left=left, right=right):
                for side in (left, right):
                    self.expect("boolean", self.check(side, scope), f"each side of '{op}'", side.span)
                return BOOL
            case n.Conditional(condition=cond, then=then, otherwise=otherwise):
                self.expect("boolean", self.check(cond, scope), "the condition of 'if'", cond.span)
                return join(self.check(then, scope), self.check(otherwise, scope))

    def _name(self, name: str, span: Span, scope: Scope) -> Type:
        if name in scope.names:
            return scope.names[name]
        definition = scope.definitions.get(name)
        if definition is not None:
            if definition.params:
                raise self.error(f"'{name}' takes parameters ({', '.join(definition.params)}); "
                                 f"call it as {name}(…)", span)
            return definition.type
        if name in scope.functions:
            raise self.error(f"'{name}' is a function; call it as {name}(…)", span)
        known = [*scope.names, *(d for d, v in scope.definitions.items() if not v.params)]
        raise self.error(f"unknown name '{name}'{suggest(name, known)}", span)

    def _field(self, typ: Type, name: str, span: Span) -> Type:
        if isinstance(typ, ObjectType):
            found = typ.field(name)
            if found is None:
                hint = suggest(name, typ.names)
                listing = "" if hint or len(typ.names) > 12 else f"; it has: {', '.join(typ.names)}"
                raise self.error(f"unknown field '{name}'{hint}{listing}", span)
            return found
        kind = kind_of(typ)
        if kind not in ("any", "null"):
            raise self.error(f"cannot take field '{name}' of a {kind}", span)
        return ANY

    def _call(self, node: n.Call, scope: Scope) -> Type:
        args = [self.check(a, scope) for a in node.args]
        definition = scope.definitions.get(node.name)
        if definition is not None:
            if len(args) != len(definition.params):
                raise self.error(f"{node.name}() takes {len(definition.params)} argument(s) "
                                 f"({', '.join(definition.params)}), got {len(args)}", node.span)
            return definition.type
        function = scope.functions.get(node.name)
        if function is None:
            known = [*scope.functions.names(), *(d for d, v in scope.definitions.items() if v.params)]
            raise self.error(f"unknown function '{node.name}'{suggest(node.name, known)}", node.span)
        high = function.max_args
        if len(args) < function.min_args or (high is not None and len(args) > high):
            want = (f"{function.min_args}" if high == function.min_args else
                    f"{function.min_args} or more" if high is None else f"{function.min_args} to {high}")
            raise self.error(f"{function.name}() takes {want} argument(s), got {len(args)}: "
                             f"{function.signature()}", node.span)
        for i, (arg, typ) in enumerate(zip(node.args, args, strict=True)):
            self.expect(function.param_kind(i), typ, f"argument {i + 1} of {function.name}()", arg.span)
            if i in function.patterns and isinstance(arg, n.Literal) and isinstance(arg.value, str):
                problem = pattern_problem(arg.value)
                if problem is not None:
                    raise self.error(problem, arg.span)
        return function.result_type(args)

    def _binary(self, node: n.Binary, scope: Scope) -> Type:
        left, right = self.check(node.left, scope), self.check(node.right, scope)
        lk, rk = kind_of(left), kind_of(right)
        known = lk not in ("any", "null") and rk not in ("any", "null")
        op = node.op
        if op == "??":
            return join(left, right) if lk != "null" else right
        if op in ("==", "!="):
            if known and lk != rk:
                raise self.error(f"comparing a {lk} with a {rk} is always {'false' if op == '==' else 'true'}",
                                 node.span)
            return BOOL
        if op in ("<", "<=", ">", ">="):
            for side, typ in ((node.left, left), (node.right, right)):
                self.expect("number|string", typ, f"each side of '{op}'", side.span)
            if known and lk != rk:
                raise self.error(f"cannot order a {lk} against a {rk}", node.span)
            return BOOL
        if op in ("in", "not in"):
            self.expect("string|list|object", right, f"the right side of '{op}'", node.right.span)
            return BOOL
        # arithmetic
        if op == "+" and (lk in ("string", "list") or rk in ("string", "list")):
            if known and lk != rk:
                raise self.error(f"cannot add a {lk} and a {rk}", node.span)
            return STRING if "string" in (lk, rk) else join(left, right)
        for side, typ in ((node.left, left), (node.right, right)):
            self.expect("number", typ, f"each side of '{op}'", side.span)
        return NUMBER if lk != "null" and rk != "null" else NULL
