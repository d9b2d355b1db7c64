"""``compliance check``: read documents, apply the packs, render the results, set the exit code.

A batch (a folder, or several paths) is checked by ``--jobs`` worker processes (default: the
usable cores, or this process alone for a batch of a few inputs); results arrive in input order
and a streaming format (text, CSV, JSON, JSON Lines) is written report by report as they arrive,
with a running summary instead of every result kept to the end (``writing.writer_for``). A progress bar goes
to stderr when it is a terminal (not with ``--quiet``, never when piped).

The heavy modules (the engine, readers, packs) are imported in ``run``, not at the top, so
``compliance --help`` and ``--version`` do not load them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from compliance.cli.common import check_output_path, open_output
from compliance.errors import UsageError
from compliance.reporters import REPORTERS, reporter_for
from compliance.reporters.safe import printable
from compliance.results import ReportResult, Results, Status
from compliance.severity import Severity
from compliance.writing import writer_for

if TYPE_CHECKING:
    from compliance.config import Config
    from compliance.pairing import Pairing
    from compliance.rules import RulePack
    from compliance.running import Tally
    from compliance.waivers import Waiver
    from compliance.writing import SplitWriter


def _date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


MAX_TIMEOUT = 7 * 24 * 3600.0  # a week: far beyond any input, well within the interval timer's range


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= MAX_TIMEOUT:  # also refuses nan
        raise argparse.ArgumentTypeError(f"--timeout must be between 0 (no limit) and {MAX_TIMEOUT:g} seconds, "
                                         f"not {text}")
    return value


def add_parser(sub: Any) -> None:
    """Register ``check`` and its options."""
    check = sub.add_parser("check", help="check documents or report models")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="documents, report-model JSON files, folders, or http(s) addresses of report pages")
    check.add_argument("--from", dest="inputs_from", metavar="FILE",
                       help="also check the paths or URLs listed in FILE, one a line (# starts a comment)")
    check.add_argument("--example", action="store_true", help="check the embedded example report")
    check.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="a rule file or pack folder to add (repeatable)")
    check.add_argument("--no-default-rules", action="store_true", help="do not load the default pack ogi-2021")
    check.add_argument("--format", default=None, choices=sorted(REPORTERS),
                       help="output format (default: from the -o extension, else text)")
    check.add_argument("-o", "--output", metavar="FILE",
                       help="write the output to FILE (its extension .json, .jsonl, .html, .csv, .md, .sarif "
                            "or .xml chooses the format)")
    check.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of messages (default zh)")
    check.add_argument("--fail-on", default="error", choices=["error", "warning", "info", "never"],
                       help="lowest severity that makes the exit code 1 (default error)")
    check.add_argument("--published", type=_date, metavar="YYYY-MM-DD",
                       help="publication date, for the deadline rule")
    check.add_argument("--timeout", type=_timeout, default=60.0, metavar="SECONDS",
                       help="stop checking an input after this long; it becomes an error entry (0: no limit)")
    check.add_argument("--config", metavar="PATH",
                       help="compliance.toml or pyproject.toml with [tool.compliance] (default: found in .)")
    check.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes for a batch (default: the usable cores, once the batch is "
                            "long enough to gain from them; a short one is checked in this process)")
    check.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    check.add_argument("--previous", metavar="PATH",
                       help="the same agency's report for the year before (any readable input), for the years.* rules")
    check.add_argument("--no-pairing", action="store_true",
                       help="in a batch, do not pair reports of the same agency and consecutive years")
    check.set_defaults(run=run)


def exit_code(results: Results, fail_on: str) -> int:
    """2 if an input was unreadable; 1 if a fail/error finding reaches ``fail_on``; else 0."""
    return max((report_code(r, fail_on) for r in results.reports), default=0)


def report_code(report: ReportResult, fail_on: str) -> int:
    """``exit_code`` of one report (a batch's is the largest of its reports')."""
    if report.error is not None:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    for f in report.findings:
        if f.status in (Status.FAIL, Status.ERROR) and f.severity.rank >= threshold and not f.waived:
            return 1
    return 0


class Progress:
    """A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled and total > 1
        self.done = self.bad = 0
        self.start = time.monotonic()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self, report: ReportResult) -> None:
        self.advance(report.error is not None or bool(report.failures()))

    def advance(self, bad: bool) -> None:
        """One more input done; ``bad``: unreadable or with defects."""
        self.done += 1
        self.bad += bad
        if not self.enabled:
            return
        width = 30
        filled = round(width * self.done / self.total)
        rate = self.done / max(time.monotonic() - self.start, 1e-6)
        self.stream.write(f"\r\033[K[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"{rate:.1f}/s  with defects: {self.bad}")
        self.stream.flush()


FORMAT_BY_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
                    ".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".sarif": "sarif", ".xml": "junit",
                    ".txt": "text"}


