"""The ``Reporter`` protocol: results in, text out. Reporters consume results only.

A reporter whose output is a sequence of independent blocks (text, CSV) is also a
``StreamingReporter``: the command line then writes each report's block as soon as its result
arrives in a batch, and the closing part (the batch summary) at the end. ``render`` is always
``start + report… + finish``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from compliance.results import ReportResult, Results


class Reporter(Protocol):
    """Renders ``Results`` in one output format."""

    name: str
    media_type: str

    def render(self, results: Results, *, color: bool = False) -> str:
        """The whole output document."""
        ...


@runtime_checkable
class StreamingReporter(Protocol):
    """A reporter that can write a batch report by report.

    ``meta`` is a ``Results`` with the packs and rules of the run and no reports yet.
    """

    name: str
    media_type: str

    def render(self, results: Results, *, color: bool = False) -> str:
        """The whole output document."""
        ...

    def start(self, meta: Results, *, color: bool = False) -> str:
        """What comes before the first report."""
        ...

    def report(self, meta: Results, report: ReportResult, *, color: bool = False) -> str:
        """One report's block."""
        ...

    def finish(self, results: Results, *, color: bool = False) -> str:
        """What comes after the last report (``results`` has them all)."""
        ...
