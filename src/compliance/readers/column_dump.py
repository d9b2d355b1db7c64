"""Tables whose text cannot be put back into rows and columns: found, marked unreadable, never guessed.

Why: a PDF converter that does not keep the layout writes a ruled table's cells as bare lines, one
cell a line, in an order the reader cannot undo. Poppler's ``pdftotext`` (default mode) writes
them **column by column**: every row label first, then header cells, then each column's values,
the header pieces of the next column standing between the values of the last. PyMuPDF's
``get_text`` writes them row by row but **leaves blank cells out**: "一、本年新收… 821 35 2 1 859"
has five values for seven columns, and nothing says which columns are blank. Read as rows, both
give numbers in the wrong cells, and the rules then report defects the report does not have
(a "review total 0 ≠ 12", "applications received 859 vs 0").

What is judged here is the text's shape, never a report's labels or numbers. The lines of a
document are cut into *zones* at section headings and sentences (a line with "。", or a long line
that is no row label). A zone is judged only when it is **bare**: no tab, no ``|``, no run of
spaces inside a line (a layout-keeping conversion places values under their headers and is read
elsewhere), no line with two values, and no line with a label and a value (a row written on one
line). Its lines are values (a number or placeholder alone), row labels (the vocabulary's row
words, item numbers "1."/"（三）") or other labels (headers and label pieces); its table is the one
most of its labels point to (``tables.hint``). Then:

- **cells written column by column** — more values in a row than the table is wide, with no row
  label among them (table 1: 3, table 2: 7, table 3: 15), or header labels between a row's
  values at least twice, after row labels written two or more in a row without values;
- **blank cells left out** (tables 2 and 3, whose width is fixed) — a row label followed by
  values that are neither none nor a whole row (table 2: 7; table 3: 5 for a group or 15 for the
  whole table).

``mark`` then puts ``unreadable: {reason, values, row_labels}`` on the table (a stub table when the
reader found none) and drops every row it cannot show right: for *blank cells left out*, a row
is kept only when the text gives it a whole row of values, and the reader read exactly those,
in order; for a column-wise dump, none. The rules skip what needs an unreadable table and say
why (rules/ogi-2021, docs/inputs.md).

A table with blank cells left out is not marked when every short row's readings are already the
engine's to check (``alternatives``, all of them, no more in the report than the engine checks):
the readers give those for rows of several numbers, and ``lone_readings`` here for a row that kept
one number (in each of its columns in turn).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from compliance.model.report import MAX_READINGS_CHECKED
from compliance.readers.conversions import clean_lines
from compliance.readers.document import find_headings
from compliance.readers.flattened import MAX_ALTERNATIVES
from compliance.readers.labels import (
    ACTIVE,
    ACTIVE_ROWS,
    APPLICATION_COLUMNS,
    APPLICATIONS,
    GROUPS,
    REVIEW,
    REVIEW_GROUPS,
    TOP_ROWS,
    clean,
    is_value_cell,
    normalise_label,
    parse_number,
)
from compliance.readers.lazy_re import lazy
from compliance.readers.per_line import LineMemo
from compliance.readers.tables import hint

__all__ = ["BY_COLUMN", "LEFT_OUT", "Verdict", "judge", "keep_alternatives", "lone_readings", "mark", "mark_text"]

BY_COLUMN = "cells-by-column"
LEFT_OUT = "blank-cells-left-out"

# The most values one row of each table holds (table 1: 规章 and 行政规范性文件 have three columns).
_WIDTH = {ACTIVE: 3, APPLICATIONS: len(APPLICATION_COLUMNS), REVIEW: 15}
# How many values a row label of tables 2 and 3 may be followed by when no cell is left out.
_WHOLE = {APPLICATIONS: frozenset({0, len(APPLICATION_COLUMNS)}), REVIEW: frozenset({0, 5, 15})}
# Table 3's 行政诉讼 spans its two suit groups: a row label here (two group labels in a row, then values).
_ROW_WORDS = (*(word for pairs in (ACTIVE_ROWS, TOP_ROWS, GROUPS, REVIEW_GROUPS) for word, _ in pairs), "行政诉讼")
# An item number opening a row label ("1.属于国家秘密", "（三）不", "（七）总计", "四、结转…").
_ROW_START = lazy(r"(?:[0-9]{1,2}[.、．]|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)(?:\S|$)")
_LAID_OUT = lazy(r"\S[ \u3000\xa0]{2,}\S")
_PROSE_LENGTH = 30  # characters: a longer line that is no row label is running text
_HINTED_MIN = 3  # label lines pointing to a table before a zone is taken for that table
_INTERLEAVED_MIN = 2
# The most other readings a report may have for the engine to check every one (the model's
# MAX_READINGS_CHECKED, which engine/readings.py uses too). A row with flattened.MAX_ALTERNATIVES
# readings in the model may have had more: not all of them are there.
MAX_VARIANTS = MAX_READINGS_CHECKED


@dataclass(slots=True)
class Verdict:
    """Why a table cannot be read, with the counts that showed it and the rows given whole."""

    reason: str
    values: int
    row_labels: int
    labels: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    whole_rows: list[tuple[str, list[Any]]] = field(default_factory=list)
    short_rows: list[tuple[str, list[Any]]] = field(default_factory=list)

    def to_model(self) -> dict[str, Any]:
        """The model's ``unreadable`` object (report.schema.json)."""
        return {"reason": self.reason, "values": self.values, "row_labels": self.row_labels}


