"""YAML → plain data plus the 1-based position of every value, keyed by JSON Pointer.

Uses PyYAML's safe composer (no tags, no objects) and rejects aliases, so a rule file can
neither run code nor expand into a "billion laughs". Floats are read as exact Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from compliance.errors import RulePackError
from compliance.source import SourceRef, Span

MAX_RULE_FILE_BYTES = 2_000_000
KEY_PREFIX = "key:"  # positions[KEY_PREFIX + pointer] is where the *key* of the value at pointer is written


@dataclass(frozen=True, slots=True)
class ScalarPosition:
    """Where a scalar's text starts in the file, and how its content maps back to the file."""

    span: Span
    style: str | None  # None (plain), "'", '"', "|" or ">"
    content_indent: int  # for block scalars: the column (1-based) where content lines start


def load_yaml(text: str, uri: str) -> tuple[Any, dict[str, ScalarPosition]]:
    """Parse ``text``; return the data and pointer → position of every node."""
    if len(text) > MAX_RULE_FILE_BYTES:
        raise RulePackError(f"file larger than {MAX_RULE_FILE_BYTES} bytes", source=SourceRef(uri))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        span = Span(mark.line + 1, mark.column + 1) if mark is not None else None
        raise RulePackError(f"invalid YAML: {exc.problem}", source=SourceRef(uri, span)) from exc
    except RecursionError as exc:  # PyYAML composes recursively: a hostile file nests thousands deep
        raise RulePackError("YAML nested too deeply", source=SourceRef(uri)) from exc
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", source=SourceRef(uri)) from exc
    positions: dict[str, ScalarPosition] = {}
    lines = text.splitlines()
    if root is None:
        return None, positions
    try:
        return _build(root, "", positions, lines, uri, set()), positions
    except RecursionError as exc:
        raise RulePackError("YAML nested too deeply", source=SourceRef(uri)) from exc
    except yaml.MarkedYAMLError as exc:  # a tag such as !foo: no constructor (safe loading)
        mark = exc.problem_mark
        span = Span(mark.line + 1, mark.column + 1) if mark is not None else None
        raise RulePackError(f"invalid YAML: {exc.problem}", source=SourceRef(uri, span)) from exc
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", source=SourceRef(uri)) from exc


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _build(node: yaml.Node, pointer: str, positions: dict[str, ScalarPosition],
           lines: list[str], uri: str, seen: set[int]) -> Any:
    if id(node) in seen:
        raise RulePackError("YAML aliases (*name) are not allowed in rule packs",
                            source=SourceRef(uri, Span(node.start_mark.line + 1, node.start_mark.column + 1)))
    seen.add(id(node))
    start = Span(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        positions[pointer] = ScalarPosition(start, None, 0)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in out:
                raise RulePackError(f"duplicate key '{key}'", source=SourceRef(
                    uri, Span(key_node.start_mark.line + 1, key_node.start_mark.column + 1)))
            child = f"{pointer}/{_escape(key)}"
            positions[KEY_PREFIX + child] = ScalarPosition(
                Span(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                     key_node.end_mark.line + 1, key_node.end_mark.column + 1), None, 0)
            out[key] = _build(value_node, child, positions, lines, uri, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        positions[pointer] = ScalarPosition(start, None, 0)
        return [_build(item, f"{pointer}/{i}", positions, lines, uri, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    indent = 0
    if node.style in ("|", ">"):
        first = node.start_mark.line + 1  # content starts on the line after the indicator
        for line in lines[first:]:
            if line.strip():
                indent = len(line) - len(line.lstrip(" ")) + 1
                break
    positions[pointer] = ScalarPosition(start, node.style, indent)
    if node.style is None and node.tag != "tag:yaml.org,2002:str":
        return _plain_scalar(node)
    return node.value


def _plain_scalar(node: yaml.ScalarNode) -> Any:
    resolved = yaml.SafeLoader("").construct_object(node)  # ints, bools, nulls, floats
    if isinstance(resolved, float):
        return Decimal(node.value)
    return resolved


def key_position_of(positions: dict[str, ScalarPosition], pointer: str) -> Span | None:
    """Where the key of the mapping entry at ``pointer`` is written (else where its value starts)."""
    found = positions.get(KEY_PREFIX + pointer)
    return found.span if found is not None else position_of(positions, pointer)


def position_of(positions: dict[str, ScalarPosition], pointer: str) -> Span | None:
    """The start of the value at ``pointer`` (or its nearest ancestor)."""
    probe = pointer
    while True:
        if probe in positions:
            return positions[probe].span
        if not probe:
            return None
        probe = probe.rsplit("/", 1)[0]


def expression_span(position: ScalarPosition, inner: Span | None) -> Span:
    """Map a span inside an expression's text to the file: plain and quoted scalars start at the
    scalar's column (after the quote); block scalars start on the next line at their indent."""
    if inner is None:
        return position.span
    if position.style in ("|", ">"):
        return Span(position.span.line + inner.line, position.content_indent + inner.column - 1)
    quote = 1 if position.style in ("'", '"') else 0
    if inner.line == 1:
        return Span(position.span.line, position.span.column + quote + inner.column - 1)
    return Span(position.span.line + inner.line - 1, inner.column)
