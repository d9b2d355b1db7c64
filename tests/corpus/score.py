"""Score the readers and the default pack on the development corpus of real report text.

Why: the checker is judged on reports no one here wrote. ``manifest.yaml`` holds, for every document
in this folder, verdicts worked out by hand (report year, agency, level, statistics period, table
cells, real defects, clean points). This script runs the project as a user would
(``compliance.read_document`` and ``compliance.api.check`` with the default pack) on each document,
compares, and prints the figures. One document can never stop the run: a document the readers
refuse counts as "not read", any other exception as a traceback, and both are reported.

    python tests/corpus/score.py              # the table of figures
    python tests/corpus/score.py --details    # and, per document, what was misread
    python tests/corpus/score.py --json       # the figures as JSON
    python tests/corpus/score.py --markdown   # the figures as a Markdown table (docs/inputs.md)
    python tests/corpus/score.py --set heldout  # only the held-out documents (or --set dev)
    python tests/corpus/score.py --pairs      # the real year pairs (pairs/manifest.yaml) instead

Documents carry a ``set``: ``dev`` (the default; the readers were tuned on them), ``heldout`` (kept
apart to give an honest figure on reports the readers were not written against; later tuned on) or
``heldout2`` (collected after that tuning, never tuned on), ``heldout3`` (scored blind, then tuned on) and
``heldout4`` (collected with heldout3, scored once after that tuning), ``heldout5`` (brief N18, scored once
blind), ``heldout6`` (brief K18, scored once blind, then tuned on), ``heldout_whole`` (whole reports from
other portals)
or ``converted`` (real reports printed to PDF and converted by real converters: converted/make.py), ``extracted``
(real portal pages as real HTML-to-text tools extract them: extracted/make.py).

The statistics period the pack computed is read through a scorer-only pack (``probe/``) whose one
rule reports ``period_start``/``period_end`` as evidence; its findings are left out of every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import time
import traceback
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
PROBE = HERE / "probe"
PROBE_RULE = "corpus.period-probe"
TIME_LIMIT = 60  # seconds for one document (read + check)
# A document's ``set`` (``dev`` when none given).
SETS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout_whole", "converted",
        "extracted")
# What an entry naming ``verdicts_of: <id>`` takes from that entry (the same report, converted from a PDF).
VERDICT_KEYS = ("year", "agency", "level", "period", "tables", "defects", "clean")

APPLICANT_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
                     "legal_service_org", "other_org", "total")
OUTCOME_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

# The figures, in the order they are printed, with what each is a share of.
FIGURES = (
    ("read", "documents read", "documents"),
    ("year", "report year right", "documents"),
    ("agency", "agency right", "documents naming their agency"),
    ("level", "level right", "documents whose level is clear"),
    ("period", "period judged right", "documents"),
    ("cells", "table cells right", "hand-read cells (whole reports)"),
    ("defects", "defects caught", "real defects"),
    ("clean", "clean points right", "clean points"),
)


@dataclass
class Outcome:
    """What the project made of one document, against the hand verdicts."""

    id: str
    kind: str
    read: bool = False
    not_read: str | None = None  # the reader's one-line refusal
    crash: str | None = None  # an unexpected exception (with its traceback)
    year: bool | None = None
    agency: bool | None = None
    level: bool | None = None
    period: bool | None = None
    cells: tuple[int, int] = (0, 0)  # right, total
    defects: tuple[int, int] = (0, 0)  # caught, total
    clean: tuple[int, int] = (0, 0)  # right, total
    false_alarms: list[str] = field(default_factory=list)  # clean rules that failed
    clean_errors: list[str] = field(default_factory=list)  # clean rules that gave error
    misses: list[str] = field(default_factory=list)  # human-readable: what was misread
    seconds: float = 0.0


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Stop a runaway read or check (SIGALRM; only in the main thread of a Unix process)."""
    def _raise(signum: int, frame: Any) -> None:
        raise _Timeout(f"took longer than {seconds} s")
    try:
        previous = signal.signal(signal.SIGALRM, _raise)
    except (ValueError, AttributeError):  # not the main thread, or no SIGALRM
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The manifest as data (``floors`` and ``documents``)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ValueError(f"{path}: no 'documents' list")
    by_id = {doc["id"]: doc for doc in data["documents"]}
    for doc in data["documents"]:  # a conversion of a report carries that report's hand verdicts
        if "verdicts_of" in doc:
            source = by_id[doc["verdicts_of"]]
            for key in VERDICT_KEYS:
                if key in source and key not in doc:
                    doc[key] = source[key]
    return data


