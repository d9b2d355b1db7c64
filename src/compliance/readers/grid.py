"""Rows of cells with a location per cell: what every reader hands to table recognition.

A text line, an HTML ``<tr>``, a DOCX ``<w:tr>`` and a PDF table row all become a ``Row``: its
cells' texts, and where each cell is (for a text line, computed from the line when a table keeps
the cell's value). A cell read from a real table structure also knows its place in the *expanded
grid* (``cols``, ``widths``: the first grid column it covers and how many), so columns can be
matched to the header labels above them; a cell split out of a text line has no grid column and
is placed by position. ``expand`` turns rows of (text, rowspan, colspan) into origin cells on
that grid.
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


@dataclass(slots=True)
class Cell:
    """One cell as written (cleaned), where it is in the source, and its grid columns if known.

    What a reader hands to ``Row.of_cells`` when it has built its cells one by one (PDF tables,
    run-together text); rows keep their cells' parts side by side, not as ``Cell`` objects.
    """

    text: str
    loc: Location
    col: int | None = None
    width: int = 1


class Row:
    """One table row: its cells' texts in order, where they are, and the block it belongs to.

    A row keeps its cells as parallel tuples, not as one object per cell: reading the seed builds
    ~450 cells, of which the tables keep ~180, and making a ``Cell`` with its location dict for each
    was a fifth of reading it. ``texts`` are the cells' texts; ``cols``/``widths`` their grid
    columns when the row comes from a real table structure (None: placed by position, width 1);
    ``locs`` their locations when the reader recorded them (HTML, DOCX, PDF, one-cell-per-line
    text), else cell ``k`` of a text line is ``{"line": n, "column": k + 1}``, made only when
    asked (``cell_loc``; a table reader records the row's ``loc`` and ``locs`` with the cells it keeps,
    and the model's ``Provenance`` makes their entries when asked: ``model/provenance.py``).

    ``block`` orders rows against the document's text blocks (a text line number, or the index of
    the table's block in an HTML/DOCX/PDF document); ``loc`` is the row's provenance. ``exact``
    says the row ends with its last real cell (a table structure, a "| … |" line); a tab-separated
    line may end in stray tabs, so its trailing empty cells count only when values are missing.
    Nothing changes a row once made (``ungridded``/``joined`` make new ones).
    """

    __slots__ = ("block", "cols", "exact", "loc", "locs", "texts", "widths")

    def __init__(
        self,
        texts: tuple[str, ...],
        loc: Location,
        block: int,
        exact: bool = True,
        cols: Sequence[int | None] | None = None,
        widths: Sequence[int] | None = None,
        locs: Sequence[Location] | None = None,
    ) -> None:
        self.texts = texts
        self.loc = loc
        self.block = block
        self.exact = exact
        self.cols = cols
        self.widths = widths
        self.locs = locs

    @classmethod
    def of_cells(cls, cells: Sequence[Cell], loc: Location, block: int, exact: bool = True) -> Row:
        """A row of cells built one by one, each with its own location and grid columns."""
        cols = tuple(cell.col for cell in cells)
        return cls(
            tuple(cell.text for cell in cells),
            loc,
            block,
            exact,
            cols if any(col is not None for col in cols) else None,
            tuple(cell.width for cell in cells),
            tuple(cell.loc for cell in cells),
        )

    def col(self, k: int) -> int | None:
        """The first grid column of cell ``k`` (None when the row has no grid)."""
        return None if self.cols is None else self.cols[k]

    def width(self, k: int) -> int:
        """How many grid columns cell ``k`` spans."""
        return 1 if self.widths is None else self.widths[k]

    def covers(self, k: int, col: int) -> bool:
        """True when cell ``k`` spans grid column ``col``."""
        first = self.col(k)
        return first is not None and first <= col < first + self.width(k)

    def cell_loc(self, k: int) -> Location:
        """Where cell ``k`` is in the source: a new dict, the caller's to keep."""
        if self.locs is None:
            return {**self.loc, "column": k + 1}
        return dict(self.locs[k])

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The cells as ``Cell`` objects (made on each call: for tests and debugging, not the readers)."""
        return tuple(Cell(text, self.cell_loc(k), self.col(k), self.width(k)) for k, text in enumerate(self.texts))

    def at_block(self, block: int) -> Row:
        """This row as part of block ``block``."""
        return Row(self.texts, self.loc, block, self.exact, self.cols, self.widths, self.locs)

    def ungridded(self) -> Row:
        """This row placed by position (no grid columns) and with inexact trailing cells."""
        return Row(self.texts, self.loc, self.block, False, None, None, self.locs)

    def joined(self, cut: int, other: Row, start: int) -> Row:
        """This row's first ``cut`` cells followed by ``other``'s cells from ``start`` on, each
        keeping its own location and grid columns; the row's own location and block are this row's."""
        parts = [(self, k) for k in range(cut)] + [(other, k) for k in range(start, len(other.texts))]
        cols = tuple(row.col(k) for row, k in parts)
        return Row(
            tuple(row.texts[k] for row, k in parts),
            self.loc,
            self.block,
            other.exact,
            cols if any(col is not None for col in cols) else None,
            tuple(row.width(k) for row, k in parts),
            tuple(row.cell_loc(k) for row, k in parts),
        )

    def __repr__(self) -> str:
        return f"Row({self.texts!r}, {self.loc!r}, {self.block!r}, exact={self.exact!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.texts, self.loc, self.block, self.exact) == (other.texts, other.loc, other.block, other.exact) \
            and self.cells == other.cells

    __hash__ = None  # type: ignore[assignment]


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
        texts: list[str] = []
        cols: list[int] = []
        widths: list[int] = []
        locs: list[Location] = []
        for raw in raw_cells:
            col = grid.next_free(r, col)
            # As browsers do: a rowspan never reaches past the table's last row; colspan ≤ 1000.
            rowspan = min(max(raw.rowspan, 1), MAX_SPAN, len(rows) - r)
            colspan = min(max(raw.colspan, 1), MAX_SPAN)
            check_grid_cells(len(grid.taken) + rowspan * colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.taken.add((r + dr, col + dc))
            texts.append(raw.text)
            cols.append(col)
            widths.append(colspan)
            locs.append(loc(r + 1, col + 1))
            col += colspan
        out.append(Row(tuple(texts), row_loc(r + 1), block, True, tuple(cols) if cols else None, tuple(widths),
                       tuple(locs)))
    return out


def header_at(headers: Sequence[Row], col: int, match: Callable[[str], str | None]) -> str | None:
    """The id that ``match`` gives the deepest header cell covering grid column ``col``, if any."""
    for row in reversed(headers):
        if row.cols is None:
            continue
        for k, text in enumerate(row.texts):
            if row.covers(k, col):
                found = match(text)
                if found:
                    return found
    return None
