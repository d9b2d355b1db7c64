"""``TextReporter``: what a person reads in a terminal — a verdict line, then failures first,
each with its numbers and where it is, then what passed, in counts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compliance.results import Finding, ReportResult, Results, Status
from compliance.severity import Severity

_WORDS = {
    "zh": {"fail": "不合规", "error": "无法检查", "pass": "通过", "skip": "不适用", "ok": "合规",
           "unreadable": "无法读取", "line": "第{line}行", "cell": "第{column}格", "table": "表{table}",
           "row": "第{row}行",
           "summary": "规则 {rules} 条：通过 {pass}，不合规 {fail}，无法检查 {error}，不适用 {skip}",
           "verdict_fail": "✗ {source}：{n} 条规则未通过", "verdict_ok": "✓ {source}：全部适用规则通过"},
    "en": {"fail": "FAIL", "error": "ERROR", "pass": "pass", "skip": "skip", "ok": "compliant",
           "unreadable": "unreadable", "line": "line {line}", "cell": "cell {column}", "table": "table {table}",
           "row": "row {row}", "summary": "{rules} rules: {pass} passed, {fail} failed, {error} could not be "
           "checked, {skip} not applicable",
           "verdict_fail": "✗ {source}: {n} rule(s) not satisfied",
           "verdict_ok": "✓ {source}: every applicable rule passes"},
}
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_COLORS = {Status.FAIL: "31", Status.ERROR: "35", Status.PASS: "32", Status.SKIP: "2"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def _where(location: Mapping[str, Any] | None, words: Mapping[str, str]) -> str:
    if not location:
        return ""
    parts = []
    if "table" in location:
        parts.append(words["table"].format(**location))
    if "line" in location:
        parts.append(words["line"].format(**location))
    if "row" in location:
        parts.append(words["row"].format(**location))
    if "column" in location:
        parts.append(words["cell"].format(**location))
    return " ".join(parts)


class TextReporter:
    """Plain text, with ANSI colour only when asked (a terminal), never when piped."""

    name = "text"
    media_type = "text/plain"

    def render(self, results: Results, *, color: bool = False) -> str:
        """All reports, one block each, then a one-line total for batches."""
        blocks = [self._report(results, r, color) for r in results.reports]
        return "\n".join(blocks)

    def _severity(self, results: Results, finding: Finding) -> str:
        if results.lang == "en":
            return finding.severity.value
        return _SEVERITY_ZH[finding.severity]

    def _report(self, results: Results, report: ReportResult, color: bool) -> str:
        words = _WORDS["en" if results.lang == "en" else "zh"]
        if report.error is not None:
            return _paint(f"✗ {report.source}: {words['unreadable']}: {report.error}", "31", color) + "\n"
        bad = [f for f in report.findings if f.status in (Status.FAIL, Status.ERROR)]
        failing_rules = list(dict.fromkeys(f.rule for f in bad))
        heading = report.title or report.source
        if failing_rules:
            lines = [_paint(words["verdict_fail"].format(source=heading, n=len(failing_rules)), "1;31", color)]
        else:
            lines = [_paint(words["verdict_ok"].format(source=heading), "1;32", color)]
        if report.title and report.title != report.source:
            lines.append(f"  {report.source}")
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for rule_id in sorted(failing_rules, key=lambda r: order[next(f.severity for f in bad if f.rule == r)]):
            group = [f for f in bad if f.rule == rule_id]
            info = results.rule(rule_id)
            title = info.title(results.lang) if info else rule_id
            first = group[0]
            status = words[first.status.value]
            lines.append("")
            lines.append(_paint(f"  {status} [{self._severity(results, first)}] {rule_id}", _COLORS[first.status],
                                color) + f"  {title}" + (f" ×{len(group)}" if len(group) > 1 else ""))
            for f in group:
                where = _where(f.location, words)
                lines.append(f"    - {f.message}" + (f"  ({where})" if where else ""))
        counts = {s.value: len({f.rule for f in report.findings if f.status is s}) for s in Status}
        rules = len({f.rule for f in report.findings})
        lines.append("")
        lines.append("  " + words["summary"].format(rules=rules, **counts))
        return "\n".join(lines) + "\n"
