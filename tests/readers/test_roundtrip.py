"""Render → read gives the model back, in every layout (property test over generated models)."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hypothesis_budget import examples
from tests.readers.helpers import read, seed_model
from tests.rendering.render import LAYOUTS, render
from tests.strategies import consistent_models

BASE = seed_model()
PLACEHOLDERS = ("", "/", "-", "—", "无")


def tables_of(model: dict[str, Any]) -> dict[str, Any]:
    """Format, row ids, values and raw of each table (what a round trip must keep)."""
    return {
        kind: None
        if table is None
        else (table.get("format"), {r: (row["values"], row["raw"]) for r, row in table["rows"].items()})
        for kind, table in model["tables"].items()
    }


def sections_of(model: dict[str, Any]) -> list[tuple[int, str, str]]:
    return [(s["number"], s["heading"], s["text"]) for s in model["sections"]]


def metadata_of(model: dict[str, Any]) -> dict[str, Any]:
    return {k: model["metadata"][k] for k in ("title", "agency", "level", "year", "published")}


def canonical(model: dict[str, Any]) -> dict[str, Any]:
    """Raw cell texts written the way a document prints them (no exponent notation)."""
    for table in model["tables"].values():
        for row in table["rows"].values():
            row["raw"] = {c: format(v, "f") if isinstance(v, Decimal) else str(v) for c, v in row["values"].items()}
    return model


@st.composite
def published_models(draw: st.DrawFn) -> dict[str, Any]:
    """Consistent models, some cells blanked with placeholders, some with a publication date."""
    model = canonical(copy.deepcopy(draw(consistent_models(BASE))))
    cells = [(row, c) for t in model["tables"].values() for row in t["rows"].values() for c in row["values"]]
    for row, column in draw(st.lists(st.sampled_from(cells), max_size=12)):
        row["values"][column] = None
        row["raw"][column] = draw(st.sampled_from(PLACEHOLDERS))
    day = draw(st.none() | st.dates(date(2019, 1, 1), date(2030, 12, 31)))
    model["metadata"]["published"] = day.isoformat() if day else None
    return model


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=examples(25), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=published_models())
def test_render_then_read_gives_the_model_back(layout: str, model: dict[str, Any]) -> None:
    got = read(render(model, layout), uri=f"generated.{layout}")
    expected_meta = metadata_of(model)
    if not layout.startswith("html"):
        expected_meta["published"] = None  # plain text carries no publication date
    assert tables_of(got) == tables_of(model)
    assert sections_of(got) == sections_of(model)
    assert got["intro"] == model["intro"]
    assert metadata_of(got) == expected_meta


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_seed_renders_and_reads_back_in_every_layout(layout: str) -> None:
    got = read(render(BASE, layout))
    assert tables_of(got) == tables_of(BASE)
    assert sections_of(got) == sections_of(BASE)
    assert [s["tables"] for s in got["sections"]] == [s["tables"] for s in BASE["sections"]]
    assert [[i["label"] for i in s["items"]] for s in got["sections"]] == [
        [i["label"] for i in s["items"]] for s in BASE["sections"]
    ]
