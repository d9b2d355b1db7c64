"""``compliance check``: read documents, apply the packs, render the results, set the exit code."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import Any

from compliance.api import check_paths, example_path, expand_inputs, load_packs
from compliance.cli.common import write_output
from compliance.errors import UsageError
from compliance.reporters import REPORTERS, reporter_for
from compliance.results import Results, Status
from compliance.severity import Severity


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parser(sub: Any) -> None:
    """Register ``check`` and its options."""
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
    check.set_defaults(run=run)


def exit_code(results: Results, fail_on: str) -> int:
    """2 if an input was unreadable; 1 if a fail/error finding reaches ``fail_on``; else 0."""
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


def run(args: argparse.Namespace) -> int:
    """Run ``check``."""
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
    write_output(reporter_for(args.format).render(results, color=color), args.output)
    for report in results.reports:
        if report.error is not None:
            print(f"compliance: {report.source}: {report.error}", file=sys.stderr)
    return exit_code(results, args.fail_on)
