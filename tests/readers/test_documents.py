"""DOCX and PDF readers on fixtures built by the tests; missing extras; image-only tables."""

from __future__ import annotations

import builtins
import importlib
from typing import Any

import pytest

from compliance.errors import DocumentError
from compliance.readers import read_bytes
from compliance.readers.docx_reader import DocxReader
from compliance.readers.pdf_reader import PdfReader
from tests.readers.helpers import read, seed_model
from tests.readers.test_roundtrip import sections_of, tables_of

SEED = seed_model()

docx = pytest.importorskip("docx", reason="python-docx (the 'docx' extra) is not installed")


def _documents() -> Any:
    return importlib.import_module("tests.rendering.documents")


def test_docx_reads_tables_sections_and_provenance() -> None:
    data = _documents().docx_bytes(SEED)
    model = read(data, uri="report.docx")
    assert model["metadata"]["reader"] == "docx"
    assert model["metadata"]["title"] == SEED["metadata"]["title"]
    assert tables_of(model) == tables_of(SEED)
    assert sections_of(model) == sections_of(SEED)
    assert model["intro"] == SEED["intro"]
    # The 2nd table, row 6 (（一）予以公开), grid column 10 (总计).
    assert model["provenance"]["/tables/applications/rows/granted/values/total"] == {"table": 2, "row": 6, "cell": 10}
    assert "line" in model["provenance"]["/sections/0"]


def test_pdf_reads_ruled_tables_with_page_provenance() -> None:
    pytest.importorskip("pdfplumber", reason="pdfplumber (the 'pdf' extra) is not installed")
    pytest.importorskip("reportlab", reason="reportlab (a PDF writer for the fixture) is not installed")
    model = read(_documents().pdf_bytes(SEED), uri="report.pdf")
    assert model["metadata"]["reader"] == "pdf"
    assert tables_of(model) == tables_of(SEED)
    assert [(s["number"], s["heading"]) for s in model["sections"]] == [
        (s["number"], s["heading"]) for s in SEED["sections"]
    ]
    location = model["provenance"]["/tables/applications/rows/granted/values/total"]
    assert set(location) == {"page", "table", "row", "cell"}
    assert location["cell"] == 10
    assert "page" in model["provenance"]["/sections/0"]


def test_pdf_with_tables_as_images_has_null_tables_never_a_pass() -> None:
    pytest.importorskip("pdfplumber", reason="pdfplumber (the 'pdf' extra) is not installed")
    pytest.importorskip("reportlab", reason="reportlab (a PDF writer for the fixture) is not installed")
    model = read(_documents().pdf_bytes(SEED, tables_as_images=True), uri="scan.pdf")
    assert model["tables"] == {"active_disclosure": None, "applications": None, "review_litigation": None}
    assert len(model["sections"]) == 6


@pytest.mark.parametrize(
    ("reader", "data", "extra"),
    [
        pytest.param(DocxReader(), "docx", "docx", id="docx"),
        pytest.param(PdfReader(), "pdf", "pdf", id="pdf"),
    ],
)
def test_missing_extra_is_a_clear_document_error(
    reader: Any, data: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = b"%PDF-1.4\n" if data == "pdf" else _documents().docx_bytes(SEED)
    real_import = builtins.__import__
    module = {"docx": "docx", "pdf": "pdfplumber"}[extra]

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.setattr(importlib, "import_module", lambda name, *a: fake_import(name))
    with pytest.raises(DocumentError) as caught:
        reader.read(payload, uri=f"x.{data}")
    assert f"install 'ogi-compliance[{extra}]'" in caught.value.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"%PDF-1.4\n%%EOF", "not a readable PDF", id="broken-pdf"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 40, "binary data, not a text report", id="broken-zip"),
    ],
)
def test_damaged_documents_raise_document_error(data: bytes, message: str) -> None:
    pytest.importorskip("pdfplumber", reason="pdfplumber (the 'pdf' extra) is not installed")
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, uri="damaged")
    assert caught.value.message.startswith(message)


def test_sniffing_is_by_content() -> None:
    assert DocxReader().sniff(_documents().docx_bytes(SEED))
    assert not DocxReader().sniff(b"PK\x03\x04 not a zip")
    assert PdfReader().sniff(b"%PDF-1.7\n")
    assert not PdfReader().sniff("一、总体情况".encode())
