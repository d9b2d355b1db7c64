"""A pack's rules as one program: the quiet outcomes (pass, does not apply) decided by one
generated function per pack (``lang.program``), everything else left to the engine's rule-by-rule
evaluation, which explains failures and reports errors.

A rule's decision in the language's terms is a ``Check``: its ``requires`` paths are guards, its
``when`` the condition to apply, its ``for_each`` the items and their variable, its ``let``
bindings the per-item bindings, its ``require`` the condition. What a check cannot express the same
way the engine evaluates it is left out (``None``): a cross-year rule when no previous report is
given (a guard on ``previous``: one program serves reports with and without one; the engine then
skips the rule unevaluated), expressions compiled in another environment than the pack's, and a
rule whose pass message reads its bindings.
"""

from __future__ import annotations

from typing import Any

from compliance.lang.nodes import Name
from compliance.lang.program import Check, Program
from compliance.rules.rule import Rule, RulePack
from compliance.source import Span


def program(pack: RulePack) -> Program:
    """The pack's program (built once per pack, kept with the pack)."""
    # ``dataclasses.replace`` (a pack with other rules, e.g. one rule's examples) shares the store:
    # a program is this pack's if it was made from these very rules.
    kept = pack.programs
    for at, (rules, found) in enumerate(kept):
        if rules is pack.rules:
            return found  # type: ignore[no-any-return]
        if len(rules) == len(pack.rules) and all(a is b for a, b in zip(rules, pack.rules, strict=True)):
            kept[at] = (pack.rules, found)  # the same rules in another tuple (an unpickled pack): once
            return found  # type: ignore[no-any-return]
    environment = pack.environment
    found = environment.program([_check(rule, environment) for rule in pack.rules])
    if len(kept) >= MAX_KEPT:
        del kept[0]  # the oldest: a pack made for a moment (one rule's example)
    kept.append((pack.rules, found))
    return found


MAX_KEPT = 8  # programs kept per store (a pack and the packs made from it)


_PREVIOUS = Name("previous", Span(1))  # last year's report: null when none is given


def _check(rule: Rule, environment: Any) -> Check | None:
    if rule.lets and rule.pass_messages and rule.for_each is None:
        return None
    expressions = [rule.require, *(r.path for r in rule.requires), *(e for _, e in rule.lets)]
    expressions += [e for e in (rule.when, rule.for_each.collection if rule.for_each else None) if e is not None]
    if any(e.environment is not environment for e in expressions):
        return None
    guards = tuple(r.path.node for r in rule.requires)
    return Check(condition=rule.require.node, guards=(_PREVIOUS, *guards) if rule.uses_previous else guards,
                 when=rule.when.node if rule.when is not None else None,
                 items=rule.for_each.collection.node if rule.for_each is not None else None,
                 var=rule.for_each.var if rule.for_each is not None else None,
                 bindings=tuple((name, e.node) for name, e in rule.lets))
