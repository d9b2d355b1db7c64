"""``DocxReader``: a Word document (.docx) read through its own paragraph and table structure.

python-docx is optional (``ogi-compliance[docx]``) and imported only when a DOCX is read. Body
paragraphs become text blocks located ``{"line": n}`` (n: the paragraph's number in the body);
tables become rows on the expanded grid (``gridSpan`` and ``vMerge`` honoured) with cells located
``{"table": i, "row": r, "cell": c}``. The rest is the shared block → model path. A package
that unpacks beyond ``limits.max_uncompressed_bytes()`` is refused before python-docx opens it.
"""

from __future__ import annotations

import io
from typing import Any

from compliance.errors import DocumentError, LimitExceededError
from compliance.model.report import Report, check_reader_output
from compliance.readers.blocks import Block, model_from_blocks
from compliance.readers.grid import RawCell, Row, expand, join_pieces
from compliance.readers.limits import MAX_SPAN, check_uncompressed
from compliance.readers.optional import require
from compliance.source import SourceRef

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx(data: bytes) -> bool:
    """True for a ZIP container holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile  # only for ZIP data: a text or HTML input never loads it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _text(element: Any) -> str:
    """The text of a paragraph element (all its runs' ``w:t``, tabs and breaks as spaces)."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    return join_pieces(_text(p) for p in tc.iter(f"{_W}p"))


def _grid_span(value: str) -> int:
    """``w:gridSpan``'s value: a malformed one (``abc``) counts as 1, as Word reads it; at most
    ``MAX_SPAN`` columns (``grid.expand`` clamps it too)."""
    value = value.strip()
    return min(int(value), MAX_SPAN) if value.isascii() and value.isdigit() else 1


def _table_rows(tbl: Any, index: int, block: int) -> tuple[Row, ...]:
    """One table's rows on the expanded grid; vertically merged cells become one cell with a rowspan."""
    grid: list[list[tuple[int, int, str | None, str]]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        col, cells = 0, []
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span_el = props.find(f"{_W}gridSpan") if props is not None else None
            merge_el = props.find(f"{_W}vMerge") if props is not None else None
            span = _grid_span(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
            merge = None if merge_el is None else (merge_el.get(f"{_W}val") or "continue")
            cells.append((col, max(span, 1), merge, _cell_text(tc)))
            col += max(span, 1)
        grid.append(cells)
    raw: list[list[RawCell]] = []
    for r, cells in enumerate(grid):
        row: list[RawCell] = []
        for col, span, merge, text in cells:
            if merge == "continue":
                continue
            rowspan = 1
            if merge == "restart":
                for below in grid[r + 1 :]:
                    if not any(c == col and m == "continue" for c, _, m, _ in below):
                        break
                    rowspan += 1
            row.append(RawCell(text, rowspan, span))
        raw.append(row)
    return tuple(
        expand(raw, lambda r, c: {"table": index, "row": r, "cell": c}, lambda r: {"table": index, "row": r}, block)
    )


def blocks_of(document: Any) -> list[Block]:
    """The body's paragraphs and tables in order."""
    blocks: list[Block] = []
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraphs += 1
            text = _text(element).strip()
            if text:
                blocks.append(Block(text, {"line": paragraphs}))
        elif element.tag == f"{_W}tbl":
            tables += 1
            blocks.append(Block("", {"table": tables}, _table_rows(element, tables, 0)))
    return blocks


class DocxReader:
    """Reads Word documents (.docx); needs the ``docx`` extra (python-docx)."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def sniff(self, data: bytes) -> bool:
        """True for a DOCX container (by its content)."""
        return is_docx(data)

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read a DOCX ``data`` named ``uri``; ``DocumentError`` when python-docx is missing or it is no report."""
        source = SourceRef(uri)
        docx = require("docx", "docx", what="DOCX documents", uri=uri)
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:  # sizes as declared: reads stop there
                check_uncompressed(sum(max(info.file_size, 0) for info in archive.infolist()), "DOCX package")
        except LimitExceededError as exc:
            exc.source = source
            raise
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise DocumentError(f"not a readable DOCX document: {type(exc).__name__}", source=source) from exc
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises many kinds on a damaged package
            raise DocumentError(f"not a readable DOCX document: {type(exc).__name__}", source=source) from exc
        model = model_from_blocks(blocks_of(document), uri=uri, reader="docx")
        check_reader_output(model, source=source)
        return Report(model, source)
