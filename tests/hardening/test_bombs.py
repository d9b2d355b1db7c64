"""Issue 11 item 7: DOCX and PDF decompression bombs are refused with the limit named, in
bounded time, instead of unpacking to gigabytes (or "PdfminerException")."""

from __future__ import annotations

import io
import time
import zipfile
import zlib

import pytest

from compliance.errors import LimitExceededError
from compliance.readers import read_bytes

pytest.importorskip("docx")
pytest.importorskip("pdfplumber")


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLIANCE_MAX_DOCUMENT_BYTES", str(1024 * 1024))  # unpacked: 3 MB


def _docx(body: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def test_a_docx_bomb_is_refused() -> None:
    bomb = _docx(b"<w:document>" + b" " * (40 * 1024 * 1024) + b"</w:document>")
    assert len(bomb) < 200_000
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"DOCX package unpacks to more than 3\.0 MB"):
        read_bytes(bomb, uri="bomb.docx")
    assert time.monotonic() - start < 5


def _pdf(stream: bytes) -> bytes:
    compressed = zlib.compress(stream, 9)
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(compressed)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + compressed + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def test_a_pdf_bomb_is_refused() -> None:
    bomb = _pdf(b"BT /F1 12 Tf (x) Tj ET\n" * (2 * 1024 * 1024))
    assert len(bomb) < 1_000_000
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"PDF's content unpacks to more than 3\.0 MB"):
        read_bytes(bomb, uri="bomb.pdf")
    assert time.monotonic() - start < 5


def test_a_small_pdf_is_still_read_past_the_check() -> None:
    from compliance.errors import DocumentError

    with pytest.raises(DocumentError) as caught:  # a page with no text: read, then found to have no text
        read_bytes(_pdf(b"0 0 m 10 10 l S\n"), uri="small.pdf")
    assert not isinstance(caught.value, LimitExceededError)
