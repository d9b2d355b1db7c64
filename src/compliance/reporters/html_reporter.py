"""``HtmlReporter``: one self-contained HTML file (inline CSS and SVG, no script, no network).

One report: a verdict, counts, when it was checked, the input's SHA-256 (and the URL and time
it was fetched), and the findings beside the report's three tables, with the cells the findings
point at highlighted and numbered (a number links to its finding and back); each finding says
where a reader finds it (section and paragraph, or the table cell), its labelled values, its
basis and what to change; below, the report's text with the paragraphs of findings marked.
A batch: a summary page first (key figures, pass rate per rule and the reports' scores as
inline SVG charts, the most common defects, the reports ranked by failures, unreadable inputs),
then every report in a list, then each report with failures in the single-report layout
(only the tables that have a highlighted cell).
"""

from __future__ import annotations

from html import escape

from compliance.reporters.common import (
    failure_groups,
    heading,
    marked_paragraphs,
    not_checked,
    place,
    plain,
    rule_title,
    severity_word,
    status_counts,
    tables_with_marks,
    words,
)
from compliance.reporters.html_style import CSS
from compliance.reporters.safe import escaped
from compliance.reporters.svg_charts import Bar, donut, hbars, histogram
from compliance.results import Finding, ReportResult, Results, Status, Summary, TableView, summarize

_TOP = 15


def _e(value: object) -> str:
    return escape(str(value))


def _anchor(prefix: str, *parts: str) -> str:
    return prefix + "-" + "-".join(p.replace("/", "_") for p in parts)


