"""Space-aligned tables whose cells stand on a character grid: a row short of values placed by the
columns' positions, never read from one side.

Why: an HTML-to-text tool that lines a table up by character count (inscriptis) pads every cell,
blank ones included, to its column's width, so each cell of every line starts at one of a few
character columns. A row that leaves zeros blank ("一、本年新收…  821  35  2  1  859" under seven
columns) then has fewer values than the table has columns; read from the right its numbers land in
the wrong columns (821 under 科研机构) and the rules report defects the report does not have. The
grid says where each value stands: the columns are the distinct cell starts of the run's lines, a
row's first value column is the one after its own labels (such a tool drops the cells a rowspan
covers, so a row with two label cells has its values one column further right) and never before
the table's first value column, and every grid column between two values is a blank cell.

The grid is used only when the layout shows it: every cell of every line starts at a grid column
and ends before the next one (measured in characters, or in display columns — a CJK character
counting two — whichever lines the cells up in fewer columns), and the values of the run's rows
fall within the width of table 2 (7 columns) or table 3 (15). Otherwise the rows are left as read.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from compliance.hanzi import display_width
from compliance.readers.grid import Row
from compliance.readers.labels import (
    APPLICATION_LEVEL_ONE,
    clean,
    is_garbled_value,
    is_label_cell,
    is_value_cell,
    normalise_label,
)
from compliance.readers.lazy_re import lazy

__all__ = ["place_by_grid"]

_CELL = lazy(r"[^ \u3000\xa0]+(?:[ \u3000\xa0][^ \u3000\xa0]+)*")
_APPLICATIONS, _REVIEW = 7, 15
_MIN_LINES = 2

Span = tuple[int, int, str]  # a cell's first column, the column after it, its text


def _spans(line: str) -> list[Span]:
    """The cells of a space-aligned line (runs of words separated by two spaces or more), by character."""
    return [(m.start(), m.end(), clean(m.group())) for m in _CELL.finditer(line)]


def _display(line: str, spans: list[Span]) -> list[Span]:
    """``spans`` measured in display columns: a wide (CJK) character counts two."""
    at = [0]
    for char in line:
        at.append(at[-1] + display_width(char))
    return [(at[start], at[end], text) for start, end, text in spans]


def _grid(lines: Sequence[list[Span]]) -> list[int] | None:
    """The grid columns (distinct cell starts) when every cell ends before the next one, else None."""
    starts = sorted({start for spans in lines for start, _, _ in spans})
    for spans in lines:
        for start, end, _ in spans:
            after = bisect.bisect_right(starts, start)
            if after < len(starts) and starts[after] <= end:
                return None
    return starts


def _slots(starts: list[int], lines: Sequence[list[Span]]) -> dict[int, int]:
    """Each grid column's index, counting the columns no cell starts at: a column blank on every
    line is as wide as its widest cell, none, and shows only as one more separator between its
    neighbours. Counted when every gap between a column's widest cell and the next column is a
    whole number of separators (the narrowest gap), as a layout that pads by count makes them."""
    ends = dict.fromkeys(starts, 0)
    for spans in lines:
        for start, end, _ in spans:
            ends[start] = max(ends[start], end)
    gaps = [after - ends[start] for start, after in itertools.pairwise(starts)]
    separator = min(gaps, default=0)
    if separator <= 0 or any(gap % separator for gap in gaps):
        return {start: k for k, start in enumerate(starts)}
    out, k = {}, 0
    for start, gap in zip(starts, [separator, *gaps], strict=True):
        k += gap // separator - 1
        out[start] = k
        k += 1
    return out


def place_by_grid(rows: list[Row], spaced: Sequence[tuple[int, str]]) -> None:
    """Replace, in ``rows``, each space-aligned row (``spaced``: its index and line) by its cells on
    the table's grid — its labels, then one cell per column of the table, blank where the grid
    column is empty — when the layout shows the grid (module docstring); else leave them."""
    read: list[tuple[int, str, list[Span]]] = []
    for index, line in spaced:
        spans = _spans(line)
        if [text for _, _, text in spans] != [text for text in rows[index].texts if text]:
            return  # cells the splitter saw otherwise: not this layout
        read.append((index, line, spans))
    if len(read) < _MIN_LINES:
        return
    chars = [spans for _, _, spans in read]
    shown = [_display(line, spans) for _, line, spans in read]
    grids = [(grid, lines) for lines in (chars, shown) if (grid := _grid(lines)) is not None]
    if not grids:
        return
    starts, measured = min(grids, key=lambda found: len(found[0]))
    slots = _slots(starts, measured)
    placed: list[tuple[int, tuple[str, ...], dict[int, str], int]] = []  # index, labels, values by slot, after
    for (index, _, _), spans in zip(read, measured, strict=True):
        named = [(slots[start], text) for start, _, text in spans
                 if is_label_cell(text) and not is_garbled_value(text)]
        values = {slots[start]: text for start, _, text in spans if text and is_value_cell(text)}
        if not values:
            continue
        if len(named) + len(values) != len(spans) or (named and named[-1][0] > min(values)):
            return  # an unreadable cell, or a label among the values: not a grid this reads
        after = named[-1][0] + 1 if named else 0
        placed.append((index, tuple(text for _, text in named), values, after))
    if not placed:
        return
    # The table's first value column: where a row's values start at the earliest; the grid's first
    # column when no row has a label (table 3's one row of values, whose first cell may be blank).
    first = min(min(values) for _, _, values, _ in placed) if any(labels for _, labels, _, _ in placed) else 0
    anchors = [max(after, first) for _, _, _, after in placed]
    extent = max(max(values) - anchor + 1 for (_, _, values, _), anchor in zip(placed, anchors, strict=True))
    width = _width(extent, [labels for _, labels, _, _ in placed])
    if width is None:
        return
    for (index, labels, values, _), anchor in zip(placed, anchors, strict=True):
        row = rows[index]
        cells = tuple(values.get(anchor + k, "") for k in range(width))
        rows[index] = Row((*labels, *cells), row.loc, row.block, True, None, None, row.locs)


def _width(extent: int, labels: Sequence[tuple[str, ...]]) -> int | None:
    """The table's width given how far its rows' values reach: table 2's 7 (a row with its 总计
    filled reaches it), or table 3's 15 when no row is one of table 2's; None otherwise."""
    if _APPLICATIONS - 1 <= extent <= _APPLICATIONS:
        return _APPLICATIONS
    if _APPLICATIONS < extent <= _REVIEW and not any(_names_application_row(text) for row in labels for text in row):
        return _REVIEW
    return None


def _names_application_row(text: str) -> bool:
    normal = normalise_label(text)
    return any(word in normal for word in APPLICATION_LEVEL_ONE)
