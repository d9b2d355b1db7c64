"""Table 1 (主动公开政府信息情况): rows of 规章, 规范性文件, 行政许可… with their columns, in the
2021 and 2019 formats (``table_rows`` for what the three tables share)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from compliance.readers.grid import Row
from compliance.readers.labels import (
    ACTIVE_COLUMNS,
    ACTIVE_DEFAULTS,
    ACTIVE_ROWS,
    FORMAT_2019,
    FORMAT_2021,
    is_label_cell,
    lookup,
    normalise_label,
)
from compliance.readers.table_rows import (
    Places,
    is_label,
    join_split_rows,
    labels_of,
    store_row,
)

# A header cell of table 1: its grid column (None: placed by position), its width and its column id.
_Head = tuple[int | None, int, str]


def _active_cells(row: Row, at: int, wanted: Sequence[str], header: Sequence[_Head]) -> list[int | None]:
    """The indexes of the cells after the row label ``at`` that hold the ``wanted`` columns."""
    texts = row.texts
    if row.cols is None:  # a text line: its cells placed by position
        return list(_by_position(texts, at, len(wanted)))
    after = list(range(at + 1, len(texts)))
    if header and all(col is not None for col, _, _ in header) and all(row.col(k) is not None for k in after):
        # Grid: each value sits under its header cell (a value spanning several columns counts once).
        out: list[int | None] = []
        for head, span, _ in header:
            assert head is not None
            under = [k for k in after if head <= (row.col(k) or 0) < head + span or row.covers(k, head)]
            out.append(under[0] if under else None)
        return out
    return list(_by_position(texts, at, len(wanted)))


# A pure function of the row's texts (rows repeat across the reports of a batch).
@functools.lru_cache(maxsize=4096)
def _by_position(texts: tuple[str, ...], at: int, width: int) -> tuple[int | None, ...]:
    """The indexes of the ``width`` value cells after the row label ``at``, by position."""
    after = list(range(at + 1, len(texts)))
    # Values follow their label; words after it are another row's label or a header, never its values
    # (a converter that writes a table column by column: "规章" then "行政规范性文件", "信息内容" …).
    words = next((i for i, k in enumerate(after) if is_label(texts[k])), None)
    if words is not None:
        after = after[:words]
    blanks: list[int] = []
    while after and not texts[after[-1]]:
        blanks.insert(0, after.pop())
    # A spacer cell between label and values is dropped only when there are too many cells.
    while len(after) > width and not texts[after[0]]:
        after.pop(0)
    # Trailing empty cells stand for blank values when the row is short of values.
    after += blanks[: max(0, width - len(after))]
    return tuple(after[k] if k < len(after) else None for k in range(width))


_COLUMNS_2021 = frozenset({"issued", "repealed", "in_force", "decisions", "amount"})


def _names_active_row(text: str) -> bool:
    return lookup(text, ACTIVE_ROWS) is not None


# A pure function of the row's texts (rows repeat across the reports of a batch): the index of its
# row label (None: none), the row id it names, and the (index, column id) of the column labels before it.
@functools.lru_cache(maxsize=4096)
def _active_row(texts: tuple[str, ...]) -> tuple[int | None, str, tuple[tuple[int, str], ...]]:
    at = next((i for i, text in enumerate(texts) if is_label_cell(text) and lookup(text, ACTIVE_ROWS)), None)
    limit = len(texts) if at is None else at
    found = tuple(
        (k, column) for k in range(limit) if is_label_cell(texts[k]) and (column := lookup(texts[k], ACTIVE_COLUMNS))
    )
    return at, "" if at is None else lookup(texts[at], ACTIVE_ROWS) or "", found


def read_active(rows: Sequence[Row], prov: Places, base: str) -> dict[str, Any] | None:
    """Table 1 (主动公开): blocks of a header row (column labels) and labelled rows, 2021 or 2019."""
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    header: list[_Head] = []
    for row in join_split_rows(rows, _names_active_row):
        texts = row.texts
        at, row_id, found = _active_row(texts)
        if found:
            header = [(row.col(k), row.width(k), column) for k, column in found]
            for k, column in found:
                column_labels.setdefault(column, texts[k])
        if at is None:
            continue
        if row_id in table_rows:
            continue
        expected = ACTIVE_DEFAULTS.get(row_id, ("decisions",))
        wanted = [column for _, _, column in header] or list(expected)
        used = header
        if header and set(wanted) <= _COLUMNS_2021 and not set(wanted) & set(expected):
            # The header of another block (a PDF page repeats the table's first block header above
            # a row of a later block): the row's own 2021 columns.
            wanted, used = list(expected), []
        cells = _active_cells(row, at, wanted, used)
        store_row(table_rows, prov, base, row_id, texts[at], row, wanted, cells)
    if not table_rows and not column_labels:
        return None
    labels = labels_of(rows)
    text = normalise_label("".join(labels))
    new, old = any(s in text for s in FORMAT_2021), any(s in text for s in FORMAT_2019)
    fmt = "2021" if new and not old else "2019" if old and not new else None
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": labels}


