"""The three statistical tables of an annual report, read from cell-separated text lines.

Rows are identified by their labels, never by position: text exports drop merged cells, so rows
are ragged and the values are taken from the trailing cells of each row.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import Any

from compliance.readers.labels import (
    ACTIVE,
    ACTIVE_COLUMNS,
    ACTIVE_DEFAULTS,
    ACTIVE_ROWS,
    APPLICATION_COLUMNS,
    APPLICATION_HEADERS,
    APPLICATION_LEVEL_ONE,
    APPLICATIONS,
    FORMAT_2019,
    FORMAT_2021,
    GROUP_ITEMS,
    GROUPS,
    MARKERS,
    REVIEW,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_HEADERS,
    REVIEW_ROWS,
    TABLE_KINDS,
    TOP_ROWS,
    clean,
    is_label_cell,
    is_rule_row,
    is_value_cell,
    normalise_label,
    parse_number,
    split_cells,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One table line: its 1-based number in the document and its cleaned cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(slots=True)
class TablesFound:
    """What ``find_tables`` returns: the tables (None when absent), provenance, and the lines used."""

    tables: dict[str, dict[str, Any] | None]
    provenance: dict[str, dict[str, int]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)
    first_lines: dict[str, int] = field(default_factory=dict)


def _hint(cells: Sequence[str]) -> str | None:
    """The table a line's labels point to (the one with the most marker hits), if any."""
    text = normalise_label("".join(cell for cell in cells if is_label_cell(cell)))
    scores = {kind: sum(marker in text for marker in markers) for kind, markers in MARKERS.items()}
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] else None


