"""Readers: documents → report models (they produce the model and nothing else).

``READERS`` is the table of readers, tried in order by content (not by file name): a JSON model,
a DOCX or PDF file (by their magic bytes; optional extras), an HTML page, and plain text last.
``read_document`` picks one and reads a file, with a one-line error when it cannot.
"""

from __future__ import annotations

from pathlib import Path

from compliance.errors import DocumentError
from compliance.model.report import Report
from compliance.readers.base import Reader
from compliance.readers.docx_reader import DocxReader
from compliance.readers.html_reader import HtmlReader
from compliance.readers.json_reader import JsonModelReader
from compliance.readers.limits import check_document_size
from compliance.readers.pdf_reader import PdfReader
from compliance.readers.text_reader import TextReader
from compliance.source import SourceRef

READERS: tuple[Reader, ...] = (JsonModelReader(), DocxReader(), PdfReader(), HtmlReader(), TextReader())
DOCUMENT_SUFFIXES = (".txt", ".text", ".json", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf")

__all__ = ["DOCUMENT_SUFFIXES", "READERS", "Reader", "read_bytes", "read_document"]


def read_bytes(data: bytes, *, uri: str) -> Report:
    """Read a document given as bytes, choosing the reader by content (bounded: readers/limits.py)."""
    try:
        check_document_size(len(data))
    except DocumentError as exc:
        exc.source = SourceRef(uri)
        raise
    for reader in READERS:
        if reader.sniff(data):
            return reader.read(data, uri=uri)
    return READERS[-1].read(data, uri=uri)  # the text reader explains why it cannot read it


def read_document(path: str | Path) -> Report:
    """Read the document at ``path`` into a report model.

    Raises:
        DocumentError: the file is missing, too large, empty, binary or not a report.
        ReportModelError: a JSON report model does not follow the schema.
    """
    uri = str(path)
    file = Path(path)
    try:
        check_document_size(file.stat().st_size)  # before reading it into memory
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentError("no such file", source=SourceRef(uri)) from exc
    except IsADirectoryError as exc:
        raise DocumentError("is a folder, not a document", source=SourceRef(uri)) from exc
    except DocumentError as exc:
        exc.source = SourceRef(uri)
        raise
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror}", source=SourceRef(uri)) from exc
    return read_bytes(data, uri=uri)
