"""``JsonReporter``: the JSON contract (shared/spec/contract.md), validated by results.schema.json.

The document is written as it grows: ``stream`` gives a writer whose ``start`` is the tool and
packs, each ``report`` one member of ``reports`` as its result arrives, and ``finish`` the summary
from a running count (``running.RunningSummary``), so a batch of any size holds no results. The
bytes are those of ``render`` (``dumps_json(results.to_dict())``), written by the standard
library's C encoder rather than the pure-Python ``dumps_json`` (``dumps``: Decimals stay exact).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from compliance.reporters.safe import encodable, exact
from compliance.results import Finding, ReportResult, Results, Status
from compliance.running import RunningSummary, Tally, tally

# A Decimal is handed to the C encoder as a string marked with a nonce drawn per process, then
# the quotes and marks are taken off: no string of the data can carry the mark by chance.
_MARK = "\x00" + secrets.token_hex(8) + ":"
_MARKED = re.compile(r'"\\u0000' + _MARK[1:] + r'(-?[0-9.]+)\\u0000"')


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as JSON")
        return f"{_MARK}{format(value, 'f')}\x00"
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def dumps(value: Any, *, indent: int | None = 2, level: int = 0) -> str:
    """``model.report.dumps_json(value, indent=indent)``, about ten times faster: the same text,
    digit for digit (Decimals as JSON numbers, non-ASCII as is). ``level`` indents the whole text
    as if it stood that many levels deep in a document."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False, default=_default,
                      separators=(",", ": ") if indent is not None else (", ", ": "))
    if "\\u0000" in text:
        text = _MARKED.sub(r"\1", text)
    if level and indent is not None:
        text = text.replace("\n", "\n" + " " * (indent * level))
    return text


# Findings a rule gives unchanged on every report it passes or skips are one shared object
# (``engine._QUIET``): their text is kept here, by identity, and written again instead of encoded
# again — most of a report's findings, two thirds of its JSON time on the seed.
_TEXTS: dict[int, tuple[Finding, str]] = {}
_TEXTS_KEPT = 4096


def finding_text(finding: Finding) -> str:
    """``dumps(finding.to_dict(), level=4)``: a finding as it stands in a report's ``findings``."""
    kept = _TEXTS.get(id(finding))
    if kept is not None and kept[0] is finding:
        return kept[1]
    text = dumps(finding.to_dict(), level=4)
    if finding.status in _SHARED and not finding.evidence and finding.location is None:
        if len(_TEXTS) >= _TEXTS_KEPT:
            _TEXTS.clear()
        _TEXTS[id(finding)] = (finding, text)  # the finding is kept with it: its id cannot be reused meanwhile
    return text


_SHARED = frozenset({Status.PASS, Status.SKIP})  # the statuses of shared findings


class JsonStream:
    """One JSON document written report by report (see the module docstring)."""

    def __init__(self, meta: Results) -> None:
        self.meta = meta
        self.count = 0
        self.running = RunningSummary(meta)

    def start(self) -> str:
        head = {"tool": {"name": "compliance", "version": self.meta.tool_version},
                "rulepacks": [{"name": p.name, "version": p.version, "rules": p.rules} for p in self.meta.packs]}
        return encodable(dumps(head)[:-2] + ',\n  "reports": [')

    def report(self, report: ReportResult) -> str:
        return self.add(tally(report), self.block(report))

    def block(self, report: ReportResult) -> str:
        """The report's member of ``reports`` (needs nothing of the stream: a batch's worker writes it):
        ``dumps(report.to_dict(), level=2)``, each finding's text from ``finding_text``."""
        entry = report.to_dict()
        if not entry["findings"]:
            return encodable("\n    " + dumps(entry, level=2))
        entry["findings"] = []
        head = dumps(entry, level=2)
        cut = head.rindex("[]")  # the list is the entry's last member: ``"findings": []\n    }``
        items = ",\n        ".join(finding_text(f) for f in report.findings)
        return encodable("\n    " + head[:cut] + "[\n        " + items + "\n      ]" + head[cut + 2:])

    def add(self, counted: Tally, block: str) -> str:
        """Count a report (its ``running.tally``) and give its ``block`` as it goes in the document."""
        self.running.add_tally(counted)
        self.count += 1
        return "," + block if self.count > 1 else block

    def finish(self) -> str:
        close = "\n  ]" if self.count else "]"
        return encodable(close + ',\n  "summary": ' + dumps(self.running.to_dict(), level=1) + "\n}\n")


class JsonReporter:
    """One JSON document with tool, rulepacks, reports (with findings) and summary."""

    name = "json"
    media_type = "application/json"
    needs_snapshot = False  # the tables and sections view is not part of the JSON contract

    @exact
    def render(self, results: Results, *, color: bool = False) -> str:
        """Exact numbers (Decimals are written as JSON numbers, digit for digit)."""
        return dumps(results.to_dict()) + "\n"

    def stream(self, meta: Results, *, color: bool = False) -> JsonStream:
        """A writer of the same document, report by report (``meta``: the run's packs and rules)."""
        return JsonStream(meta)