def document_set(doc: Mapping[str, Any]) -> str:
    """The set a manifest entry belongs to: ``dev`` unless it says ``set: heldout``."""
    return str(doc.get("set") or "dev")


def select(manifest: Mapping[str, Any], which: str | None) -> dict[str, Any]:
    """The manifest with only the documents of set ``which`` (all of them for None)."""
    if which is None:
        return dict(manifest)
    return {**manifest, "documents": [d for d in manifest["documents"] if document_set(d) == which]}


def normalize_name(text: str) -> str:
    """A name compared loosely: NFKC (full-width folded), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def agency_matches(expected: Sequence[str], got: str | None) -> bool:
    """True when ``got`` names the agency: equal to one alternative, or one contains the other and
    they differ by at most six characters (区政府国资局 for 浑南区国资局 is wrong; 上海市 for
    上海市人民政府 is right; a whole title taken for the agency is wrong)."""
    if not got:
        return False
    g = normalize_name(got)
    for alternative in expected:
        a = normalize_name(alternative)
        if a == g or ((a in g or g in a) and abs(len(a) - len(g)) <= 6 and min(len(a), len(g)) >= 2):
            return True
    return False


def _same_number(expected: Any, got: Any) -> bool:
    if got is None or isinstance(got, bool):
        return False
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except InvalidOperation:
        return False


def expected_cells(tables: Mapping[str, Any]) -> Iterator[tuple[str, str, str, Any]]:
    """(table, row, column, value) for every hand-read cell; list rows use the documented column order."""
    for table, rows in (tables or {}).items():
        for row, cells in (rows or {}).items():
            if isinstance(cells, list):
                columns = APPLICANT_COLUMNS if table == "applications" else OUTCOME_COLUMNS
                if len(cells) != len(columns):
                    raise ValueError(f"{table}/{row}: {len(cells)} values, expected {len(columns)}")
                cells = dict(zip(columns, cells, strict=True))
            for column, value in cells.items():
                yield table, row, column, value


def defect_entries(doc: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(rule, statuses that report it) per expected defect: a plain rule id must fail; an entry
    ``{rule, accept}`` names other statuses that also report it (``error`` where the defect is that
    the data is absent, e.g. no section 六 to hold the fee statement)."""
    out = []
    for entry in doc.get("defects") or []:
        if isinstance(entry, str):
            out.append((entry, ("fail",)))
        else:
            out.append((str(entry["rule"]), tuple(entry.get("accept") or ("fail",))))
    return out


def _model_cell(data: Mapping[str, Any], table: str, row: str, column: str) -> Any:
    rows = ((data.get("tables") or {}).get(table) or {}).get("rows") or {}
    return ((rows.get(row) or {}).get("values") or {}).get(column)


def _statuses(findings: Sequence[Any]) -> dict[str, list[str]]:
    by_rule: dict[str, list[str]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding.status.value)
    return by_rule


GARBLED_WORDS = ("garbled", "无法识别", "写法有误")


def _flags_garbled(findings: Sequence[Any]) -> bool:
    """True when a period.stated finding says the statement is there but its dates cannot be read
    (evidence ``garbled``, or a message saying so), as opposed to "no statement found"."""
    for finding in findings:
        if finding.rule != "period.stated":
            continue
        if any("garbled" in str(key) and value for key, value in finding.evidence.items()):
            return True
        if any(word in str(finding.message) for word in GARBLED_WORDS):
            return True
    return False


