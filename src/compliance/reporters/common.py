"""What several reporters share: the words of the two languages, where a finding is — for tools
the source position (line, or table / row / column), for people the place a reader of the page
finds (``place``: the section and paragraph with a short quote, or the table cell by its row and
column labels) —, which section of the report it belongs to, the evidence as people read it
(labelled values only) and the failures of a report grouped by section and severity. Consumes
``results`` only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from compliance.results import (
    DOES_NOT_APPLY,
    Finding,
    ReportResult,
    Results,
    RuleInfo,
    SectionView,
    Status,
    TableView,
    rule_status,
)
from compliance.severity import Severity

WORDS: dict[str, dict[str, str]] = {
    "zh": {"fail": "不合规", "error": "无法检查", "pass": "通过", "skip": "不适用", "unreadable": "无法读取",
           "line": "第{line}行", "column": "第{column}格", "table": "表{table}", "row": "第{row}行",
           "cell": "第{cell}格", "page": "第{page}页", "whole": "通篇", "rule": "规则", "severity": "严重程度",
           "message": "说明", "where": "位置", "evidence": "依据数值", "report": "报告", "score": "得分",
           "verdict_fail": "{n} 条规则未通过", "verdict_ok": "全部适用规则通过",
           "counts": "规则 {rules} 条：通过 {pass}，不合规 {fail}，无法检查 {error}，不适用 {skip}",
           "summary": "汇总", "checked": "检查报告 {checked} 份，无法读取 {unreadable} 份，全部合规 {compliant} 份",
           "defects": "最常见的问题", "defect_line": "{reports} 份报告（{instances} 处）", "pass_rates": "各规则通过率",
           "ranking": "问题最多的报告", "ranking_line": "未通过 {failed_rules} 条规则，{failures} 处，得分 {score}",
           "unreadable_inputs": "无法读取的文件", "instances": "处", "reports": "份报告", "agency": "机关",
           "year": "年度", "status": "结果", "failures": "问题数", "title": "政府信息公开工作年度报告检查结果",
           "batch_title": "政府信息公开工作年度报告批量检查汇总", "passed_rules": "通过或不适用的规则",
           "tool": "检查工具",
           "findings": "检查发现", "no_tables": "未找到表格", "pass_rate": "通过率",
           "paragraph": "第{n}段", "text_at": "正文", "basis": "依据", "fix": "修改建议", "checked_at": "检查时间",
           "sha256": "文件 SHA-256", "packs": "规则包", "url": "网址", "retrieved": "获取时间",
           "report_text": "报告正文（标出检查发现所在段落）", "intro": "引言",
           "not_checked": "未检查"},
    "en": {"fail": "FAIL", "error": "ERROR", "pass": "pass", "skip": "skip", "unreadable": "unreadable",
           "line": "line {line}", "column": "cell {column}", "table": "table {table}", "row": "row {row}",
           "cell": "cell {cell}", "page": "page {page}", "whole": "Whole report", "rule": "Rule",
           "severity": "Severity", "message": "Message", "where": "Where", "evidence": "values",
           "report": "Report", "score": "Score",
           "verdict_fail": "{n} rule(s) not satisfied", "verdict_ok": "every applicable rule passes",
           "counts": "{rules} rules: {pass} passed, {fail} failed, {error} could not be checked, "
                     "{skip} not applicable",
           "summary": "Summary", "checked": "{checked} reports checked, {unreadable} unreadable, "
                                            "{compliant} fully compliant",
           "defects": "Most common defects", "defect_line": "{reports} reports ({instances} instances)",
           "pass_rates": "Pass rate per rule", "ranking": "Reports with the most failures",
           "ranking_line": "{failed_rules} rule(s) failed, {failures} instance(s), score {score}",
           "unreadable_inputs": "Unreadable inputs", "instances": "instances", "reports": "reports",
           "agency": "Agency", "year": "Year", "status": "Status", "failures": "Failures",
           "title": "Government information-disclosure annual report check",
           "batch_title": "Annual reports: batch check summary", "passed_rules": "Rules passed or not applicable",
           "tool": "Tool",
           "findings": "Findings", "no_tables": "no tables found", "pass_rate": "Pass rate",
           "paragraph": "paragraph {n}", "text_at": "text", "basis": "Basis", "fix": "Fix", "checked_at": "Checked",
           "sha256": "Input SHA-256", "packs": "Rule packs", "url": "URL", "retrieved": "Retrieved",
           "report_text": "The report's text (paragraphs with findings marked)", "intro": "Introduction",
           "not_checked": "Not checked"},
}
SEVERITY_WORDS = {"zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
                  "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}}
_TABLE_SECTION = {"active_disclosure": 2, "applications": 3, "review_litigation": 4}
FAILING = (Status.FAIL, Status.ERROR)


def words(results: Results) -> Mapping[str, str]:
    """The vocabulary of the run's language."""
    return WORDS["en" if results.lang == "en" else "zh"]


