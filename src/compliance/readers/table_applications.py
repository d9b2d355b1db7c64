"""Table 2 (收到和处理政府信息公开申请情况): its rows named by their labels (groups, items, 总计), the
applicant columns, torn and numbered rows of conversions, the 2019 format's single-row （六）
(``table_rows`` for what the three tables share)."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from compliance.readers.grid import Row, header_at
from compliance.readers.labels import (
    APPLICATION_COLUMNS,
    APPLICATION_HEADERS,
    GROUP_ITEMS,
    GROUPS,
    TOP_ROWS,
    is_label_cell,
    is_value_cell,
    normalise_label,
)
from compliance.readers.lazy_re import lazy
from compliance.readers.table_rows import (
    Places,
    by_header,
    has_values,
    is_label,
    is_value,
    join_split_rows,
    labels_of,
    store_row,
    trailing,
)

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
        if not is_label(text):
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


def _rename_row(table_rows: dict[str, Any], prov: Places, base: str, old: str, new: str) -> None:
    row = table_rows.pop(old)
    table_rows[new] = {**row, "id": new}
    pointer, renamed = f"{base}/rows/{old}", f"{base}/rows/{new}"
    moved = [place for place in prov if place[0] == pointer]  # its places go last, renamed, as a dict's would
    prov[:] = [place for place in prov if place[0] != pointer] + [(renamed, *place[1:]) for place in moved]


def _drop_blank_subtotals(table_rows: dict[str, Any], prov: Places, base: str) -> None:
    """Forget a group's all-blank subtotal row when the group has items: it is the group's label on
    a row of its own with empty cells (a layout), not a figure; without items it stays (2019's
    single （六）其他处理 row, left blank where there were none)."""
    for sub in [row_id for row_id in table_rows if row_id.endswith("_subtotal")]:
        group = sub[: -len("_subtotal")]
        blank = all(value is None for value in (table_rows[sub].get("values") or {}).values())
        if blank and any(row_id.startswith(group + "_") and row_id != sub for row_id in table_rows):
            del table_rows[sub]
            pointer = f"{base}/rows/{sub}"
            prov[:] = [place for place in prov if place[0] != pointer]


# What one row of table 2 says: (start, end, indexes) of its values (``trailing``), its label
# parts, the row id they name (None: none), the group after it, and, for a row without values,
# the (column id, label) pairs of the column labels in it (None: a row with values).
_ApplicationRow = tuple[
    int, int, tuple[int | None, ...], tuple[str, ...], str | None, str | None, tuple[tuple[str, str], ...] | None
]


# A pure function of the row's texts and the group before it: rows repeat across the reports of a
# batch (a line of zeros under the same label), so each is worked out once.
@functools.lru_cache(maxsize=4096)
def _application_row(texts: tuple[str, ...], exact: bool, group: str | None) -> _ApplicationRow:
    start, end, indexes = trailing(texts, len(APPLICATION_COLUMNS), exact, _application_floor(texts, group))
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
    if not has_values(texts, start) and not (
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
    if not all(is_value_cell(text) for text in texts[start:end]) or not any(map(is_value, texts[start:end])):
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


def read_applications(rows: Sequence[Row], prov: Places, base: str) -> dict[str, Any] | None:
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

    for row in join_split_rows(rows, _names_application_row):
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
        cells = None if row.cols is None else by_header(row, start, end, _application_header(headers),
                                                         APPLICATION_COLUMNS)
        store_row(
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
    if blanks and any("" in row["raw"].values() for row in table_rows.values()):
        for row_id, label, row in blanks:
            if row_id not in table_rows:
                store_row(table_rows, prov, base, row_id, label, row, APPLICATION_COLUMNS,
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
    return {"format": fmt, "rows": table_rows, "column_labels": column_labels, "labels": labels_of(rows)}


