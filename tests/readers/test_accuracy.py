"""Cell-level reading accuracy over every fixture with a hand-checked truth (target: exact).

Truth: the hand-written goldens of the three real pages and the seed's golden model; for rendered
fixtures (every layout, DOCX, PDF), the model they were rendered from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from compliance.model import loads_json
from tests.readers.helpers import CORPUS, GOLDEN, PAGES, SEED, cells_of, number, read, seed_model
from tests.readers.test_html_reader import expected_cells
from tests.rendering.render import LAYOUTS, render

BASE = seed_model()


def accuracy(truth: dict[Any, tuple[Any, str | None]], got: dict[Any, tuple[Any, str | None]]) -> float:
    """Share of true cells read with the right value and raw text (extra cells count as errors)."""
    right = sum(1 for key, cell in truth.items() if got.get(key) == cell)
    return right / max(len(truth) + len(got.keys() - truth.keys()), 1)


def _page_truth(name: str) -> dict[Any, tuple[Any, str | None]]:
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    return {key: (number(raw), raw) for key, raw in expected_cells(expected).items()}


@pytest.mark.parametrize("name", PAGES)
def test_real_pages_are_read_exactly(name: str) -> None:
    got = cells_of(read((CORPUS / f"{name}.html").read_bytes()))
    assert accuracy(_page_truth(name), got) == 1.0


def test_seed_is_read_exactly() -> None:
    golden = loads_json((GOLDEN / "liaocheng-hrss-2023.report.json").read_text(encoding="utf-8"))
    assert accuracy(cells_of(golden), cells_of(read(SEED.read_bytes()))) == 1.0


def _documents(kind: str) -> Callable[[dict[str, Any]], bytes]:
    documents = pytest.importorskip("tests.rendering.documents")
    pytest.importorskip("docx" if kind == "docx" else "reportlab")
    if kind == "pdf":
        pytest.importorskip("pdfplumber")
    return documents.docx_bytes if kind == "docx" else documents.pdf_bytes  # type: ignore[no-any-return]


@pytest.mark.parametrize("layout", [*LAYOUTS, "docx", "pdf"])
def test_rendered_fixtures_are_read_exactly(layout: str) -> None:
    data = _documents(layout)(BASE) if layout in ("docx", "pdf") else render(BASE, layout)
    assert accuracy(cells_of(BASE), cells_of(read(data))) == 1.0
