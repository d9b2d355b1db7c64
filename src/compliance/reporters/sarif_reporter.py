"""``SarifReporter``: SARIF 2.1.0, for code-scanning dashboards and review tools.

One run. ``tool.driver.rules`` lists every rule of the active packs (id, title, basis, tags,
default level); ``results`` holds one result per failing instance (``fail`` and ``error``
findings; passes and skips are left out to keep the log small) with its message, its level
(``error`` / ``warning`` / ``note`` from the rule's severity), its place in the source document
(``artifactLocation`` and, for text, ``region.startLine``; the cell index of a tab-separated
line is not a character column, so it goes in ``properties.location`` with the rest of the
location) and its JSON Pointer into the report model as a logical location. The evidence is in
``properties.evidence``. An unreadable input is a ``toolExecutionNotification`` of level
``error`` and makes ``executionSuccessful`` false. Validated in the tests against the official
OASIS SARIF 2.1.0 JSON Schema.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from compliance.model.report import dumps_json
from compliance.reporters.common import FAILING, where
from compliance.reporters.safe import exact
from compliance.results import Finding, ReportResult, Results, Status
from compliance.severity import Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(source: str) -> str:
    """A file path as a URI reference (slashes kept, anything else outside ASCII escaped). A name
    that is not UTF-8 (its bytes kept as surrogates by the OS layer) is escaped byte for byte."""
    path = source.replace("\\", "/")
    try:
        return quote(path, safe="/:._-~", errors="surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return quote(path, safe="/:._-~", errors="backslashreplace")


def _location(results: Results, report: ReportResult, finding: Finding, index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(report.source), "index": index}}
    line = (finding.location or {}).get("line")
    if isinstance(line, int):
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "element"}]
    place = where(results, report, finding)
    if place:
        location["message"] = {"text": place}
    return location


def _result(results: Results, report: ReportResult, finding: Finding, index: int,
            rule_index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        out["ruleIndex"] = rule_index[finding.rule]
    out.update({"kind": "fail", "level": _LEVEL[finding.severity], "message": {"text": finding.message},
                "locations": [_location(results, report, finding, index)]})
    properties: dict[str, Any] = {"status": finding.status.value}
    if finding.evidence:
        properties["evidence"] = dict(finding.evidence)
    if finding.location:
        properties["location"] = dict(finding.location)
    if finding.item is not None:
        properties["item"] = finding.item
    if finding.basis:
        properties["basis"] = finding.basis
    if finding.fix:
        properties["fix"] = finding.fix
    out["properties"] = properties
    return out


def sarif_log(results: Results) -> dict[str, Any]:
    """The SARIF log as data."""
    rules = [{"id": r.id, "name": r.id, "shortDescription": {"text": r.title(results.lang)},
              "fullDescription": {"text": r.basis_in(results.lang) or r.title(results.lang)},
              **({"help": {"text": r.fix(results.lang)}} if r.fix(results.lang) else {}),
              "defaultConfiguration": {"level": _LEVEL[r.severity]},
              "properties": {"tags": list(r.tags), "pack": r.pack, "title_zh": r.title_zh, "title_en": r.title_en}}
             for r in results.rules]
    rule_index = {r.id: i for i, r in enumerate(results.rules)}
    artifacts: list[dict[str, Any]] = []
    out: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for index, report in enumerate(results.reports):
        artifact: dict[str, Any] = {"location": {"uri": uri(report.source)}}
        if report.title:
            artifact["description"] = {"text": report.title}
        artifacts.append(artifact)
        if report.error is not None:
            notifications.append({"level": "error", "message": {"text": f"{report.source}: {report.error}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(report.source),
                                                                                           "index": index}}}]})
            continue
        out.extend(_result(results, report, f, index, rule_index) for f in report.findings if f.status in FAILING)
    summary = {s.value: 0 for s in Status}
    for report in results.reports:
        for f in report.findings:
            summary[f.status.value] += 1
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "compliance", "version": results.tool_version,
                                "rules": rules, "properties": {"packs": [{"name": p.name, "version": p.version}
                                                                         for p in results.packs]}}},
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "artifacts": artifacts,
            "results": out,
            "columnKind": "unicodeCodePoints",
            "properties": {"language": results.lang, "findings": summary},
        }],
    }


class SarifReporter:
    """SARIF 2.1.0 JSON."""

    name = "sarif"
    media_type = "application/sarif+json"

    @exact
    def render(self, results: Results, *, color: bool = False) -> str:
        """The SARIF log (exact numbers in the evidence)."""
        return dumps_json(sarif_log(results)) + "\n"