def severity_word(results: Results, severity: Severity) -> str:
    """``error`` / 错误 …"""
    return SEVERITY_WORDS["en" if results.lang == "en" else "zh"][severity]


def rule_title(results: Results, rule_id: str) -> str:
    """The rule's title in the run's language (its id when unknown)."""
    info = results.rule(rule_id)
    return info.title(results.lang) if info else rule_id


def cell_of(pointer: str | None) -> tuple[str, str | None, str | None] | None:
    """``/tables/T/rows/R/values/C`` → (T, R, C); a row or table pointer gives ``None`` for the rest."""
    if not pointer or not pointer.startswith("/tables/"):
        return None
    parts = pointer.split("/")[2:]
    table = parts[0]
    row = parts[2] if len(parts) > 2 and parts[1] == "rows" else None
    column = parts[4] if len(parts) > 4 and parts[3] == "values" else None
    return table, row, column


def cell_words(report: ReportResult, pointer: str | None) -> str:
    """The labels of the cell a pointer names: 表二 （一）予以公开 / 总计."""
    found = cell_of(pointer)
    if found is None:
        return ""
    table_id, row_id, column_id = found
    table = report.table(table_id)
    if table is None:
        return ""
    parts = [table.name]
    row = next((r for r in table.rows if r.id == row_id), None)
    if row is not None:
        parts.append(row.label)
    if column_id is not None:
        parts.append(("/ " if row is not None else "") + dict(table.columns).get(column_id, column_id))
    return " ".join(parts)


def cell_text(report: ReportResult, pointer: str | None) -> str | None:
    """The text of the cell a pointer names, as the table writes it (``None`` for a row or table)."""
    found = cell_of(pointer)
    table = report.table(found[0]) if found is not None else None
    if found is None or table is None or found[2] is None:
        return None
    row = next((r for r in table.rows if r.id == found[1]), None)
    return None if row is None else row.cells.get(found[2])


def where(results: Results, report: ReportResult, finding: Finding) -> str:
    """Where a finding is: source position (第60行 第9格) and, for a table cell, its labels."""
    w = words(results)
    location: Mapping[str, Any] = finding.location or {}
    parts = [w[key].format(**location) for key in ("table", "row", "line", "column", "cell", "page")
             if key in location]
    position = " ".join(parts) if results.lang == "en" else "".join(parts)
    labels = cell_words(report, finding.pointer)
    return " · ".join(p for p in (position, labels) if p)


_QUOTE_MIN = 4  # characters (after normalising) a quote needs to be looked for in the text
_QUOTE_SHOWN = 30
_QUOTED = re.compile(r"[「“\"]([^」”\"]{4,})[」”\"]")