def _is_row_label(text: str) -> bool:
    normal = normalise_label(text)
    return bool(_ROW_START.match(normal)) or any(word in normal for word in _ROW_WORDS)


def _zones(lines: Sequence[str], stops: Container[int]) -> list[dict[int, str]]:
    """Runs of non-blank lines (by 1-based number) between section headings (``stops``) and running text."""
    zones: list[dict[int, str]] = []
    zone: dict[int, str] = {}
    for number, line in enumerate(lines, 1):
        text = clean(line)
        if number in stops or "。" in text or (len(text) > _PROSE_LENGTH and not _is_row_label(text)):
            if zone:
                zones.append(zone)
            zone = {}
        elif text:
            zone[number] = line
    if zone:
        zones.append(zone)
    return zones


# An item of a bare zone: ("V", value), ("R", row label) or ("H", any other label).
Item = tuple[str, str]


def _items(zone: Iterable[str]) -> list[Item] | None:
    """The zone's lines as items, or None when the zone is not bare (cells separated or laid out)."""
    items: list[Item] = []
    for line in zone:
        if "\t" in line or "|" in line or "｜" in line or _LAID_OUT.search(line.strip()):
            return None
        text = clean(line)
        tokens = text.split()
        values = sum(map(is_value_cell, tokens))
        if values and (len(tokens) > 1):
            return None  # two values on a line, or a label and a value: a row written on one line
        if values:
            items.append(("V", text))
        else:
            items.append(("R" if _is_row_label(text) else "H", text))
    return items


def _kind(items: Sequence[Item]) -> str | None:
    hints = Counter(kind for tag, text in items if tag != "V" and (kind := hint((text,))) is not None)
    if not hints:
        return None
    kind, count = hints.most_common(1)[0]
    return kind if count >= _HINTED_MIN else None


def _by_column(items: Sequence[Item], width: int) -> bool:
    """Values no row can hold: a longer run than one row, or headers between a row's values."""
    run = longest = interleaved = labels_in_row = most_labels = 0
    header_since_value = seen_value = False
    for tag, _ in items:
        if tag == "V":
            run += 1
            longest = max(longest, run)
            interleaved += header_since_value
            header_since_value = False
            seen_value = True
            labels_in_row = 0
        elif tag == "R":
            run = 0
            header_since_value = seen_value = False
            labels_in_row += 1
            most_labels = max(most_labels, labels_in_row)
        else:
            header_since_value = seen_value
    return longest > width or (interleaved >= _INTERLEAVED_MIN and most_labels >= 2)


def _segments(items: Sequence[Item]) -> list[tuple[str, list[str]]]:
    """Each row label with the values that follow it (label pieces after it ignored)."""
    out: list[tuple[str, list[str]]] = []
    for tag, text in items:
        if tag == "R":
            out.append((text, []))
        elif tag == "V" and out:
            out[-1][1].append(text)
        elif tag == "V":
            out.append(("", [text]))
    return out