def _period_right(doc: Mapping[str, Any], stated: list[str], probe: tuple[str, str] | None,
                  garbled: bool = False, calendar: list[str] | None = None) -> tuple[bool | None, str]:
    """Whether the pack judged the period as the hand verdict says (None: no verdict to compare).

    dated: period.stated passes with the hand dates, and (when its statuses are given)
    period.calendar-year passes exactly when those dates are 1 January – 31 December of the report
    year; none: period.stated does not pass and says nothing is there; garbled: it does not pass
    and says the statement cannot be read (not "missing")."""
    expected = doc.get("period")
    if expected == "unknown":
        return None, ""
    passed = "pass" in stated and "fail" not in stated and "error" not in stated
    if isinstance(expected, dict):
        want = (str(expected["start"]), str(expected["end"]))
        if not (passed and probe == want):
            return False, f"period: expected {want[0]}..{want[1]}, got {probe or 'none'} (period.stated {stated})"
        if calendar is not None:
            year = doc.get("year")
            should_pass = want == (f"{year}-01-01", f"{year}-12-31")
            if should_pass != ("pass" in calendar and "fail" not in calendar):
                return False, (f"period: {want[0]}..{want[1]} for {year}, but period.calendar-year gives {calendar}")
        return True, ""
    if passed:
        return False, f"period: expected {expected}, but period.stated passed with {probe}"
    if expected == "garbled" and not garbled:
        return False, "period: a garbled statement was reported as missing, not as garbled"
    if expected == "none" and garbled:
        return False, "period: no statement, but it was reported as garbled"
    return True, ""


def score_document(doc: Mapping[str, Any], packs: Sequence[Any], root: Path = HERE) -> Outcome:
    """Read and check one document and compare with its hand verdicts; never raises."""
    import compliance
    from compliance import api
    from compliance.errors import ComplianceError

    outcome = Outcome(str(doc["id"]), str(doc.get("kind", "")))
    started = time.perf_counter()
    try:
        with _time_limit(TIME_LIMIT):
            report = compliance.read_document(root / str(doc["file"]))
            result = api.check(report, packs)
    except ComplianceError as exc:
        outcome.not_read = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        outcome.misses.append(f"not read: {outcome.not_read}")
        _count_unread(doc, outcome)
        return outcome
    except Exception as exc:  # a traceback is a finding of its own, never the end of the run
        outcome.crash = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        outcome.misses.append(f"CRASH: {outcome.crash}\n{traceback.format_exc()}")
        _count_unread(doc, outcome)
        return outcome
    finally:
        outcome.seconds = time.perf_counter() - started
    outcome.read = True
    data = report.data
    metadata = data.get("metadata") or {}
    findings = [f for f in result.findings if not f.rule.startswith("corpus.")]
    statuses = _statuses(findings)

    outcome.year = metadata.get("year") == doc.get("year")
    if not outcome.year:
        outcome.misses.append(f"year: expected {doc.get('year')}, got {metadata.get('year')} "
                              f"(from {metadata.get('year_from')}; title {metadata.get('title')!r})")
    agency = doc.get("agency")
    if isinstance(agency, list):
        outcome.agency = agency_matches(agency, metadata.get("agency"))
        if not outcome.agency:
            outcome.misses.append(f"agency: expected {agency[0]}, got {metadata.get('agency')!r}")
    level = doc.get("level")
    if level in ("department", "government"):
        outcome.level = metadata.get("level") == level
        if not outcome.level:
            outcome.misses.append(f"level: expected {level}, got {metadata.get('level')}")

    probe = next(((str(f.evidence.get("start")), str(f.evidence.get("end")))
                  for f in result.findings if f.rule == PROBE_RULE and f.evidence.get("start")), None)
    outcome.period, why = _period_right(doc, statuses.get("period.stated", []), probe, _flags_garbled(findings),
                                        statuses.get("period.calendar-year", []))
    if why:
        outcome.misses.append(why)

    right = total = 0
    for table, row, column, value in expected_cells(doc.get("tables") or {}):
        total += 1
        got = _model_cell(data, table, row, column)
        if _same_number(value, got):
            right += 1
        else:
            outcome.misses.append(f"cell {table}/{row}/{column}: expected {value}, got {got}")
    outcome.cells = (right, total)

    caught = 0
    for rule, accept in defect_entries(doc):
        if any(status in accept for status in statuses.get(rule, [])):
            caught += 1
        else:
            outcome.misses.append(f"defect not reported: {rule} (statuses {statuses.get(rule, 'absent')})")
    outcome.defects = (caught, len(doc.get("defects") or []))

    clean_right = 0
    for rule in doc.get("clean") or []:
        got_statuses = statuses.get(rule, [])
        if "fail" in got_statuses:
            outcome.false_alarms.append(rule)
            outcome.misses.append(f"false alarm: {rule} fails ({_first_message(findings, rule)})")
        elif "error" in got_statuses:
            outcome.clean_errors.append(rule)
            outcome.misses.append(f"clean point not judged: {rule} gives error ({_first_message(findings, rule)})")
        elif not got_statuses:
            outcome.misses.append(f"clean point absent: no finding for {rule}")
        else:
            clean_right += 1
    outcome.clean = (clean_right, len(doc.get("clean") or []))
    return outcome


