"""The readers of tables 1–3: one table's rows of cells → its model (rows, values, raw, labels).

Rows are identified by their labels, never by position. Columns are matched to the header labels
above them when the cells know their grid columns (HTML, DOCX, PDF); text exports drop merged
cells, so there the values are taken from the trailing cells of each row, in form order.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from compliance.readers.grid import Row, header_at
from compliance.readers.labels import (
    ACTIVE_COLUMNS,
    ACTIVE_DEFAULTS,
    ACTIVE_ROWS,
    APPLICATION_COLUMNS,
    APPLICATION_HEADERS,
    FORMAT_2019,
    FORMAT_2021,
    GROUP_ITEMS,
    GROUPS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_HEADERS,
    REVIEW_ROWS,
    TOP_ROWS,
    is_garbled_value,
    is_label_cell,
    is_value_cell,
    lookup,
    normalise_label,
    parse_number,
)
from compliance.readers.lazy_re import lazy

Provenance = dict[str, dict[str, int]]
TableReader = Callable[[Sequence[Row], Provenance, str], "dict[str, Any] | None"]


@functools.lru_cache(maxsize=8192)  # per cell text, like the tests it combines
def _is_label(text: str) -> bool:
    """A label cell that is not an unreadable value ("约3" is no label)."""
    return is_label_cell(text) and not is_garbled_value(text)


def _labels(rows: Sequence[Row]) -> list[str]:
    """Every label cell of the rows; an unreadable value ("约3") is no label."""
    return [text for row in rows for text in row.texts if _is_label(text)]


def _store_row(
    table_rows: dict[str, Any],
    prov: Provenance,
    base: str,
    row_id: str,
    label: str | None,
    row: Row,
    columns: Sequence[str],
    cells: Sequence[int | None],
) -> None:
    """Record one row; ``cells`` gives, per column, the index of its cell in ``row`` (None: the
    column was not found). Only the cells kept here get a location (``Row.locate``)."""
    pointer = f"{base}/rows/{row_id}"
    prov[pointer] = dict(row.loc)
    values, raw, kept = _row_values(row.texts, tuple(columns), tuple(cells))
    row.locate(prov, pointer + "/values/", kept)
    table_rows[row_id] = {"id": row_id, "label": label, "values": dict(values), "raw": dict(raw)}


# A row's values, its raw texts and the (column, cell index) pairs kept, per texts and columns: the
# same row under the same columns (a row of zeros) is parsed once. The dicts are copied for each model.
@functools.lru_cache(maxsize=4096)
def _row_values(
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


def _trailing(
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
    pad = end
    while len(indexes) < width and pad < len(texts):
        indexes.append(pad)
        pad += 1
    missing: list[int | None] = [None] * (width - len(indexes))
    return start, end, missing + indexes


def _padding_start(texts: Sequence[str], end: int, width: int) -> int:
    """Where a row's trailing empty cells start when a full set of ``width`` filled values comes
    before them: those cells are padding (a converted table with more columns than the row has
    values: "| 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |"), not blanks. Otherwise ``end``: a row
    short of values keeps its trailing empty cells as blank values ("| … | 1 | 1 |  |": 总计 left blank)."""
    filled = end
    while filled and not texts[filled - 1]:
        filled -= 1
    run = filled
    while run and _is_value(texts[run - 1]):
        run -= 1
    return filled if filled - run >= width else end


@functools.lru_cache(maxsize=8192)
def _is_value(text: str) -> bool:
    """A filled value cell: a number or a placeholder ("-", "无"), not an empty cell."""
    return bool(text) and is_value_cell(text)


def _has_values(texts: Sequence[str], start: int) -> bool:
    return any(map(_is_value, texts[start:] if start else texts))


def _by_header(
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


def _join_split_rows(rows: Sequence[Row], names_row: Callable[[str], bool]) -> list[Row]:
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
        if after is None or _has_values(row.texts, 0):  # the common case: a row with its values
            out.append(row)
            index += 1
            continue
        labels = [k for k, text in enumerate(row.texts) if _is_label(text)]
        if (
            labels
            and any(names_row(row.texts[k]) for k in labels)
            and not any(map(_is_label, after.texts))
            and _has_values(after.texts, 0)
        ):
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


# ---------------------------------------------------------------- table 1


# A header cell of table 1: its grid column (None: placed by position), its width and its column id.
_Head = tuple[int | None, int, str]


def _active_cells(row: Row, at: int, wanted: Sequence[str], header: Sequence[_Head]) -> list[int | None]:
    """The indexes of the cells after the row label ``at`` that hold the ``wanted`` columns."""
    texts = row.texts
    after = list(range(at + 1, len(texts)))
    if header and all(col is not None for col, _, _ in header) and all(row.col(k) is not None for k in after):
        # Grid: each value sits under its header cell (a value spanning several columns counts once).
        out: list[int | None] = []
        for head, span, _ in header:
            assert head is not None
            under = [k for k in after if head <= (row.col(k) or 0) < head + span or row.covers(k, head)]
            out.append(under[0] if under else None)
        return out
    # Values follow their label; words after it are another row's label or a header, never its values
    # (a converter that writes a table column by column: "规章" then "行政规范性文件", "信息内容" …).
    words = next((i for i, k in enumerate(after) if _is_label(texts[k])), None)
    if words is not None:
        after = after[:words]
    blanks: list[int] = []
    while after and not texts[after[-1]]:
        blanks.insert(0, after.pop())
    # A spacer cell between label and values is dropped only when there are too many cells.
    while len(after) > len(wanted) and not texts[after[0]]:
        after.pop(0)
    # Trailing empty cells stand for blank values when the row is short of values.
    after += blanks[: max(0, len(wanted) - len(after))]
    return [after[k] if k < len(after) else None for k in range(len(wanted))]


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


def read_active(rows: Sequence[Row], prov: Provenance, base: str) -> dict[str, Any] | None:
    """Table 1 (主动公开): blocks of a header row (column labels) and labelled rows, 2021 or 2019."""
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    header: list[_Head] = []
    for row in _join_split_rows(rows, _names_active_row):
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
        _store_row(table_rows, prov, base, row_id, texts[at], row, wanted, cells)
    if not table_rows and not column_labels:
        return None
    labels = _labels(rows)
    text = normalise_label("".join(labels))
    new, old = any(s in text for s in FORMAT_2021), any(s in text for s in FORMAT_2019)
    fmt = "2021" if new and not old else "2019" if old and not new else None
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": labels}


# ---------------------------------------------------------------- table 2

_ITEM_NUMBER = lazy(r"([0-9]{1,2})[.、]")
_TOTAL = lazy(r"(（七）)?总计")
_APPLICATION_CONTEXT = ("本年度办理结果",)
# A count written into the cell ("部分公开答复 0 件"): a sentence of the text a PDF line break left
# ending in a number, not a row label of the table.
_COUNT_IN_WORDS = lazy(r"[0-9]\s*件")
_TOP_IDS = frozenset(row_id for _, row_id in TOP_ROWS) | {"results_total"}


@functools.lru_cache(maxsize=4096)
def _application_cell(label: str, group: str | None) -> tuple[str, str]:
    """Classify one label cell of table 2: ("row", id), ("group", name), ("top", "") or ("", "")."""
    text = normalise_label(label)
    if _COUNT_IN_WORDS.search(text):
        return "", ""
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


def _application_floor(texts: Sequence[str], group: str | None) -> int | None:
    """The index after the last cell that names a row, group or block of table 2 (None: none does)."""
    floor = None
    for index, text in enumerate(texts):
        if not _is_label(text):
            continue
        kind, name = _application_cell(text, group)
        if kind:
            floor = index + 1
            group = name if kind == "group" else None if kind == "top" else group
    return floor


# An item numbering inside a label cell: a converter merged a group label and its first item
# ("（三）不予公开 1.属于国家秘密") or a block label and its first row.
_INNER_NUMBER = lazy(
    # one ideograph class, not two: each [\u4e00-\u9fff] costs ~1 ms to compile, once per process
    r"(?<=\S)\s*(?=(?:[0-9]{1,2}[.、．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*[\u4e00-\u9fff])"
)


def _label_parts(text: str) -> tuple[str, ...]:
    """A label cell split where a numbered label starts inside it (one part when none does)."""
    return _split_label(text)


@functools.lru_cache(maxsize=4096)  # labels repeat, within a table and across the reports of a batch
def _split_label(text: str) -> tuple[str, ...]:
    parts = [part.strip() for part in _INNER_NUMBER.split(text)]
    return tuple(part for part in parts if part) or (text,)


def _names_application_row(text: str) -> bool:
    return _application_cell(text, None)[0] == "row"


def _application_header(headers: Sequence[Row]) -> Callable[[int], str | None]:
    def match(col: int) -> str | None:
        return header_at(headers, col, lambda text: APPLICATION_HEADERS.get(normalise_label(text)))

    return match


def _rename_row(table_rows: dict[str, Any], prov: Provenance, base: str, old: str, new: str) -> None:
    row = table_rows.pop(old)
    table_rows[new] = {**row, "id": new}
    prefix = f"{base}/rows/{old}"
    for key in [k for k in prov if k == prefix or k.startswith(prefix + "/")]:
        prov[f"{base}/rows/{new}{key[len(prefix):]}"] = prov.pop(key)


def _drop_blank_subtotals(table_rows: dict[str, Any], prov: Provenance, base: str) -> None:
    """Forget a group's all-blank subtotal row when the group has items: it is the group's label on
    a row of its own with empty cells (a layout), not a figure; without items it stays (2019's
    single （六）其他处理 row, left blank where there were none)."""
    for sub in [row_id for row_id in table_rows if row_id.endswith("_subtotal")]:
        group = sub[: -len("_subtotal")]
        blank = all(value is None for value in (table_rows[sub].get("values") or {}).values())
        if blank and any(row_id.startswith(group + "_") and row_id != sub for row_id in table_rows):
            del table_rows[sub]
            prefix = f"{base}/rows/{sub}"
            for key in [k for k in prov if k == prefix or k.startswith(prefix + "/")]:
                del prov[key]


# What one row of table 2 says: (start, end, indexes) of its values (``_trailing``), its label
# parts, the row id they name (None: none), the group after it, and, for a row without values,
# the (column id, label) pairs of the column labels in it (None: a row with values).
_ApplicationRow = tuple[
    int, int, tuple[int | None, ...], tuple[str, ...], str | None, str | None, tuple[tuple[str, str], ...] | None
]


# A pure function of the row's texts and the group before it: rows repeat across the reports of a
# batch (a line of zeros under the same label), so each is worked out once.
@functools.lru_cache(maxsize=4096)
def _application_row(texts: tuple[str, ...], exact: bool, group: str | None) -> _ApplicationRow:
    start, end, indexes = _trailing(texts, len(APPLICATION_COLUMNS), exact, _application_floor(texts, group))
    labels = tuple(part for text in texts[:start] if is_label_cell(text) for part in _label_parts(text))
    row_id: str | None = None
    last_kind = ""
    for text in labels:
        kind, name = _application_cell(text, group)
        last_kind = kind or last_kind
        if kind == "group":
            group, row_id = name, None
        elif kind == "top":
            group, row_id = None, None
        elif kind == "row":
            row_id = name
            group = None if name in _TOP_IDS else group
    if row_id is None and last_kind == "" and len(labels) >= 2:
        # A label a converter tore over the grid's columns ("一、本年" | "新收政府信" | "息公开申请数量":
        # a merged cell's text cut at the column lines below it) names its row (or group) when joined.
        kind, name = _application_cell("".join(labels), group)
        if kind == "row":
            row_id = name
            group = None if name in _TOP_IDS else group
        elif kind == "group":
            group, last_kind = name, kind
    # A group label standing alone with cells of its own (2019's single （六）其他处理 row, a subtotal).
    own_group = row_id is None and last_kind == "group" and group is not None
    # A labelled row whose seven cells are all blank (not a header row: no column labels in it); a
    # group label with seven blank cells is such a row too (a blank 2019 （六）其他处理 is one).
    if not _has_values(texts, start) and not (
        (row_id is not None or own_group)
        and len(texts) - start >= len(APPLICATION_COLUMNS)
        and not any(normalise_label(text) in APPLICATION_HEADERS for text in labels)
    ):
        header = tuple(
            (column, text) for text in labels if (column := APPLICATION_HEADERS.get(normalise_label(text)))
        )
        return start, end, tuple(indexes), labels, row_id, group, header
    if own_group:
        # A group label with values of its own: a subtotal row some reports add (the 2019 trial
        # format's single （六）其他处理 row looks the same; told apart below).
        row_id = f"{group}_subtotal"
    return start, end, tuple(indexes), labels, row_id, group, None


# The result rows in the format's order, each mapped to the one after it.
_RESULT_ORDER = ("granted", "partly_granted", *(row_id for _, name in GROUPS for _, row_id in GROUP_ITEMS[name]))
_NEXT_RESULT = dict(itertools.pairwise(_RESULT_ORDER))
_PREVIOUS_RESULT = {after: before for before, after in _NEXT_RESULT.items()}


def _torn_row(texts: Sequence[str], start: int, end: int, labels: Sequence[str], group: str | None,
              last_id: str | None, table_rows: dict[str, Any]) -> str | None:
    """The result row a full row of seven values stands for when its label was torn off by a
    converter (no label, or a fragment that names no row: "行政机关不再处理其政府信息公"): the row
    after the one read just before it, in the format's order, when that row is not read yet."""
    following = _NEXT_RESULT.get(last_id or "")
    if following is None or following in table_rows or end - start != len(APPLICATION_COLUMNS):
        return None
    # Seven value cells, some of them blank in a grid ("| 3 | | | | | | |": zeros left blank), one filled at least.
    if not all(is_value_cell(text) for text in texts[start:end]) or not any(map(_is_value, texts[start:end])):
        return None
    if any(_application_cell(label, group)[0] for label in labels):
        return None
    return following


