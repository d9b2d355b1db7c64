"""Rule files against ``rulepack.schema.json``: every unknown key (at the key's own line, with a
did-you-mean of the keys allowed there) and every other schema problem, as pointers.

The walk follows the schema itself, so a key added to the schema is known here at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from compliance.rules.diagnostics import suggest
from compliance.schemas import issues, schema


@dataclass(frozen=True, slots=True)
class UnknownKey:
    """A key the schema does not allow: where (pointer of its value), which key, what is allowed."""

    pointer: str
    key: str
    allowed: tuple[str, ...]

    @property
    def message(self) -> str:
        """``unknown key 'severty'; did you mean 'severity'?``."""
        hint = suggest(self.key, self.allowed)
        listing = "" if hint else f" (allowed: {', '.join(self.allowed)})"
        return f"unknown key '{self.key}'{hint}{listing}"


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _branch(node: dict[str, Any], value: Any, root: dict[str, Any]) -> Any:
    """The branch of a oneOf/anyOf (or if/then/else) that describes ``value``'s kind."""
    if "if" in node and isinstance(value, dict):
        required = _resolve(node["if"], root).get("required", [])
        return _resolve(node["then"] if all(k in value for k in required) else node["else"], root)
    for key in ("oneOf", "anyOf"):
        for option in node.get(key, ()):
            option = _resolve(option, root)
            kind = option.get("type")
            if (kind == "object" and isinstance(value, dict)) or (kind == "array" and isinstance(value, list)):
                return option
    return node


def _walk(value: Any, node: Any, pointer: str, root: dict[str, Any]) -> Iterator[UnknownKey]:
    node = _branch(_resolve(node, root), value, root)
    if not isinstance(node, dict):
        return
    if isinstance(value, dict):
        props: dict[str, Any] = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key, sub in value.items():
            child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            if key in props:
                yield from _walk(sub, props[key], child, root)
            elif extra is False and props:
                yield UnknownKey(child, key, tuple(props))
            elif isinstance(extra, dict):
                yield from _walk(sub, extra, child, root)
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            yield from _walk(item, node["items"], f"{pointer}/{i}", root)


def unknown_keys(data: Any) -> list[UnknownKey]:
    """Every key in a rule file or pack.yaml that its place in the schema does not allow."""
    root = schema("rulepack")
    return list(_walk(data, root, "", root))


@dataclass(frozen=True, slots=True)
class Problem:
    """A schema problem other than an unknown key."""

    pointer: str
    message: str


def schema_problems(data: Any, unknown: list[UnknownKey]) -> list[Problem]:
    """Schema problems, without the "additional properties" ones already reported as unknown keys."""
    parents = {u.pointer.rsplit("/", 1)[0] for u in unknown}
    out: list[Problem] = []
    for issue in issues("rulepack", data):
        if issue.message.startswith("Additional properties are not allowed") and issue.pointer in parents:
            continue
        if "is not valid under any of the given schemas" in issue.message and issue.pointer in parents:
            continue
        problem = Problem(issue.pointer, f"{issue.message} (at {issue.pointer or '/'})")
        if problem not in out:
            out.append(problem)
    return out