def _runs(lines: Sequence[str], skip: Container[int]) -> list[list[Line]]:
    """Consecutive cell-separated lines; blank lines do not break a run, prose and headings do."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for number, text in enumerate(lines, 1):
        cells = None if number in skip else split_cells(text)
        if cells is None:
            if number in skip or clean(text):
                if current:
                    runs.append(current)
                current = []
            continue
        if not any(cells) or is_rule_row(cells):
            continue
        current.append(Line(number, tuple(cells)))
    if current:
        runs.append(current)
    return runs


def _segments(run: list[Line]) -> list[tuple[str, list[Line]]]:
    """Split one run into tables where the markers switch to a table not yet seen in the run."""
    segments: list[tuple[str, list[Line]]] = []
    kind: str | None = None
    rows: list[Line] = []
    for line in run:
        hint = _hint(line.cells)
        if hint is not None and hint != kind and all(hint != done for done, _ in segments):
            if kind is not None:
                segments.append((kind, rows))
                rows = []
            kind = hint
        rows.append(line)
    if kind is not None:
        segments.append((kind, rows))
    return segments


def find_tables(lines: Sequence[str], skip: Container[int] = ()) -> TablesFound:
    """Find and read tables 1–3 in ``lines`` (the document's lines; ``skip``: heading line numbers)."""
    grouped: dict[str, list[Line]] = {kind: [] for kind in TABLE_KINDS}
    for run in _runs(lines, skip):
        for kind, rows in _segments(run):
            grouped[kind].extend(rows)
    found = TablesFound(tables=dict.fromkeys(TABLE_KINDS))
    readers = {ACTIVE: _read_active, APPLICATIONS: _read_applications, REVIEW: _read_review}
    for kind, rows in grouped.items():
        if not rows:
            continue
        prov: dict[str, dict[str, int]] = {}
        table = readers[kind](rows, prov, f"/tables/{kind}")
        if table is None:
            continue
        found.tables[kind] = table
        found.first_lines[kind] = rows[0].number
        found.provenance[f"/tables/{kind}"] = {"line": rows[0].number}
        found.provenance.update(prov)
        found.lines.update(row.number for row in rows)
    return found


# ---------------------------------------------------------------- shared row handling


def _labels(rows: Sequence[Line]) -> list[str]:
    return [cell for row in rows for cell in row.cells if is_label_cell(cell)]


def _store_row(
    table_rows: dict[str, Any],
    prov: dict[str, dict[str, int]],
    base: str,
    row_id: str,
    label: str | None,
    line: Line,
    columns: Sequence[str],
    cells: Sequence[int | None],
) -> None:
    """Record one row; ``cells`` gives, per column, the index of its cell in ``line`` (None: absent)."""
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    pointer = f"{base}/rows/{row_id}"
    prov[pointer] = {"line": line.number}
    for column, index in zip(columns, cells, strict=True):
        if index is None:
            values[column] = None
            continue
        text = line.cells[index]
        values[column] = parse_number(text)
        raw[column] = text
        prov[f"{pointer}/values/{column}"] = {"line": line.number, "column": index + 1}
    table_rows[row_id] = {"id": row_id, "label": label, "values": values, "raw": raw}


def _trailing_cells(cells: Sequence[str], width: int) -> tuple[int, list[int | None]]:
    """Where the trailing value cells start, and the indexes of the last ``width`` of them.

    Trailing empty cells after the last value are ignored unless the row is short of values,
    in which case they stand for blank cells; columns still missing are None (right-aligned).
    """
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    start = end
    while start and is_value_cell(cells[start - 1]):
        start -= 1
    indexes: list[int | None] = [*range(start, end)][-width:]
    pad = end
    while len(indexes) < width and pad < len(cells):
        indexes.append(pad)
        pad += 1
    missing: list[int | None] = [None] * (width - len(indexes))
    return start, missing + indexes


def _has_values(cells: Sequence[str], start: int) -> bool:
    return any(cell and is_value_cell(cell) for cell in cells[start:])


# ---------------------------------------------------------------- table 1


def _lookup(label: str, table: Sequence[tuple[str, str]]) -> str | None:
    text = normalise_label(label)
    return next((key for word, key in table if word in text), None)


def _read_active(rows: Sequence[Line], prov: dict[str, dict[str, int]], base: str) -> dict[str, Any] | None:
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    columns: list[str] = []
    for line in rows:
        header = [(cell, _lookup(cell, ACTIVE_COLUMNS)) for cell in line.cells if is_label_cell(cell)]
        found_columns = [(cell, column) for cell, column in header if column]
        if found_columns:
            columns = [column for _, column in found_columns]
            for cell, column in found_columns:
                column_labels.setdefault(column, cell)
            continue
        at = next(
            (i for i, cell in enumerate(line.cells) if is_label_cell(cell) and _lookup(cell, ACTIVE_ROWS)),
            None,
        )
        if at is None:
            continue
        row_id = _lookup(line.cells[at], ACTIVE_ROWS) or ""
        if row_id in table_rows:
            continue
        wanted = columns or list(ACTIVE_DEFAULTS.get(row_id, ("decisions",)))
        after = list(range(at + 1, len(line.cells)))
        while after and not line.cells[after[-1]]:
            after.pop()
        # A spacer cell between label and values is dropped only when there are too many cells.
        while len(after) > len(wanted) and not line.cells[after[0]]:
            after.pop(0)
        cells: list[int | None] = [after[k] if k < len(after) else None for k in range(len(wanted))]
        _store_row(table_rows, prov, base, row_id, line.cells[at], line, wanted, cells)
    if not table_rows and not column_labels:
        return None
    labels = _labels(rows)
    text = normalise_label("".join(labels))
    new, old = any(s in text for s in FORMAT_2021), any(s in text for s in FORMAT_2019)
    fmt = "2021" if new and not old else "2019" if old and not new else None
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": labels}


# ---------------------------------------------------------------- table 2

_ITEM_NUMBER = re.compile(r"([0-9]{1,2})[.、]")
_TOTAL = re.compile(r"(（七）)?总计")
_APPLICATION_CONTEXT = ("本年度办理结果",)


def _application_cell(label: str, group: str | None) -> tuple[str, str]:
    """Classify one label cell of table 2: ("row", id), ("group", name), ("top", "") or ("", "")."""
    text = normalise_label(label)
    for word, row_id in TOP_ROWS:
        if word in text:
            return "row", row_id
    for word, name in GROUPS:
        if word in text:
            return "group", name
    if _TOTAL.fullmatch(text):
        return "row", "results_total"
    if any(word in text for word in _APPLICATION_CONTEXT):
        return "top", ""
    item = _ITEM_NUMBER.match(text)
    rest = text[item.end() :] if item else text
    for items in GROUP_ITEMS.values():
        for word, row_id in items:
            # "其他" alone names item 3 of （六）; elsewhere it is part of a longer label.
            if (rest == word) if word == "其他" else (word in text):
                return "row", row_id
    if item and group in GROUP_ITEMS and 1 <= int(item.group(1)) <= len(GROUP_ITEMS[group]):
        return "row", GROUP_ITEMS[group][int(item.group(1)) - 1][1]
    return "", ""


def is_application_row_label(text: str) -> bool:
    """True when ``text`` is a first-level row label of table 2 (e.g. 四、结转下年度继续办理)."""
    normal = normalise_label(text)
    return any(word in normal for word in APPLICATION_LEVEL_ONE)


def _read_applications(
    rows: Sequence[Line], prov: dict[str, dict[str, int]], base: str
) -> dict[str, Any] | None:
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    group: str | None = None
    single_other = False
    for line in rows:
        start, indexes = _trailing_cells(line.cells, len(APPLICATION_COLUMNS))
        labels = [cell for cell in line.cells[:start] if is_label_cell(cell)]
        row_id: str | None = None
        last_kind = ""
        for cell in labels:
            kind, name = _application_cell(cell, group)
            last_kind = kind or last_kind
            if kind == "group":
                group, row_id = name, None
            elif kind == "top":
                group, row_id = None, None
            elif kind == "row":
                row_id = name
                group = None if name in dict(TOP_ROWS).values() or name == "results_total" else group
        if not _has_values(line.cells, start):
            for cell in labels:
                column = APPLICATION_HEADERS.get(normalise_label(cell))
                if column:
                    column_labels.setdefault(column, cell)
            continue
        if row_id is None and last_kind == "group" and group == "other":
            # The 2019 trial format has a single （六）其他处理 row with values.
            row_id, single_other = "other_other", True
        if row_id is None or row_id in table_rows:
            continue
        _store_row(
            table_rows, prov, base, row_id, labels[-1] if labels else None, line, APPLICATION_COLUMNS, indexes
        )
    if not table_rows and not column_labels:
        return None
    other_items = {"other_no_correction", "other_unpaid_fee", "other_other"} & table_rows.keys()
    fmt = "2019" if single_other else "2021" if other_items else None
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": _labels(rows)}


# ---------------------------------------------------------------- table 3


def _read_review(rows: Sequence[Line], prov: dict[str, dict[str, int]], base: str) -> dict[str, Any] | None:
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    row_labels: dict[str, str] = {}
    width = len(REVIEW_COLUMNS)
    for line in rows:
        start, _ = _trailing_cells(line.cells, width)
        labels = [cell for cell in line.cells[:start] if is_label_cell(cell)]
        named = [(cell, _lookup(cell, REVIEW_GROUPS)) for cell in labels]
        if not _has_values(line.cells, start):
            for cell, row_id in named:
                if row_id:
                    row_labels.setdefault(row_id, cell)
                column = _lookup(cell, REVIEW_HEADERS)
                if column and not row_id:
                    column_labels.setdefault(column, cell)
            continue
        own = next((row_id for _, row_id in reversed(named) if row_id), None)
        run = sum(1 for cell in line.cells[start:] if cell)
        if own is not None and run < width * len(REVIEW_ROWS):
            # A layout with one row per group, five values each.
            if own not in table_rows:
                _, indexes = _trailing_cells(line.cells, width)
                _store_row(
                    table_rows,
                    prov,
                    base,
                    own,
                    row_labels.get(own, labels[-1]),
                    line,
                    REVIEW_COLUMNS,
                    indexes,
                )
            continue
        if table_rows:
            continue
        _, indexes = _trailing_cells(line.cells, width * len(REVIEW_ROWS))
        for k, row_id in enumerate(REVIEW_ROWS):
            _store_row(
                table_rows,
                prov,
                base,
                row_id,
                row_labels.get(row_id),
                line,
                REVIEW_COLUMNS,
                indexes[k * width : (k + 1) * width],
            )
    if not table_rows and not column_labels:
        return None
    return {"format": "2021", "rows": table_rows, "column_labels": column_labels, "labels": _labels(rows)}