def judge(lines: Sequence[str], stops: Container[int] = ()) -> dict[str, Verdict]:
    """The tables of ``lines`` whose cells cannot be placed, by table kind, with the reason.

    ``stops`` are the 1-based numbers of lines that end a zone (section headings)."""
    verdicts: dict[str, Verdict] = {}
    for zone in _zones(lines, stops):
        items = _items(zone.values())
        if items is None or not any(tag == "V" for tag, _ in items):
            continue
        kind = _kind(items)
        if kind is None or kind in verdicts:
            continue
        values = sum(tag == "V" for tag, _ in items)
        row_labels = sum(tag == "R" for tag, _ in items)
        labels = [text for tag, text in items if tag != "V"]
        if _by_column(items, _WIDTH[kind]):
            verdicts[kind] = Verdict(BY_COLUMN, values, row_labels, labels, list(zone))
            continue
        whole = _WHOLE.get(kind)
        if whole is None:
            continue
        segments = _segments(items)
        if any(len(found) not in whole for _, found in segments):
            kept = [(label, found) for label, found in segments if label and found and len(found) in whole]
            short = [(label, found) for label, found in segments if len(found) not in whole]
            verdicts[kind] = Verdict(LEFT_OUT, values, row_labels, labels, list(zone), kept, short)
    return verdicts


def _same_label(text: str, row: dict[str, Any]) -> bool:
    key, label = normalise_label(text), normalise_label(row.get("label") or "")
    return bool(key and label and (key in label or label in key))


def _shown_right(row: dict[str, Any], verdict: Verdict) -> bool:
    """A row the text gives whole (every value, in order, after a label that is the row's)."""
    got = list((row.get("values") or {}).values())
    return any(_same_label(text, row) and [parse_number(v) for v in found] == got for text, found in verdict.whole_rows)


def _readings_cover(model: dict[str, Any], kind: str, verdict: Verdict,
                    lone: Sequence[dict[str, Any]] = ()) -> bool:
    """Whether the reader already read every short row as ambiguous: the row's numbers kept whole and
    in order, and its other placements handed to the engine as ``alternatives`` (which checks a rule
    on every reading), each row's readings all there (none cut at ``MAX_ALTERNATIVES``) and no more
    of them in the report than the engine checks (``MAX_VARIANTS``). Then nothing is guessed and the
    table is left to them. ``lone`` are the readings ``lone_readings`` would add."""
    rows = (model["tables"].get(kind) or {}).get("rows") or {}
    alternatives = [*(model.get("alternatives") or ()), *lone]
    if sum(len(a["readings"]) - 1 for a in alternatives) > MAX_VARIANTS:
        return False  # the engine would check only some readings: a verdict could rest on a guess
    readings = {str(a.get("row")) for a in alternatives
                if len(a["readings"]) < MAX_ALTERNATIVES or str(a.get("row")) in {b["row"] for b in lone}}
    for text, found in verdict.short_rows:
        match = [(rid, row) for rid, row in rows.items() if _same_label(text, row)]
        if len(match) != 1:
            return False
        rid, row = match[0]
        placed = [v for v in (row.get("values") or {}).values() if v is not None]
        if placed != [parse_number(v) for v in found] or f"/tables/{kind}/rows/{rid}" not in readings:
            return False
    return True


def mark(model: dict[str, Any], lines: Sequence[str], stops: Container[int] = ()) -> None:
    """Mark in the report model each table ``judge`` finds unreadable in ``lines`` (the document's
    lines, one a line, ``stops`` its heading lines) and drop the rows, with their provenance, it
    cannot show right, and every other reading of the table's rows. A table the reader did not find
    becomes a stub with the zone's labels, placed at the zone's first line (and listed by the section
    it stands in)."""
    tables: dict[str, Any] = model["tables"]
    provenance: dict[str, Any] = model["provenance"]
    for kind, verdict in judge(lines, stops).items():
        if verdict.reason == LEFT_OUT:
            lone = lone_readings(model, kind, verdict)
            if _readings_cover(model, kind, verdict, lone):
                _add_readings(model, lone)
                continue
        table = tables.get(kind)
        if table is None:
            table = tables[kind] = {"format": None, "rows": {}, "column_labels": {}, "labels": verdict.labels}
            provenance[f"/tables/{kind}"] = {"line": verdict.lines[0]}
            _list_in_section(model, kind, verdict.lines[0])
        table["unreadable"] = verdict.to_model()
        rows = table.get("rows") or {}
        keep = {rid: row for rid, row in rows.items() if verdict.reason == LEFT_OUT and _shown_right(row, verdict)}
        gone = {f"/tables/{kind}/rows/{rid}" for rid in rows.keys() - keep.keys()}
        if gone:
            for pointer in [p for p in provenance if "/".join(p.split("/")[:5]) in gone]:
                del provenance[pointer]
        table["rows"] = keep
        _drop_alternatives(model, f"/tables/{kind}/")


