"""``JsonReporter``: the JSON contract (shared/spec/contract.md), validated by results.schema.json."""

from __future__ import annotations

from compliance.model.report import dumps_json
from compliance.reporters.safe import exact
from compliance.results import Results


class JsonReporter:
    """One JSON document with tool, rulepacks, reports (with findings) and summary."""

    name = "json"
    media_type = "application/json"

    @exact
    def render(self, results: Results, *, color: bool = False) -> str:
        """Exact numbers (Decimals are written as JSON numbers, digit for digit)."""
        return dumps_json(results.to_dict()) + "\n"
