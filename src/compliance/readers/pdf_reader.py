"""``PdfReader``: a PDF with a text layer, its tables taken from the page's ruling lines (pdfplumber).

pdfplumber is optional (``ogi-compliance[pdf]``) and imported only when a PDF is read. On each page the
tables pdfplumber finds become rows (a merged cell is one cell spanning the grid columns it covers),
located ``{"page": p, "table": i, "row": r, "cell": c}``; the text lines outside the tables become
blocks located ``{"page": p, "line": n}`` (n: the line on that page), in reading order with the
tables. A PDF whose tables are images yields a model whose tables are null (the rules then report
them missing); a PDF with no text at all is a ``DocumentError``. Streams that unpack beyond
``limits.max_uncompressed_bytes()`` and more than ``MAX_PDF_PAGES`` pages are refused
(``LimitExceededError``) before pdfminer lays anything out.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

from compliance.errors import DocumentError, LimitExceededError
from compliance.model.report import Report, check_reader_output
from compliance.readers.blocks import Block, model_from_blocks
from compliance.readers.grid import Cell, Row, join_pieces
from compliance.readers.limits import MAX_PDF_PAGES, check_uncompressed, max_uncompressed_bytes
from compliance.readers.optional import require
from compliance.source import SourceRef

_STREAM = re.compile(rb"stream\r?\n")


def check_streams(data: bytes) -> None:
    """Refuse a PDF whose compressed streams unpack beyond ``limits.max_uncompressed_bytes()``.

    Every ``stream`` is inflated (as zlib data, which FlateDecode is) up to the budget left, so
    the check costs at most the budget in time and one chunk in memory; a stream that is not
    zlib data counts its own length. pdfminer would otherwise inflate a 1 MB bomb to gigabytes.
    """
    budget = max_uncompressed_bytes()
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        chunk = data[start:end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            size = 0
            piece = inflater.decompress(chunk, 1 << 20)
            while piece:
                size += len(piece)
                if total + size > budget:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, 1 << 20) if inflater.unconsumed_tail else b""
        except zlib.error:
            size = len(chunk)
        total += size
        check_uncompressed(total, "PDF's content")


def _rows(cells: list[list[str | None]], page: int, index: int) -> tuple[Row, ...]:
    """pdfplumber's rows (None: covered by a merged cell) as origin cells with grid columns."""
    rows: list[Row] = []
    for r, row in enumerate(cells, 1):
        out: list[Cell] = []
        for c, text in enumerate(row):
            if text is None:
                continue
            width = 1
            while c + width < len(row) and row[c + width] is None:
                width += 1
            loc = {"page": page, "table": index, "row": r, "cell": c + 1}
            out.append(Cell(join_pieces(text.split("\n")), loc, c, width))
        rows.append(Row.of_cells(out, {"page": page, "table": index, "row": r}, 0))
    return tuple(rows)


def _inside(line: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    middle_x = (line["x0"] + line["x1"]) / 2
    middle_y = (line["top"] + line["bottom"]) / 2
    return any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)


def blocks_of(pdf: Any) -> tuple[list[Block], bool]:
    """The document's text lines and tables in reading order, and whether it had any text at all."""
    blocks: list[Block] = []
    tables = 0
    any_text = False
    for number, page in enumerate(pdf.pages, 1):
        found = page.find_tables()
        boxes = [tuple(table.bbox) for table in found]
        placed: list[tuple[float, Block]] = []
        for table in found:
            tables += 1
            placed.append(
                (table.bbox[1], Block("", {"page": number, "table": tables}, _rows(table.extract(), number, tables)))
            )
        for k, line in enumerate(page.extract_text_lines(), 1):
            text = str(line.get("text", "")).strip()
            any_text = any_text or bool(text)
            if text and not _inside(line, boxes):
                placed.append((line["top"], Block(text, {"page": number, "line": k})))
        placed.sort(key=lambda item: item[0])
        blocks.extend(block for _, block in placed)
    return blocks, any_text


class PdfReader:
    """Reads PDFs that have a text layer; needs the ``pdf`` extra (pdfplumber)."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def sniff(self, data: bytes) -> bool:
        """True for a PDF file (``%PDF-`` within the first KB)."""
        return b"%PDF-" in data[:1024]

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read a PDF ``data`` named ``uri``; ``DocumentError`` when pdfplumber is missing or it is no report."""
        source = SourceRef(uri)
        pdfplumber = require("pdfplumber", "pdf", what="PDF documents", uri=uri)
        try:
            check_streams(data)
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                if len(pdf.pages) > MAX_PDF_PAGES:
                    raise LimitExceededError(f"the PDF has {len(pdf.pages):,} pages; the limit is {MAX_PDF_PAGES:,}")
                blocks, any_text = blocks_of(pdf)
        except DocumentError as exc:
            exc.source = source
            raise
        except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
            raise DocumentError(f"not a readable PDF: {type(exc).__name__}", source=source) from exc
        if not any_text:
            raise DocumentError("the PDF has no text layer (a scanned or image-only document)", source=source)
        model = model_from_blocks(blocks, uri=uri, reader="pdf")
        check_reader_output(model, source=source)
        return Report(model, source)
