"""The command line: ``compliance check | extract | rules``. The only module that prints.

Exit codes (contract.md): 0 nothing at or above ``--fail-on``; 1 something is; 2 usage error,
unreadable input or invalid rule pack — with a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from compliance.api import check_paths, example_path, expand_inputs, load_packs, version
from compliance.errors import ComplianceError, UsageError
from compliance.model.report import dumps_json
from compliance.readers import read_document
from compliance.reporters import REPORTERS, reporter_for
from compliance.results import Results, Status
from compliance.severity import Severity


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(prog="compliance", description="Check government information-disclosure annual reports "
                     "(政府信息公开工作年度报告) against Art. 50 and the 2021 format.")
    parser.add_argument("--version", action="version", version=f"compliance {version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check documents or report models")
    check.add_argument("paths", nargs="*", metavar="PATH", help="documents, report-model JSON files, or folders")
    check.add_argument("--example", action="store_true", help="check the embedded example report")
    check.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="a rule file or pack folder to add (repeatable)")
    check.add_argument("--no-default-rules", action="store_true", help="do not load the default pack ogi-2021")
    check.add_argument("--format", default="text", choices=sorted(REPORTERS), help="output format")
    check.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    check.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of messages (default zh)")
    check.add_argument("--fail-on", default="error", choices=["error", "warning", "info", "never"],
                       help="lowest severity that makes the exit code 1 (default error)")
    check.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                       help="publication date, for the deadline rule")
    check.add_argument("--jobs", type=int, default=1, metavar="N", help="parallel workers (currently 1)")

    extract = sub.add_parser("extract", help="print a document's report model as JSON")
    extract.add_argument("path", metavar="PATH")
    extract.add_argument("-o", "--output", metavar="FILE")

    rules = sub.add_parser("rules", help="rule-pack tools")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    listing = rules_sub.add_parser("list", help="list the rules of the active packs")
    listing.add_argument("--rules", action="append", default=[], metavar="PATH")
    listing.add_argument("--no-default-rules", action="store_true")
    listing.add_argument("--lang", default="zh", choices=["zh", "en"])
    return parser


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _exit_code(results: Results, fail_on: str) -> int:
    if any(r.error is not None for r in results.reports):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    for report in results.reports:
        for f in report.findings:
            if f.status in (Status.FAIL, Status.ERROR) and f.severity.rank >= threshold:
                return 1
    return 0


def _check(args: argparse.Namespace) -> int:
    paths = list(args.paths)
    if args.example:
        paths.append(str(example_path()))
    if not paths:
        raise UsageError("check needs at least one PATH (or --example)")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    for path in paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")
    if not expand_inputs(paths):
        raise UsageError(f"no documents found in {', '.join(paths)}")
    packs = load_packs(args.rules, default=not args.no_default_rules)
    if not packs:
        raise UsageError("no rules: --no-default-rules needs at least one --rules PATH")
    results = check_paths(paths, packs, lang=args.lang, published=args.published)
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _write(reporter_for(args.format).render(results, color=color), args.output)
    for report in results.reports:
        if report.error is not None:
            print(f"compliance: {report.source}: {report.error}", file=sys.stderr)
    return _exit_code(results, args.fail_on)


def _extract(args: argparse.Namespace) -> int:
    report = read_document(args.path)
    _write(dumps_json(dict(report.data)) + "\n", args.output)
    return 0


def _rules(args: argparse.Namespace) -> int:
    packs = load_packs(args.rules, default=not args.no_default_rules)
    for pack in packs:
        print(f"{pack.name} {pack.version} ({len(pack.rules)} rules)")
        for rule in pack.rules:
            print(f"  {rule.id:40} {rule.severity.value:8} {rule.title.get(args.lang)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "check":
            return _check(args)
        if args.command == "extract":
            return _extract(args)
        return _rules(args)
    except ComplianceError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("compliance: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
