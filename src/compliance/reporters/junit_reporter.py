"""``JunitReporter``: JUnit XML, so CI systems show reports as test suites and rules as tests.

One ``<testsuite>`` per input (``name`` = the source), one ``<testcase>`` per rule
(``classname`` = the rule's group, the part of its id before the last dot; ``name`` = the id).
``fail`` → ``<failure>`` with every failing instance's message and where it is; ``error`` (could
not be checked) → ``<error>``; ``skip`` → ``<skipped/>``. An unreadable input is a suite with one
``read`` test case in ``<error>``. The root ``<testsuites>`` carries the totals.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from compliance.reporters.common import FAILING, rule_title, where
from compliance.reporters.safe import escaped
from compliance.results import ReportResult, Results, Status, rule_status


def _suite(results: Results, report: ReportResult) -> ET.Element:
    suite = ET.Element("testsuite", name=report.source)
    if report.error is not None:
        case = ET.SubElement(suite, "testcase", classname="input", name="read")
        ET.SubElement(case, "error", message=report.error, type="unreadable").text = report.error
        suite.set("tests", "1")
        suite.set("errors", "1")
        suite.set("failures", "0")
        suite.set("skipped", "0")
        return suite
    counts = dict.fromkeys(Status, 0)
    properties = ET.SubElement(suite, "properties")
    for key, value in (("agency", report.agency), ("year", report.year), ("title", report.title)):
        if value is not None:
            ET.SubElement(properties, "property", name=key, value=str(value))
    for rule, findings in report.by_rule().items():
        status = rule_status(findings)
        counts[status] += 1
        case = ET.SubElement(suite, "testcase", classname=rule.rsplit(".", 1)[0], name=rule)
        failing = [f for f in findings if f.status in FAILING]
        if status is Status.SKIP:
            ET.SubElement(case, "skipped", message=findings[0].message)
        elif failing:
            tag = "failure" if status is Status.FAIL else "error"
            body = [rule_title(results, rule)]
            for f in failing:
                place = where(results, report, f)
                body.append(f"- {f.message}" + (f"  ({place})" if place else ""))
            element = ET.SubElement(case, tag, message=failing[0].message, type=failing[0].severity.value)
            element.text = "\n".join(body)
    suite.set("tests", str(sum(counts.values())))
    suite.set("failures", str(counts[Status.FAIL]))
    suite.set("errors", str(counts[Status.ERROR]))
    suite.set("skipped", str(counts[Status.SKIP]))
    return suite


class JunitReporter:
    """JUnit XML: a suite per report, a test case per rule."""

    name = "junit"
    media_type = "application/xml"

    @escaped
    def render(self, results: Results, *, color: bool = False) -> str:
        """The whole XML document (UTF-8)."""
        root = ET.Element("testsuites", name="compliance")
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for report in results.reports:
            suite = _suite(results, report)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
