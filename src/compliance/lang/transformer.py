"""Lark parse tree → ``nodes``: the other module (with ``parser.py``) that imports Lark."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lark import Token, Transformer, v_args
from lark.tree import Meta

from compliance.errors import ExpressionError, ExpressionSyntaxError
from compliance.lang import nodes as n
from compliance.source import Span

_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t"}


def _span(meta: Meta) -> Span:
    if getattr(meta, "empty", True):
        return Span(1, 1)
    return Span(meta.line, meta.column, meta.end_line, meta.end_column)


def _tok_span(tok: Token) -> Span:
    return Span(tok.line or 1, tok.column or 1, tok.end_line, tok.end_column)


def unquote(literal: str) -> str:
    """Decode a string literal. Known escapes are \\\\ \\" \\' \\n \\t; any other backslash is kept,
    so regular expressions read naturally (``"\\d+"`` is the regex ``\\d+``)."""
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


MAX_LITERAL_CHARS = 100


@v_args(meta=True)
class ToNodes(Transformer[Token, n.Node]):
    """Builds frozen nodes bottom-up; each carries the 1-based span of its source text."""

    def number(self, meta: Meta, items: list[Token]) -> n.Literal:
        text = str(items[0])
        if len(text) > MAX_LITERAL_CHARS:  # report figures are short; 5,000 digits is an attack
            raise ExpressionError(f"a number literal of {len(text):,} characters; the limit is {MAX_LITERAL_CHARS}",
                                  span=_span(meta))
        value: int | Decimal = Decimal(text) if "." in text else int(text)
        return n.Literal(value, _span(meta))

    def string(self, meta: Meta, items: list[Token]) -> n.Literal:
        return n.Literal(unquote(str(items[0])), _span(meta))

    def true(self, meta: Meta, items: list[Any]) -> n.Literal:
        return n.Literal(True, _span(meta))

    def false(self, meta: Meta, items: list[Any]) -> n.Literal:
        return n.Literal(False, _span(meta))

    def null(self, meta: Meta, items: list[Any]) -> n.Literal:
        return n.Literal(None, _span(meta))

    def name(self, meta: Meta, items: list[Token]) -> n.Name:
        return n.Name(str(items[0]), _span(meta))

    def args(self, meta: Meta, items: list[n.Node]) -> tuple[n.Node, ...]:
        return tuple(items)

    def call(self, meta: Meta, items: list[Any]) -> n.Call:
        args = items[1] if items[1] is not None else ()
        return n.Call(str(items[0]), tuple(args), _span(meta))

    def list_literal(self, meta: Meta, items: list[Any]) -> n.ListNode:
        return n.ListNode(tuple(items[0]) if items[0] is not None else (), _span(meta))

    def quantifier(self, meta: Meta, items: list[Any]) -> n.Quantifier:
        kind, var, collection, body = items
        return n.Quantifier(str(kind), str(var), collection, body, _span(meta))

    def field(self, meta: Meta, items: list[Any]) -> n.Field:
        return n.Field(items[0], str(items[1]), _span(meta))

    def index(self, meta: Meta, items: list[Any]) -> n.Index:
        return n.Index(items[0], items[1], _span(meta))

    def neg(self, meta: Meta, items: list[Any]) -> n.Node:
        operand = items[0]
        if isinstance(operand, n.Literal) and isinstance(operand.value, int | Decimal) \
                and not isinstance(operand.value, bool):
            return n.Literal(-operand.value, _span(meta))  # fold: -1 is a literal
        return n.Unary("-", operand, _span(meta))

    def not_op(self, meta: Meta, items: list[Any]) -> n.Unary:
        return n.Unary("not", items[0], _span(meta))

    def arith(self, meta: Meta, items: list[Any]) -> n.Binary:
        return n.Binary(str(items[1]), items[0], items[2], _span(meta))

    def compare(self, meta: Meta, items: list[Any]) -> n.Binary:
        return n.Binary(str(items[1]), items[0], items[2], _span(meta))

    def in_op(self, meta: Meta, items: list[Any]) -> n.Binary:
        return n.Binary("in", items[0], items[1], _span(meta))

    def not_in_op(self, meta: Meta, items: list[Any]) -> n.Binary:
        return n.Binary("not in", items[0], items[1], _span(meta))

    def coalesce_op(self, meta: Meta, items: list[Any]) -> n.Binary:
        return n.Binary("??", items[0], items[1], _span(meta))

    def and_op(self, meta: Meta, items: list[Any]) -> n.Logical:
        return n.Logical("and", items[0], items[1], _span(meta))

    def or_op(self, meta: Meta, items: list[Any]) -> n.Logical:
        return n.Logical("or", items[0], items[1], _span(meta))

    def if_expr(self, meta: Meta, items: list[Any]) -> n.Conditional:
        return n.Conditional(items[0], items[1], items[2], _span(meta))


__all__ = ["ExpressionSyntaxError", "ToNodes", "unquote"]
