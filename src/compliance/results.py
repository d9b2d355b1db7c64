"""Results of checking: ``Finding``, ``RuleInfo``, ``ReportResult``, ``Results``. Pure data.

Imports only ``severity`` (and nothing of rules), so reporters consume results without
reaching into rules or the engine. ``to_dict()`` gives the JSON contract (docs/api.md).
``ReportResult`` also carries a compact view of the report (its sections and the values of its
three tables), so a reporter can show findings beside the cells they are about without the model.
``summarize(results)`` gives the aggregate over many reports (``Summary``), as data.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
    basis: str = ""  # in Chinese (``basis_in`` for either language)
    tags: tuple[str, ...] = ()
    pack: str = ""
    basis_en: str = ""
    fix_zh: str = ""
    fix_en: str = ""

    def title(self, lang: str) -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh

    def basis_in(self, lang: str) -> str:
        """The article, clause or format item the rule rests on, in ``lang``."""
        return (self.basis_en or self.basis) if lang == "en" else self.basis

    def fix(self, lang: str) -> str:
        """What the office should change when the rule fails, in ``lang``."""
        return self.fix_en if lang == "en" else self.fix_zh


# The message of a ``skip`` whose rule gives no reason of its own (its ``when`` is false): the
# engine writes it; reporters tell it from a rule's own reason for not checking ("no previous
# report given", "table 2 cannot be read"), which a person should see.
DOES_NOT_APPLY = {"zh": "不适用", "en": "does not apply"}


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
    waiver: Mapping[str, Any] | None = None
    basis: str = ""  # the article, clause or format item, in the language checked in
    fix: str = ""  # what the office should change, in the language checked in
    labels: Mapping[str, str] = field(default_factory=dict)  # evidence name → readable label

    def shown_evidence(self) -> list[tuple[str, Any]]:
        """The evidence a report for people shows: (readable label, value) of the labelled values,
        in the rule's order; internal names and expressions are never among them."""
        return [(self.labels[k], v) for k, v in self.evidence.items() if self.labels.get(k)]

    @property
    def waived(self) -> bool:
        """True when a waiver that has not expired covers this (fail or error) finding."""
        return self.waiver is not None and not self.waiver.get("expired", False)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract describes it."""
        out: dict[str, Any] = {  # ``_value_``: the member's value without the enum property's lookup
            "rule": self.rule, "status": self.status._value_, "severity": self.severity._value_,
            "message": self.message, "basis": self.basis, "fix": self.fix, "evidence": dict(self.evidence),
            "location": self.location,
        }
        labels = {k: self.labels[k] for k in self.evidence if self.labels.get(k)}
        if labels:  # the readable labels of the values shown (only with evidence, so pass/skip stay short)
            out["evidence_labels"] = labels
        if self.pointer is not None:
            out["pointer"] = self.pointer
        if self.item is not None:
            out["item"] = self.item
        if self.waiver is not None:
            out["waiver"] = dict(self.waiver)
        return out


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table as reporters show it: label and cell texts by column id."""

    id: str
    label: str
    cells: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True, slots=True)
class TableView:
    """A compact snapshot of one of the three tables: its columns (id, label) and rows."""

    id: str
    name: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[TableRow, ...]
    line: int | None = None

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the table in the report model."""
        return f"/tables/{self.id}"

    def cell_pointer(self, row: str, column: str) -> str:
        """The JSON Pointer of a cell's value, as findings locate it."""
        return f"/tables/{self.id}/rows/{row}/values/{column}"


