"""Rule examples: build each example's report model and check that the rule gives what it expects.

The engine sits above this package, so the caller passes ``check(model, pack, lang) -> findings``
(``compliance rules test`` passes the engine's; so does the test suite). Each example runs on its
own, against a pack holding only its rule: one broken example or rule never hides another.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from compliance.rules.analysis import read_paths
from compliance.rules.files import deep_merge
from compliance.rules.rule import Example, Rule, RulePack
from compliance.schemas import issues

STATUSES = ("fail", "error", "skip", "pass")  # a rule's status: the first of these any finding has


class FindingLike(Protocol):
    """What the runner needs of a finding (``compliance.results.Finding`` has it)."""

    @property
    def rule(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def status(self) -> Any: ...  # an enum whose value is one of STATUSES


Check = Callable[..., Sequence[FindingLike]]
"""``check(model, pack, lang)``; for an example with a previous report, also ``previous=model``."""


class ExampleError(Exception):
    """The example's model cannot be built (bad pointer, missing fixture, invalid model)."""


def load_model(path: str | Path) -> Any:
    """A report model from JSON, with exact numbers."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as exc:
        raise ExampleError(f"cannot read the model {path}: {exc}") from exc


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _parent(model: Any, pointer: str) -> tuple[Any, str]:
    parts = _parts(pointer)
    if not parts:
        raise ExampleError("the pointer '' names the whole model; use `fixture:` to replace it")
    node = model
    for i, part in enumerate(parts[:-1]):
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ExampleError(f"{pointer}: there is nothing at /{'/'.join(parts[:i + 1])}") from None
    if not isinstance(node, dict | list):
        raise ExampleError(f"{pointer}: the parent is a {type(node).__name__}, not an object or list")
    return node, parts[-1]


def _index(node: list[Any], key: str, pointer: str, *, append: bool = False) -> int:
    if append and key == "-":
        return len(node)
    if not key.isdigit() or int(key) >= len(node) + (1 if append else 0):
        raise ExampleError(f"{pointer}: no item {key} in a list of {len(node)}")
    return int(key)


def build_model(example: Example, base: Any) -> Any:
    """The example's report model: ``fixture`` or ``base``, then ``patch``, ``set``, ``remove``."""
    model = load_model(example.fixture) if example.fixture else copy.deepcopy(base)
    if model is None:
        raise ExampleError("the pack has no base model for examples (examples/base.json)")
    if example.patch is not None:
        model = deep_merge(model, example.patch)
    for pointer, value in example.set.items():
        node, key = _parent(model, pointer)
        if isinstance(node, list):
            i = _index(node, key, pointer, append=True)
            node[i:i + 1] = [copy.deepcopy(value)]
        else:
            node[key] = copy.deepcopy(value)
    for pointer in example.remove:
        node, key = _parent(model, pointer)
        if isinstance(node, list):
            del node[_index(node, key, pointer)]
        elif key in node:
            del node[key]
        else:
            raise ExampleError(f"{pointer}: nothing to remove")
    return model


