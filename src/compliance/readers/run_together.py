"""Tables whose cells ran together: the official labels in order, and the digit runs between them.

Crawler text of a portal page (and PDF text over narrow cells) keeps a table's words and numbers
but not its cell boundaries: "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000
行政规范性文件77132470…". Such text is read by what the format fixes:

- the **labels** of the three tables (rows, groups, column headers) are known phrases, so a stretch
  of words is cut into label cells wherever a known label starts (``segment``);
- the **digits** after a row label are that row's cells, however many digits ran together; they are
  split with ``digit_runs`` into as many cells as the row has (7 in table 2, 15 or 5 in table 3,
  one per column header in table 1), preferring splits that satisfy the row's own identity;
- a stretch is a table only while its words are labels: prose with a number in it
  ("现行有效行政规范性文件393件") is not, because a unit follows the number or the words around it
  are not labels.

The result is ``Row``s of ``Cell``s, as any other reader gives them, so the shared table readers
decide which row and column each value is; each value cell split out of a longer run is
recorded in ``Zone.inferred`` (by its location) with the run and its readings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from compliance.readers.digit_runs import Reading, Split, pieces, split_run, sums_to_last
from compliance.readers.grid import Cell, Location, Row
from compliance.readers.labels import (
    ACTIVE,
    ACTIVE_COLUMNS,
    ACTIVE_DEFAULTS,
    ACTIVE_ROWS,
    APPLICATIONS,
    REVIEW,
    lookup,
    normalise_label,
)
from compliance.readers.lazy_re import lazy
from compliance.readers.tables import hint
from compliance.schemas import vocabulary

# Known labels of the three tables, as patterns over normalised text (no whitespace, full-width
# brackets, ASCII digits), derived from the vocabulary (compliance/schemas/vocabulary.json: each
# label's numbering optional, or its own ``run_together`` pattern). Kinds: "row" (a row label:
# values follow it), "group" (a heading over rows), "head" (a column header or a block label).
_LABELS: tuple[tuple[str, str], ...] = tuple(vocabulary.run_together_labels())
_LABEL = lazy("|".join(f"(?P<k{i}>{pattern})" for i, (pattern, _) in enumerate(_LABELS)))
_KINDS = {f"k{i}": kind for i, (_, kind) in enumerate(_LABELS)}
# Table 3's group names (its rows): values right after one are that group's five.
_REVIEW_GROUP = lazy("|".join(map(vocabulary.run_together_pattern, vocabulary.tables()[REVIEW]["rows"])))

# A run of digits (and the spaces, line breaks and decimal points inside it).
_RUN = lazy(r"[0-9](?:[0-9.]|[ \u3000\xa0\t\r\n]+(?=[0-9]))*")
# A trailing "2." before the next label is that label's item number, not a value.
_DOT_ITEM = lazy(r"[0-9]\.$")
# A number followed by one of these is prose ("393件", "2023年"), never a table cell.
_UNITS = frozenset("件条个次人年月日号%％余多篇期份项户元万千百亿起批家所名位场届类页")
# Between labels inside a table only punctuation may stand ("、", a stray mark), never words.
# A header word between two headers that reads like one (a typo: 本年废纸件数) stays in the header.
_COLUMN_LIKE = lazy(r"[^、，,。；;：:（）()]{2,10}(?:件数|数量|金额)")
_GAP = lazy(r"[、，,：:；;。.\s*·]{1,3}")
Locate = Callable[[int], Location]
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass(frozen=True, slots=True)
class LabelCell:
    """A label cut out of run-together words: its text as written (normalised), kind and offset."""

    text: str
    kind: str  # "row" | "group" | "head" | "" (unknown words)
    offset: int


@dataclass(slots=True)
class Zone:
    """One stretch of a line that holds table rows: where it is, its rows, and the inferred cells.

    ``inferred`` maps a value cell's location ``(line, column)`` to what the provenance should say
    about it; ``splits`` keeps every split that had several readings, by the location of its
    first cell, for the model's ``alternatives``.
    """

    start: int
    end: int
    rows: list[Row] = field(default_factory=list)
    inferred: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    splits: dict[tuple[int, int], tuple[Split, tuple[tuple[int, int], ...]]] = field(default_factory=dict)


def segment(words: str) -> list[LabelCell]:
    """Cut run-together words into label cells where known labels start; other words stay cells.

    Labels are matched on the normalised words; each cell keeps the text as written (spaces a
    crawler carried over from the markup removed), and its offset in the normalised words.
    """
    text = normalise_label(words)
    starts = [k for k, char in enumerate(words) if not char.isspace()]

    def written(start: int, end: int) -> str:
        if len(starts) != len(text) or start >= end:  # normalising changed the length: keep its text
            return text[start:end]
        return "".join(words[starts[start] : starts[end - 1] + 1].split())

    out: list[LabelCell] = []
    at = 0
    for match in _LABEL.finditer(text):
        if match.start() > at:
            out.append(LabelCell(written(at, match.start()), "", at))
        out.append(LabelCell(written(match.start(), match.end()), _KINDS[match.lastgroup or ""], match.start()))
        at = match.end()
    if at < len(text):
        out.append(LabelCell(written(at, len(text)), "", at))
    return out


def _label_suffix(cells: Sequence[LabelCell]) -> int | None:
    """Index of the first cell of the longest tail made of labels (tiny gaps allowed), or None."""
    if not cells or not cells[-1].kind:
        return None
    start = len(cells)
    while start and (cells[start - 1].kind or _GAP.fullmatch(cells[start - 1].text)
                     or (start < len(cells) and start >= 2 and cells[start - 2].kind == "head"
                         and _COLUMN_LIKE.fullmatch(cells[start - 1].text))):
        start -= 1
    while start < len(cells) and not cells[start].kind:
        start += 1
    return start


class _Active:
    """Table 1 state: the columns named by the last header block."""

    def __init__(self) -> None:
        self.columns: list[str] = []

    def width(self, labels: Sequence[LabelCell], row: LabelCell | None) -> tuple[int, list[str]]:
        heads = [c for c in labels if (c.kind == "head" or _COLUMN_LIKE.fullmatch(c.text))
                 and lookup(c.text, ACTIVE_COLUMNS)]
        if heads:
            self.columns = [lookup(c.text, ACTIVE_COLUMNS) or "" for c in heads]
        row_id = lookup(row.text, ACTIVE_ROWS) if row is not None else None
        columns = self.columns or list(ACTIVE_DEFAULTS.get(row_id or "", ("decisions",)))
        return len(columns), columns


def _stock_preference(columns: Sequence[str], mentioned: frozenset[int]) -> Any:
    """Ranking of readings of a table-1 row, which has no identity of its own: the stock of
    documents in force is the largest figure; figures the report's own words state come first;
    then the most even split; then as many issued as repealed or more."""

    def rank(reading: Reading) -> tuple[int, ...]:
        values = {column: v or 0 for column, v in zip(columns, reading, strict=False)}
        stock = values.get("in_force")
        flows = [v for k, v in values.items() if k != "in_force"]
        stock_smaller = int(stock is not None and bool(flows) and stock < max(flows))
        said = -sum(1 for v in reading if v is not None and v >= 10 and v in mentioned)
        widest = max((len(str(v)) for v in reading if v is not None), default=0)
        order = int(values.get("issued", 0) < values.get("repealed", 0))
        return (stock_smaller, said, widest, order)

    return rank


def _identity(kind: str | None, cells: int) -> Any:
    if kind == APPLICATIONS and cells == 7:
        return sums_to_last
    if kind == REVIEW and cells % 5 == 0:
        return lambda r: all(sums_to_last(r, k, k + 5) for k in range(0, cells, 5))
    return None


def _positions(run: str, reading: Reading, base: int) -> list[int]:
    """The offset (``base`` + index in ``run``) where each value of ``reading`` starts."""
    out: list[int] = []
    at = 0
    for value in reading:
        if value is None:  # a blank cell: its placeholder, if the run has one here
            while at < len(run) and run[at].isspace():
                at += 1
            out.append(base + at)
            at += 1 if at < len(run) and not run[at].isdigit() else 0
            continue
        while at < len(run) and not run[at].isdigit():
            at += 1
        out.append(base + at)
        at += len(str(value))
    return out


def _tokens(text: str) -> list[list[Any]]:
    """``[kind, start, end]`` tokens: "w" (words) and "r" (a digit run), in order.

    An item number at the end of a run ("…00000002." before "其他法律…") opens the next label and
    moves there; a run that was only an item number ("不予公开1.属于…") joins the words around it.
    """
    tokens: list[list[Any]] = []
    at = 0
    for match in _RUN.finditer(text):
        if match.start() > at:
            tokens.append(["w", at, match.start()])
        tokens.append(["r", match.start(), match.end()])
        at = match.end()
    if at < len(text):
        tokens.append(["w", at, len(text)])
    out: list[list[Any]] = []
    for k, token in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if token[0] == "r" and nxt is not None:
            run = text[token[1] : token[2]]
            cut = 2 if _DOT_ITEM.search(run) else 1 if text[nxt[1]] in "、" and run[-1].isdigit() else 0
            # "2." on a line of its own ("0\n0\n2.\n其他法律…": a PDF converter broke the label after its
            # number) opens the next label too, though a line break stands between them.
            alone = cut == 2 and (len(run) == 2 or run[-3].isspace())
            if cut and (alone or not text[nxt[1]].isspace()):
                token[2] -= cut
                nxt[1] -= cut
                if not text[token[1] : token[2]].strip():
                    if out and out[-1][0] == "w":
                        nxt[1] = out.pop()[1]
                    continue
        out.append(token)
    return out


def _raw_index(words: str, normalised: int) -> int:
    """The index in ``words`` of its ``normalised``-th non-whitespace character."""
    seen = 0
    for index, char in enumerate(words):
        if not char.isspace():
            if seen == normalised:
                return index
            seen += 1
    return len(words)


def read_zones(text: str, locate: Locate, mentioned: frozenset[int] = frozenset()) -> list[Zone]:
    """The table zones of ``text`` (one long line, or lines joined with "\\n"): rows with split
    cells, and what was inferred.

    ``locate`` turns an offset in ``text`` into a source location (``{"line", "column"}``);
    ``mentioned`` holds the figures the report's prose states, used only to rank readings of
    table-1 rows.
    """
    text = text.translate(_FULL_WIDTH_DIGITS)
    tokens = _tokens(text)
    zones: list[Zone] = []
    zone: Zone | None = None
    kind: str | None = None
    active = _Active()
    for k, (token_kind, start, end) in enumerate(tokens):
        if token_kind != "r":
            continue
        before = tokens[k - 1] if k and tokens[k - 1][0] == "w" else None
        words = text[before[1] : before[2]] if before else ""
        run = text[start:end].rstrip()
        cells = segment(words)
        tail = _label_suffix(cells)
        is_row = tail is not None and text[end : end + 1] not in _UNITS
        if zone is not None and (not is_row or tail):
            zones.append(zone)
            zone = None
        if not is_row or tail is None:
            kind = None
            continue
        labels = cells[tail:]
        if zone is None:
            assert before is not None
            zone = Zone(start=before[1] + _raw_index(words, labels[0].offset), end=end)
            kind = None
        kind = hint([cell.text for cell in labels if cell.kind]) or kind
        if kind is None:
            zones.append(zone)
            zone = None
            continue
        trail = len(text[start + len(run) :]) - len(text[start + len(run) :].lstrip("\xa0"))
        blanks = (len(words) - len(words.rstrip("\xa0")), trail)
        _add_rows(zone, labels, run, start, locate, kind, active, mentioned, blanks,
                  _label_place(locate, words, before[1] if before else start))
        zone.end = start + len(run)
    if zone is not None:
        zones.append(zone)
    return [zone for zone in zones if _is_table(zone)]


def _is_table(zone: Zone) -> bool:
    """Two rows with values, or one under three labels or more (table 3 has a single row)."""
    valued = sum(1 for row in zone.rows if any(text[:1].isdigit() for text in row.texts))
    labels = sum(1 for row in zone.rows for text in row.texts if text and not text[:1].isdigit())
    return valued >= 2 or (valued == 1 and labels >= 3)


_ITEM = lazy(r"[0-9]{1,2}\.")


def _label_place(locate: Locate, words: str, at: int) -> Callable[[LabelCell], Location]:
    """Where a label cut out of ``words`` (which start at offset ``at``) stands in the text."""
    def place(cell: LabelCell) -> Location:
        return locate(at + _raw_index(words, cell.offset))
    return place


def _blank_rows(zone: Zone, heads: Sequence[LabelCell], row: LabelCell, where: Callable[[LabelCell], Location],
                line: int) -> list[LabelCell]:
    """Table 2's row labels with no number after them, before a row that has its numbers: rows the
    page left blank ("2.其他法律行政法规禁止公开 3.危及…" with nothing between; a page that leaves
    zeros blank), each added with seven blank cells, not merged into the next row's label cells.
    A group label followed by no item ("（六）其他处理 （七）总计 …", 2019's single row) is such a row too.
    Returns the labels left to stand before the row (the groups over it)."""
    cells = [*heads, row]
    pending: list[LabelCell] = []
    for k, cell in enumerate(heads):
        after = cells[k + 1]
        blank = cell.kind == "row" or (cell.kind == "group" and after.kind in ("row", "group")
                                        and not _ITEM.match(after.text))
        if not blank:
            pending.append(cell)
            continue
        loc = where(cell)  # the label's own place: its blank cells are no part of the next run
        texts = [c.text for c in pending] + [cell.text]
        zone.rows.append(Row.of_cells([Cell(t, dict(loc)) for t in texts] + [Cell("", dict(loc)) for _ in range(7)],
                                      dict(loc), loc.get("line", line)))
        pending = []
    return pending


def _nbsp_blanks(run: str, run_at: int, blanks: tuple[int, int], width: int, kind: str | None,
                 split: Split) -> tuple[str, int, Split] | None:
    """The run read with each no-break space as a blank cell, when that reading is better.

    A page that leaves zeros blank writes each blank cell as ``&nbsp;``; a text extractor that puts
    nothing between cells (BeautifulSoup ``get_text()``, lxml ``text_content()``) keeps those, so
    "82135\xa0\xa021859" is 821 35 _ _ 2 1 859: the no-break spaces in the run, before it and after
    it count as blank cells. Used when it gives a reading satisfying the row's identity, or when
    the run read without them gives none either; a no-break space that is only part of a label or
    of a cell's text ("（…）\xa08100009") leaves too many cells, and the run is read as before.
    """
    lead, trail = blanks
    if kind not in (APPLICATIONS, REVIEW) or not ("\xa0" in run or lead or trail):
        return None
    for before in (lead, 0):
        marked = "/" * before + run.replace("\xa0", "/") + "/" * trail
        found = split_run(marked, width, _identity(kind, width))
        if found.reading is not None and (found.consistent or not split.consistent):
            return marked, run_at - before, found
    return None


def _add_rows(zone: Zone, labels: Sequence[LabelCell], run: str, run_at: int, locate: Locate, kind: str | None,
              active: _Active, mentioned: frozenset[int], blanks: tuple[int, int] = (0, 0),
              where: Callable[[LabelCell], Location] | None = None) -> None:
    row_at = next((k for k in range(len(labels) - 1, -1, -1) if labels[k].kind == "row"), None)
    if row_at is None and kind == APPLICATIONS and labels and labels[-1].kind == "group":
        row_at = len(labels) - 1  # a group with values of its own: 2019's single （六）其他处理 row, or a subtotal
    if kind == REVIEW:
        group = next((k for k in range(len(labels) - 1, -1, -1) if _REVIEW_GROUP.fullmatch(labels[k].text)), None)
        # Values right after a group name are that group's five; after the headers, all fifteen.
        row_at = group if group is not None and group == len(labels) - 1 else None
    loc = locate(run_at)
    line = loc.get("line", 0)
    heads = labels if row_at is None else labels[:row_at]
    if heads and kind == APPLICATIONS and row_at is not None:
        heads = _blank_rows(zone, heads, labels[row_at], where or (lambda cell: loc), line)
    if heads:
        zone.rows.append(Row.of_cells([Cell(c.text, dict(loc)) for c in heads], dict(loc), line))
    row_labels = [] if row_at is None else list(labels[row_at:])
    columns: list[str] = []
    if kind == ACTIVE:
        width, columns = active.width(labels, labels[row_at] if row_at is not None else None)
    elif kind == APPLICATIONS:
        width = 7
    else:
        width = 5 if row_labels else 15
    prefer = _stock_preference(columns, mentioned) if kind == ACTIVE else None
    split = split_run(run, width, _identity(kind, width), prefer)
    marked = _nbsp_blanks(run, run_at, blanks, width, kind, split)
    if marked is not None:
        run, run_at, split = marked
    if split.reading is None and len(pieces(run)) > 1:  # separate numbers never read as one ("18 18" is no 1818)
        value_cells = [Cell("", dict(loc)) for _ in range(width)]
    elif split.reading is None:
        value_cells = [Cell(run.strip(), dict(loc))] + [Cell("", dict(loc)) for _ in range(width - 1)]
    else:
        starts = _positions(run, split.reading, run_at)
        locs = [locate(s) for s in starts]
        value_cells = [Cell("" if v is None else str(v), where) for v, where in zip(split.reading, locs, strict=True)]
        if not split.exact:
            note = {"run": run.strip(), "split": "|".join("" if v is None else str(v) for v in split.reading),
                    "readings": len(split.readings), "consistent": split.consistent}
            keys = tuple((where.get("line", 0), where.get("column", 0)) for where in locs)
            for key in keys:
                zone.inferred[key] = note
            if split.ambiguous:
                zone.splits[keys[0]] = (split, keys)
    cells = tuple(Cell(c.text, dict(loc)) for c in row_labels) + tuple(value_cells)
    zone.rows.append(Row.of_cells(cells, dict(loc), line))