def _key(text: str) -> str:
    """Text as compared when looking a quote up: NFKC, without spaces and punctuation (the
    evidence of a rule is often ``normalize``d, the paragraphs are as written)."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


def quotes(finding: Finding) -> Iterator[str]:
    """The texts of a finding that come from the report: labelled string evidence, then what its
    message quotes (「…」, “…”), longest first within each."""
    texts = sorted((v for _, v in finding.shown_evidence() if isinstance(v, str)), key=len, reverse=True)
    yield from texts
    yield from sorted(_QUOTED.findall(finding.message), key=len, reverse=True)


def paragraph_of(report: ReportResult, finding: Finding,
                 section: SectionView | None) -> tuple[SectionView, int, str] | None:
    """(section, paragraph number from 1, quote) of the first paragraph that holds one of the
    finding's quotes, looked for in ``section`` first, then in the whole report."""
    order = ([section] if section is not None else []) + [s for s in report.sections if s is not section]
    for quote in quotes(finding):
        key = _key(quote.strip("…"))
        if len(key) < _QUOTE_MIN:
            continue
        for candidate in order:
            for n, paragraph in enumerate(candidate.paragraphs, 1):
                if key in _key(paragraph):
                    return candidate, n, _as_written(paragraph, key)
    return None


def _as_written(paragraph: str, key: str) -> str:
    """The part of ``paragraph`` whose ``_key`` is ``key``: the quote as the page writes it."""
    kept = [(i, c) for i, ch in enumerate(paragraph) for c in _key(ch)]
    start = "".join(c for _, c in kept).find(key)
    if start < 0:  # NFKC of a character spreading over several: show the key
        return key
    first, last = kept[start][0], kept[start + len(key) - 1][0]
    end = last + 1
    while end < len(paragraph) and not _key(paragraph[end]) and paragraph[end] in "。；！？.;!?）」”)":
        end += 1  # the closing punctuation of the sentence quoted
    return paragraph[first:end]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_SHOWN else text[:_QUOTE_SHOWN - 1] + "…"


def place(results: Results, report: ReportResult, finding: Finding) -> str:
    """Where a reader of the page finds a finding: the table cell by its labels with what it says
    (表二 （一）予以公开 / 总计「0」); the section and paragraph with a short quote (一、总体情况
    第3段「…」); the section;
    or the page of a PDF. Source lines are left to JSON and SARIF: nobody sees them in a browser."""
    w = words(results)
    parts = []
    labels = cell_words(report, finding.pointer)
    if labels:
        written = cell_text(report, finding.pointer)
        parts.append(labels + (f"「{_short(written)}」" if written else ""))
    section = section_of(report, finding)
    found = paragraph_of(report, finding, section)
    if found is not None:
        holder, n, quote = found
        text = f"{holder.heading} {w['paragraph'].format(n=n)}「{_short(quote)}」"
        parts.append(f"{w['text_at']}{'：' if results.lang != 'en' else ': '}{text}" if labels else text)
    elif not labels and section is not None and (finding.pointer or "").startswith("/sections/"):
        parts.append(section.heading)
    page = (finding.location or {}).get("page")
    if isinstance(page, int):
        parts.append(w["page"].format(page=page))
    return " · ".join(parts)


def marked_paragraphs(report: ReportResult) -> dict[tuple[int, int], list[Finding]]:
    """(section index, paragraph number) → the failing findings placed there (``paragraph_of``)."""
    out: dict[tuple[int, int], list[Finding]] = {}
    for f in report.failures():
        found = paragraph_of(report, f, section_of(report, f))
        if found is not None:
            out.setdefault((found[0].index, found[1]), []).append(f)
    return out


