"""The reference interpreter: walks the node tree directly, as plainly as possible.

It is the executable definition of the semantics the compiler must match; property tests
compare the two on generated expressions. The engine uses the compiler.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import nodes as n
from compliance.lang import values as v
from compliance.lang.compiler import call_function
from compliance.lang.definitions import Definition
from compliance.lang.registry import FunctionRegistry


def interpret(node: n.Node, names: Mapping[str, Any], functions: FunctionRegistry,
              definitions: Mapping[str, Definition] | None = None) -> Any:
    """Evaluate ``node`` with ``names`` in scope (globals and locals alike)."""
    defs = definitions or {}

    def ev(node: n.Node, scope: Mapping[str, Any]) -> Any:
        match node:
            case n.Literal(value=value):
                return value
            case n.Name(name=name):
                if name in scope:
                    return scope[name]
                if name in defs:
                    return ev(defs[name].node, names)
                return None
            case n.Field(target=target, name=name):
                return v.get_field(ev(target, scope), name)
            case n.Index(target=target, key=key):
                return v.get_index(ev(target, scope), ev(key, scope))
            case n.ListNode(items=items):
                return [ev(i, scope) for i in items]
            case n.Call(name=name, args=args):
                values = [ev(a, scope) for a in args]
                if name in defs:
                    return ev(defs[name].node, {**names, **dict(zip(defs[name].params, values, strict=True))})
                function = functions.get(name)
                if function is None:
                    raise EvaluationError(f"unknown function '{name}'")
                return call_function(function, values)
            case n.Quantifier(kind=kind, var=var, collection=coll, body=body):
                members = v.iterate(ev(coll, scope), kind)
                if members is None:
                    return None
                return v.quantify(kind, [ev(body, {**scope, var: m}) for m in members], members)
            case n.Unary(op="-", operand=operand):
                return v.negate(ev(operand, scope))
            case n.Unary(operand=operand):
                return v.logical_not(ev(operand, scope))
            case n.Binary(op="??", left=left, right=right):
                value = ev(left, scope)
                return ev(right, scope) if value is None else value
            case n.Binary(op=op, left=left, right=right) if op in n.ARITH_OPS:
                return v.arithmetic(op, ev(left, scope), ev(right, scope))
            case n.Binary(op=op, left=left, right=right) if op in ("in", "not in"):
                found = v.contains(ev(right, scope), ev(left, scope))
                return None if found is None else found != (op == "not in")
            case n.Binary(op=op, left=left, right=right):
                return v.compare(op, ev(left, scope), ev(right, scope))
            case n.Logical(op=op, left=left, right=right):
                stop = op == "or"
                a = v.truth(ev(left, scope), f"left side of '{op}'")
                if a is stop:
                    return stop
                b = v.truth(ev(right, scope), f"right side of '{op}'")
                if b is stop:
                    return stop
                return None if a is None or b is None else not stop
            case n.Conditional(condition=cond, then=then, otherwise=otherwise):
                t = v.truth(ev(cond, scope), "condition of 'if'")
                if t is None:
                    return None
                return ev(then, scope) if t else ev(otherwise, scope)
        raise AssertionError(f"unhandled node {node!r}")  # pragma: no cover - match is exhaustive

    return ev(node, names)
