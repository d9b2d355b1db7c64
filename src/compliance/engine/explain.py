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

Everything is compact: lists and objects are cut at ``MAX_ITEMS`` entries, nesting at two
levels, so a section's whole text is never dumped. A long text is shown as the sentence that
matters: the one where a pattern the rule looks for (``matches``, ``search``, ``capture``,
``find_all``, ``contains``) is found, or, when it is nowhere, how long the text is and that the
wording is not in it; people then read a sentence of the report, not its first 80 characters.
Keys are the sub-expressions as written (``unparse``), also cut: they are for tools (JSON,
SARIF), and reports for people show only the evidence a rule labels (``Finding.labels``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from compliance.errors import EvaluationError
from compliance.lang import Environment, unparse
from compliance.lang import nodes as n
from compliance.lang.interpreter import interpret
from compliance.lang.nodes import children
from compliance.lang.values import iterate

MAX_TEXT = 80
MAX_ITEMS = 8
MAX_ENTRIES = 12
_COMPARISONS = (*n.COMPARE_OPS, "in", "not in")
_SEARCHING = {"matches": 1, "search": 1, "capture": 1, "find_all": 1, "contains": 1}
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")
_NOT_FOUND = {"zh": "全文 {n} 字，未见所查写法", "en": "{n} characters; the wording looked for is not in it"}


def looked_for(node: n.Node, names: Mapping[str, Any], env: Environment) -> tuple[re.Pattern[str], ...]:
    """The patterns ``node`` searches texts for (the second argument of ``matches``, ``search``,
    ``capture``, ``find_all``; the needle of ``contains``), evaluated with ``names``."""
    found: list[re.Pattern[str]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        stack.extend(children(current))
        if isinstance(current, n.Call) and current.name in _SEARCHING and len(current.args) > 1:
            try:
                value = interpret(current.args[1], names, env.functions, env.definitions)
            except EvaluationError:
                continue
            if isinstance(value, str) and value:
                try:
                    found.append(re.compile(re.escape(value) if current.name == "contains" else value))
                except re.error:
                    continue
    return tuple(found)


def sentence(text: str, focus: Sequence[re.Pattern[str]] = (), lang: str = "zh") -> str:
    """A long ``text`` as the sentence that matters: the first sentence where one of ``focus``
    matches (cut around the match when it is itself long); when none matches anywhere, the
    length of the text and that the wording is not in it. Short texts are kept whole; without
    ``focus``, a long text is cut at ``MAX_TEXT`` characters."""
    if len(text) <= MAX_TEXT:
        return text
    if not focus:
        return text[:MAX_TEXT - 1] + "…"
    for pattern in focus:
        for part in _SENTENCE_END.split(text):
            match = pattern.search(part)
            if match is None:
                continue
            part = part.strip()
            if len(part) <= MAX_TEXT:
                return part
            start = max(0, min(part.find(match.group(0)) - MAX_TEXT // 3, len(part) - MAX_TEXT + 2))
            return ("…" if start else "") + part[start:start + MAX_TEXT - 2] + "…"
    return _NOT_FOUND.get(lang, _NOT_FOUND["zh"]).format(n=len(text))


def compact(value: Any, depth: int = 0, focus: Sequence[re.Pattern[str]] = (), lang: str = "zh") -> Any:
    """``value`` made small enough to read: a long string as its sentence that matters
    (``sentence``), long lists and objects shortened (the rest counted), deep nesting elided."""
    if isinstance(value, str):
        return sentence(value, focus, lang)
    if isinstance(value, Mapping):
        if depth >= 2:
            return f"{{… {len(value)} keys}}"
        items = list(value.items())
        out = {str(k): compact(v, depth + 1, focus, lang) for k, v in items[:MAX_ITEMS]}
        if len(items) > MAX_ITEMS:
            out["…"] = f"+{len(items) - MAX_ITEMS} more"
        return out
    if isinstance(value, list | tuple):
        if depth >= 2:
            return f"[… {len(value)} items]"
        shown = [compact(v, depth + 1, focus, lang) for v in value[:MAX_ITEMS]]
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
    def __init__(self, names: Mapping[str, Any], env: Environment, focus: Sequence[re.Pattern[str]] = (),
                 lang: str = "zh") -> None:
        self.names = names
        self.env = env
        self.focus = focus
        self.lang = lang
        self.out: dict[str, Any] = {}

    def value(self, node: n.Node, scope: Mapping[str, Any]) -> Any:
        return interpret(node, {**self.names, **scope}, self.env.functions, self.env.definitions)

    def put(self, key: str, value: Any) -> None:
        if len(self.out) < MAX_ENTRIES and key not in self.out:
            self.out[key] = compact(value, focus=self.focus, lang=self.lang)

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


def explain(node: n.Node, names: Mapping[str, Any], env: Environment, lang: str = "zh") -> dict[str, Any]:
    """The automatic evidence of a failing expression ``node`` evaluated with ``names`` (long texts
    as the sentence where what ``node`` looks for is, or is not, found)."""
    explainer = _Explainer(names, env, looked_for(node, names, env), lang)
    explainer.explain(node, {})
    return explainer.out
