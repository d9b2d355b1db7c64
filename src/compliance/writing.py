"""How a run's output is written as its results arrive: ``writer_for(reporter, meta)`` gives a
``Writer`` whose ``start``, ``report`` (one per result, in input order) and ``finish`` return the
text to write. JSON and JSON Lines have their own streams; text and CSV write each report's block
and close with a running summary (``running.RunningSummary``); the other formats render the whole
run at the end, and so keep its results. The command line and ``distributed.write_results`` use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from compliance.reporters import Reporter, StreamingReporter
from compliance.results import ReportResult, Results

if TYPE_CHECKING:
    from compliance.running import Tally


class Writer(Protocol):
    """The output of one run, written as results arrive."""

    def start(self) -> str: ...

    def report(self, report: ReportResult) -> str: ...

    def finish(self) -> str: ...


class SplitWriter(Writer, Protocol):
    """A writer whose ``report`` is ``add(running.tally(report), block(report))``: ``block`` needs
    nothing of the run so far, so a batch's worker process can write it (``cli/check.py``)."""

    def block(self, report: ReportResult) -> str: ...

    def add(self, counted: Tally, block: str) -> str: ...


class _Streaming:
    """A ``StreamingReporter`` whose closing part needs only a running summary (text, CSV)."""

    def __init__(self, reporter: Any, meta: Results, color: bool) -> None:
        from compliance.running import RunningSummary

        self.reporter, self.meta, self.color = reporter, meta, color
        self.running = RunningSummary(meta)

    def start(self) -> str:
        return str(self.reporter.start(self.meta, color=self.color))

    def report(self, report: ReportResult) -> str:
        from compliance.running import tally

        return self.add(tally(report), self.block(report))

    def block(self, report: ReportResult) -> str:
        """The report's block (needs nothing of the run so far: a batch's worker writes it)."""
        return str(self.reporter.report(self.meta, report, color=self.color))

    def add(self, counted: Tally, block: str) -> str:
        """Count a report (its ``running.tally``) and give its ``block``."""
        self.running.add_tally(counted)
        return block

    def finish(self) -> str:
        return str(self.reporter.finish_summary(self.meta, self.running.summary(), color=self.color))


class _Whole:
    """A reporter that renders the whole run at the end (Markdown, HTML, SARIF, JUnit): keeps the results."""

    def __init__(self, reporter: Reporter, meta: Results, color: bool) -> None:
        self.reporter, self.meta, self.color = reporter, meta, color
        self.reports: list[ReportResult] = []

    def start(self) -> str:
        return ""

    def report(self, report: ReportResult) -> str:
        self.reports.append(report)
        return ""

    def finish(self) -> str:
        results = Results(self.meta.tool_version, self.meta.packs, self.meta.rules, tuple(self.reports), self.meta.lang)
        return self.reporter.render(results, color=self.color)


def writer_for(reporter: Reporter, meta: Results, color: bool) -> Writer:
    """How ``reporter`` writes a run: its own stream (JSON, JSON Lines), its blocks and a running
    summary (text, CSV), or the whole output at the end (the others)."""
    stream = getattr(reporter, "stream", None)
    if stream is not None:
        made: Writer = stream(meta, color=color)
        return made
    if isinstance(reporter, StreamingReporter) and hasattr(reporter, "finish_summary"):
        return _Streaming(reporter, meta, color)
    return _Whole(reporter, meta, color)