def _first_message(findings: Sequence[Any], rule: str) -> str:
    for finding in findings:
        if finding.rule == rule and finding.status.value in ("fail", "error"):
            return str(finding.message)[:160]
    return ""


def _count_unread(doc: Mapping[str, Any], outcome: Outcome) -> None:
    """A document not read gets every verdict wrong (the user sees none of them)."""
    outcome.year = False
    outcome.agency = False if isinstance(doc.get("agency"), list) else None
    outcome.level = False if doc.get("level") in ("department", "government") else None
    outcome.period = False if doc.get("period") != "unknown" else None
    outcome.cells = (0, sum(1 for _ in expected_cells(doc.get("tables") or {})))
    outcome.defects = (0, len(doc.get("defects") or []))
    outcome.clean = (0, len(doc.get("clean") or []))


def _share(pairs: Sequence[tuple[int, int]]) -> tuple[int, int]:
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def summarize(outcomes: Sequence[Outcome], kind: str | None = None) -> dict[str, Any]:
    """The figures over ``outcomes`` (or over one kind): counts and percentages."""
    chosen = [o for o in outcomes if kind is None or o.kind == kind]

    def flag(name: str) -> tuple[int, int]:
        values = [getattr(o, name) for o in chosen if getattr(o, name) is not None]
        return sum(1 for v in values if v), len(values)

    counts = {
        "read": (sum(1 for o in chosen if o.read), len(chosen)),
        "year": flag("year"), "agency": flag("agency"), "level": flag("level"), "period": flag("period"),
        "cells": _share([o.cells for o in chosen]), "defects": _share([o.defects for o in chosen]),
        "clean": _share([o.clean for o in chosen]),
    }
    figures: dict[str, Any] = {
        name: {"right": right, "of": total, "percent": round(100.0 * right / total, 1) if total else None}
        for name, (right, total) in counts.items()
    }
    figures["documents"] = len(chosen)
    figures["not_read"] = sorted(o.id for o in chosen if o.not_read)
    figures["tracebacks"] = sorted(o.id for o in chosen if o.crash)
    figures["false_alarms"] = sum(len(o.false_alarms) for o in chosen)
    figures["clean_errors"] = sum(len(o.clean_errors) for o in chosen)
    return figures


def run(manifest: Mapping[str, Any] | None = None, root: Path = HERE) -> list[Outcome]:
    """Score every document of the manifest."""
    from compliance import api

    manifest = manifest if manifest is not None else load_manifest()
    packs = api.load_packs([PROBE])
    return [score_document(doc, packs, root) for doc in manifest["documents"]]


