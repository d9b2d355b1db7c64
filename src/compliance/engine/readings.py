"""Verdicts on reports with ambiguous readings: claim no more than the text shows.

A reader that split run-together digits ("77132470" for 本年制发件数, 本年废止件数, 现行有效件数),
or placed a row whose blank cells a converter left out (a lone "3" in a row of seven columns),
may find several readings the text allows; it puts the most plausible in the model and lists the
others under ``alternatives``. A rule is then checked on the model and on each alternative reading
(one row changed at a time, at most ``MAX_VARIANTS`` in all):

- the same outcome under every reading: that outcome stands (a failure under every reading is a
  real defect, whatever the digits were meant to be);
- different outcomes: the rule is ``skip``ped with "cannot be read unambiguously", and the run and
  its readings as evidence.

Knows nothing of file formats: ``alternatives`` is part of the report model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from compliance.model.report import MAX_READINGS_CHECKED, Report
from compliance.results import Finding, Status

MAX_VARIANTS = MAX_READINGS_CHECKED

_TEXT = {
    # Said of digits run together ("77132470") and of a row whose blank cells a converter left out
    # (a lone "3" that may stand in any column): the text allows several readings either way.
    "zh": "无法明确判定：表格中的「{run}」可读作 {readings}（数字连写或空格被略去），按不同读法结论不同",
    "en": "cannot be read unambiguously: the table's \"{run}\" reads as {readings} (digits run together or "
          "blank cells left out); the verdict differs between readings",
}


def variants(report: Report) -> list[tuple[Mapping[str, Any], Report]]:
    """(alternative, report) for every other reading of every ambiguous row, one row at a time."""
    out: list[tuple[Mapping[str, Any], Report]] = []
    for alternative in report.data.get("alternatives") or ():
        for reading in alternative["readings"][1:]:
            if len(out) >= MAX_VARIANTS:
                return out
            out.append((alternative, Report(_with_reading(report.data, alternative, reading), report.source)))
    return out


def _with_reading(data: Mapping[str, Any], alternative: Mapping[str, Any], reading: Sequence[Any]) -> dict[str, Any]:
    """A copy of ``data`` sharing everything but the path down to the row read another way."""
    _, _, kind, _, row_id = alternative["row"].split("/", 4)
    table = data["tables"][kind]
    row = table["rows"][row_id]
    values = {**row["values"], **dict(zip(alternative["columns"], reading, strict=False))}
    rows = {**table["rows"], row_id: {**row, "values": values}}
    return {**data, "tables": {**data["tables"], kind: {**table, "rows": rows}}}


def _outcome(findings: Sequence[Finding]) -> Status:
    statuses = {finding.status for finding in findings if finding.waiver is None}
    for status in (Status.FAIL, Status.ERROR, Status.PASS):
        if status in statuses:
            return status
    return Status.SKIP


def _readings(alternative: Mapping[str, Any]) -> str:
    return " / ".join("|".join("" if v is None else str(v) for v in r) for r in alternative["readings"])


def settle(findings: list[Finding], others: Sequence[tuple[Mapping[str, Any], list[Finding]]],
           lang: str) -> list[Finding]:
    """The findings to report for one rule, given its findings under the other readings."""
    outcome = _outcome(findings)
    differing = [alternative for alternative, found in others if _outcome(found) != outcome]
    if not differing:
        return findings
    seen: list[Mapping[str, Any]] = []
    for alternative in differing:
        if alternative not in seen:
            seen.append(alternative)
    first = seen[0]
    message = _TEXT.get(lang, _TEXT["en"]).format(run=first["run"], readings=_readings(first))
    evidence = {"runs": [{"row": a["row"], "run": a["run"], "readings": a["readings"]} for a in seen]}
    template = findings[0]
    return [replace(template, status=Status.SKIP, message=message, evidence=evidence, pointer=first["row"],
                    location=None, item=None, waiver=None)]


def check_with_readings(report: Report, check: Callable[[Report], list[list[Finding]]],
                        lang: str) -> list[list[Finding]]:
    """``check(report)`` (findings per rule), each rule settled against the other readings."""
    found = check(report)
    others = variants(report)
    if not others:
        return found
    per_variant = [(alternative, check(variant)) for alternative, variant in others]
    return [settle(findings, [(alternative, results[index]) for alternative, results in per_variant], lang)
            for index, findings in enumerate(found)]
