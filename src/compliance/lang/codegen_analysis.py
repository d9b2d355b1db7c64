"""What the code generator knows about node trees before emitting code: safe names for keys, pure
paths, free names, loop-invariant sub-expressions, constant folding, and unknown functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import nodes as n
from compliance.lang import values as v
from compliance.lang.definitions import Definition
from compliance.lang.registry import FunctionRegistry


def key(name: str) -> str:
    """A language name as a Python string literal, after checking it is a plain identifier."""
    if not (name.isidentifier() and name.isascii()):
        raise EvaluationError(f"not a valid name: {name!r}")
    return repr(name)


def path(node: n.Node) -> str | None:
    """A spelling of a pure path (names, fields, literal indexes), used to compute it once."""
    match node:
        case n.Name(name=name):
            return name
        case n.Field(target=target, name=name):
            inner = path(target)
            return None if inner is None else f"{inner}.{name}"
        case n.Index(target=target, key=n.Literal(value=key)) if type(key) in (str, int):
            inner = path(target)
            return None if inner is None else f"{inner}[{key!r}]"
    return None


def is_singleton(value: Any) -> bool:
    return value is None or value is True or value is False


def free(node: n.Node) -> set[str]:
    """The names ``node`` uses that it does not bind itself."""
    if isinstance(node, n.Name):
        return {node.name}
    if isinstance(node, n.Quantifier):
        return free(node.collection) | (free(node.body) - {node.var})
    out: set[str] = set()
    for child in n.children(node):
        out |= free(child)
    return out


def invariant(body: n.Node, var: str, definitions: Mapping[str, Definition]) -> list[n.Node]:
    """The largest sub-expressions of a quantifier ``body`` that do not use its variable and that every
    evaluation of the body computes (so computing them once before the loop changes nothing)."""
    found: list[n.Node] = []

    def walk(node: n.Node) -> None:
        if isinstance(node, n.Literal):
            return
        if var not in free(node):
            if not isinstance(node, n.Name) or (node.name in definitions and not definitions[node.name].params):
                found.append(node)
            return
        match node:
            case n.Quantifier(collection=first) | n.Logical(left=first) | n.Conditional(condition=first) \
                    | n.Binary(op="??", left=first):
                walk(first)
            case _:
                for child in n.children(node):
                    walk(child)

    walk(body)
    return found


def fold(op: str, a: Any, b: Any) -> Any:
    if op in n.ARITH_OPS:
        return v.arithmetic(op, a, b)
    if op in ("in", "not in"):
        found = v.contains(b, a)
        return None if found is None else found != (op == "not in")
    return v.compare(op, a, b)


def check_functions(node: n.Node, functions: FunctionRegistry, definitions: Mapping[str, Definition],
                    text: str) -> None:
    """Raise the closure compiler's error for a call of an unknown function, at compile time."""
    if isinstance(node, n.Call) and node.name not in definitions and functions.get(node.name) is None:
        raise EvaluationError(f"unknown function '{node.name}'", text=text, span=node.span)
    for child in n.children(node):
        check_functions(child, functions, definitions, text)
