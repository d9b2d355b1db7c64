"""Table recognition shared by every reader: runs of rows → tables 1–3 with provenance.

A *run* is a sequence of rows that belong together: one ``<table>`` of a page or document, or
consecutive cell-separated lines of a text file. Each run is split where its labels switch to a
table not yet seen in it (a page may put two tables in one ``<table>``), and the rows of each
table kind are read by ``table_active``, ``table_applications`` and ``table_review`` (what they
share: ``table_rows``). Rows carry their own and their cells' locations, so the provenance is
whatever the reader recorded (line/column, table/row/cell, page).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from compliance.model.provenance import Segment
from compliance.readers.grid import Row
from compliance.readers.labels import (
    ACTIVE,
    APPLICATIONS,
    MARKERS,
    REVIEW,
    TABLE_KINDS,
    is_label_cell,
    is_value_cell,
    normalise_label,
)
from compliance.readers.table_active import read_active
from compliance.readers.table_applications import read_applications
from compliance.readers.table_review import read_review
from compliance.readers.table_rows import Places, TableReader, row_has_values

READERS: dict[str, TableReader] = {ACTIVE: read_active, APPLICATIONS: read_applications, REVIEW: read_review}


@dataclass(slots=True)
class TablesFound:
    """The tables (None when absent), their provenance, the blocks they used and where each starts.

    ``provenance`` is each table's own entry followed by its rows' records, in order: the model's
    ``Provenance`` makes the entries from them when asked (``model/provenance.py``)."""

    tables: dict[str, dict[str, Any] | None]
    provenance: list[Segment] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)
    first_blocks: dict[str, int] = field(default_factory=dict)


def hint(texts: Sequence[str]) -> str | None:
    """The table a row's labels point to (the one with the most marker hits), if any."""
    return _row_hint(texts if isinstance(texts, tuple) else tuple(texts))


# A row's texts decide its hint; rows repeat across the reports of a batch (and every run's rows
# are hinted again by ``blocks.is_report_table``).
@functools.lru_cache(maxsize=4096)
def _row_hint(texts: tuple[str, ...]) -> str | None:
    text = normalise_label("".join(t for t in texts if is_label_cell(t)))
    return _hint_of(text) if text else None


# Every row of every run is hinted, and its labels are the format's own (the same across the reports
# of a batch; the values, which differ, are not part of the key): each distinct label text is scored
# against the ~60 markers once.
@functools.lru_cache(maxsize=4096)
def _hint_of(text: str) -> str | None:
    scores = {kind: sum(marker in text for marker in markers) for kind, markers in MARKERS.items()}
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] else None


def has_values(row: Row) -> bool:
    """Whether a row holds a value cell (a number or a placeholder), not only labels."""
    return row_has_values(row.texts)


def values_only(row: Row) -> bool:
    """Whether a row holds values and nothing else (every filled cell a value)."""
    filled = [text for text in row.texts if text]
    return bool(filled) and all(map(is_value_cell, filled))


def segments(run: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """Split one run into tables where the markers switch to a table not yet seen in the run."""
    out: list[tuple[str, list[Row]]] = []
    kind: str | None = None
    rows: list[Row] = []
    for row in run:
        found = hint(row.texts)
        if found is not None and found != kind and all(found != done for done, _ in out):
            if kind is not None:
                out.append((kind, rows))
                rows = []
            kind = found
        rows.append(row)
    if kind is not None:
        out.append((kind, rows))
    return out


def find_tables(runs: Sequence[Sequence[Row]], table_loc: dict[int, dict[str, int]] | None = None) -> TablesFound:
    """Find and read tables 1–3 in ``runs``.

    A table's own provenance is ``table_loc[block]`` of its first row's block when given (e.g.
    ``{"table": 2}``), else the location of its first row.
    """
    grouped: dict[str, list[Row]] = {kind: [] for kind in TABLE_KINDS}
    headed: str | None = None  # a table whose rows so far are its header only
    previous: str | None = None  # the table the run before ended with
    valued: set[str] = set()  # the tables with a row of values so far
    for run in runs:
        parts = segments(run)
        if not parts and headed is not None and any(map(has_values, run)):
            # A table's header printed apart from its values (a PDF conversion breaks the run at a
            # header line it cannot split, or a note): the next rows with values and no labels that
            # name a table are that table's.
            parts = [(headed, list(run))]
        elif not parts and previous is not None and all(map(values_only, run)):
            # Rows of values alone between two pieces of a table whose labels a converter printed
            # apart (上海市科委 2024): they continue the table before them.
            parts = [(previous, list(run))]
        for kind, rows in parts:
            grouped[kind].extend(rows)
            if kind not in valued and any(map(has_values, rows)):
                valued.add(kind)
        previous = parts[-1][0] if parts else None
        if parts:
            last = parts[-1][0]
            headed = None if last in valued else last
    found = TablesFound(tables=dict.fromkeys(TABLE_KINDS))
    for kind, rows in grouped.items():
        if not rows:
            continue
        prov: Places = []
        table = READERS[kind](rows, prov, f"/tables/{kind}")
        if table is None:
            continue
        first = rows[0]
        found.tables[kind] = table
        found.first_blocks[kind] = first.block
        found.provenance.append((f"/tables/{kind}", dict((table_loc or {}).get(first.block, first.loc))))
        found.provenance += prov
        found.blocks.update(row.block for row in rows)
    return found