def lone_readings(model: dict[str, Any], kind: str, verdict: Verdict) -> list[dict[str, Any]]:
    """The readings of each short row that kept a single number and has none yet: the number in each
    of the row's columns in turn, the others blank (seven ways in table 2, five in a group of table 3).

    The column the reader put it in first (the model's value stays where it was read), then the
    placements that satisfy the row's identity (总计 the sum of the others: only a 0 does), then the
    others in column order. The number is the text's; only its column is inferred."""
    rows = (model["tables"].get(kind) or {}).get("rows") or {}
    have = {str(a.get("row")) for a in model.get("alternatives") or ()}
    out: list[dict[str, Any]] = []
    for text, found in verdict.short_rows:
        match = [(rid, row) for rid, row in rows.items() if _same_label(text, row)]
        if len(found) != 1 or len(match) != 1:
            continue
        rid, row = match[0]
        pointer = f"/tables/{kind}/rows/{rid}"
        values = row.get("values") or {}
        columns = list(values)
        placed = [k for k, v in enumerate(values.values()) if v is not None]
        number = parse_number(found[0])
        if pointer in have or len(placed) != 1 or values[columns[placed[0]]] != number or len(columns) < 2:
            continue
        readings = [[number if k == column else None for k in range(len(columns))] for column in range(len(columns))]
        fits = [r for r in readings if sum(v or 0 for v in r[:-1]) == (r[-1] or 0)]
        first = readings[placed[0]]
        ordered = [first, *(r for r in fits if r != first), *(r for r in readings if r not in fits and r != first)]
        out.append({"row": pointer, "run": clean(found[0]), "columns": columns, "readings": ordered})
    return out


def _add_readings(model: dict[str, Any], lone: Sequence[dict[str, Any]]) -> None:
    """Hand ``lone``'s readings to the engine: the first is the model's as read (its cell marked
    inferred, as a split of run-together digits is), the others ``alternatives``."""
    for alternative in lone:
        first = alternative["readings"][0]
        split = "|".join("" if v is None else str(v) for v in first)
        note = {"run": alternative["run"], "split": split, "readings": len(alternative["readings"]),
                "consistent": sum(v or 0 for v in first[:-1]) == (first[-1] or 0)}
        for column, value in zip(alternative["columns"], first, strict=True):
            place = model["provenance"].get(f"{alternative['row']}/values/{column}")
            if value is not None and place is not None:
                place["inferred"] = note
    if lone:
        model["alternatives"] = [*(model.get("alternatives") or ()), *lone]


def _drop_alternatives(model: dict[str, Any], prefix: str) -> None:
    """Other readings of an unreadable table's rows (``alternatives``, which the engine checks rules
    on too) are guesses as well: none is kept."""
    keep_alternatives(model, lambda row: not row.startswith(prefix))


def keep_alternatives(model: dict[str, Any], keep: Callable[[str], bool]) -> None:
    """Keep the ``alternatives`` whose row pointer ``keep`` accepts (the key goes when none is left)."""
    alternatives = [a for a in model.get("alternatives") or () if keep(str(a.get("row", "")))]
    if alternatives:
        model["alternatives"] = alternatives
    else:
        model.pop("alternatives", None)


def mark_text(model: dict[str, Any], lines: Sequence[str]) -> None:
    """``mark`` for a text document's lines as written (conversion furniture is taken off and the
    section headings found here). Most texts have no value alone on a line but a year: nothing more
    is done (each distinct line is asked once, ``LineMemo``)."""
    lone = _LONE_VALUE
    if not any(lone[line] for line in lines):
        return
    cleaned = clean_lines(lines)
    mark(model, cleaned, {heading.line for heading in find_headings(cleaned)})


def _lone_value(line: str) -> bool:
    """A value alone on its line, other than a year (a title's "2023" often stands alone)."""
    text = clean(line)
    return len(text.split()) == 1 and not _YEAR.fullmatch(text) and is_value_cell(text)


_YEAR = lazy(r"(?:19|20)[0-9]{2}")
_LONE_VALUE = LineMemo(_lone_value)


def _list_in_section(model: dict[str, Any], kind: str, line: int) -> None:
    """Name a stub table in the section whose heading is the last one before ``line``."""
    owner = None
    for k, section in enumerate(model.get("sections") or []):
        place = model["provenance"].get(f"/sections/{k}") or {}
        if place.get("line", line + 1) <= line:
            owner = section
    if owner is not None and kind not in owner.setdefault("tables", []):
        owner["tables"].append(kind)
