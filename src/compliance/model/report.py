"""``Report``: a report model (plain JSON data) and helpers to load, validate and dump it exactly.

Numbers stay exact from file to verdict: JSON is parsed with ``Decimal`` for non-integers and
dumped back without passing through binary floats.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from compliance.errors import ReportModelError
from compliance.schemas import issues
from compliance.source import SourceRef

SCHEMA_VERSION = "1"
# The most other readings of a report's ambiguous rows (``alternatives``) the engine checks a rule
# under (engine/readings.py); a reader that hands more would have some of them ignored.
MAX_READINGS_CHECKED = 32


def empty_model() -> dict[str, Any]:
    """A minimal valid model with nothing found: the starting point for readers."""
    return {
        "schema_version": SCHEMA_VERSION,
        "metadata": {
            "title": None, "agency": None, "level": None, "year": None,
            "published": None, "source": None, "reader": None,
        },
        "intro": None,
        "period": None,
        "sections": [],
        "tables": {"active_disclosure": None, "applications": None, "review_litigation": None},
        "narrative": None,
        "provenance": {},
    }


@dataclass(frozen=True, slots=True)
class Report:
    """One report model and where it came from.

    ``data`` is the JSON model (validated against ``report.schema.json``); ``source`` is the
    document the user named.
    """

    data: Mapping[str, Any]
    source: SourceRef = field(default_factory=lambda: SourceRef("<memory>"))

    @property
    def provenance(self) -> Mapping[str, Mapping[str, int]]:
        """JSON Pointer → location in the source document."""
        prov: Mapping[str, Mapping[str, int]] = self.data.get("provenance") or {}
        return prov

    def locate(self, pointer: str) -> Mapping[str, int] | None:
        """The source location of ``pointer``, or of its nearest ancestor that has one."""
        prov = self.provenance
        probe = pointer
        while True:
            if probe in prov:
                return prov[probe]
            if not probe:
                return None
            probe = probe.rsplit("/", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """The model as plain data (a deep copy is not made: do not mutate)."""
        return dict(self.data)


def validate_model(data: object, *, source: SourceRef | None = None) -> None:
    """Raise ``ReportModelError`` naming the JSON path of every problem, best first."""
    found = issues("report", data)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ReportModelError(
            f"not a valid report model: at {first.pointer or '/'}: {first.message}{more}",
            source=source, issues=[str(i) for i in found],
        )


def check_reader_output(data: object, *, source: SourceRef | None = None) -> None:
    """Validate a model a reader built, when ``COMPLIANCE_VALIDATE_MODELS=1`` (the test suite sets it).

    Readers build schema-valid models by construction, and validation is three quarters of the
    time it takes to read a text report, so production runs skip it; the tests keep every
    reader honest. Models that come from outside (JSON files, API callers) are always validated.
    """
    if os.environ.get("COMPLIANCE_VALIDATE_MODELS") == "1":
        validate_model(data, source=source)


def report_from_data(data: Mapping[str, Any], *, source: SourceRef | None = None) -> Report:
    """Validate ``data`` and wrap it in a ``Report``."""
    validate_model(data, source=source)
    return Report(data, source or SourceRef(str(data.get("metadata", {}).get("source") or "<memory>")))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads_json(text: str) -> Any:
    """Parse JSON with exact numbers: integers stay ``int``, others become ``Decimal``."""
    return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """Serialise JSON data that may contain ``Decimal`` without losing digits."""
    return _dump(value, indent, 0)


def _dump(value: Any, indent: int | None, level: int) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as JSON")
        text = format(value, "f")
        return text
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value} as JSON")
        return repr(value)
    if value is None or isinstance(value, bool | int | str):
        return json.dumps(value, ensure_ascii=False)
    pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
    end = "" if indent is None else "\n" + " " * (indent * level)
    sep = ", " if indent is None else ","
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, indent, level + 1)}"
                 for k, v in value.items())
        return "{" + sep.join(items) + end + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + sep.join(f"{pad}{_dump(v, indent, level + 1)}" for v in value) + end + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")