def _numbered_next(labels: Sequence[str], last_id: str | None) -> str | None:
    """The result row after ``last_id`` when ``labels`` open with its item number ("2.其他法律…" after
    1.属于国家秘密), else None."""
    following = _NEXT_RESULT.get(last_id or "")
    item = _ITEM_NUMBER.match(normalise_label(labels[0])) if labels else None
    if following is None or item is None:
        return None
    for items in GROUP_ITEMS.values():
        ids = [row_id for _, row_id in items]
        if following in ids:
            return following if ids.index(following) + 1 == int(item.group(1)) else None
    return None


def read_applications(rows: Sequence[Row], prov: Provenance, base: str) -> dict[str, Any] | None:
    """Table 2 (申请): 25 labelled rows × 7 columns; （六）其他处理 as one row means the 2019 format."""
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    headers: list[Row] = []
    group: str | None = None
    single_other = False
    in_header = True  # the rows read so far since the last data row are header rows
    last_id: str | None = None  # the row read last
    # Row labels on their own after the data began (no values with them), in order: the rows of values
    # without labels that follow are theirs, in the same order (a converter wrote a run of labels, then
    # a run of values); a label whose values never come is a blank row -- kept only in a table that
    # leaves other cells blank too (below): elsewhere its values are more likely somewhere else.
    waiting: list[tuple[str, str | None, Row]] = []
    blanks: list[tuple[str, str | None, Row]] = []

    for row in _join_split_rows(rows, _names_application_row):
        start, end, indexes, labels, row_id, group, header_columns = _application_row(row.texts, row.exact, group)
        if header_columns == () and not in_header:
            # A label naming no row, with the item number of the row after the last one read
            # ("2.其他法律行政法规禁止", its end cut off): that row's label.
            row_id = row_id or _numbered_next(labels, waiting[-1][0] if waiting else last_id)
            if row_id is None and labels and group and _application_cell(labels[-1], None)[0] == "group":
                row_id = f"{group}_subtotal"  # a group label alone: 2019's blank single （六）其他处理 row
            if row_id is not None and row_id not in table_rows and all(w[0] != row_id for w in waiting):
                waiting.append((row_id, labels[-1] if labels else None, row))
                continue
        if header_columns is not None:
            if row_id is None and header_columns:
                # Header rows again after data rows: the table continues on a new page with its header
                # repeated, in that page's own columns.
                headers = headers if in_header else []
                in_header = True
            if in_header:
                headers.append(row)
            for column, text in header_columns:
                column_labels.setdefault(column, text)
            continue
        in_header = False
        if row_id is None and waiting and _torn_row(
            row.texts, start, end, labels, group, _PREVIOUS_RESULT.get(waiting[0][0]), table_rows
        ):
            row_id = waiting.pop(0)[0]  # the values of the first label waiting, under a fragment of it
        elif row_id is None:
            row_id = _torn_row(row.texts, start, end, labels, group, last_id, table_rows)
        else:  # a row with its own label: the labels waiting got no values
            blanks.extend(waiting)
            waiting = []
        if row_id is None or row_id in table_rows:
            continue
        last_id = row_id
        # Without grid columns (a text line) no header names a cell: the values go by position.
        cells = None if row.cols is None else _by_header(row, start, end, _application_header(headers),
                                                         APPLICATION_COLUMNS)
        _store_row(
            table_rows,
            prov,
            base,
            row_id,
            labels[-1] if labels else None,
            row,
            APPLICATION_COLUMNS,
            cells if cells is not None else indexes,
        )
    blanks.extend(waiting)
    if any(text == "" for row in table_rows.values() for text in row["raw"].values()):
        for row_id, label, row in blanks:
            if row_id not in table_rows:
                _store_row(table_rows, prov, base, row_id, label, row, APPLICATION_COLUMNS,
                           [None] * len(APPLICATION_COLUMNS))
    if not table_rows and not column_labels:
        return None
    _drop_blank_subtotals(table_rows, prov, base)
    other_items = {"other_no_correction", "other_unpaid_fee", "other_other"} & table_rows.keys()
    if "other_subtotal" in table_rows and not other_items:
        # No items under （六）: the 2019 trial format's single 其他处理 row, read as other_other.
        _rename_row(table_rows, prov, base, "other_subtotal", "other_other")
        single_other = True
        other_items = {"other_other"}
    fmt = "2019" if single_other else "2021" if other_items else None
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": _labels(rows)}


