"""Reporters: results → text in one format each. They consume ``results`` and nothing else.

``REPORTERS`` is the table the command line's ``--format`` choices come from.
"""

from __future__ import annotations

from compliance.errors import UsageError
from compliance.reporters.base import Reporter
from compliance.reporters.json_reporter import JsonReporter
from compliance.reporters.text_reporter import TextReporter

REPORTERS: dict[str, Reporter] = {r.name: r for r in (TextReporter(), JsonReporter())}

__all__ = ["REPORTERS", "Reporter", "reporter_for"]


def reporter_for(name: str) -> Reporter:
    """The reporter called ``name``; a ``UsageError`` listing the choices otherwise."""
    try:
        return REPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(sorted(REPORTERS))}") from None
