"""Shared helpers of the reader tests: exact JSON round trip, the seed model, table comparison."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from compliance.model import dumps_json, loads_json, validate_model
from compliance.readers import read_bytes, read_document

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CORPUS = HERE / "corpus"
SEED = HERE.parents[1] / "src" / "compliance" / "examples" / "liaocheng-hrss-2023.txt"
PAGES = ("pingtan-2021", "pingtan-2022", "pingtan-2023")


def plain(data: Any) -> dict[str, Any]:
    """A model as a consumer sees it: validated, through an exact JSON round trip."""
    validate_model(data)
    return dict(loads_json(dumps_json(data)))


def read(data: bytes, uri: str = "doc") -> dict[str, Any]:
    """Read bytes with reader selection by content."""
    return plain(read_bytes(data, uri=uri).data)


# Table 2's applicant columns in the order the 2021 format writes them.
APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org", "total")


def read_file(path: Path) -> dict[str, Any]:
    """The model a reader gives for the file at ``path`` (validated, plain JSON)."""
    return read(path.read_bytes(), uri=str(path))


def applications_row(model: dict[str, Any], row: str) -> list[Any]:
    """Table 2 row ``row`` as its seven values, in the format's column order (None where absent)."""
    values = model["tables"]["applications"]["rows"][row]["values"]
    return [values.get(column) for column in APPLICANTS]


def seed_model() -> dict[str, Any]:
    """The seed report read by the text reader."""
    return plain(read_document(SEED).data)


def number(raw: str) -> int | Decimal:
    """The exact number a golden cell states."""
    return Decimal(raw) if "." in raw else int(raw)


def cells_of(model: dict[str, Any]) -> dict[tuple[str, str, str], tuple[Any, str | None]]:
    """Every table cell of a model: (table, row, column) → (value, raw)."""
    out: dict[tuple[str, str, str], tuple[Any, str | None]] = {}
    for kind, table in model["tables"].items():
        if table is None:
            continue
        for row_id, row in table["rows"].items():
            for column, value in row["values"].items():
                out[(kind, row_id, column)] = (value, row["raw"].get(column))
    return out
