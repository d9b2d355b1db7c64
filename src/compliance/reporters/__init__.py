"""Reporters: results → text in one format each. They consume ``results`` and nothing else.

``REPORTERS`` is the table the command line's ``--format`` choices come from.
"""

from __future__ import annotations

from compliance.errors import UsageError
from compliance.reporters.base import Reporter, StreamingReporter
from compliance.reporters.csv_reporter import CsvReporter
from compliance.reporters.html_reporter import HtmlReporter
from compliance.reporters.json_reporter import JsonReporter
from compliance.reporters.junit_reporter import JunitReporter
from compliance.reporters.markdown_reporter import MarkdownReporter
from compliance.reporters.sarif_reporter import SarifReporter
from compliance.reporters.text_reporter import TextReporter

REPORTERS: dict[str, Reporter] = {r.name: r for r in (TextReporter(), JsonReporter(), CsvReporter(),
                                                      MarkdownReporter(), HtmlReporter(), SarifReporter(),
                                                      JunitReporter())}

__all__ = ["REPORTERS", "Reporter", "StreamingReporter", "reporter_for"]


def reporter_for(name: str) -> Reporter:
    """The reporter called ``name``; a ``UsageError`` listing the choices otherwise."""
    try:
        return REPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(sorted(REPORTERS))}") from None
