"""Readers: documents → report models (they produce the model and nothing else).

``READERS`` is the table of readers, tried in order by content (not by file name): a JSON model,
a DOCX or PDF file (by their magic bytes; optional extras), an HTML page, and plain text last.
``read_document`` picks one and reads a file, with a one-line error when it cannot.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from compliance.errors import ComplianceError, DocumentError, LimitExceededError
from compliance.model.report import Report
from compliance.readers.base import Reader
from compliance.readers.docx_reader import DocxReader
from compliance.readers.html_reader import HtmlReader
from compliance.readers.json_reader import JsonModelReader
from compliance.readers.limits import check_document_size, max_document_bytes, read_bounded
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
    try:
        for reader in READERS:
            if reader.sniff(data):
                return reader.read(data, uri=uri)
        return READERS[-1].read(data, uri=uri)  # the text reader explains why it cannot read it
    except ComplianceError as exc:
        if exc.source is None:  # every error names the input
            exc.source = SourceRef(uri)
        raise


def read_document(path: str | Path) -> Report:
    """Read the document at ``path`` (or fetch the http(s) address ``path``) into a report model.

    At most ``max_document_bytes() + 1`` bytes are read, whatever the file claims to be: a pipe,
    ``/dev/zero`` or an endless ``/dev/stdin`` is refused at the limit, not read into memory.

    Raises:
        DocumentError: the file is missing, unreadable, too large, empty, binary or not a report.
        ReportModelError: a JSON report model does not follow the schema.
    """
    uri = str(path)
    if uri.startswith(("http://", "https://", "HTTP://", "HTTPS://")):  # a report by URL (fetch.py)
        from compliance.fetch import read_url

        return read_url(uri)
    try:
        data = _read_bounded(Path(path))
    except DocumentError as exc:
        exc.source = SourceRef(uri)
        raise
    except OSError as exc:
        raise DocumentError(_os_reason(Path(path), exc), source=SourceRef(uri)) from exc
    return read_bytes(data, uri=uri)


def _read_bounded(file: Path) -> bytes:
    limit = max_document_bytes()
    with file.open("rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISREG(info.st_mode):
            check_document_size(info.st_size)  # before reading it into memory
        data = read_bounded(stream, limit)
    if data is None:
        raise LimitExceededError(f"document is larger than the limit of {limit:,} bytes "
                                 "(set COMPLIANCE_MAX_DOCUMENT_BYTES to raise it)")
    return data


def _os_reason(file: Path, exc: OSError) -> str:
    """Why ``file`` cannot be read, in words that name the real cause."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; it points back to itself"
    if isinstance(exc, FileNotFoundError):
        if file.is_symlink():
            return f"broken symbolic link (to {os.readlink(file)}, which does not exist)"
        return "no such file"
    if isinstance(exc, IsADirectoryError) or file.is_dir():
        try:
            os.listdir(file)
        except OSError as listing:
            return f"cannot read the folder: {listing.strerror}"
        return "is a folder, not a document"
    return f"cannot read: {exc.strerror or exc}"
