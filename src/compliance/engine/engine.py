"""The engine: apply compiled rule packs to one report model and produce findings.

No files, formats or printing here. One rule's failure to evaluate never stops the others: it
becomes an ``error`` finding with the reason. ``skip`` means only "does not apply".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from compliance.engine.explain import compact, explain, looked_for
from compliance.engine.pointers import escape, pointer_of
from compliance.engine.readings import check_with_readings, settle, variants
from compliance.errors import EvaluationError
from compliance.lang import Environment, Expression
from compliance.lang import nodes as n
from compliance.lang.program import HOLDS
from compliance.lang.values import BUDGET_KEY, render
from compliance.model.report import Report
from compliance.results import DOES_NOT_APPLY, Finding, ReportResult, RuleInfo, Status
from compliance.rules import decisions
from compliance.rules.rule import Rule, RulePack, Template

_TEXT = {
    "missing": {"zh": "无法检查：文档中未找到{what}", "en": "cannot check: {what} not found in the document"},
    "skip": DOES_NOT_APPLY,
    "undecided": {"zh": "无法判定：所需数值缺失", "en": "cannot be decided: a value it needs is missing"},
    "when_undecided": {"zh": "无法判定是否适用：所需数值缺失",
                       "en": "cannot decide whether the rule applies: a value is missing"},
    "eval_error": {"zh": "规则求值出错：{reason}", "en": "the rule could not be evaluated: {reason}"},
    "no_items": {"zh": "无法检查：要逐项检查的数据缺失", "en": "cannot check: the items to check are missing"},
    "no_previous": {"zh": "未提供上一年度报告", "en": "no previous report given"},
}


def _path_definitions(rule: Rule) -> dict[str, n.Node]:
    """Parameterless definitions, so ``locate: t2.granted`` resolves through ``t2`` (once per pack)."""
    return _definition_nodes(rule.require.environment)


@functools.lru_cache(maxsize=32)
def _definition_nodes(environment: Environment) -> dict[str, n.Node]:
    return {name: d.node for name, d in environment.definitions.items() if not d.params}


def rule_info(rule: Rule, pack: RulePack) -> RuleInfo:
    """The snapshot of ``rule`` that reporters see."""
    return RuleInfo(rule.id, rule.title.zh, rule.title.en, rule.severity, rule.basis.zh, rule.tags, pack.name,
                    rule.basis.en, rule.fix.zh, rule.fix.en)


class _Context:
    """Evaluation state for one report: global names, the shared definition cache, the language."""

    def __init__(self, report: Report, lang: str, constants: Mapping[str, Any],
                 previous: Report | None = None) -> None:
        data = report.data
        self.report = report
        # ``previous``: last year's report model (same type), null when none is given.
        self.names: dict[str, Any] = {**constants, "report": data, **data,
                                      "previous": previous.data if previous is not None else None}
        self.has_previous = previous is not None
        self.roots = frozenset(data.keys())
        self.cache: dict[str, Any] = {}
        self.lang = lang
        self._index: dict[int, str] | None = None

    def pointer_of_value(self, value: Any) -> str | None:
        """The pointer of an object or list that is part of the model (found by identity), so an
        item of a computed collection (e.g. rows of several tables joined) still has a location."""
        if self._index is None:
            self._index = _pointer_index(self.report.data)
        return self._index.get(id(value))

    def eval(self, expr: Expression, locals_: Mapping[str, Any] | None = None) -> Any:
        return expr.evaluate(self.names, locals_, self.cache)

    def text(self, key: str, **values: str) -> str:
        return _TEXT[key][self.lang].format(**values)

    def location(self, pointer: str | None) -> Mapping[str, Any] | None:
        if pointer is None:
            return None
        found = self.report.locate(pointer)
        return dict(found) if found is not None else None


def _pointer_index(data: Any) -> dict[int, str]:
    """id → JSON pointer of every object and list of the model (provenance left out). Built once
    per report, when a finding first needs it; exact types first (the model is plain JSON: the
    abstract-class test is for models built by hand from other mappings)."""
    index: dict[int, str] = {}
    stack: list[tuple[str, Any]] = [("", data)]
    pop, push = stack.pop, stack.append
    while stack:
        pointer, node = pop()
        index[id(node)] = pointer
        kind = type(node)
        if kind is dict or (kind is not list and isinstance(node, Mapping)):
            for k, v in node.items():
                t = type(v)
                if (t is dict or t is list or (t not in _LEAVES and isinstance(v, Mapping | list))) \
                        and k != "provenance":
                    push((f"{pointer}/{escape(str(k))}", v))
        else:
            for i, v in enumerate(node):
                t = type(v)
                if t is dict or t is list or (t not in _LEAVES and isinstance(v, Mapping | list)):
                    push((f"{pointer}/{i}", v))
    return index


_LEAVES = frozenset({str, int, bool, type(None), Decimal, float})  # what holds no object or list


def _render(template: Template, ctx: _Context, locals_: Mapping[str, Any]) -> str:
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
        else:
            try:
                out.append(render(ctx.eval(part, locals_)))
            except EvaluationError:
                out.append("?")
    return "".join(out)


def _evidence(rule: Rule, ctx: _Context, locals_: Mapping[str, Any]) -> dict[str, Any]:
    """The values that decided a failing rule: its declared ``evidence``, or, when it declares
    none, what ``explain`` finds in the shape of its ``require`` (the two sides of a comparison,
    the conjunct that failed, the members that broke an ``all``…). Always compact."""
    if not rule.evidence:
        # Computed by the reference interpreter only now that the rule has failed (free on the passing path).
        return explain(rule.require.node, {**ctx.names, **locals_}, rule.require.environment, ctx.lang)
    evidence: dict[str, Any] = {}
    scope = {**ctx.names, **locals_}
    focus = looked_for(rule.require.node, scope, rule.require.environment)
    for _, expr in rule.lets:  # what ``require`` searches for through its bindings
        focus += looked_for(expr.node, scope, expr.environment)
    for name, expr in rule.evidence.items():
        try:
            evidence[name] = compact(ctx.eval(expr, locals_), focus=focus, lang=ctx.lang)
        except EvaluationError as exc:
            evidence[name] = f"<{exc.message}>"
    return evidence


def _check_rule(rule: Rule, ctx: _Context, only: tuple[int, ...] | None = None) -> list[Finding]:
    """The findings of ``rule``; ``only``: the positions of the items to evaluate, the others
    having been found true by the pack's program (``decisions``)."""
    def finding(status: Status, message: str, **kw: Any) -> Finding:
        return _finding(rule, ctx.lang, status, message, **kw)

    ctx.cache.pop(BUDGET_KEY, None)  # each rule gets the whole evaluation budget

    if rule.uses_previous and not ctx.has_previous:  # a cross-year rule, checked alone
        return [finding(Status.SKIP, ctx.text("no_previous"))]
    try:
        missing = [req.what.get(ctx.lang) for req in rule.requires if ctx.eval(req.path) is None]
        if missing:
            return [finding(Status.ERROR, ctx.text("missing", what="、".join(missing) if ctx.lang == "zh"
                                                   else ", ".join(missing)))]
        if rule.when is not None:
            applies = ctx.eval(rule.when)
            if applies is False:
                return [finding(Status.SKIP, _skip_message(rule, ctx))]
            if applies is not True:
                return [finding(Status.ERROR, ctx.text("when_undecided"))]
        base: str | None = None
        pairs: list[tuple[Any, Any]]
        if rule.for_each is None:
            pairs = [(None, None)]
        else:
            collection = ctx.eval(rule.for_each.collection)
            if collection is None:
                return [finding(Status.ERROR, ctx.text("no_items"))]
            base = pointer_of(rule.for_each.collection.node, ctx.roots, {}, None, _path_definitions(rule))
            pairs = list(collection.items()) if isinstance(collection, Mapping) else list(enumerate(collection))
    except EvaluationError as exc:
        return [finding(Status.ERROR, ctx.text("eval_error", reason=str(exc)))]

    out: list[Finding] = []
    locals_: dict[str, Any] = {}
    for position, (key, value) in enumerate(pairs):
        if only is not None and position not in only:
            continue
        locals_ = {} if rule.for_each is None else {rule.for_each.var: value}
        try:
            for name, expr in rule.lets:  # once per item, in order: a binding sees those above it
                locals_[name] = _bind(name, expr, ctx, locals_)
            verdict: Any = ctx.eval(rule.require, locals_)
            error = None
        except EvaluationError as exc:
            verdict, error = None, exc
        if verdict is True:
            continue  # the passing path: no pointer, label or location is worked out
        pointer, label = _where(rule, ctx, key, value, base, locals_)
        place = {"location": ctx.location(pointer), "pointer": pointer, "item": label}
        if error is not None:
            out.append(finding(Status.ERROR, ctx.text("eval_error", reason=str(error)), **place))
        elif verdict is False:
            out.append(finding(Status.FAIL, _render(rule.messages[ctx.lang], ctx, locals_),
                               evidence=_evidence(rule, ctx, locals_), **place))
        else:
            reason = ctx.text("undecided") if verdict is None else ctx.text(
                "eval_error", reason=f"the condition gave {render(verdict)}, not true or false")
            out.append(finding(Status.ERROR, reason, **place))
    if not out:
        # Without ``for_each`` the one item's bindings are known; with it, no single item's are.
        out.append(finding(Status.PASS, _pass_message(rule, ctx, locals_ if rule.for_each is None else {})))
    return out


