"""``CsvReporter``: one row per report × rule, for spreadsheets.

Columns (stable English names, for scripts): ``source, agency, year, rule, title, severity,
status, failures, message, where, basis, fix``. ``status`` is the rule's status on that report (``fail`` if
any instance failed, else ``error``, ``skip`` or ``pass``); ``failures`` counts the failing
instances (fail or error findings); ``message`` is the first failing message (or the pass/skip
message); ``where`` is where a reader finds that first failure (section and paragraph, or the
table cell by its labels); ``basis`` is what the rule rests on and ``fix`` what to change. An
unreadable input is one row with status ``unreadable``, an empty rule and the reason as the
message, so every input appears.

Encoding: UTF-8 **with a byte-order mark** (``\\ufeff`` first), because Excel opens a CSV without
one in the local code page and garbles Chinese; LibreOffice, pandas (``encoding="utf-8-sig"``) and
Python's csv module read it fine. Lines end with CRLF, as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io

from compliance.reporters.common import FAILING, place, rule_title
from compliance.reporters.safe import escaped
from compliance.results import ReportResult, Results, Summary, rule_status

BOM = "\ufeff"
HEADER = ("source", "agency", "year", "rule", "title", "severity", "status", "failures", "message", "where", "basis",
          "fix")


def _rows(meta: Results, report: ReportResult) -> list[list[str]]:
    if report.error is not None:
        return [[report.source, "", "", "", "", "", "unreadable", "", report.error, "", "", ""]]
    out = []
    for rule, findings in report.by_rule().items():
        failing = [f for f in findings if f.status in FAILING and not f.waived]
        waived = [f for f in findings if f.waived]
        first = failing[0] if failing else (waived[0] if waived else findings[0])
        status = "waived" if waived and not failing else rule_status(findings).value
        out.append([report.source, report.agency or "", "" if report.year is None else str(report.year), rule,
                    rule_title(meta, rule), first.severity.value, status, str(len(failing)),
                    first.message, place(meta, report, first) if failing or waived else "",
                    first.basis, first.fix if failing or waived else ""])
    return out


def _line(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


class CsvReporter:
    """CSV, one row per report × rule, UTF-8 with BOM."""

    name = "csv"
    media_type = "text/csv"

    @escaped
    def render(self, results: Results, *, color: bool = False) -> str:
        """BOM, header, then every report's rows."""
        return self.start(results) + "".join(self.report(results, r) for r in results.reports) + self.finish(results)

    @escaped
    def start(self, meta: Results, *, color: bool = False) -> str:
        """The BOM and the header row."""
        return BOM + _line([list(HEADER)])

    @escaped
    def report(self, meta: Results, report: ReportResult, *, color: bool = False) -> str:
        """One row per rule (one row for an unreadable input)."""
        return _line(_rows(meta, report))

    @escaped
    def finish(self, results: Results, *, color: bool = False) -> str:
        """Nothing: a summary row would break the table; use ``--format json`` or ``text`` for it."""
        return ""

    def finish_summary(self, meta: Results, summary: Summary, *, color: bool = False) -> str:
        """Nothing, as ``finish`` (a batch keeps no results for it)."""
        return ""
