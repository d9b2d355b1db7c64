"""Documents with real table structure (HTML, DOCX, PDF) as a sequence of blocks → report model.

A ``Block`` is either a paragraph of text (with its location) or a table (its rows of cells, with
spans already expanded to grid columns). ``model_from_blocks`` finds the section headings among
the paragraphs, reads the tables through the shared table recognition, and assembles the model
with ``document.build_model``: the same code path as plain text, only the blocks differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from compliance.readers.document import build_model, find_headings, split_glued
from compliance.readers.grid import Location, Row
from compliance.readers.tables import find_tables, segments


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (``rows`` is None) or a table (``text`` is "") and where it is in the source.

    ``loc`` is the paragraph's location (e.g. ``{"line": 12}``) or the table's (``{"table": 2}``);
    ``node`` is the reader's own handle (an HTML element), used to find the report on a page.
    """

    text: str
    loc: Location
    rows: tuple[Row, ...] | None = None
    node: Any = None

    @property
    def is_table(self) -> bool:
        """True for a table block."""
        return self.rows is not None


def is_report_table(block: Block) -> bool:
    """True when a table block's labels point to one of the three report tables."""
    return block.rows is not None and bool(segments(block.rows))


def heading_blocks(blocks: Sequence[Block]) -> list[int]:
    """0-based indexes of the blocks that are section headings."""
    return [heading.line - 1 for heading in find_headings([b.text for b in blocks])]


def _unglued(blocks: Sequence[Block]) -> list[Block]:
    """Paragraphs holding a heading glued to other text become two blocks at the same place."""
    out: list[Block] = []
    for block in blocks:
        parts = None if block.is_table else split_glued(block.text)
        out += [replace(block, text=part) for part in parts] if parts else [block]
    return out


def model_from_blocks(blocks: Sequence[Block], *, uri: str, reader: str) -> dict[str, Any]:
    """The report model (not yet validated) of ``blocks``; ``DocumentError`` when nothing is found."""
    blocks = _unglued(blocks)
    lines = [block.text for block in blocks]
    runs: list[list[Row]] = []
    table_loc: dict[int, dict[str, int]] = {}
    for number, block in enumerate(blocks, 1):
        if block.rows is not None:
            runs.append([row.at_block(number) for row in block.rows])
            table_loc[number] = dict(block.loc)
    found = find_tables(runs, table_loc)
    found.blocks.update(number for number, block in enumerate(blocks, 1) if block.is_table)
    headings = find_headings(lines, skip=found.blocks)
    return build_model(lines, headings, found, uri=uri, reader=reader, locs=[b.loc for b in blocks])