def _percent(entry: Mapping[str, Any]) -> str:
    if entry["percent"] is None:
        return "—"
    return f"{entry['percent']:5.1f} %  ({entry['right']}/{entry['of']})"


def render(outcomes: Sequence[Outcome], details: bool = False) -> str:
    """The printed table (and the misreadings per document with ``details``)."""
    overall, whole, beginnings = summarize(outcomes), summarize(outcomes, "whole"), summarize(outcomes, "beginning")
    lines = [f"corpus: {overall['documents']} documents ({whole['documents']} whole reports, "
             f"{beginnings['documents']} report beginnings)", ""]
    lines.append(f"{'figure':<22}{'all':<24}{'whole':<24}{'beginnings':<24}")
    for name, label, _ in FIGURES:
        lines.append(f"{label:<22}{_percent(overall[name]):<24}{_percent(whole[name]):<24}"
                     f"{_percent(beginnings[name]):<24}")
    lines.append("")
    lines.append(f"false alarms on clean points: {overall['false_alarms']}; "
                 f"clean points not judged (error): {overall['clean_errors']}")
    lines.append(f"documents not read: {len(overall['not_read'])} {overall['not_read'] or ''}".rstrip())
    lines.append(f"tracebacks: {len(overall['tracebacks'])} {overall['tracebacks'] or ''}".rstrip())
    if details:
        for outcome in outcomes:
            if outcome.misses:
                lines.append("")
                lines.append(f"## {outcome.id} ({outcome.kind}, {outcome.seconds:.2f} s)")
                lines.extend(f"  - {miss}" for miss in outcome.misses)
    return "\n".join(lines)


def render_markdown(outcomes: Sequence[Outcome]) -> str:
    """The figures as a Markdown table (what docs/inputs.md shows)."""
    parts = {"all": summarize(outcomes), "whole": summarize(outcomes, "whole"),
             "beginnings": summarize(outcomes, "beginning")}

    def cell(entry: Mapping[str, Any]) -> str:
        return "—" if entry["percent"] is None else f"{entry['percent']:.1f} % ({entry['right']}/{entry['of']})"

    lines = ["| figure | all | whole reports | beginnings |", "|---|---|---|---|"]
    for name, label, _ in FIGURES:
        lines.append(f"| {label} | " + " | ".join(cell(parts[k][name]) for k in parts) + " |")
    overall = parts["all"]
    lines.append(f"| false alarms on clean points | {overall['false_alarms']} | "
                 f"{parts['whole']['false_alarms']} | {parts['beginnings']['false_alarms']} |")
    lines.append(f"| documents not read / tracebacks | {len(overall['not_read'])} / {len(overall['tracebacks'])}"
                 f" | | |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list what was misread, per document")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the figures as a Markdown table")
    parser.add_argument("--only", help="score only documents whose id contains this text")
    parser.add_argument("--set", choices=SETS, help="score only the documents of this set")
    parser.add_argument("--pairs", action="store_true", help="score the real year pairs instead (pairs/manifest.yaml)")
    args = parser.parse_args(argv)
    if args.pairs:  # the cross-year figures: pairs/score_pairs.py
        sys.path.insert(0, str(HERE.parents[1]))
        from tests.corpus.pairs import score_pairs

        pairs = score_pairs.run()
        print(json.dumps(pairs.figures(), indent=2) if args.json else score_pairs.render(pairs, args.details))
        return 0
    manifest = select(load_manifest(), args.set)
    if args.only:
        manifest = {**manifest, "documents": [d for d in manifest["documents"] if args.only in str(d["id"])]}
    outcomes = run(manifest)
    if args.markdown:
        print(render_markdown(outcomes))
    elif args.json:
        print(json.dumps({"all": summarize(outcomes), "whole": summarize(outcomes, "whole"),
                          "beginning": summarize(outcomes, "beginning")}, ensure_ascii=False, indent=2))
    else:
        print(render(outcomes, details=args.details))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    sys.exit(main())
