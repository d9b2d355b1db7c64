"""A running summary of a batch: what ``results.summarize`` and ``Results.summary`` give, added
up report by report, so a streaming run keeps counts instead of every ``ReportResult``.

Memory holds per-rule counters, the unreadable inputs (source and reason) and one small score per
readable report (for the ranking); the findings of a report are dropped once it is added. The
figures are exactly those of ``summarize`` over the same reports (``tests/test_running.py``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from compliance.results import ReportResult, ReportScore, Results, RuleStats, Status, Summary, rule_status
from compliance.severity import Severity

_KEY = {Status.PASS: "passed", Status.FAIL: "failed", Status.ERROR: "errors", Status.SKIP: "skipped"}
_FIELDS = ("passed", "failed", "errors", "skipped", "instances")


class RunningSummary:
    """Add reports one at a time (``add``); read the totals at any point (``summary``, ``counts``)."""

    def __init__(self, meta: Results) -> None:
        self.lang = meta.lang
        self.stats: dict[str, dict[str, int]] = {r.id: dict.fromkeys(_FIELDS, 0) for r in meta.rules}
        self.severities: dict[str, Severity] = {r.id: r.severity for r in meta.rules}
        self.by_status: Counter[str] = Counter()
        self.by_rule: dict[str, Counter[str]] = {}
        self.unreadable: list[tuple[str, str]] = []
        self.ranking: list[ReportScore] = []
        self.inputs = 0
        self.compliant = 0

    def add(self, report: ReportResult) -> None:
        """Count one report (in input order: the unreadable list keeps it)."""
        self.inputs += 1
        groups = report.by_rule()
        by_status, by_rule = self.by_status, self.by_rule
        for rule, findings in groups.items():
            counter = by_rule.get(rule)
            if counter is None:
                counter = by_rule[rule] = Counter()
            for f in findings:
                value = f.status._value_  # the enum's ``value`` property costs a Python-level lookup
                by_status[value] += 1
                counter[value] += 1
        if report.error is not None:
            self.unreadable.append((report.source, report.error))
            return
        failed = errors = applicable = 0
        for rule, findings in groups.items():
            self.severities.setdefault(rule, findings[0].severity)
            counts = self.stats.setdefault(rule, dict.fromkeys(_FIELDS, 0))
            status = rule_status(findings)
            counts[_KEY[status]] += 1
            if status is not Status.PASS and status is not Status.SKIP:
                counts["instances"] += sum(1 for f in findings if (f.status is Status.FAIL or f.status is Status.ERROR)
                                           and not f.waived)
            failed += status is Status.FAIL
            errors += status is Status.ERROR
            applicable += status is not Status.SKIP
        score = round(100 * (applicable - failed - errors) / applicable, 1) if applicable else 100.0
        self.compliant += failed + errors == 0
        self.ranking.append(ReportScore(report.source, report.agency, report.year, failed + errors,
                                        len(report.failures()), errors, score))

    def summary(self) -> Summary:
        """``summarize(results)`` for the reports added so far."""
        rules = tuple(RuleStats(rule, self.severities[rule], **c) for rule, c in self.stats.items())
        defects = tuple(sorted((r for r in rules if r.failed + r.errors),
                               key=lambda r: (-(r.failed + r.errors), -r.severity.rank, r.rule)))
        ranking = sorted(self.ranking, key=lambda s: (s.score, -s.failed_rules, -s.failures, s.source))
        return Summary(self.inputs, self.inputs - len(self.unreadable), tuple(self.unreadable), self.compliant,
                       rules, defects, tuple(ranking))

    def counts(self) -> dict[str, Any]:
        """``Results.summary()`` for the reports added so far."""
        return {
            "reports": self.inputs,
            "unreadable": len(self.unreadable),
            "by_status": {s.value: self.by_status.get(s.value, 0) for s in Status},
            "by_rule": {rule: dict(sorted(c.items())) for rule, c in sorted(self.by_rule.items())},
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``summary`` member of the JSON document (``Results.to_dict``)."""
        return {**self.counts(), **self.summary().to_dict(top=10)}