# ---------------------------------------------------------------- table 3


def _review_header(headers: Sequence[Row]) -> Callable[[int], str | None]:
    def match(col: int) -> str | None:
        group = header_at(headers, col, lambda text: lookup(text, REVIEW_GROUPS))
        outcome = header_at(
            headers, col, lambda text: None if lookup(text, REVIEW_GROUPS) else lookup(text, REVIEW_HEADERS)
        )
        return f"{group}/{outcome}" if group and outcome else None

    return match


def read_review(rows: Sequence[Row], prov: Provenance, base: str) -> dict[str, Any] | None:
    """Table 3 (复议、诉讼): one row of 15 values under grouped headers, or one row per group."""
    table_rows: dict[str, Any] = {}
    column_labels: dict[str, str] = {}
    row_labels: dict[str, str] = {}
    headers: list[Row] = []
    width = len(REVIEW_COLUMNS)
    above: str | None = None  # the one group a label row just above names ("### 行政复议" over its five values)
    for row in rows:
        texts = row.texts
        start, end, _ = _trailing(texts, width * len(REVIEW_ROWS), row.exact)
        labels = [text for text in texts[:start] if is_label_cell(text)]
        named = [(text, lookup(text, REVIEW_GROUPS)) for text in labels]
        blank_row = not labels and not any(texts) and len(texts) >= width * len(REVIEW_ROWS)
        if not _has_values(texts, start) and not blank_row:
            groups = {row_id for _, row_id in named if row_id}
            above = groups.pop() if len(groups) == 1 else above if not groups else None
            headers.append(row)
            for text, row_id in named:
                if row_id:
                    row_labels.setdefault(row_id, text)
                column = lookup(text, REVIEW_HEADERS)
                if column and not row_id:
                    column_labels.setdefault(column, text)
            continue
        own = next((row_id for _, row_id in reversed(named) if row_id), None)
        run = len(texts) - start  # value cells, blanks included
        if own is None and not labels and run == width:
            # Five values under their group's own label line, or, with no group named (the first
            # group's label taken for a heading), the next group in the printed order.
            own = above or next((group for group in REVIEW_ROWS if group not in table_rows), None)
        above = None
        if own is not None and run < width * len(REVIEW_ROWS):
            # A layout with one row per group, five values each.
            if own not in table_rows:
                _, _, indexes = _trailing(texts, width, row.exact)
                label = row_labels.get(own, labels[-1] if labels else None)
                _store_row(table_rows, prov, base, own, label, row, REVIEW_COLUMNS, indexes)
            continue
        if table_rows:
            continue
        keys = [f"{group}/{column}" for group in REVIEW_ROWS for column in REVIEW_COLUMNS]
        mapped = None if row.cols is None else _by_header(row, start, end, _review_header(headers), keys)
        if mapped is None:
            _, _, indexes = _trailing(texts, width * len(REVIEW_ROWS), row.exact)
            mapped = indexes
        for k, row_id in enumerate(REVIEW_ROWS):
            cells = mapped[k * width : (k + 1) * width]
            _store_row(table_rows, prov, base, row_id, row_labels.get(row_id), row, REVIEW_COLUMNS, cells)
    if not table_rows and not column_labels:
        return None
    return {"format": "2021", "rows": table_rows, "column_labels": column_labels, "labels": _labels(rows)}
