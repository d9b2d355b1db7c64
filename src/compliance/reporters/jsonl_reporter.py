"""``JsonlReporter``: JSON Lines (``--format jsonl``), one JSON object per line, written as each
result arrives.

Line 1 is the run (``{"type": "run", "tool": …, "rulepacks": […]}``), then one line per input in
input order (``{"type": "report", …}``: the members of an entry of the JSON document's
``reports``), and last the summary (``{"type": "summary", …}``: the JSON document's ``summary``).
A reader can act on each report as it comes (``jq -c 'select(.type == "report")'``), and the
writer holds no results (``running.RunningSummary``). Numbers are exact, as in ``json``.
"""

from __future__ import annotations

from compliance.reporters.json_reporter import dumps
from compliance.reporters.safe import encodable
from compliance.results import ReportResult, Results
from compliance.running import RunningSummary, Tally, tally


def _line(kind: str, body: dict[str, object]) -> str:
    return encodable(dumps({"type": kind, **body}, indent=None) + "\n")


class JsonlStream:
    """One JSON Lines output written report by report."""

    def __init__(self, meta: Results) -> None:
        self.meta = meta
        self.running = RunningSummary(meta)

    def start(self) -> str:
        return _line("run", {"tool": {"name": "compliance", "version": self.meta.tool_version},
                             "rulepacks": [{"name": p.name, "version": p.version, "rules": p.rules}
                                           for p in self.meta.packs]})

    def report(self, report: ReportResult) -> str:
        return self.add(tally(report), self.block(report))

    def block(self, report: ReportResult) -> str:
        """The report's line (needs nothing of the stream: a batch's worker writes it)."""
        return _line("report", report.to_dict())

    def add(self, counted: Tally, block: str) -> str:
        """Count a report (its ``running.tally``) and give its ``block``."""
        self.running.add_tally(counted)
        return block

    def finish(self) -> str:
        return _line("summary", self.running.to_dict())


class JsonlReporter:
    """JSON Lines: a run line, one line per report, a summary line."""

    name = "jsonl"
    media_type = "application/jsonl"
    needs_snapshot = False

    def render(self, results: Results, *, color: bool = False) -> str:
        """The whole output at once (the same lines ``stream`` writes one by one)."""
        stream = self.stream(results)
        return stream.start() + "".join(stream.report(r) for r in results.reports) + stream.finish()

    def stream(self, meta: Results, *, color: bool = False) -> JsonlStream:
        """A writer of the lines, report by report."""
        return JsonlStream(meta)
