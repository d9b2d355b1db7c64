"""One YAML file of a pack being loaded: its data, the position of every value and key, and
problems reported at those positions (with the source line, for a caret)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from compliance.errors import ExpressionError, RulePackError
from compliance.lang import Environment, Expression
from compliance.lang.static_types import Type
from compliance.rules.diagnostics import Diagnostics, diagnostic, expression_code
from compliance.rules.validation import schema_problems, unknown_keys
from compliance.rules.yaml_source import (
    ScalarPosition,
    expression_span,
    key_position_of,
    load_yaml,
    position_of,
)
from compliance.source import Span


def get(data: Any, pointer: str) -> Any:
    """The value at JSON Pointer ``pointer`` (KeyError/IndexError/TypeError when absent)."""
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def deep_merge(base: Any, patch: Any) -> Any:
    """``patch`` over ``base``: objects merge key by key, anything else (lists, null) replaces."""
    if isinstance(base, Mapping) and isinstance(patch, Mapping):
        out = dict(base)
        for key, value in patch.items():
            out[key] = deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(patch)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float) or type(value).__name__ == "Decimal":
        return "number"
    if isinstance(value, str):
        return "string"
    return "list" if isinstance(value, list | tuple) else "object" if isinstance(value, Mapping) else "?"


def compatible(old: Any, new: Any, where: str = "") -> str | None:
    """Why ``new`` cannot replace the constant ``old`` (a different shape), or None."""
    if old is None or new is None:
        return None
    ko, kn = _kind(old), _kind(new)
    if ko != kn:
        return f"{where or 'the value'} must be a {ko} like the pack's, not a {kn}"
    if isinstance(old, Mapping):
        for key, value in new.items():
            if key not in old:
                return f"{where or 'the value'} has no key '{key}' (it has: {', '.join(old)})"
            problem = compatible(old[key], value, f"{where}.{key}" if where else key)
            if problem:
                return problem
    if isinstance(old, list | tuple) and old and isinstance(new, list | tuple):
        for i, value in enumerate(new):
            problem = compatible(old[0], value, f"{where}[{i}]")
            if problem:
                return problem
    return None


class RuleFile:
    """A YAML file of a pack; ``ok`` is False when it could not be read or parsed."""

    def __init__(self, path: Path, diags: Diagnostics) -> None:
        self.path = path
        self.uri = str(path)
        self.diags = diags
        self.lines: list[str] = []
        self.data: Any = None
        self.positions: dict[str, ScalarPosition] = {}
        self.ok = True
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.ok = False
            diags.add(diagnostic("CR001", f"cannot read rule file: {exc}", self.uri))
            return
        self.lines = text.splitlines()
        try:
            self.data, self.positions = load_yaml(text, self.uri)
        except RulePackError as exc:
            self.ok = False
            span = exc.source.span if exc.source is not None else None
            diags.add(diagnostic("CR001", exc.message, self.uri, span, self.lines))

    def span(self, pointer: str) -> Span | None:
        """Where the value at ``pointer`` (or its nearest ancestor) starts."""
        return position_of(self.positions, pointer)

    def report(self, code: str, pointer: str, message: str, *, key: bool = False, fatal: bool = True,
               span: Span | None = None, warning: bool = False) -> None:
        """Record a problem (or, with ``warning``, a warning that does not fail lint) at the value
        (or, with ``key``, the key) at ``pointer``."""
        if span is None:
            span = key_position_of(self.positions, pointer) if key else self.span(pointer)
        self.diags.add(diagnostic(code, message, self.uri, span, self.lines, fatal=fatal and not warning,
                                  warning=warning))

    def check_schema(self) -> set[str]:
        """Report unknown keys and schema problems; return the pointers of the problems."""
        unknown = unknown_keys(self.data)
        for u in unknown:
            self.report("CR003", u.pointer, u.message, key=True)
        problems = schema_problems(self.data, unknown)
        for p in problems:
            self.report("CR002", p.pointer, p.message)
        return {p.pointer for p in problems}

    def expression_error(self, pointer: str, exc: ExpressionError, code: str | None = None,
                         prefix: str = "") -> None:
        """Report ``exc`` at its place inside the expression at ``pointer``."""
        position = self.positions.get(pointer) or ScalarPosition(self.span(pointer) or Span(1, 1), None, 0)
        span = expression_span(position, exc.span)
        if exc.span is not None and exc.span.end_column is not None and exc.span.end_line in (None, exc.span.line):
            span = Span(span.line, span.column, span.line, span.column + exc.span.end_column - exc.span.column)
        text = " ".join(exc.text.split())
        shown = text if len(text) <= 80 else text[:77] + "..."
        self.diags.add(diagnostic(code or expression_code(exc), f"{prefix}{exc.message} in `{shown}`",
                                  self.uri, span, self.lines))

    def compile(self, env: Environment, pointer: str, locals_: Mapping[str, Type] | None = None) -> Expression | None:
        """The compiled expression at ``pointer``, or None (the problem is reported)."""
        text = get(self.data, pointer)
        try:
            return env.compile(text, locals_)
        except ExpressionError as exc:
            self.expression_error(pointer, exc)
            return None

    def define(self, env: Environment, name: str, pointer: str, params: tuple[str, ...]) -> Environment:
        """``env`` with the definition at ``pointer`` added; a broken definition is reported and
        defined as ``null``, so that its uses do not cascade into more errors."""
        try:
            return env.define(name, get(self.data, pointer), params)
        except ExpressionError as exc:
            self.expression_error(pointer, exc)
            try:
                return env.define(name, "null", params)
            except ExpressionError:
                return env