def _finding(rule: Rule, lang: str, status: Status, message: str, **kw: Any) -> Finding:
    return Finding(rule.id, status, rule.severity, message, **kw, basis=rule.basis.get(lang), fix=rule.fix.get(lang),
                   labels={k: t.get(lang) for k, t in rule.evidence_labels.items()})


def _pass_message(rule: Rule, ctx: _Context, locals_: Mapping[str, Any]) -> str:
    return _render(rule.pass_messages[ctx.lang], ctx, locals_) if rule.pass_messages else rule.title.get(ctx.lang)


def _skip_message(rule: Rule, ctx: _Context) -> str:
    return _render(rule.skip_messages[ctx.lang], ctx, {}) if rule.skip_messages else ctx.text("skip")


def _bind(name: str, expr: Expression, ctx: _Context, locals_: Mapping[str, Any]) -> Any:
    """The value of the ``let`` binding ``name``; an evaluation error names the binding, so the
    ``error`` finding says which computation failed."""
    try:
        return ctx.eval(expr, locals_)
    except EvaluationError as exc:
        raise EvaluationError(f"let {name}: {exc}", text=exc.text) from exc


def _where(rule: Rule, ctx: _Context, key: Any, value: Any, base: str | None,
           locals_: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(JSON pointer, item label) of one checked item; only worked out for a finding to report."""
    pointer: str | None = None
    label: str | None = None
    if rule.for_each is not None:
        pointer = ctx.pointer_of_value(value) if base is None else f"{base}/{escape(str(key))}"
        if rule.for_each.label is not None:
            try:
                label = render(ctx.eval(rule.for_each.label, locals_))
            except EvaluationError:
                label = None
        label = label or str(key)
    if rule.locate is not None:
        bound = {rule.for_each.var: pointer} if rule.for_each is not None and pointer is not None else {}
        located = pointer_of(rule.locate.node, ctx.roots, bound, locals_, _path_definitions(rule))
        if located is None:  # not a plain path (e.g. section(1)): find the value it gives in the model
            try:
                located = ctx.pointer_of_value(ctx.eval(rule.locate, locals_))
            except EvaluationError:
                located = None
        pointer = located or pointer
    return pointer, label


# The pack's quiet outcomes (every item holds; ``when`` false) are decided by one generated function
# per pack (``rules.decisions``, ``lang.program``), which also names the items whose condition is
# not true; ``_check_rule`` builds located findings for those items and checks every other rule.
# False: every rule by ``_check_rule`` (the reference; tests compare).
USE_PROGRAM = True


def _quiet(rule: Rule, ctx: _Context, outcome: int) -> Finding:
    """The finding of a rule the pack's program decided: ``pass`` or ``skip``, with the messages
    ``_check_rule`` gives them. Most rules pass or skip with a message that reads nothing of the
    report (their title, the one skip sentence): that finding is made once per rule and language
    and shared by every report (findings are frozen)."""
    passed = outcome == HOLDS
    static = not (rule.pass_messages if passed else rule.skip_messages)
    key = (id(rule), ctx.lang, passed)
    if static:
        kept = _QUIET.get(key)
        if kept is not None and kept[0] is rule:
            return kept[1]
    if passed:
        found = _finding(rule, ctx.lang, Status.PASS, _pass_message(rule, ctx, {}))
    else:
        found = _finding(rule, ctx.lang, Status.SKIP, _skip_message(rule, ctx))
    if static:
        if len(_QUIET) >= 4096:  # rules of packs made for a moment (one rule's examples)
            _QUIET.clear()
        _QUIET[key] = (rule, found)  # the rule is kept with it: its id cannot be reused meanwhile
    return found


_QUIET: dict[tuple[int, str, bool], tuple[Rule, Finding]] = {}


_PREVIOUS = {"zh": "上一年度报告：", "en": "the previous report: "}


def _settle_previous(found: list[list[Finding]], report: Report, pack: RulePack, previous: Report | None,
                     lang: str) -> list[list[Finding]]:
    """The rules that read ``previous`` settled against the other readings of its ambiguous rows,
    as ``readings`` settles every rule against this report's (a skip names the previous report)."""
    others = variants(previous) if previous is not None else []
    cross = [i for i, rule in enumerate(pack.rules) if rule.uses_previous]
    if not others or not cross:
        return found
    runs = []
    for alternative, variant in others:
        ctx = _Context(report, lang, pack.constants, variant)
        runs.append((alternative, {i: _check_rule(pack.rules[i], ctx) for i in cross}))
    out = list(found)
    for i in cross:
        settled = settle(found[i], [(alternative, results[i]) for alternative, results in runs], lang)
        if settled is not found[i]:  # unreadable in the previous report: its pointer is not into this one
            settled = [replace(f, message=_PREVIOUS.get(lang, _PREVIOUS["en"]) + f.message, pointer=None)
                       for f in settled]
        out[i] = settled
    return out


def check_report(report: Report, packs: Sequence[RulePack], *, lang: str = "zh",
                 previous: Report | None = None) -> ReportResult:
    """Apply every rule of ``packs`` to ``report``; one finding or more per rule. ``previous`` (the
    same agency's report for the year before) is bound as ``previous`` for cross-year rules."""
    findings: list[Finding] = []
    for pack in packs:

        def per_rule(model: Report, pack: RulePack = pack) -> list[list[Finding]]:
            ctx = _Context(model, lang, pack.constants, previous)  # each pack sees its own constants
            outcomes = decisions.program(pack).run(ctx.names, ctx.cache) if USE_PROGRAM \
                else [None] * len(pack.rules)
            return [_check_rule(rule, ctx) if outcome is None
                    else _check_rule(rule, ctx, outcome) if isinstance(outcome, tuple)  # explain only these items
                    else [_quiet(rule, ctx, outcome)]
                    for rule, outcome in zip(pack.rules, outcomes, strict=True)]

        # Rows read from run-together digits in several ways: a verdict must hold under every reading
        # (of this report, and of the previous one for the rules that read it).
        for found in _settle_previous(check_with_readings(report, per_rule, lang), report, pack, previous, lang):
            findings.extend(found)
    meta = report.data.get("metadata") or {}
    return ReportResult(report.source.uri, tuple(findings), None, meta.get("agency"), meta.get("year"),
                        meta.get("level"), meta.get("title"))