class _Page:
    """One report rendered: finding numbers are assigned once and shared by tables and list."""

    def __init__(self, results: Results, report: ReportResult, index: int) -> None:
        self.results = results
        self.report = report
        self.prefix = f"r{index}"
        self.groups = failure_groups(results, report)
        self.numbers: dict[int, int] = {}
        for _, groups in self.groups:
            for group in groups:
                for f in group.findings:
                    self.numbers[id(f)] = len(self.numbers) + 1
        self.marked = marked_paragraphs(report) if report.error is None else {}
        self.paragraph_of = {id(f): key for key, fs in self.marked.items() for f in fs}

    def verdict(self) -> str:
        w = words(self.results)
        if self.report.error is not None:
            return f'<span class="verdict unreadable">✗ {_e(w["unreadable"])}</span>'
        counts = status_counts(self.report)
        failing = counts["fail"] + counts["error"]
        if failing:
            return f'<span class="verdict fail">✗ {_e(w["verdict_fail"].format(n=failing))}</span>'
        return f'<span class="verdict ok">✓ {_e(w["verdict_ok"])}</span>'

    def html(self, *, all_tables: bool) -> str:
        w = words(self.results)
        report = self.report
        out = [f'<section class="report" id="{self.prefix}">', self.verdict(),
               f"<h2>{_e(report.title or report.source)}</h2>", f'<p class="src">{_e(report.source)}</p>',
               self.facts()]
        if report.error is not None:
            out.append(f'<p class="msg">{_e(report.error)}</p></section>')
            return "".join(out)
        counts = status_counts(report)
        out.append('<div class="chips">' + "".join(
            f'<span class="chip {s}">{_e(w[s])}<b>{counts[s]}</b></span>' for s in ("fail", "error", "pass", "skip"))
            + "</div>")
        tables = [self.table(t, marks) for t, marks in tables_with_marks(report) if all_tables or marks]
        if all_tables and not report.tables:
            tables.append(f'<p class="src">{_e(w["no_tables"])}</p>')
        out.append(f'<div class="split"><div class="tables">{"".join(tables)}</div>'
                   f'<aside class="findings">{self.findings()}</aside></div>')
        out.append(self.waived())
        out.append(self.not_checked())
        out.append(self.passed())
        out.append(self.text())
        out.append("</section>")
        return "".join(out)

    def facts(self) -> str:
        """When it was checked, with what, and which bytes (and where from): a page forwarded
        weeks later still says what it is about."""
        w = words(self.results)
        report = self.report
        facts = [(w["checked_at"], self.results.checked_at)]
        if report.url:
            facts.append((w["url"], report.url))
        if report.attachment_of:
            facts.append(("附件所在页面" if self.results.lang != "en" else "Attachment of", report.attachment_of))
        if report.retrieved:
            facts.append((w["retrieved"], report.retrieved))
        if report.sha256:
            facts.append((w["sha256"], report.sha256))
        facts.append((w["tool"], f"compliance {self.results.tool_version}"))
        facts.append((w["packs"], ", ".join(f"{p.name} {p.version}" for p in self.results.packs)))
        return '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>"

    def text(self) -> str:
        """The report's text, section by section, with the paragraphs findings are in marked and
        numbered like the table cells (a number links to its finding)."""
        if not any(s.paragraphs for s in self.report.sections):
            return ""
        out = [f'<details open class="text"><summary>{_e(words(self.results)["report_text"])}</summary>']
        for section in self.report.sections:
            out.append(f"<h4>{_e(section.heading)}</h4>")
            for n, paragraph in enumerate(section.paragraphs, 1):
                hits = self.marked.get((section.index, n), [])
                anchor = _anchor(self.prefix, "p", str(section.index), str(n))
                badges = "".join(self.badge(self.numbers.get(id(f), 0), f) for f in hits)
                cls = ' class="marked"' if hits else ""
                out.append(f'<p id="{anchor}"{cls}>{_e(paragraph)}{badges}</p>')
        out.append("</details>")
        return "".join(out)

    def waived(self) -> str:
        """Findings under a waiver that has not expired: listed, not counted as defects."""
        found = self.report.waived()
        if not found:
            return ""
        zh = self.results.lang != "en"
        items = "".join(
            f"<li><code>{_e(f.rule)}</code> {_e(f.message)} <span class=\"src\">— "
            f"{_e(str((f.waiver or {}).get('by', '')))}: {_e(str((f.waiver or {}).get('reason', '')))} "
            f"({'至' if zh else 'until'} {_e(str((f.waiver or {}).get('until', '')))})</span></li>" for f in found)
        return f'<details open class="waived"><summary>{"已豁免" if zh else "Waived"} ({len(found)})</summary>' \
               f"<ul>{items}</ul></details>"

    def table(self, table: TableView, marks: dict[tuple[str, str | None], Status]) -> str:
        badges: dict[tuple[str, str | None], list[tuple[int, Finding]]] = {}
        for f in self.report.failures():
            parts = (f.pointer or "").split("/")
            if len(parts) > 4 and parts[1:3] == ["tables", table.id] and parts[3] == "rows":
                column = parts[6] if len(parts) > 6 and parts[5] == "values" else None
                badges.setdefault((parts[4], column), []).append((self.numbers.get(id(f), 0), f))
        head = "".join(f"<th>{_e(label)}</th>" for _, label in table.columns)
        rows = []
        for row in table.rows:
            row_marks = badges.get((row.id, None), [])
            cls = ' class="rowbad"' if (row.id, None) in marks else ""
            label = _e(row.label) + "".join(self.badge(n, f) for n, f in row_marks)
            cells = []
            for column, _ in table.columns:
                text = row.cells.get(column)
                status = marks.get((row.id, column))
                classes = []
                if status is not None:
                    classes.append("bad" if status is Status.FAIL else "undecided")
                if text is not None and not text.strip():
                    classes.append("blank")
                attrs = f' id="{_anchor(self.prefix, "c", table.id, row.id, column)}"'
                hits = badges.get((row.id, column), [])
                if classes:
                    attrs += f' class="{" ".join(classes)}"'
                if hits:
                    attrs += f' title="{_e(hits[0][1].message)}"'
                cells.append(f"<td{attrs}>{_e(text or '')}{''.join(self.badge(n, f) for n, f in hits)}</td>")
            rows.append(f'<tr{cls} id="{_anchor(self.prefix, "row", table.id, row.id)}"><th>{label}</th>'
                        f'{"".join(cells)}</tr>')
        return (f"<h3>{_e(table.name)} {_e(table.title)}</h3><table class=\"grid\"><thead><tr><th></th>{head}"
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def badge(self, number: int, finding: Finding) -> str:
        return f'<a class="badge" href="#{self.prefix}-f{number}" title="{_e(finding.message)}">{number}</a>'

    def findings(self) -> str:
        out = []
        for section, groups in self.groups:
            out.append(f"<h4>{_e(heading(section, self.results))}</h4>")
            for group in groups:
                for f in group.findings:
                    out.append(self.finding(f))
        return "".join(out)

    def finding(self, f: Finding) -> str:
        number = self.numbers.get(id(f), 0)
        sev = f.severity.value
        w = words(self.results)
        where = place(self.results, self.report, f)
        parts = (f.pointer or "").split("/")
        target = ""
        if len(parts) > 6 and parts[1] == "tables" and parts[3] == "rows" and parts[5] == "values":
            target = _anchor(self.prefix, "c", parts[2], parts[4], parts[6])
        elif len(parts) > 4 and parts[1] == "tables" and parts[3] == "rows":
            target = _anchor(self.prefix, "row", parts[2], parts[4])
        elif id(f) in self.paragraph_of:
            target = _anchor(self.prefix, "p", *(str(x) for x in self.paragraph_of[id(f)]))
        where_html = f'<a href="#{target}">{_e(where)}</a>' if target and where else _e(where)
        evidence = "".join(f"<dt>{_e(k)}</dt><dd>{_e(plain(v))}</dd>" for k, v in f.shown_evidence())
        guidance = "".join(f'<p class="{key}"><b>{_e(w[key])}</b> {_e(text)}</p>'
                           for key, text in (("basis", f.basis), ("fix", f.fix)) if text)
        return (f'<div class="finding sev-{sev} st-{f.status.value}" id="{self.prefix}-f{number}">'
                f'<div class="fhead"><span class="num">{number}</span>'
                f'<span class="sev {sev}">{_e(severity_word(self.results, f.severity))}</span>'
                f"<code>{_e(f.rule)}</code><span>{_e(rule_title(self.results, f.rule))}</span></div>"
                f'<p class="msg">{_e(f.message)}</p>'
                + (f'<p class="where">{where_html}</p>' if where else "")
                + (f'<dl class="ev">{evidence}</dl>' if evidence else "") + guidance + "</div>")

    def not_checked(self) -> str:
        """The rules skipped for a reason of their own, each reason once (``common.not_checked``)."""
        unchecked = not_checked(self.report)
        if not unchecked:
            return ""
        items = "".join(f"<li>– {_e(reason)} " + " ".join(f"<code>{_e(rule)}</code>" for rule in rules) + "</li>"
                        for reason, rules in unchecked)
        return f'<div class="unchecked"><b>{_e(words(self.results)["not_checked"])}</b><ul>{items}</ul></div>'

    def passed(self) -> str:
        rules = [(r, fs) for r, fs in self.report.by_rule().items() if all(f.status in (Status.PASS, Status.SKIP)
                                                                           for f in fs)]
        items = "".join(f"<li>{'✓' if fs[0].status is Status.PASS else '–'} <code>{_e(r)}</code> "
                        f"{_e(rule_title(self.results, r))}</li>" for r, fs in rules)
        return (f'<details class="passed"><summary>{_e(words(self.results)["passed_rules"])} ({len(rules)})'
                f"</summary><ul>{items}</ul></details>")


def _score_class(score: float) -> str:
    return "low" if score < 60 else "mid" if score < 90 else "high"


def _summary(results: Results, summary: Summary, pages: dict[str, str]) -> str:
    w = words(results)
    zh = results.lang != "en"
    mean = sum(s.score for s in summary.ranking) / len(summary.ranking) if summary.ranking else 0.0
    failing = summary.checked - summary.compliant
    kpis = [(summary.inputs, "送检文件" if zh else "inputs", ""), (summary.checked, "已检查" if zh else "checked", ""),
            (summary.compliant, "全部合规" if zh else "fully compliant", "green"),
            (failing, "存在问题" if zh else "with defects", "red"),
            (len(summary.unreadable), w["unreadable"], "purple"),
            (f"{mean:.1f}", "平均得分" if zh else "mean score", "")]
    ring = donut([(w["pass"], summary.compliant, "#2e7d32"), (w["fail"], failing, "#c62828"),
                  (w["unreadable"], len(summary.unreadable), "#6a1b9a")],
                 center=f"{100 * summary.compliant / summary.checked:.0f}%" if summary.checked else "–")
    out = ['<section class="summary">', f"<h2>{_e(w['batch_title'])}</h2>",
           f'<p class="src">{_e(w["checked"].format(checked=summary.checked, unreadable=len(summary.unreadable), compliant=summary.compliant))}</p>',  # noqa: E501
           f'<div class="donut-row">{ring}<div class="kpis">'
           + "".join(f'<div class="kpi {c}"><div class="n">{_e(n)}</div><div class="l">{_e(label)}</div></div>'
                     for n, label, c in kpis) + "</div></div>"]
    rated = sorted((r for r in summary.rules if r.pass_rate is not None), key=lambda r: (r.pass_rate or 0, r.rule))
    rule_bars = [Bar(f"{rule_title(results, r.rule)}", r.pass_rate or 0.0,
                     f"{100 * (r.pass_rate or 0):.0f}%  ({r.passed}/{r.applicable})", tip=r.rule) for r in rated]
    worst = summary.ranking[:_TOP]
    report_bars = [Bar(" ".join(str(x) for x in (s.agency, s.year) if x) or s.source, s.score / 100,
                       f"{s.score:.0f}", href=f"#{pages[s.source]}" if s.source in pages else None, tip=s.source)
                   for s in worst]
    out.append('<div class="cards">')
    out.append(f'<div class="card">{hbars(rule_bars, title=w["pass_rates"])}</div>')
    out.append('<div class="card">' + histogram([s.score for s in summary.ranking],
                                                   title="报告得分分布" if zh else "Reports by score",
                                                   x_label=w["score"], y_label=w["reports"])
               + hbars(report_bars, title="得分最低的报告" if zh else "Lowest-scoring reports", label_width=260)
               + "</div>")
    out.append("</div>")
    if summary.defects:
        rows = "".join(f"<tr><td><code>{_e(d.rule)}</code> {_e(rule_title(results, d.rule))}</td>"
                       f'<td><span class="sev {d.severity.value}">{_e(severity_word(results, d.severity))}</span></td>'
                       f'<td class="n">{d.failed + d.errors}</td><td class="n">{d.instances}</td></tr>'
                       for d in summary.defects[:_TOP])
        out.append(f'<div class="card" style="margin-top:18px"><h3>{_e(w["defects"])}</h3><table class="list">'
                   f"<tr><th>{_e(w['rule'])}</th><th>{_e(w['severity'])}</th><th>{_e(w['reports'])}</th>"
                   f"<th>{_e(w['instances'])}</th></tr>{rows}</table></div>")
    if summary.unreadable:
        items = "".join(f"<li><code>{_e(s)}</code>: {_e(e)}</li>" for s, e in summary.unreadable)
        out.append(f'<div class="card" style="margin-top:18px"><h3>{_e(w["unreadable_inputs"])}</h3>'
                   f"<ul>{items}</ul></div>")
    out.append("</section>")
    return "".join(out)


def _listing(results: Results, summary: Summary, pages: dict[str, str]) -> str:
    w = words(results)
    scores = {s.source: s for s in summary.ranking}
    rows = []
    for report in results.reports:
        s = scores.get(report.source)
        name = _e(report.source)
        if report.source in pages:
            name = f'<a href="#{pages[report.source]}">{name}</a>'
        status = w["unreadable"] if report.error is not None else (
            w["verdict_fail"].format(n=s.failed_rules) if s and s.failed_rules else w["verdict_ok"])
        score = "" if s is None else f'<span class="score {_score_class(s.score)}">{s.score:.1f}</span>'
        rows.append(f"<tr><td>{name}</td><td>{_e(report.agency or '')}</td><td>{_e(report.year or '')}</td>"
                    f'<td>{_e(status)}</td><td class="n">{"" if s is None else s.failures}</td>'
                    f'<td class="n">{score}</td></tr>')
    return (f'<div class="card" style="margin-top:18px"><h3>{_e(w["report"])}</h3><table class="list"><tr>'
            f"<th>{_e(w['report'])}</th><th>{_e(w['agency'])}</th><th>{_e(w['year'])}</th><th>{_e(w['status'])}</th>"
            f"<th>{_e(w['failures'])}</th><th>{_e(w['score'])}</th></tr>{''.join(rows)}</table></div>")


class HtmlReporter:
    """A self-contained HTML page."""

    name = "html"
    media_type = "text/html"

    @escaped
    def render(self, results: Results, *, color: bool = False) -> str:
        """The page: one report beside its tables, or a batch summary followed by the reports."""
        w = words(results)
        packs = ", ".join(f"{p.name} {p.version}" for p in results.packs)
        if len(results.reports) == 1:
            title = results.reports[0].title or w["title"]
            body = _Page(results, results.reports[0], 0).html(all_tables=True)
        else:
            title = w["batch_title"]
            summary = summarize(results)
            failing = [(i, r) for i, r in enumerate(results.reports) if r.error is None and r.failures()]
            pages = {r.source: f"r{i}" for i, r in failing}
            body = (_summary(results, summary, pages) + _listing(results, summary, pages)
                    + "".join(_Page(results, r, i).html(all_tables=False) for i, r in failing))
        lang = "en" if results.lang == "en" else "zh-CN"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
                f'<header class="top"><div class="brand">{_e(w["title"] if len(results.reports) == 1 else title)}'
                f'</div><div class="meta">compliance {_e(results.tool_version)} · {_e(packs)} · '
                f"{_e(w['checked_at'])} {_e(results.checked_at)}</div></header>"
                f"<main>{body}</main><footer>{_e(w['tool'])}: compliance {_e(results.tool_version)} · {_e(packs)}"
                f"</footer></body></html>\n")
