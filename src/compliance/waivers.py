"""Waivers: a known failure of one rule on one report, accepted by someone, for a reason, until a date.

A waived finding keeps its status (it is still a failure) and is marked ``waived``, so every
summary can show it as such. When the waiver has expired the marking says so and the finding
counts as a failure again. ``apply_waivers`` is a pure transform of ``Results``.
"""

from __future__ import annotations

import datetime
import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import PurePath
from typing import Any

from compliance.results import Finding, ReportResult, Results, Status

WAIVER_KEYS = ("rule", "agency", "year", "source", "by", "reason", "until")
_HAS_FIELD = "waiver" in {f.name for f in fields(Finding)}


class WaiverError(ValueError):
    """A waiver entry is invalid (the configuration turns it into CR023)."""


@dataclass(frozen=True, slots=True)
class Waiver:
    """Waive ``rule`` on the reports of ``agency`` (and ``year``), or whose path matches ``source``."""

    rule: str
    by: str
    reason: str
    until: datetime.date
    agency: str | None = None
    year: int | None = None
    source: str | None = None  # a glob, matched against the report's path

    def matches(self, rule: str, report: ReportResult) -> bool:
        """Whether this waiver covers ``rule``'s findings on ``report``."""
        if rule != self.rule:
            return False
        if self.agency is not None and report.agency != self.agency:
            return False
        if self.year is not None and report.year != self.year:
            return False
        if self.source is not None:
            path = PurePath(report.source).as_posix()
            if not (fnmatch.fnmatch(path, self.source) or fnmatch.fnmatch(PurePath(path).name, self.source)
                    or fnmatch.fnmatch(path, f"*/{self.source}")):
                return False
        return True

    def info(self, today: datetime.date) -> dict[str, Any]:
        """What a waived finding carries: who, why, until when, and whether it has expired."""
        return {"by": self.by, "reason": self.reason, "until": self.until.isoformat(), "expired": today > self.until}


def parse_waiver(entry: Mapping[str, Any]) -> Waiver:
    """A ``Waiver`` from a ``[[waivers]]`` table of the configuration.

    Raises:
        WaiverError: a missing or unknown key, or a value of the wrong kind.
    """
    from compliance.rules.diagnostics import suggest

    for key in entry:
        if key not in WAIVER_KEYS:
            raise WaiverError(f"unknown key '{key}'{suggest(key, WAIVER_KEYS)}")
    for key in ("rule", "by", "reason", "until"):
        if key not in entry:
            raise WaiverError(f"a waiver needs `{key}` (rule, by, reason and until are required)")
    if "agency" not in entry and "source" not in entry:
        raise WaiverError("a waiver names the report: `agency` (with `year`) or a `source` glob")
    until = entry["until"]
    if isinstance(until, str):
        try:
            until = datetime.date.fromisoformat(until)
        except ValueError:
            raise WaiverError(f"until = {until!r} is not a date (YYYY-MM-DD)") from None
    if isinstance(until, datetime.datetime) or not isinstance(until, datetime.date):
        raise WaiverError(f"until = {until!r} is not a date (YYYY-MM-DD)")
    for key in ("rule", "by", "reason", "agency", "source"):
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise WaiverError(f"`{key}` must be non-empty text")
    year = entry.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise WaiverError(f"year = {year!r} is not a year")
    return Waiver(entry["rule"], entry["by"], entry["reason"], until, entry.get("agency"), year, entry.get("source"))


_NOTE = {
    "zh": ("（已豁免至{until}：{reason}——{by}）", "（豁免已于{until}到期：{reason}——{by}；重新计为不合规）"),
    "en": (" (waived until {until}: {reason}, by {by})",
           " (the waiver expired on {until}: {reason}, by {by}; counted as a failure again)"),
}


def _waive(finding: Finding, info: dict[str, Any], lang: str) -> Finding:
    active, expired = _NOTE["en" if lang == "en" else "zh"]
    note = (expired if info["expired"] else active).format(**info)
    if _HAS_FIELD:
        message = finding.message + note if info["expired"] else finding.message
        return replace(finding, waiver=info, message=message)  # type: ignore[call-arg,unused-ignore]
    # Until Finding has a ``waiver`` field, the marking travels in the message and the evidence.
    return replace(finding, message=finding.message + note, evidence={**finding.evidence, "waiver": info})


def waiver_of(finding: Finding) -> Mapping[str, Any] | None:
    """The waiver marking of ``finding`` (active or expired), or None."""
    found = getattr(finding, "waiver", None)
    if found is None and isinstance(finding.evidence.get("waiver"), Mapping):
        found = finding.evidence["waiver"]
    return found if isinstance(found, Mapping) else None


def is_waived(finding: Finding) -> bool:
    """True for a fail/error finding under a waiver that has not expired."""
    info = waiver_of(finding)
    return info is not None and not info.get("expired", False)


def waive_report(report: ReportResult, waivers: Sequence[Waiver], lang: str = "zh",
                 today: datetime.date | None = None) -> ReportResult:
    """``report`` with every fail/error finding covered by a waiver marked (see ``waiver_of``)."""
    if not waivers:
        return report
    today = today or datetime.date.today()
    out: list[Finding] = []
    for finding in report.findings:
        waiver = None
        if finding.status in (Status.FAIL, Status.ERROR):
            waiver = next((w for w in waivers if w.matches(finding.rule, report)), None)
        out.append(finding if waiver is None else _waive(finding, waiver.info(today), lang))
    return replace(report, findings=tuple(out))


def apply_waivers(results: Results, waivers: Sequence[Waiver], today: datetime.date | None = None) -> Results:
    """``results`` with every fail/error finding covered by a waiver marked (see ``waiver_of``)."""
    if not waivers:
        return results
    reports = tuple(waive_report(r, waivers, results.lang, today) for r in results.reports)
    return replace(results, reports=reports)


def waiver_summary(results: Results) -> dict[str, int]:
    """Counts for summaries: findings waived, and findings whose waiver has expired."""
    marks = [waiver_of(f) for r in results.reports for f in r.findings]
    return {"waived": sum(1 for m in marks if m is not None and not m.get("expired")),
            "waiver_expired": sum(1 for m in marks if m is not None and m.get("expired"))}