def format_for(output: str | None) -> str:
    """The format ``-o FILE`` asks for by its extension (``out.json`` → json); text otherwise."""
    if output is None:
        return "text"
    name = output.lower()
    suffix = ".sarif" if name.endswith(".sarif.json") else os.path.splitext(name)[1]
    found = FORMAT_BY_SUFFIX.get(suffix, "text")
    return found if found in REPORTERS else "text"


def is_url(text: str) -> bool:
    """An http(s) address: fetched (``compliance.fetch``), not opened as a file."""
    return text.lower().startswith(("http://", "https://"))


def listed_inputs(path: str) -> list[str]:
    """The paths and URLs ``--from FILE`` lists, one a line; blank lines and ``#`` comments skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"--from {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--from {path}: cannot read it as UTF-8 text: {exc}") from None
    listed = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not listed:
        raise UsageError(f"--from {path}: lists no path or URL")
    return listed


def run(args: argparse.Namespace) -> int:
    """Run ``check``."""
    from compliance.api import example_path, expand_inputs, load_packs, same_file, spill_reports
    from compliance.config import load_config

    paths = list(args.paths)
    if args.inputs_from is not None:
        paths.extend(listed_inputs(args.inputs_from))
    if args.example:
        paths.append(str(example_path()))
    if not paths:
        raise UsageError("check needs at least one PATH (or --example)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    args.format = args.format or format_for(args.output)
    if len(paths) == 1 and not os.path.lexists(paths[0]) and not is_url(paths[0]):
        raise UsageError(f"{paths[0]}: no such file or folder")
    if args.output:
        for path in paths:  # -o onto an input would truncate it before it is read
            if same_file(path, args.output):
                raise UsageError(f"-o {args.output} is also an input ({path}); it would be overwritten "
                                 "before it is read: write the output elsewhere")
        check_output_path(args.output)
    # In a batch a missing path is one unreadable input: reported as such, the others still checked.
    inputs = expand_inputs(paths, exclude=[args.output] if args.output else [])
    if not inputs:
        raise UsageError(f"no documents found in {', '.join(paths)}")
    config = load_config(args.config or ".", explicit=args.config is not None)
    if config.path and not args.quiet:  # never applied without a word: say which file it was
        print(f"compliance: configuration {printable(config.path)} applied", file=sys.stderr)
    if config.packs is not None and not args.rules and not args.no_default_rules:
        packs = config.load_packs()
    else:
        packs = load_packs(args.rules, default=not args.no_default_rules)
    packs = config.apply(packs)
    if not packs:
        raise UsageError("no rules: --no-default-rules needs at least one --rules PATH")
    # A batch that pairs its inputs reads each twice (for its agency and year, then to check it):
    # the reports read first are kept on disk meanwhile (api.spill_reports).
    pairs_inputs = args.previous is None and not args.no_pairing and len(inputs) >= 2
    with spill_reports() if pairs_inputs else contextlib.nullcontext():
        code, unreadable = _check_and_write(args, inputs, packs, config)
    for source, error in unreadable:
        print(f"compliance: {printable(source)}: {printable(error)}", file=sys.stderr)
    return code


def _check_and_write(args: argparse.Namespace, inputs: list[str], packs: list[RulePack],
                     config: Config) -> tuple[int, list[tuple[str, str]]]:
    """Pair, check and write a run's output; the exit code and the unreadable inputs."""
    from compliance.api import iter_finished, plan_jobs, results_for, spill_keep

    previous, pairing = _pairs(args, inputs, plan_jobs(args.jobs, len(inputs)))
    spill_keep(previous.values())
    reporter = reporter_for(args.format)
    meta = results_for([], packs, lang=args.lang)
    color = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    progress = Progress(len(inputs), sys.stderr, sys.stderr.isatty() and not args.quiet)
    writer = writer_for(reporter, meta, color)
    # A writer that splits (text, CSV, JSON, JSON Lines) has each report finished where it was
    # checked: a worker sends back its block of output and counts, not its findings.
    finish = Finish(args.format, meta, color, config.waivers, args.lang, args.fail_on, datetime.date.today())
    split = hasattr(writer, "block") and hasattr(writer, "add")
    code = 0
    unreadable: list[tuple[str, str]] = []  # what a batch keeps: the documents and results are gone once written
    with open_output(args.output) as out:
        out.write(writer.start())
        for done in iter_finished(inputs, packs, finish if split else finish.waived, lang=args.lang,
                                  published=args.published, jobs=args.jobs, timeout=args.timeout, previous=previous,
                                  snapshot=getattr(reporter, "needs_snapshot", True)):
            if split:
                counted, status, block = done
                source, error, bad = counted[0], counted[1], counted[1] is not None or counted[4] > 0
                block = cast("SplitWriter", writer).add(counted, block)
            else:
                source, error, bad = done.source, done.error, done.error is not None or bool(done.failures())
                status, block = report_code(done, args.fail_on), writer.report(done)
            code = max(code, status)
            if error is not None:
                unreadable.append((source, error))
            if block:
                progress.clear()
                out.write(block)
                out.flush()
            progress.advance(bad)
        progress.clear()
        out.write(writer.finish())
        if pairing is not None and args.format == "text":
            out.write(pairing_summary(pairing, args.lang))
    if pairing is not None and args.format != "text" and not args.quiet and sys.stderr.isatty():
        sys.stderr.write(pairing_summary(pairing, args.lang))  # like the progress bar: for a person watching
    return code, unreadable


