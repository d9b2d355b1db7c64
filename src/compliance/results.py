"""Results of checking: ``Finding``, ``RuleInfo``, ``ReportResult``, ``Results``. Pure data.

Imports only ``severity`` (and nothing of rules), so reporters consume results without
reaching into rules or the engine. ``to_dict()`` gives the JSON contract (docs/api.md).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from compliance.severity import Severity


class Status(enum.Enum):
    """The outcome of one rule (or one instance of a rule) on one report."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What reporters need to know about a rule (a snapshot; reporters never see ``Rule``)."""

    id: str
    title_zh: str
    title_en: str
    severity: Severity
    basis: str = ""
    tags: tuple[str, ...] = ()
    pack: str = ""

    def title(self, lang: str) -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh


@dataclass(frozen=True, slots=True)
class Finding:
    """One verdict: a rule's status on a report (or on one item of it), explained."""

    rule: str
    status: Status
    severity: Severity
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    location: Mapping[str, Any] | None = None
    pointer: str | None = None
    item: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract describes it."""
        out: dict[str, Any] = {
            "rule": self.rule, "status": self.status.value, "severity": self.severity.value,
            "message": self.message, "evidence": dict(self.evidence), "location": self.location,
        }
        if self.pointer is not None:
            out["pointer"] = self.pointer
        if self.item is not None:
            out["item"] = self.item
        return out


@dataclass(frozen=True, slots=True)
class ReportResult:
    """All findings for one input, or the reason it could not be read."""

    source: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    agency: str | None = None
    year: int | None = None
    level: str | None = None
    title: str | None = None

    def failures(self) -> tuple[Finding, ...]:
        """Findings with status fail or error."""
        return tuple(f for f in self.findings if f.status in (Status.FAIL, Status.ERROR))

    def to_dict(self) -> dict[str, Any]:
        """The report entry of the JSON contract."""
        return {
            "source": self.source,
            "error": self.error,
            "report": {"agency": self.agency, "year": self.year, "level": self.level, "title": self.title},
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class PackInfo:
    """A rule pack as reported: name, version and number of rules."""

    name: str
    version: str
    rules: int


@dataclass(frozen=True, slots=True)
class Results:
    """Everything one run produced: the packs used, their rules, and one entry per input."""

    tool_version: str
    packs: tuple[PackInfo, ...]
    rules: tuple[RuleInfo, ...]
    reports: tuple[ReportResult, ...]
    lang: str = "zh"

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The snapshot of rule ``rule_id``."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def summary(self) -> dict[str, Any]:
        """Counts: reports, unreadable inputs, findings by status and by rule."""
        by_status: Counter[str] = Counter()
        by_rule: dict[str, Counter[str]] = {}
        for report in self.reports:
            for f in report.findings:
                by_status[f.status.value] += 1
                by_rule.setdefault(f.rule, Counter())[f.status.value] += 1
        return {
            "reports": len(self.reports),
            "unreadable": sum(1 for r in self.reports if r.error is not None),
            "by_status": {s.value: by_status.get(s.value, 0) for s in Status},
            "by_rule": {rule: dict(sorted(c.items())) for rule, c in sorted(by_rule.items())},
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole JSON document of ``--format json``."""
        return {
            "tool": {"name": "compliance", "version": self.tool_version},
            "rulepacks": [{"name": p.name, "version": p.version, "rules": p.rules} for p in self.packs],
            "reports": [r.to_dict() for r in self.reports],
            "summary": self.summary(),
        }
