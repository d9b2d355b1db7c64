"""What the readers of tables 1–3 share: a row's values stored with their places, the trailing value
cells of a text row, columns matched through the header above each cell, rows a line break split.

Rows are identified by their labels, never by position. Columns are matched to the header labels
above them when the cells know their grid columns (HTML, DOCX, PDF); text exports drop merged
cells, so there the values are taken from the trailing cells of each row, in form order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from compliance.model.provenance import Segment
from compliance.readers.grid import Row
from compliance.readers.labels import (
    is_garbled_value,
    is_label_cell,
    is_value_cell,
    parse_number,
)

# A table's provenance as the readers record it: one record per stored row, in order (``Provenance``
# makes the entries from them when asked).
Places = list[Segment]
TableReader = Callable[[Sequence[Row], Places, str], "dict[str, Any] | None"]


@functools.lru_cache(maxsize=8192)  # per cell text, like the tests it combines
def is_label(text: str) -> bool:
    """A label cell that is not an unreadable value ("约3" is no label)."""
    return is_label_cell(text) and not is_garbled_value(text)


def labels_of(rows: Sequence[Row]) -> list[str]:
    """Every label cell of the rows; an unreadable value ("约3") is no label."""
    return [text for row in rows for text in row_labels(row.texts)]


# Per row rather than per cell: a row's texts decide both, and every table asks them of each of its rows.
@functools.lru_cache(maxsize=4096)
def row_labels(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The row's label cells, in order."""
    return tuple(filter(is_label, texts))


@functools.lru_cache(maxsize=4096)
def row_has_values(texts: tuple[str, ...]) -> bool:
    """Whether the row holds a filled value cell (``has_values(texts, 0)``)."""
    return any(map(is_value, texts))


def store_row(
    table_rows: dict[str, Any],
    places: Places,
    base: str,
    row_id: str,
    label: str | None,
    row: Row,
    columns: Sequence[str],
    cells: Sequence[int | None],
) -> None:
    """Record one row; ``cells`` gives, per column, the index of its cell in ``row`` (None: the
    column was not found). Its places are recorded, not made: the row's pointer, its location,
    its cells' locations and the (column, cell) pairs kept (``model.provenance.RowPlaces``)."""
    pointer = f"{base}/rows/{row_id}"
    values, raw, kept = row_values(row.texts, tuple(columns), tuple(cells))
    places.append((pointer, row.loc, row.locs, kept))
    table_rows[row_id] = {"id": row_id, "label": label, "values": dict(values), "raw": dict(raw)}


# A row's values, its raw texts and the (column, cell index) pairs kept, per texts and columns: the
# same row under the same columns (a row of zeros) is parsed once. The dicts are copied for each model.
@functools.lru_cache(maxsize=4096)
def row_values(
    texts: tuple[str, ...], columns: tuple[str, ...], cells: tuple[int | None, ...]
) -> tuple[dict[str, Any], dict[str, str], tuple[tuple[str, int], ...]]:
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    kept: list[tuple[str, int]] = []
    for column, k in zip(columns, cells, strict=True):
        if k is None:
            values[column] = None
            continue
        text = texts[k]
        values[column] = parse_number(text)
        raw[column] = text
        kept.append((column, k))
    return values, raw, tuple(kept)


def trailing(
    texts: Sequence[str], width: int, exact: bool = False, floor: int | None = None
) -> tuple[int, int, list[int | None]]:
    """(start, end, indexes): where the trailing value cells are, and the indexes of the last ``width``.

    Unless the row is ``exact``, trailing empty cells after the last value are ignored unless the
    row is short of values, in which case they stand for blank cells; columns still missing are
    None (right-aligned). A row short of values also takes in the empty cells and the unreadable
    cells among and before its values (a blank first value: " | 0 | 0 |"; "约3", "N/A":
    ``is_garbled_value``), so a blank is a blank cell the rules report, and, after ``floor`` (the index after
    the row's last recognised label), any cell: such a cell keeps its column and is never read as
    the row's label.
    """
    end = len(texts)
    while end and not texts[end - 1] and not exact:
        end -= 1
    if exact and end and not texts[end - 1]:
        end = _padding_start(texts, end, width)
    start = end
    while start and is_value_cell(texts[start - 1]):
        start -= 1
    while end - start < width and start and (
        (floor is not None and start > floor) or is_value_cell(texts[start - 1]) or is_garbled_value(texts[start - 1])
        or not texts[start - 1]
    ):
        start -= 1
    indexes: list[int | None] = [*range(start, end)][-width:]
    cut = range(start, max(start, end - width))  # cells before the last ``width``
    if any(texts[k] and is_value_cell(texts[k]) for k in cut) and not all(texts[k] for k in range(end - width, end)):
        numbers = _numbers_only(texts, end, width)
        if numbers is not None:  # a stray empty cell among a full row's numbers (F18: trafilatura)
            return numbers[0], end, list(numbers)
    pad = end
    while len(indexes) < width and pad < len(texts):
        indexes.append(pad)
        pad += 1
    missing: list[int | None] = [None] * (width - len(indexes))
    return start, end, missing + indexes


