"""Table 3 (行政复议、行政诉讼): one row of 15 values under grouped headers, one row per group, or
three small tables (``table_rows`` for what the three tables share)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from compliance.readers.grid import Row, header_at
from compliance.readers.labels import (
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_HEADERS,
    REVIEW_ROWS,
    is_label_cell,
    lookup,
)
from compliance.readers.table_rows import (
    Places,
    by_header,
    has_values,
    labels_of,
    store_row,
    trailing,
)


def _review_header(headers: Sequence[Row]) -> Callable[[int], str | None]:
    def match(col: int) -> str | None:
        group = header_at(headers, col, lambda text: lookup(text, REVIEW_GROUPS))
        outcome = header_at(
            headers, col, lambda text: None if lookup(text, REVIEW_GROUPS) else lookup(text, REVIEW_HEADERS)
        )
        return f"{group}/{outcome}" if group and outcome else None

    return match


_KEYS = tuple(f"{group}/{column}" for group in REVIEW_ROWS for column in REVIEW_COLUMNS)
_WIDE = len(REVIEW_COLUMNS) * len(REVIEW_ROWS)
_Named = tuple[tuple[str, str | None, str | None], ...]  # (label, the group it names, the column it names)
_ReviewRow = tuple[int, int, tuple[int | None, ...], tuple[str, ...], _Named, bool]


# A pure function of the row's texts (rows repeat across the reports of a batch): where its values
# are (``trailing`` for the one-row layout, and that layout's value indexes), its label cells with
# the group and the column each names, and whether it is a header row (no values, and not an empty
# row as wide as the one-row layout).
@functools.lru_cache(maxsize=4096)
def _review_row(texts: tuple[str, ...], exact: bool) -> _ReviewRow:
    start, end, indexes = trailing(texts, _WIDE, exact)
    labels = tuple(text for text in texts[:start] if is_label_cell(text))
    named = tuple((text, lookup(text, REVIEW_GROUPS), lookup(text, REVIEW_HEADERS)) for text in labels)
    blank_row = not labels and not any(texts) and len(texts) >= _WIDE
    return start, end, tuple(indexes), labels, named, not has_values(texts, start) and not blank_row


def read_review(rows: Sequence[Row], prov: Places, base: str) -> dict[str, Any] | None:
    """Table 3 (复议、诉讼): one row of 15 values under grouped headers, or one row per group."""
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    row_labels: dict[str, str] = {}
    headers: list[Row] = []
    width = len(REVIEW_COLUMNS)
    above: str | None = None  # the one group a label row just above names ("### 行政复议" over its five values)
    for row in rows:
        texts = row.texts
        start, end, wide, labels, named, header_row = _review_row(texts, row.exact)
        if header_row:
            groups = {row_id for _, row_id, _ in named if row_id}
            above = groups.pop() if len(groups) == 1 else above if not groups else None
            headers.append(row)
            for text, row_id, column in named:
                if row_id:
                    row_labels.setdefault(row_id, text)
                if column and not row_id:
                    column_labels.setdefault(column, text)
            continue
        own = next((row_id for _, row_id, _ in reversed(named) if row_id), None)
        run = len(texts) - start  # value cells, blanks included
        if own is None and not labels and run == width:
            # Five values under their group's own label line, or, with no group named (the first
            # group's label taken for a heading), the next group in the printed order.
            own = above or next((group for group in REVIEW_ROWS if group not in table_rows), None)
        above = None
        if own is not None and run < width * len(REVIEW_ROWS):
            # A layout with one row per group, five values each.
            if own not in table_rows:
                _, _, indexes = trailing(texts, width, row.exact)
                label = row_labels.get(own, labels[-1] if labels else None)
                store_row(table_rows, prov, base, own, label, row, REVIEW_COLUMNS, indexes)
            continue
        if table_rows:
            continue
        mapped = None if row.cols is None else by_header(row, start, end, _review_header(headers), _KEYS)
        if mapped is None:
            mapped = list(wide)
        for k, row_id in enumerate(REVIEW_ROWS):
            cells = mapped[k * width : (k + 1) * width]
            store_row(table_rows, prov, base, row_id, row_labels.get(row_id), row, REVIEW_COLUMNS, cells)
    if not table_rows and not column_labels:
        return None
    return {"format": "2021", "rows": table_rows, "column_labels": column_labels, "labels": labels_of(rows)}
