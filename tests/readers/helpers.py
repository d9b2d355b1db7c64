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