def _numbers_only(texts: Sequence[str], end: int, width: int) -> list[int] | None:
    """The indexes of the ``width`` value cells before ``end`` when the cells there are exactly that
    many values and some empty cells: a full row whose table has a stray empty column (an irregular
    page: "| 64 | 0 |  | 0 | 2 | 0 | 4 | 70 |" under seven headers). Otherwise None."""
    found: list[int] = []
    at = end
    while at and (is_value_cell(texts[at - 1]) or not texts[at - 1]):
        at -= 1
        if texts[at]:
            found.append(at)
    return found[::-1] if len(found) == width else None


def _padding_start(texts: Sequence[str], end: int, width: int) -> int:
    """Where a row's trailing empty cells start when a full set of ``width`` filled values comes
    before them: those cells are padding (a converted table with more columns than the row has
    values: "| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |"), not blanks. Otherwise ``end``: a row
    short of values keeps its trailing empty cells as blank values ("| … | 1 | 1 |  |": 总计 left blank)."""
    filled = end
    while filled and not texts[filled - 1]:
        filled -= 1
    run = filled
    while run and is_value(texts[run - 1]):
        run -= 1
    return filled if filled - run >= width else end


@functools.lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """A filled value cell: a number or a placeholder ("-", "无"), not an empty cell."""
    return bool(text) and is_value_cell(text)


def has_values(texts: Sequence[str], start: int) -> bool:
    return any(map(is_value, texts[start:] if start else texts))


def by_header(
    row: Row, start: int, end: int, match: Callable[[int], str | None], columns: Sequence[str]
) -> list[int | None] | None:
    """The indexes of the row's value cells matched to ``columns`` through the header above each
    cell's grid column.

    None when the cells carry no grid columns or when the headers do not name every value cell
    exactly once (the caller then falls back to positions).
    """
    found: dict[str, int] = {}
    texts, cols = row.texts, row.cols
    for index in range(start, len(texts)):
        col = None if cols is None else cols[index]
        column = None if col is None else match(col)
        if column is None or column in found:
            if not texts[index] or index >= end:  # an empty cell outside the table's columns
                continue
            return None
        found[column] = index
    if not found:
        return None
    return [found.get(column) for column in columns]


def join_split_rows(rows: Sequence[Row], names_row: Callable[[str], bool]) -> list[Row]:
    """Rows with a label alone in one row and its values alone in the next joined into one row.

    PDF conversions put a label that wrapped in a row of its own and its values in the next row
    (``| （二）部分公开（区分处理的… | | | |`` then ``| | 2 | 0 | …``). A row whose labels name a
    table row (``names_row``) and that has no values, followed by a row with values and no label,
    is read as one row: the first row's labels, the second row's values (each cell keeps its own
    location).
    """
    out: list[Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        after = rows[index + 1] if index + 1 < len(rows) else None
        # The common case: a row with its values; then a header row before a row with labels.
        if after is None or row_has_values(row.texts) or row_labels(after.texts) or not row_has_values(after.texts):
            out.append(row)
            index += 1
            continue
        labels = [k for k, text in enumerate(row.texts) if is_label(text)]
        if labels and any(names_row(row.texts[k]) for k in labels):
            cut = labels[-1] + 1
            if len(after.texts) == len(row.texts):  # one grid: the values keep their columns
                start = cut
            else:
                start = next((k for k, text in enumerate(after.texts) if text), 0)
            out.append(row.joined(cut, after, start))
            index += 2
            continue
        out.append(row)
        index += 1
    return out


