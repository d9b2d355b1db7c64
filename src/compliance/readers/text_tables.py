"""Tables in plain text: cell-separated lines → rows of cells with a line/column per cell.

Layouts read here (all to the same rows):

- tab-separated lines, merged cells dropped (what a word processor or browser exports);
- cells joined by " | ", with or without a trailing " |" (and full-width ``｜``);
- Markdown tables: a leading and a trailing ``|``, separator rows ``|---|---|`` ignored;
- one cell per line, each ending in " |": a row is a run of such lines, ending at a blank line,
  before a label that follows a value, or before a label that opens a row (规章, 一、本年新收…, 1.…).

The rows go to ``tables.find_tables`` (label-based recognition, shared with the other readers).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Container, Sequence

from compliance.readers.grid import RawCell, Row, expand
from compliance.readers.labels import (
    ACTIVE_ROWS,
    APPLICATION_LEVEL_ONE,
    GROUPS,
    REVIEW_GROUPS,
    TOP_ROWS,
    clean,
    is_garbled_value,
    is_label_cell,
    is_rule_row,
    is_value_cell,
    normalise_label,
    split_cells,
    vocabulary_removed,
)
from compliance.readers.lazy_re import lazy
from compliance.readers.per_line import LineMemo
from compliance.readers.tables import TablesFound
from compliance.readers.tables import find_tables as find_in_runs
from compliance.readers.text_grid import place_by_grid

__all__ = ["TablesFound", "find_tables", "is_application_row_label"]

_ROW_WORDS = (
    *tuple(word for pairs in (ACTIVE_ROWS, TOP_ROWS, GROUPS, REVIEW_GROUPS) for word, _ in pairs),
    "本年度办理结果",
    "第二十条",
)
_ROW_START = lazy(r"[0-9]{1,2}[.、]|（七）总计")
# A table-1 block label on a line of its own (a cell spanning the table, exported without separators).
_BLOCK_LABEL = lazy(r"第二十条第（[一二三四五六七八九十]{1,2}）项")


def is_application_row_label(text: str) -> bool:
    """True when ``text`` is a first-level row label of table 2 (e.g. 四、结转下年度继续办理)."""
    normal = normalise_label(text)
    return any(word in normal for word in APPLICATION_LEVEL_ONE)


def _opens_row(text: str) -> bool:
    normal = normalise_label(text)
    return bool(_ROW_START.match(normal)) or any(word in normal for word in _ROW_WORDS)


def _table_words(line: str) -> bool:
    """A line without separators that is still one table cell wherever it stands: a table-1 block
    label ("第二十条第（一）项") or a header line whose cells were run together."""
    return bool(_BLOCK_LABEL.fullmatch(normalise_label(line))) or _header_words(line)


def _lone_label(line: str) -> bool:
    """A row label on a line of its own inside a table (PDF text puts a long label above its values)."""
    text = clean(line)
    return 0 < len(text) <= _LONE_LABEL_MAX and "。" not in text and _opens_row(text)


_LONE_LABEL_MAX = 60
# What may stand between the tables' words in a header line whose cells were run together.
_HEADER_GLUE = lazy(r"[、，,和及与/（）()：:]*")


def _header_words(line: str) -> bool:
    """A header line whose cells a converter ran together ("行政复议行政诉讼"): two of the tables'
    words or more and nothing else, none of them a table-1 row label (a line "行政许可" stays prose)."""
    text = normalise_label(line)
    rest, words = vocabulary_removed(text)
    return (
        words >= 2
        and bool(_HEADER_GLUE.fullmatch(rest))
        and not any(word in text for word, _ in ACTIVE_ROWS)
    )


@functools.lru_cache(maxsize=8192)
def stream_cell(line: str) -> str | None:
    """The cell of a one-cell-per-line layout ("规章 |"), or None when ``line`` is not one."""
    text = clean(line).replace("｜", "|")
    if not text.endswith("|") or text.count("|") != 1:
        return None
    return clean(text[:-1])


def _split(line: str) -> tuple[tuple[str, ...] | None, bool, bool]:
    """(cells, markdown, rule) of a table line; the bars that open and close a "| a | b |" line are
    not cells; ``rule``: a Markdown separator row ("|---|---|").

    A line opening with a bar is a Markdown table row: a full grid (merged cells left blank), so its
    cells keep their grid columns and its trailing empty cells are real. Tab- and " | "-separated
    exports drop merged cells and may end in stray separators.
    """
    listed = split_cells(line)
    if listed is None:
        return None, False, False
    cells = tuple(listed)
    # A rule cell holds "-", and cleaning a cell only takes characters away: no "-", no rule row.
    if "\t" in line:
        return cells, False, "-" in line and is_rule_row(listed)
    text = clean(line).replace("｜", "|")
    if not text.startswith("|"):
        return cells, False, "-" in line and is_rule_row(listed)
    if line[:1].isspace() and text.startswith("| ") and not text.startswith("| -"):
        # " | 0 | 0 |": a " | "-separated row whose first cell is empty, not a Markdown border
        # (Markdown rows open with their bar)
        return cells[:-1] if text.endswith("|") and cells and not cells[-1] else cells, False, False
    cells = cells[1:] if cells and not cells[0] else cells
    if text.endswith("|") and cells and not cells[-1]:
        cells = cells[:-1]
    return cells, True, "-" in line and is_rule_row(list(cells))


# What ``_runs`` asks of a line, decided once per distinct line (``LineMemo``): its one-cell-per-line
# cell (or None); its cells (None: no separators), Markdown flag and separator-row flag; for a line
# without separators short enough to be a cell, the line as that one cell when it is the tables'
# words wherever it stands (``table_words``) or a row label alone inside a table (``lone``); and
# whether it is blank.
_LineKind = tuple[str | None, tuple[str, ...] | None, bool, bool, bool, bool, bool]


def _line_kind(line: str) -> _LineKind:
    one = stream_cell(line)
    if one is not None:
        return one, None, False, False, False, False, False
    cells, grid, rule = _split(line)
    if cells is not None:
        return None, cells, grid, rule, False, False, False
    short = len(line.strip()) <= _LONE_LABEL_MAX
    return None, None, False, False, short and _table_words(line), short and _lone_label(line), not clean(line)


_LINE_KINDS = LineMemo(_line_kind)


# A column header of table 2 or 3 as a layout converter writes it, whole or its first line only
# ("商业企" above "业"): where such words stand gives the table's columns.
_COLUMN_WORDS = lazy(
    r"(?:自然人|商业企业?|科研机构?|社会公(?:益组织)?|法律服(?:务机构)?|其他|总计|结果|维持|纠正|尚未|审结)+"
)
_TOKEN = lazy(r"\S+")
_LAYOUT_WIDTHS = (7, 15)  # the value columns of table 2 and of table 3
_SAME_COLUMN = 2.5  # characters between two header words' centres that stand over one column


class _Layout:
    """The columns of a table a layout-keeping converter wrote with spaces (``pdftotext -layout``):
    each column is where its header words stand, so a row that leaves cells blank ("258    12
    1      1" under 自然人 商业企业 … 总计) has each value put under its own column, not read from
    the left. Only a header whose words make exactly the columns of table 2 (7) or table 3 (15)
    is used; a row whose values do not fall one to a column is left as it is."""

    def __init__(self) -> None:
        self.centres: list[float] = []  # header words' centres (character offsets), header lines so far
        self.columns: list[float] = []
        self.values_seen = False

    def place(self, line: str, cells: tuple[str, ...]) -> tuple[str, ...]:
        tokens = [(m.start() + len(m.group()) / 2, m.group()) for m in _TOKEN.finditer(line)]
        values = [(centre, text) for centre, text in tokens if is_value_cell(text)]
        if not values:
            heads = [centre for centre, text in tokens if _COLUMN_WORDS.fullmatch(text)]
            if heads:
                if self.values_seen:  # a new header: another table, or the header repeated on a page
                    self.centres, self.values_seen = [], False
                self.centres.extend(heads)
                self.columns = _clusters(self.centres)
            return cells
        self.values_seen = True
        width = len(self.columns)
        first = next((k for k, text in enumerate(cells) if is_value_cell(text)), len(cells))
        if width not in _LAYOUT_WIDTHS or len(values) >= width or len(cells) - first != len(values):
            return cells
        slots = [""] * width
        for centre, text in values:
            at = min(range(width), key=lambda k: abs(self.columns[k] - centre))
            if slots[at] or abs(self.columns[at] - centre) > _SAME_COLUMN * 2:
                return cells
            slots[at] = text
        return (*cells[:first], *slots)


def _clusters(centres: list[float]) -> list[float]:
    """Header word centres that stand within ``_SAME_COLUMN`` of each other, as one column each."""
    out: list[list[float]] = []
    for centre in sorted(centres):
        if out and centre - out[-1][-1] <= _SAME_COLUMN:
            out[-1].append(centre)
        else:
            out.append([centre])
    return [sum(group) / len(group) for group in out]


class _Runs:
    """Collects runs of rows from lines, joining one-cell lines into rows."""

    def __init__(self) -> None:
        self.runs: list[list[Row]] = []
        self.current: list[Row] = []
        self.stream: list[tuple[int, str]] = []
        self.lines: dict[int, list[int]] = {}
        self.pending: list[int] = []  # separator rows seen before the run's first row
        self.markdown = False  # the run has a Markdown separator row: its "| … |" rows are a full grid
        self.layout = _Layout()  # the columns of a space-aligned table (pdftotext -layout)
        self.spaced: list[tuple[int, str]] = []  # (index in ``current``, line) of space-aligned rows left as read

    def add_rule(self, number: int) -> None:
        """A Markdown separator row: part of the table (never prose), but neither labels nor values."""
        self.flush_stream()
        self.markdown = True
        if self.current:
            self.lines[self.current[-1].block].append(number)
        else:
            self.pending.append(number)

    def flush_stream(self) -> None:
        if self.stream:
            first = self.stream[0][0]
            texts = tuple(text for _, text in self.stream)
            locs = tuple({"line": n, "column": 1} for n, _ in self.stream)
            self.current.append(Row(texts, {"line": first}, first, True, None, None, locs))
            self.lines[first] = [*self.pending, *(n for n, _ in self.stream)]
            self.stream, self.pending = [], []

    def end_run(self) -> None:
        self.flush_stream()
        if self.spaced:
            place_by_grid(self.current, self.spaced)
            self.spaced = []
        if self.current:
            if not self.markdown:
                # Without a separator row, "| a | b |" lines are an export with merged cells dropped,
                # placed by position; but when every such line has as many cells as the others, merged
                # cells were kept empty (trafilatura): a row's trailing empty cells are its blank cells.
                current = self.current
                barred = [k for k, row in enumerate(current)
                          if row.cols is not None and row.texts and row.cols[0] is not None]
                if barred:
                    full = len(barred) > 1 and len({len(current[k].texts) for k in barred}) == 1
                    for k in barred:
                        row = current[k]
                        current[k] = Row(row.texts, row.loc, row.block, full, None, None, row.locs)
            self.runs.append(self.current)
        self.current = []
        self.pending = []
        self.markdown = False

    def add_stream_cell(self, number: int, text: str) -> None:
        if self.stream and is_label_cell(text) and not is_garbled_value(text):
            previous = self.stream[-1][1]
            if is_value_cell(previous) or is_garbled_value(previous) or _opens_row(text):
                self.flush_stream()
        self.stream.append((number, text))

    def add_table(self, rows: list[Row], numbers: range) -> None:
        """A table with its own structure (HTML in a Markdown file): a run of its own."""
        self.end_run()
        if rows:
            self.current = rows
            self.lines[rows[0].block] = list(numbers)
            self.markdown = True  # a full grid: keep its columns
        self.end_run()

    def add_row(
        self, number: int, cells: tuple[str, ...], grid: bool, exact: bool = False, spaced: str | None = None
    ) -> None:
        """A line's cells as one row: its texts and line only; cell ``k`` is at column ``k + 1``
        (``Row.cell_loc``), and a Markdown row's cells are at grid columns 0, 1, …; ``exact``: the
        cells were placed under their columns (``_Layout``), blanks included; ``spaced``: the line
        of a space-aligned row not placed yet (``place_by_grid`` places it when the run ends)."""
        if self.stream:
            self.flush_stream()
        if spaced is not None:
            self.spaced.append((len(self.current), spaced))
        self.current.append(Row(cells, {"line": number}, number, grid or exact, range(len(cells)) if grid else None))
        self.lines[number] = [*self.pending, number]
        self.pending = []


_HTML_TABLE_START = lazy(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END = lazy(r"</table\s*>", re.IGNORECASE)
_DIGITS = lazy(r"[0-9]+")


def _span(value: str | None) -> int:
    match = _DIGITS.search(value or "")
    return int(match.group()) if match else 1


_HTML_TABLE_LINES = 2000  # a "<table" with no "</table>" within this many lines is text, not a table


def _html_table(lines: Sequence[str], first: int, ends: Sequence[int]) -> tuple[int, list[Row]] | None:
    """The last line and the rows of an HTML table starting at line ``first`` (MinerU's Markdown),
    or None when no ``</table>`` closes it (a mention of "<table" in the text).

    Its cells are read as the HTML reader reads them (``<br>`` and paragraphs joined, spans
    expanded to a grid); each cell is located by the table's first line, its row and grid column.
    """
    at = bisect.bisect_left(ends, first)  # the first "</table>" line from ``first`` on
    if at == len(ends) or ends[at] - first > _HTML_TABLE_LINES:
        return None
    from compliance.errors import LimitExceededError
    from compliance.readers.html_blocks import cell_text, parse

    last = ends[at]
    root = parse("\n".join(lines[first - 1 : last]))
    raw: list[list[RawCell]] = []
    for tr in root.iter("tr"):
        cells = [td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
        raw.append([RawCell(cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan"))) for td in cells])
    try:
        rows = expand(
            raw, lambda r, c: {"line": first, "row": r, "cell": c}, lambda r: {"line": first, "row": r}, first
        )
    except LimitExceededError:
        return last, []
    return last, rows


_PIECE_MAX = 20  # characters of a torn label's piece on a line of its own
_PIECE_REACH = 3  # lines from a torn piece to the row of values it belongs to
_NOT_A_PIECE = lazy(r"[。；;：:!！?？]|[0-9](?![0-9]*[.、．])")  # an item number ("2.") is no figure


def _values_alone(line: str) -> bool:
    """A line of nothing but values ("   3", "  8    1"; indented, as a layout-keeping converter
    places them under their columns): a row's cells whose label stands apart."""
    return all(is_value_cell(token) for token in line.split())


def _torn_piece(lines: Sequence[str], number: int, kinds: LineMemo[_LineKind]) -> bool:
    """A short line of words inside a table that is a piece of a label a PDF converter tore over
    several lines around its row's values ("4.无正当理由大量反复申" / "予处理  0  0 …" / "请"): kept in
    the table when a line with values follows within ``_PIECE_REACH`` lines, so that the table
    does not end at it; or a row label on a line of its own, or values alone, follows (a table
    that leaves its zeros blank has labels without values). A sentence (stop, colon) or a line with
    figures in it is never a piece."""
    text = clean(lines[number - 1])
    if not text or len(text) > _PIECE_MAX or _NOT_A_PIECE.search(text):
        return False
    for ahead in lines[number : number + _PIECE_REACH]:
        _one, cells, _grid, _rule, _words, lone, _blank = kinds[ahead]
        if cells is not None and any(is_value_cell(cell) and clean(cell) for cell in cells):
            return True
        if lone or (ahead[:1].isspace() and ahead.strip() and _values_alone(ahead)):
            return True
    return False


def _runs(lines: Sequence[str], skip: Container[int]) -> _Runs:
    """Consecutive cell-separated lines; blank lines do not break a run, prose and headings do."""
    out = _Runs()
    html_until = 0
    ends: list[int] | None = None  # the lines holding "</table>", found once, when first needed
    kinds = _LINE_KINDS
    for number, text in enumerate(lines, 1):
        if number <= html_until:
            continue
        if number in skip:
            out.end_run()
            out.layout = _Layout()  # a heading: the next table has columns of its own
            continue
        table = None
        if "<" in text and _HTML_TABLE_START.search(text):
            if ends is None:
                ends = [n for n, line in enumerate(lines, 1) if "</" in line and _HTML_TABLE_END.search(line)]
            table = _html_table(lines, number, ends)
        if table is not None:
            html_until, rows = table
            out.add_table(rows, range(number, html_until + 1))
            continue
        one, cells, grid, rule, table_words, lone, blank = kinds[text]
        if one is not None:
            out.add_stream_cell(number, one)
            continue
        if cells is None and (table_words or (out.current and (lone or _torn_piece(lines, number, kinds)))):
            cells, rule = (clean(text),), is_rule_row([clean(text)])
        elif cells is None and out.current and not blank and text[:1].isspace() and _values_alone(text):
            # A row's values alone on their line, its label wrapped above and below (pdftotext -layout:
            # "（二）部分公开（区分处理的，只计" / "   3" / "这一情形，不计其他情形）"): one row of cells.
            cells = tuple(text.split())
        if cells is None:
            if not blank:
                out.end_run()
            else:
                out.flush_stream()  # a blank line ends a one-cell-per-line row
            continue
        if rule:
            out.add_rule(number)
            continue
        if not any(cells):
            continue
        aligned = False
        spaced = None
        if not grid and "  " in text:
            placed = out.layout.place(text, cells)
            cells, aligned = placed, placed is not cells
            spaced = None if aligned or "\t" in text or "|" in text or "｜" in text else text
        out.add_row(number, cells, grid, exact=aligned, spaced=spaced)
    out.end_run()
    return out


def find_tables(lines: Sequence[str], skip: Container[int] = ()) -> TablesFound:
    """Find and read tables 1–3 in ``lines`` (the document's lines; ``skip``: heading line numbers).

    ``blocks`` of the result holds every line number the tables used.
    """
    runs = _runs(lines, skip)
    found = find_in_runs(runs.runs)
    found.blocks = {n for block in found.blocks for n in runs.lines.get(block, [block])}
    return found
