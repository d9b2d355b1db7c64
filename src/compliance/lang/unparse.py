"""Nodes → expression text, fully parenthesised, so that ``parse(unparse(node))`` gives ``node`` back
(spans aside). Used by property tests and to show sub-expressions in explanations."""

from __future__ import annotations

import json
from decimal import Decimal

from compliance.lang import nodes as n


def unparse(node: n.Node) -> str:
    """Source text for ``node``."""
    match node:
        case n.Literal(value=None):
            return "null"
        case n.Literal(value=bool() as b):
            return "true" if b else "false"
        case n.Literal(value=Decimal() as d):
            text = format(d, "f")
            return f"(-{text[1:]})" if text.startswith("-") else text
        case n.Literal(value=int() as i):
            return f"({i})" if i < 0 else str(i)
        case n.Literal(value=str() as s):
            return json.dumps(s, ensure_ascii=False)
        case n.Name(name=name):
            return name
        case n.Field(target=t, name=name):
            return f"{unparse(t)}.{name}"
        case n.Index(target=t, key=k):
            return f"{unparse(t)}[{unparse(k)}]"
        case n.ListNode(items=items):
            return "[" + ", ".join(unparse(i) for i in items) + "]"
        case n.Call(name=name, args=args):
            return f"{name}(" + ", ".join(unparse(a) for a in args) + ")"
        case n.Quantifier(kind=kind, var=var, collection=c, body=b):
            return f"{kind}({var} in {unparse(c)}, {unparse(b)})"
        case n.Unary(op="-", operand=o):
            return f"(-{unparse(o)})"
        case n.Unary(operand=o):
            return f"(not {unparse(o)})"
        case n.Binary(op=op, left=left, right=right) | n.Logical(op=op, left=left, right=right):
            return f"({unparse(left)} {op} {unparse(right)})"
        case n.Conditional(condition=c, then=t, otherwise=o):
            return f"(if {unparse(c)} then {unparse(t)} else {unparse(o)})"
    raise AssertionError(f"unhandled node {node!r}")  # pragma: no cover
