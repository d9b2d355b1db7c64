"""Resource bounds for reading untrusted documents (docs/security.md).

Real annual reports are 20 KB–2 MB; anything far beyond that is refused with a clear error
rather than read slowly into gigabytes of memory. The document size bound can be raised with
the environment variable ``COMPLIANCE_MAX_DOCUMENT_BYTES``.
"""

from __future__ import annotations

import os
from typing import IO

from compliance.errors import LimitExceededError

DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_GRID_CELLS = 500_000  # one table's grid after rowspan/colspan expansion
MAX_SPAN = 1000  # the HTML limit for colspan; a larger rowspan/colspan is clamped
MAX_JSON_NUMBER_CHARS = 200  # a number literal in a report model's JSON
MAX_NUMBER_DIGITS = 60  # digits either side of the decimal point of a number in a report model
MAX_JSON_DEPTH = 64  # nesting of a report model's JSON (a real model is about 8 deep)


def max_document_bytes() -> int:
    """The largest document read, in bytes (``COMPLIANCE_MAX_DOCUMENT_BYTES`` overrides)."""
    value = os.environ.get("COMPLIANCE_MAX_DOCUMENT_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_DOCUMENT_BYTES


def check_document_size(size: int) -> None:
    """Refuse a document larger than ``max_document_bytes()``."""
    limit = max_document_bytes()
    if size > limit:
        raise LimitExceededError(
            f"document is {_size(size)}; the limit is {_size(limit)} (set COMPLIANCE_MAX_DOCUMENT_BYTES to raise it)")


def read_bounded(stream: IO[bytes], limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``, or None when it holds more: never more than
    ``limit + 1`` bytes are read, whatever the stream claims (a pipe, /dev/zero, a web server)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n:,} bytes"


def check_grid_cells(cells: int) -> None:
    """Refuse a table whose spans expand it beyond ``MAX_GRID_CELLS``."""
    if cells > MAX_GRID_CELLS:
        raise LimitExceededError(
            f"a table's rowspan/colspan expand it to more than {MAX_GRID_CELLS:,} cells; it is refused")


def max_uncompressed_bytes() -> int:
    """The most a DOCX or PDF may unpack to (its parts or streams together): three times the
    document limit, 60 MB by default. A real report unpacks to a few MB; a 1.5 MB "bomb" would
    otherwise unpack to gigabytes."""
    return 3 * max_document_bytes()


MAX_PDF_PAGES = 2000  # a real annual report has 5–60 pages


def check_uncompressed(size: int, what: str) -> None:
    """Refuse a container whose contents unpack beyond ``max_uncompressed_bytes()``."""
    limit = max_uncompressed_bytes()
    if size > limit:
        raise LimitExceededError(f"the {what} unpacks to more than {_size(limit)}; refused as a decompression "
                                 "bomb (set COMPLIANCE_MAX_DOCUMENT_BYTES to raise the limits)")