class Finish:
    """What becomes of a checked report before the command writes it, in the process that checked
    it (``api.iter_finished``: a batch's worker): the waivers applied, then its exit code, its
    ``running.tally`` and its block of output (``SplitWriter.block``). The parent of a batch then
    only counts the tally and writes the block: it unpickles a few kB of text and tuples per
    report instead of its findings, and the JSON is encoded on every core (docs/performance.md,
    "Two cores for one batch"). The same object runs in the parent for inputs checked there, so
    the output is the same byte for byte whatever ``--jobs``. Picklable (no writer kept)."""

    def __init__(self, fmt: str, meta: Results, color: bool, waivers: Sequence[Waiver], lang: str, fail_on: str,
                 today: datetime.date) -> None:
        self.fmt, self.meta, self.color, self.lang, self.fail_on = fmt, meta, color, lang, fail_on
        self.waivers, self.today = tuple(waivers), today
        self._writer: SplitWriter | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_writer": None}

    def waived(self, report: ReportResult) -> ReportResult:
        """``report`` with the run's waivers applied (what a format that renders at the end gets)."""
        from compliance.waivers import waive_report

        return waive_report(report, self.waivers, self.lang, self.today)

    def __call__(self, report: ReportResult) -> tuple[Tally, int, str]:
        from compliance.running import tally

        if self._writer is None:
            self._writer = cast("SplitWriter", writer_for(reporter_for(self.fmt), self.meta, self.color))
        report = self.waived(report)
        return tally(report), report_code(report, self.fail_on), self._writer.block(report)


def _pairs(args: argparse.Namespace, inputs: list[str], jobs: int) -> tuple[dict[str, str], Pairing | None]:
    """Input → previous report: ``--previous`` for a single input, else the batch's own pairs
    (agency and consecutive years) unless ``--no-pairing``."""
    if args.previous is not None:
        if len(inputs) != 1:
            raise UsageError("--previous goes with a single PATH (a batch pairs its reports by itself)")
        if not os.path.lexists(args.previous) and not is_url(args.previous):
            raise UsageError(f"{args.previous}: no such file (--previous)")
        return {inputs[0]: args.previous}, None
    if args.no_pairing or len(inputs) < 2:
        return {}, None
    from compliance.pairing import pair_inputs

    pairing = pair_inputs(inputs, jobs=jobs)
    return pairing.previous, pairing


def pairing_summary(pairing: Pairing, lang: str) -> str:
    """The pairs a batch made, one per line (after the text output; on a terminal's stderr for the others)."""
    if lang == "en":
        head = (f"Paired with the previous year's report: {len(pairing.pairs)}" if pairing.pairs
                else "No reports paired across years (same agency, consecutive years)")
    else:
        head = (f"与上一年度报告配对：{len(pairing.pairs)} 对" if pairing.pairs
                else "未配对：没有同一机关相邻年度的报告")
    lines = [head, *(f"  {printable(p.describe())}" for p in pairing.pairs),
             *(f"  ! {printable(n)}" for n in pairing.notes)]
    return "\n" + "\n".join(lines) + "\n"
