"""``TextReporter``: what a person reads in a terminal at a glance.

Per report: a verdict line, then the failures first, grouped by the section of the report they
are in (the whole report first), most severe first, each with its numbers, where a reader finds it
(the section and paragraph with a short quote, or the table cell by its row and column labels),
the labelled values that decided it, and, once per rule, its basis and what to change; then one
line of counts. A batch closes with a summary: reports checked and unreadable, the most
common defects, the rules with the lowest pass rates and the reports with the most failures.
Colour (ANSI) only when asked, that is on a terminal without ``NO_COLOR``.
"""

from __future__ import annotations

from compliance.reporters.common import evidence_text as _evidence
from compliance.reporters.common import (
    failure_groups,
    heading,
    not_checked,
    place,
    rule_title,
    severity_word,
    status_counts,
    words,
)
from compliance.reporters.safe import escaped
from compliance.results import ReportResult, Results, Status, Summary, summarize
from compliance.severity import Severity

_SEVERITY_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_BAR = 20
_TOP = 10


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


class TextReporter:
    """Plain text, with ANSI colour only when asked (a terminal), never when piped."""

    name = "text"
    media_type = "text/plain"

    @escaped
    def render(self, results: Results, *, color: bool = False) -> str:
        """All reports, one block each, then a summary for batches."""
        blocks = [self.start(results, color=color)]
        blocks.extend(self.report(results, r, color=color) for r in results.reports)
        blocks.append(self.finish(results, color=color))
        return "".join(blocks).rstrip("\n") + "\n"

    @escaped
    def start(self, meta: Results, *, color: bool = False) -> str:
        """Nothing: each report's block stands alone."""
        return ""

    @escaped
    def report(self, meta: Results, report: ReportResult, *, color: bool = False) -> str:
        """One report: verdict, failures by section, counts."""
        w = words(meta)
        if report.error is not None:
            return _paint(f"✗ {report.source}: {w['unreadable']}: {report.error}", "1;31", color) + "\n\n"
        counts = status_counts(report)
        failing = counts["fail"] + counts["error"]
        title = report.title or report.source
        colon = ": " if meta.lang == "en" else "："
        if failing:
            lines = [_paint(f"✗ {title}{colon}{w['verdict_fail'].format(n=failing)}", "1;31", color)]
        else:
            lines = [_paint(f"✓ {title}{colon}{w['verdict_ok']}", "1;32", color)]
        if report.title and report.title != report.source:
            lines.append(_paint(f"  {report.source}", "2", color))
        if report.retrieved:
            lines.append(_paint(f"  {fetched_line(meta, report)}", "2", color))
        for section, groups in failure_groups(meta, report):
            lines.append("")
            lines.append(_paint(f"  {heading(section, meta)}", "1", color))
            for group in groups:
                mark = "✗" if group.status is Status.FAIL else "?"
                label = f"{mark} [{severity_word(meta, group.severity)}] {group.rule}"
                count = f" ×{len(group.findings)}" if len(group.findings) > 1 else ""
                lines.append("  " + _paint(label, _SEVERITY_COLOR[group.severity], color)
                             + f"  {rule_title(meta, group.rule)}{count}")
                for f in group.findings:
                    lines.append(f"      {f.message}")
                    details = [d for d in (place(meta, report, f), _evidence(f, lang=meta.lang)) if d]
                    if details:
                        lines.append(_paint("        ↳ " + "  |  ".join(details), "2", color))
                first = group.findings[0]
                for key, text in (("basis", first.basis), ("fix", first.fix)):
                    if text:
                        lines.append(_paint(f"      {w[key]}{colon}{text}", "2", color))
        waived = report.waived()
        if waived:
            lines.append("")
            lines.append(_paint(f"  {'已豁免' if meta.lang != 'en' else 'Waived'} ({len(waived)})", "1", color))
            for f in waived:
                info = f.waiver or {}
                lines.append(_paint(f"  ~ {f.rule}  {f.message}", "2", color))
                lines.append(_paint(f"      ↳ {info.get('by', '')} · {info.get('reason', '')} · "
                                    f"{'至' if meta.lang != 'en' else 'until'} {info.get('until', '')}", "2", color))
        unchecked = not_checked(report)
        if unchecked:
            lines.append("")
            lines.append(_paint(f"  {w['not_checked']}", "1", color))
            sep = "、" if meta.lang != "en" else ", "
            for reason, rules in unchecked:
                lines.append(_paint(f"  - {reason}  ({sep.join(rules)})", "2", color))
        lines.append("")
        lines.append("  " + w["counts"].format(rules=sum(counts.values()), **counts))
        return "\n".join(lines) + "\n\n"

    @escaped
    def finish(self, results: Results, *, color: bool = False) -> str:
        """The batch summary (nothing for a single input)."""
        if len(results.reports) < 2:
            return ""
        return summary_text(results, summarize(results), color)

    @escaped
    def finish_summary(self, meta: Results, summary: Summary, *, color: bool = False) -> str:
        """``finish`` from a running summary (``running.RunningSummary``), so a batch keeps no results."""
        if summary.inputs < 2:
            return ""
        return summary_text(meta, summary, color)


