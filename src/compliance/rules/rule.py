"""``Rule`` and ``RulePack``: loaded, compiled rules. Pure data, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from compliance.lang import Environment, Expression
from compliance.severity import Severity
from compliance.source import SourceRef


@dataclass(frozen=True, slots=True)
class Texts:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (zh or en)."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Template:
    """A message template: literal parts and compiled ``{expression}`` placeholders, alternating."""

    parts: tuple[str | Expression, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    """Data a rule needs; null means the finding is ``error`` naming ``what``."""

    path: Expression
    what: Texts


@dataclass(frozen=True, slots=True)
class ForEach:
    """Iterate the rule over the items of a list or object, bound to ``var``."""

    var: str
    collection: Expression
    label: Expression | None


@dataclass(frozen=True, slots=True, eq=False)
class Example:
    """A report model the rule must give ``expect`` on: the pack's base model (or ``fixture``),
    deep-merged with ``patch``, then ``set`` (JSON Pointer → value), then ``remove``."""

    name: str
    expect: str  # pass | fail | skip | error
    source: SourceRef
    message: str | None = None
    fixture: str | None = None  # an absolute path
    patch: Mapping[str, Any] | None = None
    set: Mapping[str, Any] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    previous: Example | None = None  # the previous year's report model, built the same way


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """One compiled rule."""

    id: str
    title: Texts
    severity: Severity
    require: Expression
    messages: Mapping[str, Template]
    source: SourceRef
    basis: Texts = Texts("", "")  # article and clause of the Regulation, or the format item
    fix: Texts = Texts("", "")  # what the office should change, in a sentence or two
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()
    when: Expression | None = None
    for_each: ForEach | None = None
    pass_messages: Mapping[str, Template] = field(default_factory=dict)
    evidence: Mapping[str, Expression] = field(default_factory=dict)
    evidence_labels: Mapping[str, Texts] = field(default_factory=dict)  # evidence name → readable label
    locate: Expression | None = None
    description: str = ""
    examples: tuple[Example, ...] = ()
    override: bool = False
    skip_messages: Mapping[str, Template] = field(default_factory=dict)  # when ``when`` is false
    uses_previous: bool = False  # reads ``previous``: skipped when no previous report is given
    # ``let:`` bindings in order, evaluated once per checked item (after ``for_each`` binds its
    # variable), so ``require``, messages, evidence, ``label`` and ``locate`` share one computation.
    lets: tuple[tuple[str, Expression], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class RulePack:
    """A named, versioned set of rules with the environment their expressions were compiled in."""

    name: str
    version: str
    title: Texts
    rules: tuple[Rule, ...]
    environment: Environment
    constants: Mapping[str, object]
    path: str
    description: str = ""
    base: RulePack | None = None  # the pack this one was loaded on top of (``--rules``)
    extends: tuple[RulePack, ...] = ()  # the packs whose rules this one includes (``extends:``)
    parameters: frozenset[str] = frozenset()  # constants that configuration may override
    example_base: str | None = None  # the report model (JSON) rule examples patch
    requires: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, Any] = field(default_factory=dict)  # constants as overridden on loading
    # The rules' decisions compiled to one function (``decisions.program``), with the rules it was
    # made from (``dataclasses.replace`` shares this list); pickled with the pack (code, not trees).
    programs: list[tuple[tuple[Rule, ...], Any]] = field(default_factory=list, repr=False)

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with id (or alias) ``rule_id``."""
        return next((r for r in self.rules if rule_id == r.id or rule_id in r.aliases), None)