def changed_pointers(example: Example) -> set[str]:
    """The model paths an example changes (the leaves of ``patch``, ``set`` and ``remove``)."""
    out = set(example.set) | set(example.remove)

    def leaves(value: Any, pointer: str) -> None:
        if isinstance(value, Mapping) and value:
            for key, sub in value.items():
                leaves(sub, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
        else:
            out.add(pointer)

    if example.patch:
        leaves(example.patch, "")
    if example.fixture:
        out.add("/")
    if example.previous is not None:  # the previous report is read as ``previous``
        out |= {"/previous" + ("" if p == "/" else p) for p in changed_pointers(example.previous)}
    return out


def status_of(findings: Iterable[FindingLike]) -> str:
    """The rule's status from its findings: fail, else error, else skip, else pass."""
    found = {getattr(f.status, "value", f.status) for f in findings}
    return next((s for s in STATUSES if s in found), "pass")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One example's result: ``ok`` when the rule gave ``expect`` (and the message matched)."""

    pack: str
    rule: str
    example: Example
    actual: str | None
    ok: bool
    detail: str = ""
    messages: tuple[str, ...] = ()


@dataclass
class Coverage:
    """Per rule: the statuses its examples exercised, the paths it reads and the paths they varied."""

    rule: str
    statuses: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    varied: set[str] = field(default_factory=set)

    def unvaried(self) -> list[str]:
        """Paths the rule reads that no example changed (nor any path under or above them)."""
        return sorted(r for r in self.reads if not any(
            v == "/" or v == r or v.startswith(r + "/") or r.startswith(v + "/") for v in self.varied))


def run_example(pack: RulePack, rule: Rule, example: Example, check: Check, base: Any) -> Outcome:
    """Run one example of ``rule`` (from ``pack``)."""
    single = replace(pack, rules=(rule,))
    try:
        model = build_model(example, base)
        found = issues("report", model)
        if found:
            raise ExampleError(f"the example's model is not a valid report model: at {found[0].pointer or '/'}: "
                               f"{found[0].message}")
        extra: dict[str, Any] = {}
        if example.previous is not None:
            extra["previous"] = build_model(example.previous, base)
            found = issues("report", extra["previous"])
            if found:
                raise ExampleError(f"the example's previous report is not a valid report model: at "
                                   f"{found[0].pointer or '/'}: {found[0].message}")
        findings = [f for f in check(model, single, "zh", **extra) if f.rule == rule.id]
    except ExampleError as exc:
        return Outcome(pack.name, rule.id, example, None, False, str(exc))
    except Exception as exc:  # isolate: a crash in one rule is that example's failure only
        return Outcome(pack.name, rule.id, example, None, False, f"{type(exc).__name__}: {exc}")
    actual = status_of(findings)
    messages = tuple(f.message for f in findings if getattr(f.status, "value", f.status) == actual)
    if actual != example.expect:
        shown = f": {messages[0]}" if messages and actual != "pass" else ""
        return Outcome(pack.name, rule.id, example, actual, False,
                       f"expected {example.expect}, got {actual}{shown}", messages)
    if example.message and not any(example.message in m for m in messages):
        english = [f for f in check(model, single, "en", **extra) if f.rule == rule.id]
        en_messages = tuple(f.message for f in english if getattr(f.status, "value", f.status) == actual)
        if not any(example.message in m for m in en_messages):
            return Outcome(pack.name, rule.id, example, actual, False,
                           f"{actual} as expected, but no message contains {example.message!r}; got "
                           + " | ".join(messages[:3]), messages)
    return Outcome(pack.name, rule.id, example, actual, True, "", messages)


@dataclass
class ExampleRun:
    """The outcome of every example of some packs, and what they covered."""

    outcomes: list[Outcome] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)

    @property
    def failed(self) -> list[Outcome]:
        """The examples that did not give what they expect."""
        return [o for o in self.outcomes if not o.ok]


def run_examples(packs: Sequence[RulePack], check: Check, rule_ids: Iterable[str] | None = None) -> ExampleRun:
    """Run every example of every rule of ``packs`` (or only of ``rule_ids``)."""
    wanted = set(rule_ids) if rule_ids is not None else None
    run = ExampleRun()
    bases: dict[str, Any] = {}
    for pack in packs:
        for rule in pack.rules:
            if wanted is not None and rule.id not in wanted:
                continue
            base = None
            if pack.example_base is not None:
                if pack.example_base not in bases:
                    bases[pack.example_base] = load_model(pack.example_base)
                base = bases[pack.example_base]
            exprs = [e for e in (rule.when, rule.require, rule.for_each.collection if rule.for_each else None)
                     if e is not None] + [r.path for r in rule.requires] + [e for _, e in rule.lets]
            cov = run.coverage.setdefault(rule.id, Coverage(rule.id))
            cov.reads |= read_paths(exprs, rule.require.environment.definitions)
            for example in rule.examples:
                outcome = run_example(pack, rule, example, check, base)
                run.outcomes.append(outcome)
                if outcome.ok:
                    cov.statuses.add(example.expect)
                    cov.varied |= changed_pointers(example)
    return run
