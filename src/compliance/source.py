"""Positions in source text: ``Span`` (1-based line/column) and ``SourceRef`` (a file plus a span).

A leaf module: it imports nothing from ``compliance``, so every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a text: 1-based line and column, with an optional end on the same or a later line."""

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def shifted(self, line_offset: int, column_offset: int) -> Span:
        """Return this span moved into an enclosing text.

        Only positions on the first line of the inner text move by ``column_offset``: the
        inner text's later lines start at the enclosing text's column 1.
        """
        col = self.column + column_offset if self.line == 1 else self.column
        end_col = self.end_column
        if end_col is not None and (self.end_line or self.line) == 1:
            end_col += column_offset
        end_line = None if self.end_line is None else self.end_line + line_offset
        return Span(self.line + line_offset, col, end_line, end_col)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something is: a file (as the user named it) and, when known, a span in it."""

    uri: str
    span: Span | None = None

    def __str__(self) -> str:
        if self.span is None:
            return self.uri
        return f"{self.uri}:{self.span.line}:{self.span.column}"
