"""DOCX and PDF fixtures built from a report model (python-docx / reportlab, when installed).

``docx_bytes`` writes the title, intro, headings, prose and the three tables with real merged cells
(``merge`` → gridSpan / vMerge). ``pdf_bytes`` draws the same with reportlab: tables as ruled grids
with SPAN, or — with ``tables_as_images=True`` — as pictures with no text, like a scanned table.
"""

from __future__ import annotations

import io
from typing import Any

from tests.rendering.render import _placed, _table_kinds, _title
from tests.rendering.tables import GRIDS, Grid, expanded


def _spans(grid: Grid) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every origin cell."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            taken.update((r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            out.append((r, col, cell.rowspan, cell.colspan, cell.text))
            col += cell.colspan
    return out


def docx_bytes(model: dict[str, Any]) -> bytes:
    """The model as a Word document with merged table cells."""
    import docx

    document = docx.Document()
    document.add_paragraph(_title(model))
    if model.get("intro"):
        for line in model["intro"].split("\n"):
            document.add_paragraph(line)

    def add_table(grid: Grid) -> None:
        cells = expanded(grid)
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, c, rowspan, colspan, text in _spans(grid):
            cell = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            cell.text = text

    placed = _placed(model)
    for section in model["sections"]:
        document.add_paragraph(section["heading"])
        for kind in _table_kinds(section, model):
            add_table(GRIDS[kind](model["tables"][kind]))
        for line in section["text"].split("\n"):
            if line:
                document.add_paragraph(line)
    for kind, table in model["tables"].items():
        if table is not None and kind not in placed:
            add_table(GRIDS[kind](table))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(model: dict[str, Any], *, tables_as_images: bool = False) -> bytes:
    """The model as a PDF (reportlab, CID font STSong-Light); tables ruled, or drawn as images."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.platypus.flowables import Image

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    story: list[Any] = [Paragraph(_title(model), style)]

    def add_table(grid: Grid) -> None:
        if tables_as_images:
            story.append(Image(io.BytesIO(_png()), width=200, height=60))
            return
        cells = [[text or "" for text in row] for row in expanded(grid)]
        table = Table(cells, repeatRows=0)
        commands: list[Any] = [
            ("FONT", (0, 0), (-1, -1), "STSong-Light", 6),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ]
        for r, c, rowspan, colspan, _ in _spans(grid):
            if rowspan > 1 or colspan > 1:
                commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
        table.setStyle(TableStyle(commands))
        story.append(table)

    if model.get("intro"):
        story += [Paragraph(line, style) for line in model["intro"].split("\n")]
    placed = _placed(model)
    for section in model["sections"]:
        story.append(Paragraph(section["heading"], style))
        for kind in _table_kinds(section, model):
            add_table(GRIDS[kind](model["tables"][kind]))
        story += [Paragraph(line, style) for line in section["text"].split("\n") if line]
    for kind, table in model["tables"].items():
        if table is not None and kind not in placed:
            add_table(GRIDS[kind](table))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4)).build(story)
    return out.getvalue()


def _png() -> bytes:
    """A small grey PNG (a table photographed: pixels, no text)."""
    import struct
    import zlib

    width, height = 20, 6
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
