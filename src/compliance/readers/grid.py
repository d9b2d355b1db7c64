"""Rows of cells with a location per cell: what every reader hands to table recognition.

A text line, an HTML ``<tr>``, a DOCX ``<w:tr>`` and a PDF table row all become a ``Row`` of
``Cell``s. A cell read from a real table structure also knows its place in the *expanded grid*
(``col``, ``width``: the first grid column it covers and how many), so columns can be matched to
the header labels above them; a cell split out of a text line has ``col = None`` and is placed
by position. ``expand`` turns rows of (text, rowspan, colspan) into origin cells on that grid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from compliance.readers.limits import MAX_SPAN, check_grid_cells

Location = dict[str, int]
_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")


def join_pieces(parts: Iterable[str]) -> str:
    """The lines or paragraphs of one cell joined as read: no space between CJK pieces (商业 + 企业)."""
    out = ""
    for part in parts:
        part = _SPACE.sub(" ", part).strip()
        if not part:
            continue
        if out and (out[-1].isascii() or part[0].isascii()):
            out += " "
        out += part
    return out


# Cells and rows are not changed once made (``dataclasses.replace`` makes a changed copy), but they
# are not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``, which made
# building the ~450 cells of one report's tables (0.67 µs a cell against 0.23) a tenth of reading it.
@dataclass(slots=True, unsafe_hash=True)
class Cell:
    """One cell as written (cleaned), where it is in the source, and its grid columns if known."""

    text: str
    loc: Location
    col: int | None = None
    width: int = 1

    def covers(self, col: int) -> bool:
        """True when this cell spans grid column ``col``."""
        return self.col is not None and self.col <= col < self.col + self.width


@dataclass(slots=True, unsafe_hash=True)
class Row:
    """One table row: its cells in order, its own location, and the block it belongs to.

    ``block`` orders rows against the document's text blocks (a text line number, or the index of
    the table's block in an HTML/DOCX/PDF document); ``loc`` is the row's provenance. ``exact``
    says the row ends with its last real cell (a table structure, a "| … |" line); a tab-separated
    line may end in stray tabs, so its trailing empty cells count only when values are missing.
    """

    cells: tuple[Cell, ...]
    loc: Location
    block: int
    exact: bool = True  # False when trailing empty cells may be export artefacts (tab-separated text)
    # The cells' texts, made once (table recognition asks for them several times per row).
    texts: tuple[str, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self.texts = tuple(cell.text for cell in self.cells)


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell of a source table before expansion: text and spans as the markup states them."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(slots=True)
class _Grid:
    taken: set[tuple[int, int]] = field(default_factory=set)

    def next_free(self, row: int, col: int) -> int:
        while (row, col) in self.taken:
            col += 1
        return col



def expand(
    rows: Sequence[Sequence[RawCell]],
    loc: Callable[[int, int], Location],
    row_loc: Callable[[int], Location],
    block: int,
) -> list[Row]:
    """Place cells on the expanded grid (rowspan/colspan honoured) and return origin cells per row.

    ``loc(r, c)`` gives the location of the cell whose top-left corner is at 1-based row ``r`` and
    grid column ``c``; ``row_loc(r)`` the location of row ``r``. Cells covered by a span from above
    are not repeated: the rows look like the published table, each cell once, at its grid column.
    """
    grid = _Grid()
    out: list[Row] = []
    for r, raw_cells in enumerate(rows):
        col = 0
        cells: list[Cell] = []
        for raw in raw_cells:
            col = grid.next_free(r, col)
            # As browsers do: a rowspan never reaches past the table's last row; colspan ≤ 1000.
            rowspan = min(max(raw.rowspan, 1), MAX_SPAN, len(rows) - r)
            colspan = min(max(raw.colspan, 1), MAX_SPAN)
            check_grid_cells(len(grid.taken) + rowspan * colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.taken.add((r + dr, col + dc))
            cells.append(Cell(raw.text, loc(r + 1, col + 1), col, colspan))
            col += colspan
        out.append(Row(tuple(cells), row_loc(r + 1), block))
    return out


def header_at(headers: Sequence[Row], col: int, match: Callable[[str], str | None]) -> str | None:
    """The id that ``match`` gives the deepest header cell covering grid column ``col``, if any."""
    for row in reversed(headers):
        for cell in row.cells:
            if cell.covers(col):
                found = match(cell.text)
                if found:
                    return found
    return None
