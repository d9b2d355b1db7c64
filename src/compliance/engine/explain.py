"""Automatic evidence for a failing rule that declares none: the values that decided it.

Computed with the reference interpreter only once the rule has failed (nothing on the passing
path), from the shape of its ``require`` expression:

- a comparison or ``in`` (``a == b``, ``x in xs``): both sides, except literals;
- a call (``matches(text, pattern)``): its arguments, except literals;
- ``a and b and c``: which conjunct failed (``failed``) and that conjunct's own evidence;
- ``a or b``: every disjunct (``failed``, all of them false) and their evidence;
- ``not x``: the evidence of ``x``; ``if c then a else b``: that of the branch taken;
- ``all`` / ``none`` / ``any`` / ``count_if``: the members that broke it (``failing <var>``), and the
  evidence of the body for the first of them.

Everything is compact: strings are cut at ``MAX_TEXT`` characters, lists and objects at
``MAX_ITEMS`` entries, nesting at two levels, so a section's whole text is never dumped.
Keys are the sub-expressions as written (``unparse``), also cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import Environment, unparse
from compliance.lang import nodes as n
from compliance.lang.interpreter import interpret
from compliance.lang.values import iterate

MAX_TEXT = 80
MAX_ITEMS = 8
MAX_ENTRIES = 12
_COMPARISONS = (*n.COMPARE_OPS, "in", "not in")


def compact(value: Any, depth: int = 0) -> Any:
    """``value`` made small enough to read: long strings cut with "…", long lists and objects
    shortened (the rest counted), deep nesting elided."""
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT - 1] + "…"
    if isinstance(value, Mapping):
        if depth >= 2:
            return f"{{… {len(value)} keys}}"
        items = list(value.items())
        out = {str(k): compact(v, depth + 1) for k, v in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            out["…"] = f"+{len(items) - MAX_ITEMS} more"
        return out
    if isinstance(value, list | tuple):
        if depth >= 2:
            return f"[… {len(value)} items]"
        shown = [compact(v, depth + 1) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            shown.append(f"… +{len(value) - MAX_ITEMS} more")
        return shown
    return value


def _key(node: n.Node) -> str:
    text = unparse(node)
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1]
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


class _Explainer:
    def __init__(self, names: Mapping[str, Any], env: Environment) -> None:
        self.names = names
        self.env = env
        self.out: dict[str, Any] = {}

    def value(self, node: n.Node, scope: Mapping[str, Any]) -> Any:
        return interpret(node, {**self.names, **scope}, self.env.functions, self.env.definitions)

    def put(self, key: str, value: Any) -> None:
        if len(self.out) < MAX_ENTRIES and key not in self.out:
            self.out[key] = compact(value)

    def operands(self, nodes: tuple[n.Node, ...], scope: Mapping[str, Any]) -> None:
        for side in nodes:
            if isinstance(side, n.Literal):
                continue
            try:
                self.put(_key(side), self.value(side, scope))
            except EvaluationError:
                continue

    def explain(self, node: n.Node, scope: Mapping[str, Any], depth: int = 0) -> None:
        if depth > 3:
            return
        match node:
            case n.Logical(op=op):
                failing = []  # the parts that are not true: for "and" the first false one decides
                for part in _flatten(node, op):
                    try:
                        verdict = self.value(part, scope)
                    except EvaluationError:
                        verdict = None
                    if verdict is not True:
                        failing.append(part)
                        if op == "and" and verdict is False:
                            failing = [part]
                            break
                if not failing:
                    return
                self.put("failed", _key(failing[0]) if op == "and" else [_key(p) for p in failing])
                for part in failing[:3]:
                    self.explain(part, scope, depth + 1)
            case n.Unary(op="not", operand=operand):
                self.explain(operand, scope, depth + 1)
            case n.Binary(op=op, left=left, right=right) if op in _COMPARISONS:
                self.operands((left, right), scope)
            case n.Call(args=args):
                self.operands(args, scope)
            case n.Conditional(condition=cond, then=then, otherwise=otherwise):
                try:
                    taken = then if self.value(cond, scope) is True else otherwise
                except EvaluationError:
                    return
                self.explain(taken, scope, depth + 1)
            case n.Quantifier(kind=kind, var=var, collection=coll, body=body) if kind in ("all", "none", "any"):
                self.quantifier(kind, var, coll, body, scope, depth)
            case _:
                return

    def quantifier(self, kind: str, var: str, coll: n.Node, body: n.Node, scope: Mapping[str, Any],
                   depth: int) -> None:
        try:
            members = iterate(self.value(coll, scope), kind)
        except EvaluationError:
            return
        if members is None:
            return
        if kind == "any":  # nothing satisfied it: say how many were tried
            self.put(_key(coll), members)
            return
        failing = []
        for member in members:
            try:
                verdict = self.value(body, {**scope, var: member})
            except EvaluationError:
                verdict = None
            if verdict is not (kind == "all"):
                failing.append(member)
        if not failing:
            return
        self.put(f"failing {var}", failing)
        self.explain(body, {**scope, var: failing[0]}, depth + 1)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:  # brackets inside string literals are rare in keys; a wrong guess only keeps parentheses
        depth += (char in "([{") - (char in ")]}")
        if depth < 0:
            return False
    return depth == 0


def _flatten(node: n.Node, op: str) -> list[n.Node]:
    if isinstance(node, n.Logical) and node.op == op:
        return [*_flatten(node.left, op), *_flatten(node.right, op)]
    return [node]


def explain(node: n.Node, names: Mapping[str, Any], env: Environment) -> dict[str, Any]:
    """The automatic evidence of a failing expression ``node`` evaluated with ``names``."""
    explainer = _Explainer(names, env)
    explainer.explain(node, {})
    return explainer.out
