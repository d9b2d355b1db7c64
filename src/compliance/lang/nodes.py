"""The syntax tree of the expression language: frozen dataclasses, each with its ``span``.

Produced by ``transformer.py`` from Lark's parse tree; consumed by the checker, the compiler,
the reference interpreter and the unparser. Knows nothing of Lark.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from compliance.source import Span

LiteralValue = None | bool | int | Decimal | str

ARITH_OPS = ("+", "-", "*", "/", "%")
COMPARE_OPS = ("==", "!=", "<", "<=", ">", ">=")
QUANTIFIERS = ("all", "any", "none", "filter", "map", "count_if", "sum_of")


@dataclass(frozen=True, slots=True)
class Literal:
    """A number, string, boolean or null written in the expression."""

    value: LiteralValue
    span: Span


@dataclass(frozen=True, slots=True)
class Name:
    """A name: a model root, a bound variable, a pack definition or constant."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Field:
    """``target.name``: a key of an object; null when absent."""

    target: Node
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Index:
    """``target[key]``: a list position (negative from the end) or an object key; null when absent."""

    target: Node
    key: Node
    span: Span


@dataclass(frozen=True, slots=True)
class ListNode:
    """``[a, b, c]``."""

    items: tuple[Node, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Call:
    """``name(args…)``: a registry function or a parameterised pack definition."""

    name: str
    args: tuple[Node, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Quantifier:
    """``kind(var in collection, body)``: all / any / none / filter / map / count_if / sum_of."""

    kind: str
    var: str
    collection: Node
    body: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Unary:
    """``-x`` or ``not x``."""

    op: str
    operand: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic (+ - * / %), comparison (== != < <= > >=), ``in``, ``not in`` and ``??``."""

    op: str
    left: Node
    right: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Logical:
    """``and`` / ``or`` with three-valued (Kleene) logic and short-circuit."""

    op: str
    left: Node
    right: Node
    span: Span


@dataclass(frozen=True, slots=True)
class Conditional:
    """``if cond then a else b``."""

    condition: Node
    then: Node
    otherwise: Node
    span: Span


Node = Literal | Name | Field | Index | ListNode | Call | Quantifier | Unary | Binary | Logical | Conditional


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-expressions of ``node``, in source order."""
    match node:
        case Literal() | Name():
            return ()
        case Field(target=t):
            return (t,)
        case Index(target=t, key=k):
            return (t, k)
        case ListNode(items=items) | Call(args=items):
            return items
        case Quantifier(collection=c, body=b):
            return (c, b)
        case Unary(operand=o):
            return (o,)
        case Binary(left=left, right=right) | Logical(left=left, right=right):
            return (left, right)
        case Conditional(condition=c, then=t, otherwise=o):
            return (c, t, o)
