"""Reporters: results → text in one format each. They consume ``results`` and nothing else.

``REPORTERS`` is the table the command line's ``--format`` choices come from.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from compliance.errors import UsageError
from compliance.reporters.base import Reporter, StreamingReporter

# name → (module, class). A reporter's module is imported only when that format is asked for,
# so `compliance check` does not pay for the HTML and SARIF writers when it prints text.
_TABLE = {
    "text": ("compliance.reporters.text_reporter", "TextReporter"),
    "json": ("compliance.reporters.json_reporter", "JsonReporter"),
    "jsonl": ("compliance.reporters.jsonl_reporter", "JsonlReporter"),
    "csv": ("compliance.reporters.csv_reporter", "CsvReporter"),
    "markdown": ("compliance.reporters.markdown_reporter", "MarkdownReporter"),
    "html": ("compliance.reporters.html_reporter", "HtmlReporter"),
    "sarif": ("compliance.reporters.sarif_reporter", "SarifReporter"),
    "junit": ("compliance.reporters.junit_reporter", "JunitReporter"),
}


class _Reporters(Mapping[str, Reporter]):
    """The reporter table; instances are created on first use."""

    def __init__(self) -> None:
        self._made: dict[str, Reporter] = {}

    def __getitem__(self, name: str) -> Reporter:
        found = self._made.get(name)
        if found is None:
            module, cls = _TABLE[name]
            found = self._made[name] = getattr(importlib.import_module(module), cls)()
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_TABLE)

    def __len__(self) -> int:
        return len(_TABLE)


REPORTERS: Mapping[str, Reporter] = _Reporters()

__all__ = ["REPORTERS", "Reporter", "StreamingReporter", "reporter_for"]


def reporter_for(name: str) -> Reporter:
    """The reporter called ``name``; a ``UsageError`` listing the choices otherwise."""
    try:
        return REPORTERS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of: {', '.join(sorted(REPORTERS))}") from None