def section_of(report: ReportResult, finding: Finding) -> SectionView | None:
    """The section of the report a finding belongs to: by its pointer (a section, or a table and
    the section that holds it), else by its line; ``None`` for the report as a whole."""
    pointer = finding.pointer or ""
    if pointer.startswith("/sections/"):
        index = pointer.split("/")[2]
        return next((s for s in report.sections if str(s.index) == index), None)
    found = cell_of(pointer)
    if found is not None:
        holder = next((s for s in report.sections if found[0] in s.tables), None)
        return holder or next((s for s in report.sections if s.number == _TABLE_SECTION.get(found[0])), None)
    line = (finding.location or {}).get("line")
    if isinstance(line, int):
        before = [s for s in report.sections if s.line is not None and s.line <= line]
        return before[-1] if before else None
    return None


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """The failing findings of one rule on one report."""

    rule: str
    info: RuleInfo | None
    severity: Severity
    status: Status
    findings: tuple[Finding, ...]


def failure_groups(results: Results, report: ReportResult) -> list[tuple[SectionView | None, list[RuleGroup]]]:
    """Failures by section of the report (in document order, the whole report first), and within
    a section by rule, most severe first."""
    by_rule: dict[str, list[Finding]] = {}
    for f in report.failures():
        by_rule.setdefault(f.rule, []).append(f)
    sections: dict[int, tuple[SectionView | None, list[RuleGroup]]] = {}
    for rule_id, findings in by_rule.items():
        status = Status.FAIL if any(f.status is Status.FAIL for f in findings) else Status.ERROR
        group = RuleGroup(rule_id, results.rule(rule_id), findings[0].severity, status, tuple(findings))
        section = section_of(report, findings[0])
        key = -1 if section is None else section.index
        sections.setdefault(key, (section, []))[1].append(group)
    out = [sections[k] for k in sorted(sections)]
    for _, groups in out:
        groups.sort(key=lambda g: -g.severity.rank)
    return out


def heading(section: SectionView | None, results: Results) -> str:
    """A section's heading, or 通篇 / Whole report."""
    return section.heading if section is not None else words(results)["whole"]


def not_checked(report: ReportResult) -> list[tuple[str, list[str]]]:
    """(reason, rule ids) of the rules skipped for a reason of their own ("no previous report
    given", "table 2 cannot be read"), one entry per reason in the order first given: what the
    counts call "not applicable" but a person should know was not checked, and why."""
    generic = set(DOES_NOT_APPLY.values())
    out: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.status is Status.SKIP and finding.message not in generic:
            rules = out.setdefault(finding.message, [])
            if finding.rule not in rules:
                rules.append(finding.rule)
    return list(out.items())


def status_counts(report: ReportResult) -> dict[str, int]:
    """Rules by status on one report (a rule with any failing instance counts as failed)."""
    counts = {s.value: 0 for s in Status}
    for findings in report.by_rule().values():
        counts[rule_status(findings).value] += 1
    return counts


def evidence_text(finding: Finding, limit: int = 60, lang: str = "zh") -> str:
    """The evidence people read, on one line: ``总计：0 · 各类申请人之和：6`` — only the values the
    rule labels (internal names and expressions stay in JSON and SARIF)."""
    parts = []
    for label, value in finding.shown_evidence():
        text = plain(value)
        if len(text) > limit:
            text = text[:limit - 1] + "…"
        parts.append(f"{label}{': ' if lang == 'en' else '：'}{text}")
    return " · ".join(parts)


def plain(value: Any) -> str:
    """An evidence value as text (strings as they are)."""
    return value if isinstance(value, str) else _plain(value)


def _plain(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_plain(v) if not isinstance(v, str) else repr(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    return str(value)


def tables_with_marks(report: ReportResult) -> list[tuple[TableView, dict[tuple[str, str | None], Status]]]:
    """Each table with the cells (row, column) and rows (row, None) that failing findings point at."""
    out = []
    for table in report.tables:
        marks: dict[tuple[str, str | None], Status] = {}
        for f in report.failures():
            found = cell_of(f.pointer)
            if found is not None and found[0] == table.id and found[1] is not None:
                key = (found[1], found[2])
                if marks.get(key) is not Status.FAIL:
                    marks[key] = f.status
        out.append((table, marks))
    return out
