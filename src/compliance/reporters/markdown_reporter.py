"""``MarkdownReporter``: GitHub-flavoured Markdown for a pull request, an issue or an e-mail.

One report: a verdict heading, a table of the failures (rule, severity, message, where) grouped
by section of the report, the values that decided each, the rules not checked for a reason of
their own (``common.not_checked``), and the passed / not applicable rules folded in a
``<details>``. A batch: first the summary (counts, most common defects, lowest pass rates,
reports with the most failures, unreadable inputs), then one line per input, then the failures
of each report that has any.
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

_TOP = 10


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _verdict(results: Results, report: ReportResult) -> str:
    w = words(results)
    if report.error is not None:
        return f"❌ {w['unreadable']}: {cell(report.error)}"
    counts = status_counts(report)
    failing = counts["fail"] + counts["error"]
    return f"❌ {w['verdict_fail'].format(n=failing)}" if failing else f"✅ {w['verdict_ok']}"


def _report(results: Results, report: ReportResult, level: str) -> list[str]:
    w = words(results)
    lines = [f"{level} {_verdict(results, report)} — {cell(report.title or report.source)}", "",
             f"`{report.source}`", ""]
    if report.error is not None:
        return lines
    groups = failure_groups(results, report)
    if groups:
        lines += [f"| {w['rule']} | {w['severity']} | {w['message']} | {w['where']} |", "|---|---|---|---|"]
        for section, rule_groups in groups:
            lines.append(f"| **{cell(heading(section, results))}** | | | |")
            for g in rule_groups:
                for i, f in enumerate(g.findings):
                    rule = f"`{g.rule}`<br>{cell(rule_title(results, g.rule))}" if i == 0 else "″"
                    evidence = _evidence(f, lang=results.lang)
                    message = cell(f.message) + (f"<br><sub>{cell(evidence)}</sub>" if evidence else "")
                    colon = ": " if results.lang == "en" else "："
                    if i == 0 and f.basis:
                        message += f"<br><sub>{w['basis']}{colon}{cell(f.basis)}</sub>"
                    if i == 0 and f.fix:
                        message += f"<br><sub>{w['fix']}{colon}{cell(f.fix)}</sub>"
                    mark = "❌" if f.status is Status.FAIL else "⚠️"
                    lines.append(f"| {rule} | {mark} {severity_word(results, g.severity)} | {message} | "
                                 f"{cell(place(results, report, f))} |")
        lines.append("")
    waived = report.waived()
    if waived:
        lines += [f"**{'已豁免' if results.lang != 'en' else 'Waived'} ({len(waived)})**", ""]
        lines += [f"- 〰️ `{f.rule}` {cell(f.message)} — {cell(str((f.waiver or {}).get('by', '')))}: "
                  f"{cell(str((f.waiver or {}).get('reason', '')))} ({cell(str((f.waiver or {}).get('until', '')))})"
                  for f in waived]
        lines.append("")
    unchecked = not_checked(report)
    if unchecked:  # skipped for a reason of their own: what the counts call "not applicable"
        lines += [f"**{w['not_checked']}**", ""]
        lines += [f"- ➖ {cell(reason)} ({', '.join(f'`{rule}`' for rule in rules)})" for reason, rules in unchecked]
        lines.append("")
    counts = status_counts(report)
    lines.append(w["counts"].format(rules=sum(counts.values()), **counts))
    passed = [(rule, fs) for rule, fs in report.by_rule().items() if all(f.status in (Status.PASS, Status.SKIP)
                                                                          for f in fs)]
    if passed:
        lines += ["", f"<details><summary>{w['passed_rules']} ({len(passed)})</summary>", ""]
        for rule, findings in passed:
            mark = "✅" if findings[0].status is Status.PASS else "➖"
            lines.append(f"- {mark} `{rule}` {cell(rule_title(results, rule))}")
        lines += ["", "</details>"]
    lines.append("")
    return lines


def _summary(results: Results, summary: Summary) -> list[str]:
    w = words(results)
    lines = [f"# {w['batch_title']}", "",
             w["checked"].format(checked=summary.checked, unreadable=len(summary.unreadable),
                                 compliant=summary.compliant), ""]
    if summary.defects:
        lines += [f"## {w['defects']}", "", f"| {w['rule']} | {w['severity']} | {w['reports']} | {w['instances']} |",
                  "|---|---|---:|---:|"]
        lines += [f"| `{d.rule}` {cell(rule_title(results, d.rule))} | {severity_word(results, d.severity)} | "
                  f"{d.failed + d.errors} | {d.instances} |" for d in summary.defects[:_TOP]]
        lines.append("")
    rated = sorted((r for r in summary.rules if r.pass_rate is not None), key=lambda r: (r.pass_rate or 0, r.rule))
    if rated:
        lines += [f"## {w['pass_rates']}", "", f"| {w['rule']} | {w['pass_rate']} | |", "|---|---:|---:|"]
        lines += [f"| `{r.rule}` | {100 * (r.pass_rate or 0):.1f}% | {r.passed}/{r.applicable} |" for r in rated]
        lines.append("")
    lines += [f"## {w['report']}", "", f"| {w['report']} | {w['agency']} | {w['year']} | {w['status']} | "
              f"{w['score']} |", "|---|---|---|---|---:|"]
    scores = {s.source: s for s in summary.ranking}
    for report in results.reports:
        score = scores.get(report.source)
        lines.append(f"| `{cell(report.source)}` | {cell(report.agency or '')} | {report.year or ''} | "
                     f"{_verdict(results, report)} | {'' if score is None else score.score} |")
    lines.append("")
    return lines


class MarkdownReporter:
    """Markdown for a pull request or an e-mail."""

    name = "markdown"
    media_type = "text/markdown"

    @escaped
    def render(self, results: Results, *, color: bool = False) -> str:
        """One report, or a batch summary followed by the reports that have failures."""
        if len(results.reports) == 1:
            return "\n".join(_report(results, results.reports[0], "##")).rstrip("\n") + "\n"
        lines = _summary(results, summarize(results))
        failing = [r for r in results.reports if r.error is None and r.failures()]
        if failing:
            lines += [f"## {words(results)['findings']}", ""]
            for report in failing:
                lines += _report(results, report, "###")
        return "\n".join(lines).rstrip("\n") + "\n"