@dataclass(frozen=True, slots=True)
class SectionView:
    """A numbered top-level section of the report: heading, the tables inside it, first line."""

    index: int
    number: int | None
    heading: str
    tables: tuple[str, ...] = ()
    line: int | None = None
    paragraphs: tuple[str, ...] = ()  # the section's text, paragraph by paragraph (for places and the HTML page)

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the section in the report model."""
        return f"/sections/{self.index}"


def rule_status(findings: tuple[Finding, ...] | list[Finding]) -> Status:
    """The status of a rule on a report from its findings: fail > error > skip > pass.

    A finding under a waiver that has not expired does not count: a rule whose only failures are
    waived is ``pass`` here, and reporters list the waived findings separately (``is_waived``).
    """
    # Identity tests, no set of members: an Enum hashes in Python, and the parent of a batch
    # computes this for every rule of every report.
    error = skip = False
    for f in findings:
        status = f.status
        if status is Status.PASS or f.waived:
            continue
        if status is Status.FAIL:
            return status
        if status is Status.ERROR:
            error = True
        elif status is Status.SKIP:
            skip = True
    return Status.ERROR if error else Status.SKIP if skip else Status.PASS


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
    tables: tuple[TableView, ...] = ()
    sections: tuple[SectionView, ...] = ()
    sha256: str | None = None  # of the input's bytes, when it was a file or a fetched page
    url: str | None = None  # the address it was fetched from (after redirects; an attachment's)
    retrieved: str | None = None  # when it was fetched (ISO 8601, UTC)
    attachment_of: str | None = None  # the page that links the report as an attachment (附件), when followed

    def failures(self) -> tuple[Finding, ...]:
        """Findings with status fail or error, except those under a waiver that has not expired."""
        return tuple(f for f in self.findings if f.status in (Status.FAIL, Status.ERROR) and not f.waived)

    def waived(self) -> tuple[Finding, ...]:
        """Fail/error findings under a waiver that has not expired: shown as waived, not as defects."""
        return tuple(f for f in self.findings if f.waived)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule id, in the order the rules were applied."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.rule, []).append(f)
        return out

    def table(self, table_id: str) -> TableView | None:
        """The snapshot of table ``table_id`` (``active_disclosure``, ``applications``, ``review_litigation``)."""
        return next((t for t in self.tables if t.id == table_id), None)

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
    checked_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"))

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
        """The whole JSON document of ``--format json``; the summary adds the batch aggregate."""
        return {
            "tool": {"name": "compliance", "version": self.tool_version},
            "rulepacks": [{"name": p.name, "version": p.version, "rules": p.rules} for p in self.packs],
            "reports": [r.to_dict() for r in self.reports],
            "summary": {**self.summary(), **summarize(self).to_dict(top=10)},
        }


@dataclass(frozen=True, slots=True)
class RuleStats:
    """How one rule fared over a batch: reports by status, and failing instances."""

    rule: str
    severity: Severity
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    instances: int = 0

    @property
    def applicable(self) -> int:
        """Reports the rule applied to (pass, fail or error)."""
        return self.passed + self.failed + self.errors

    @property
    def pass_rate(self) -> float | None:
        """Passed / applicable, or ``None`` when it applied to no report."""
        return self.passed / self.applicable if self.applicable else None


@dataclass(frozen=True, slots=True)
class ReportScore:
    """One readable report in the ranking: rules failed, failing instances, score 0–100."""

    source: str
    agency: str | None
    year: int | None
    failed_rules: int
    failures: int
    errors: int
    score: float


@dataclass(frozen=True, slots=True)
class Summary:
    """The aggregate of a run (``summarize``): what a reporter renders as the batch summary."""

    inputs: int
    checked: int
    unreadable: tuple[tuple[str, str], ...]
    compliant: int
    rules: tuple[RuleStats, ...]
    defects: tuple[RuleStats, ...]
    ranking: tuple[ReportScore, ...]

    def to_dict(self, *, top: int | None = None) -> dict[str, Any]:
        """As JSON data; ``top`` limits the defects and the ranking to the first ``top``."""
        return {
            "inputs": self.inputs, "checked": self.checked, "compliant": self.compliant,
            "pass_rate": {r.rule: None if r.pass_rate is None else round(r.pass_rate, 4) for r in self.rules},
            "top_defects": [{"rule": d.rule, "severity": d.severity.value, "reports": d.failed + d.errors,
                             "instances": d.instances} for d in self.defects[:top]],
            "ranking": [{"source": s.source, "agency": s.agency, "year": s.year, "failed_rules": s.failed_rules,
                         "failures": s.failures, "score": s.score} for s in self.ranking[:top]],
        }


def summarize(results: Results) -> Summary:
    """The aggregate of ``results``: reports checked and unreadable, per-rule pass rates, the most
    common defects (rules by reports failing) and the reports ranked worst first."""
    stats: dict[str, dict[str, int]] = {r.id: {"passed": 0, "failed": 0, "errors": 0, "skipped": 0, "instances": 0}
                                        for r in results.rules}
    severities = {r.id: r.severity for r in results.rules}
    ranking: list[ReportScore] = []
    readable = [r for r in results.reports if r.error is None]
    compliant = 0
    for report in readable:
        failed = errors = 0
        for rule, findings in report.by_rule().items():
            severities.setdefault(rule, findings[0].severity)
            counts = stats.setdefault(rule, {"passed": 0, "failed": 0, "errors": 0, "skipped": 0, "instances": 0})
            status = rule_status(findings)
            key = {Status.PASS: "passed", Status.FAIL: "failed", Status.ERROR: "errors", Status.SKIP: "skipped"}[status]
            counts[key] += 1
            counts["instances"] += sum(1 for f in findings if f.status in (Status.FAIL, Status.ERROR) and not f.waived)
            failed += status is Status.FAIL
            errors += status is Status.ERROR
        applicable = sum(1 for fs in report.by_rule().values() if rule_status(fs) is not Status.SKIP)
        score = round(100 * (applicable - failed - errors) / applicable, 1) if applicable else 100.0
        compliant += failed + errors == 0
        ranking.append(ReportScore(report.source, report.agency, report.year, failed + errors,
                                   len(report.failures()), errors, score))
    rules = tuple(RuleStats(rule, severities[rule], **c) for rule, c in stats.items())
    defects = tuple(sorted((r for r in rules if r.failed + r.errors), key=lambda r: (-(r.failed + r.errors),
                                                                                     -r.severity.rank, r.rule)))
    ranking.sort(key=lambda s: (s.score, -s.failed_rules, -s.failures, s.source))
    return Summary(len(results.reports), len(readable),
                   tuple((r.source, r.error) for r in results.reports if r.error is not None),
                   compliant, rules, defects, tuple(ranking))
