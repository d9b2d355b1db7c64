"""A running summary of a batch: what ``results.summarize`` and ``Results.summary`` give, added
up report by report, so a streaming run keeps counts instead of every ``ReportResult``.

Memory holds per-rule counters, the unreadable inputs (source and reason) and one small score per
readable report (for the ranking); the findings of a report are dropped once it is added. The
figures are exactly those of ``summarize`` over the same reports (``tests/test_streaming.py``).

What a report adds is its ``tally``: a few tuples of strings and numbers, so a batch's worker
computes it beside the report's output and sends both to the parent instead of the findings
(unpickling a whole ``ReportResult`` cost the parent more than counting it: docs/performance.md,
"Two cores for one batch"). ``add(report)`` is ``add_tally(tally(report))``: one way of counting.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TypeAlias

from compliance.results import ReportResult, ReportScore, Results, RuleStats, Status, Summary, rule_status
from compliance.severity import Severity

_KEY = {Status.PASS: "passed", Status.FAIL: "failed", Status.ERROR: "errors", Status.SKIP: "skipped"}
_KEY_OF = {status.value: key for status, key in _KEY.items()}
_FIELDS = ("passed", "failed", "errors", "skipped", "instances")
_PASS, _FAIL, _ERROR, _SKIP = Status.PASS.value, Status.FAIL.value, Status.ERROR.value, Status.SKIP.value

# One rule on one report: (rule id, the severity value of its first finding, (status value, number
# of findings) pairs, the rule's status value (``rule_status``), its failing instances not waived).
RuleTally: TypeAlias = tuple[str, str, tuple[tuple[str, int], ...], str, int]
# One report: (source, error, agency, year, failing findings not waived, its rules in the order applied).
Tally: TypeAlias = tuple[str, "str | None", "str | None", "int | None", int, tuple[RuleTally, ...]]


def tally(report: ReportResult) -> Tally:
    """What ``RunningSummary`` counts of ``report``, as plain tuples (cheap to pickle)."""
    rules: list[RuleTally] = []
    failures = 0
    for rule, findings in report.by_rule().items():
        counts: dict[str, int] = {}
        instances = 0
        for f in findings:
            status = f.status
            value = status._value_  # the enum's ``value`` property costs a Python-level lookup
            counts[value] = counts.get(value, 0) + 1
            if (status is Status.FAIL or status is Status.ERROR) and not f.waived:
                instances += 1
        failures += instances
        rules.append((rule, findings[0].severity._value_, tuple(counts.items()), rule_status(findings)._value_,
                      instances))
    return report.source, report.error, report.agency, report.year, failures, tuple(rules)


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
        self.add_tally(tally(report))

    def add_tally(self, counted: Tally) -> None:
        """Count one report from its ``tally`` (made in this process or in a batch's worker)."""
        source, error, agency, year, failures, rules = counted
        self.inputs += 1
        by_status, by_rule = self.by_status, self.by_rule
        for rule, _, counts, _, _ in rules:
            counter = by_rule.get(rule)
            if counter is None:
                counter = by_rule[rule] = Counter()
            for value, n in counts:
                by_status[value] += n
                counter[value] += n
        if error is not None:
            self.unreadable.append((source, error))
            return
        failed = errors = applicable = 0
        for rule, severity, _, status, instances in rules:
            if rule not in self.severities:
                self.severities[rule] = Severity(severity)
            stats = self.stats.get(rule)
            if stats is None:
                stats = self.stats[rule] = dict.fromkeys(_FIELDS, 0)
            stats[_KEY_OF[status]] += 1
            if status != _PASS and status != _SKIP:
                stats["instances"] += instances
            failed += status == _FAIL
            errors += status == _ERROR
            applicable += status != _SKIP
        score = round(100 * (applicable - failed - errors) / applicable, 1) if applicable else 100.0
        self.compliant += failed + errors == 0
        self.ranking.append(ReportScore(source, agency, year, failed + errors, failures, errors, score))

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
