"""Parsing: expression text → nodes. With ``transformer.py``, the only modules that import Lark.

One LALR parser per process (``functools.cache``); Lark's errors are translated here into
``ExpressionSyntaxError`` with a 1-based span, so nothing else ever sees a Lark exception.
"""

from __future__ import annotations

import functools
from importlib import resources

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from compliance.errors import ExpressionError, ExpressionSyntaxError
from compliance.lang.nodes import Node
from compliance.lang.transformer import ToNodes
from compliance.source import Span

MAX_EXPRESSION_LENGTH = 100_000


@functools.cache
def _parser() -> Lark:
    grammar = resources.files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=True)


def _describe(token_type: str) -> str:
    names = {
        "RPAR": "')'", "LPAR": "'('", "RSQB": "']'", "LSQB": "'['", "COMMA": "','", "DOT": "'.'",
        "NAME": "a name", "NUMBER": "a number", "STRING": "a string", "$END": "the end of the expression",
        "COMP_OP": "a comparison", "ADD_OP": "'+' or '-'", "MUL_OP": "'*', '/' or '%'",
    }
    return names.get(token_type, repr(token_type.lower()) if token_type.isupper() else token_type)


def parse(text: str) -> Node:
    """Parse ``text`` into a node tree.

    Raises:
        ExpressionSyntaxError: the text is not an expression; the error has a span and a caret.
    """
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionSyntaxError(
            f"expression is {len(text)} characters long; the limit is {MAX_EXPRESSION_LENGTH}",
            text=text, span=Span(1, 1))
    if not text.strip():
        raise ExpressionSyntaxError("empty expression", text=text, span=Span(1, 1))
    try:
        tree = _parser().parse(text)
        node: Node = ToNodes().transform(tree)
    except UnexpectedEOF as exc:
        raise ExpressionSyntaxError("the expression ends too early", text=text,
                                    span=_end_span(text)) from exc
    except UnexpectedToken as exc:
        if exc.token.type == "$END":
            raise ExpressionSyntaxError("the expression ends too early", text=text,
                                        span=_end_span(text)) from exc
        expected = sorted(_describe(t) for t in exc.expected if not t.startswith("__"))[:6]
        hint = f"; expected {', '.join(expected)}" if expected else ""
        raise ExpressionSyntaxError(f"unexpected {exc.token!s:.30}{hint}", text=text,
                                    span=Span(exc.line, exc.column)) from exc
    except UnexpectedCharacters as exc:
        pos = exc.pos_in_stream or 0
        raise ExpressionSyntaxError(f"unexpected character {text[pos:pos + 1]!r}", text=text,
                                    span=Span(exc.line, exc.column)) from exc
    except UnexpectedInput as exc:  # any other Lark input error still gets a position
        raise ExpressionSyntaxError(str(exc).splitlines()[0], text=text,
                                    span=Span(max(exc.line, 1), max(exc.column, 1))) from exc
    except VisitError as exc:
        if isinstance(exc.orig_exc, ExpressionError):
            err = exc.orig_exc
            raise ExpressionSyntaxError(err.message, text=text, span=err.span) from exc
        if isinstance(exc.orig_exc, RecursionError):
            raise ExpressionSyntaxError("the expression is nested too deeply", text=text,
                                        span=Span(1, 1)) from exc
        raise
    except RecursionError as exc:
        raise ExpressionSyntaxError("the expression is nested too deeply", text=text,
                                    span=Span(1, 1)) from exc
    return node


def _end_span(text: str) -> Span:
    lines = text.splitlines() or [""]
    return Span(len(lines), len(lines[-1]) + 1)