def fetched_line(meta: Results, report: ReportResult) -> str:
    """When a report given by URL was fetched, and, when the page only links it, that the
    attachment was read instead."""
    zh = meta.lang != "en"
    line = f"{'获取时间' if zh else 'retrieved'} {report.retrieved}"
    if report.attachment_of:
        line += (f" · 页面以附件发布报告，已读取附件 {report.url}" if zh
                 else f" · the page links the report as an attachment; read {report.url}")
    elif report.url and report.url != report.source:
        line += f" · {'重定向至' if zh else 'redirected to'} {report.url}"
    return line


def summary_text(results: Results, summary: Summary, color: bool) -> str:
    """The closing summary of a batch."""
    w = words(results)
    rule = "═" * 60
    lines = [_paint(rule, "2", color), _paint(w["summary"], "1", color),
             w["checked"].format(checked=summary.checked, unreadable=len(summary.unreadable),
                                 compliant=summary.compliant)]
    if summary.defects:
        lines += ["", _paint(w["defects"], "1", color)]
        for d in summary.defects[:_TOP]:
            lines.append(f"  {d.rule:38} {w['defect_line'].format(reports=d.failed + d.errors, instances=d.instances)}"
                         f"  {rule_title(results, d.rule)}")
    rated = sorted((r for r in summary.rules if r.pass_rate is not None and r.pass_rate < 1),
                   key=lambda r: (r.pass_rate or 0, r.rule))
    if rated:
        lines += ["", _paint(w["pass_rates"], "1", color)]
        for r in rated[:_TOP]:
            rate = r.pass_rate or 0.0
            bar = "█" * round(rate * _BAR) + "░" * (_BAR - round(rate * _BAR))
            lines.append(f"  {r.rule:38} {bar} {rate * 100:5.1f}%  ({r.passed}/{r.applicable})")
    worst = [s for s in summary.ranking if s.failed_rules]
    if worst:
        lines += ["", _paint(w["ranking"], "1", color)]
        for i, s in enumerate(worst[:_TOP], 1):
            who = " ".join(str(x) for x in (s.agency, s.year) if x) or s.source
            detail = w["ranking_line"].format(failed_rules=s.failed_rules, failures=s.failures, score=s.score)
            lines.append(f"  {i:2}. {who}  {detail}")
            if who != s.source:
                lines.append(_paint(f"      {s.source}", "2", color))
    if summary.unreadable:
        lines += ["", _paint(w["unreadable_inputs"], "1", color)]
        lines += [_paint(f"  ✗ {source}: {error}", "31", color) for source, error in summary.unreadable]
    return "\n".join(lines) + "\n"
