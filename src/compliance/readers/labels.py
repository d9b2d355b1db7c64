"""Cells and labels of report tables: splitting lines into cells, reading numbers exactly, normalising
labels for keyword matching, and the label vocabulary (keywords → row and column ids) of tables 1–3,
derived from ``compliance/schemas/vocabulary.json`` (the one place labels are written)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal

from compliance.hanzi import SIMPLIFIED, TRADITIONAL
from compliance.readers.grid import join_pieces
from compliance.readers.lazy_re import lazy
from compliance.schemas import vocabulary

Number = int | Decimal

# Cells that stand for "no value" in published tables; they are values (read as null), not labels.
BLANK_CELLS = frozenset({"", "/", "／", "\\", "-", "－", "—", "——", "–", "―", "无", "無"})

# Full-width digits, signs and separators occur in numbers copied from word processors. Anything
# else around the digits ("约3", "−6" with U+2212, "⑥") is no number: the rules report the cell.
_NUMBER_CHARS = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_MAX_DIGITS = 20  # a longer run of digits is no count (and would be slow to convert): not a number
_NUMBER = lazy(r"[+-]?[0-9]{1,20}(?:\.[0-9]{1,20})?")
_THOUSANDS = lazy(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,20})?")

# Traditional renderings of label characters map to simplified (compliance.hanzi), so one keyword
# list serves both.
_LABEL_CHARS = str.maketrans(
    "０１２３４５６７８９()．,:;“”＂\"「」『』‘’'" + TRADITIONAL,
    "0123456789（）.，：；“““““““““““" + SIMPLIFIED,
)
_WHITESPACE = lazy(r"\s+")

_UNIT = lazy(r"(.*?\d)(万元|元|件|宗|个|条|次|项|人次|人|家|份|起|例)")
# A number in brackets, "(6)" / "（6）" / "[6]" / "【6】": the number is read, the raw text keeps them.
_BRACKETED = lazy(r"[(（\[【〔]([^()（）\[\]【】〔〕]*\d[^()（）\[\]【】〔〕]*)[)）\]】〕]")

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def clean(text: str) -> str:
    """Strip a cell or line of surrounding whitespace (NBSP and full-width spaces included) and BOM/ZWSP."""
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return text.strip()


# Labels and lines repeat within a document (every pass over its lines, every row of a table) and
# across the reports of a batch: each distinct text is cleaned, normalised and split once.
_TEXT_CACHE = 8192


@functools.lru_cache(maxsize=_TEXT_CACHE)
def normalise_label(text: str) -> str:
    """A label reduced for matching: no whitespace, full-width brackets, ASCII digits, one quote style."""
    return _WHITESPACE.sub("", clean(text)).translate(_LABEL_CHARS)


def near_miss(text: str, word: str) -> bool:
    """True when ``text`` holds ``word`` with one character written differently (a typo or an OCR
    slip: 本年废纸件数 for 本年废止件数). Only keywords of four characters or more are matched so."""
    size = len(word)
    if size < 4 or word in text:
        return False
    # A window with one slip holds one half of ``word`` exactly: only windows where ``str.find``
    # sees a half are compared (reading a report's new labels spent a quarter of its time here).
    half = size // 2
    starts = set()
    for part, shift in ((word[:half], 0), (word[half:], half)):
        at = text.find(part)
        while at != -1:
            starts.add(at - shift)
            at = text.find(part, at + 1)
    for start in starts:
        if 0 <= start <= len(text) - size:
            window = text[start : start + size]
            if sum(1 for a, b in zip(window, word, strict=True) if a != b) == 1:
                return True
    return False


@functools.lru_cache(maxsize=4096)
def lookup(label: str, table: tuple[tuple[str, str], ...]) -> str | None:
    """The id of the first keyword ``label`` holds; failing that, of one it holds with a single
    character slip (a typo such as 本年废纸件数, so the column is read and ``tables.labels`` can
    report the label as written)."""
    text = normalise_label(label)
    found = next((key for word, key in table if word in text), None)
    return found if found is not None else next((key for word, key in table if near_miss(text, word)), None)


@functools.lru_cache(maxsize=4096)  # cells repeat ("0" hundreds of times): decide each text once
def parse_number(cell: str) -> Number | None:
    """The number a cell holds when the whole cell is a number (``int`` or exact ``Decimal``), else None.

    Digits are never pulled out of a label: "1. 属于国家秘密" is not a number.
    """
    if cell.isascii() and cell.isdigit() and len(cell) <= _MAX_DIGITS:  # the common case, "0" or "11"
        return int(cell)
    if "\n" in clean(cell):  # "1\n\n0\n\n2": a converter's cells one a line, never one number (10203)
        return None
    text = _WHITESPACE.sub("", clean(cell)).translate(_NUMBER_CHARS)
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:
        text = bracketed.group(1)
    unit = _UNIT.fullmatch(text)  # "595.353309万元", "6件": the number is read, the raw text keeps the unit
    if unit:
        text = unit.group(1)
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    if "." in text:
        return Decimal(text)
    return int(text)


def is_blank_cell(cell: str) -> bool:
    """True for an empty cell or a placeholder such as "/", "—" or "无"."""
    return clean(cell) in BLANK_CELLS


@functools.lru_cache(maxsize=_TEXT_CACHE)
def is_value_cell(cell: str) -> bool:
    """True when a cell sits in a value position: a number or a blank placeholder."""
    return is_blank_cell(cell) or parse_number(cell) is not None


@functools.lru_cache(maxsize=4096)
def is_label_cell(cell: str) -> bool:
    """True for a non-empty cell that is not a value: a row, column or block label."""
    return bool(clean(cell)) and not is_value_cell(cell)


# What an unreadable count looks like: a digit or a circled/superscript digit somewhere ("约3",
# "3-4", "⑥", "5000…0" too long to be a count), or ASCII only ("N/A", "x"), or a word for "no
# data". An item label such as "2.重复申请" is excluded by ``_ITEM_LABEL``, any other label by the
# vocabulary of the tables (``is_vocabulary``) and by its length.
_NO_DATA = frozenset(
    ["不详", "暂无", "暂无数据", "无数据", "未统计", "待统计", "未填", "未填写", "未知", "空", "空白", "缺", "略",
     "不适用"]
)
_ITEM_LABEL = lazy(r"[（(]?[0-9一二三四五六七八九十]{1,3}[）).、．]\s*[\u4e00-\u9fff]")
_GARBLED_MAX = 12
_IDEOGRAPH = lazy(r"[\u3400-\u9fff\uf900-\ufaff]")


@functools.lru_cache(maxsize=4096)
def is_garbled_value(cell: str) -> bool:
    """True for a label-like cell that stands where a count should be: "约3", "6-7", "N/A", "⑥", "?".

    Such a cell keeps its column (it is never taken for a row label) and reads as no number; the
    rules report it as a non-numeric count.
    """
    if not is_label_cell(cell):
        return False
    text = _WHITESPACE.sub("", clean(cell)).translate(_NUMBER_CHARS)
    if text.isascii() and (text.isdigit() or len(text) <= _GARBLED_MAX):
        return True
    label = normalise_label(text)
    if len(text) > _GARBLED_MAX or _ITEM_LABEL.match(label) or is_vocabulary(label):
        return False
    # A digit of any script (⑥, ²), a numeral alone ("〇", "三"), a word for "no data", or no
    # ideograph at all ("？", "※").
    return (
        text in _NO_DATA
        or text.isnumeric()
        or any(ch.isdigit() for ch in text)
        or not _IDEOGRAPH.search(text)
    )


def _split_tabs(line: str) -> list[str] | None:
    return line.split("\t") if "\t" in line else None


def _split_pipes(line: str) -> list[str] | None:
    # Markdown-like exports ("| a | b |"); two bars at least, so a stray bar in prose is not a table.
    line = line.replace("｜", "|")
    return line.split("|") if line.count("|") >= 2 else None


_SPACE_RUN = lazy(r"[ \u3000\xa0]{2,}")


def _split_spaces(line: str) -> list[str] | None:
    # Copies from PDF viewers and some portals separate cells by runs of spaces. Only a line of
    # two cells or more without a sentence end counts, so prose with a double space stays prose;
    # empty cells leave no trace in this layout, so its rows are read by their trailing values.
    text = line.strip(" \u3000\xa0")
    if "。" in text or not _SPACE_RUN.search(text):
        return None
    cells = _SPACE_RUN.split(text)
    return cells if len(cells) >= 2 else None


_SPACE = lazy(r"[ \u3000\xa0]")


def _split_single_spaces(line: str) -> list[str] | None:
    # PDF text extraction (pdfplumber, PDF viewers' copy) separates cells by one space: a label
    # followed by at least two values ("1. 属于国家秘密 0 0 0 0 0 0 0", the label may hold spaces),
    # a row of values alone, or a header row made only of the tables' words ("结果维持 结果纠正").
    if "。" in line or not _SPACE.search(line.strip(" \u3000\xa0")):
        return None
    tokens = [token for token in _SPACE.split(line) if token]
    values = 0
    while values < len(tokens) and is_value_cell(tokens[len(tokens) - values - 1]):
        values += 1
    labels = _label_cells(tokens[: len(tokens) - values])
    if values >= 2 or (values and labels and is_vocabulary(normalise_label(labels[-1]))):
        return labels + tokens[len(tokens) - values :]
    if len(tokens) >= 2 and all(is_vocabulary(normalise_label(token)) or is_generic_header(token) for token in tokens):
        return tokens
    return None


# Column names a converter makes up when it loses a table's header: 数据1 … 数据6, 列1, Col1, 项目.
_GENERIC_HEADER = lazy(r"(?:数据|列|栏|字段|[Cc]ol(?:umn)?|Unnamed:?)\s*[0-9]{1,2}|项目|指标|序号|栏目")


def is_generic_header(cell: str) -> bool:
    """True for a made-up column name ("数据1", "Col3", "项目") that says nothing of the column."""
    return bool(_GENERIC_HEADER.fullmatch(clean(cell)))


# A label cell starts at a numbering: "1." / "1、", "（一）", "一、".
_LABEL_START = lazy(r"[0-9]{1,2}[.、．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、")


def _label_cells(tokens: list[str]) -> list[str]:
    """Space-separated words before a row's values, grouped into label cells at each numbering
    ("（三）不予公开 1. 属于国家秘密" → "（三）不予公开", "1. 属于国家秘密"); words are joined as
    a table cell's wrapped lines are (no space between CJK words)."""
    cells: list[list[str]] = []
    for token in tokens:
        if not cells or _LABEL_START.match(token):
            cells.append([token])
        else:
            cells[-1].append(token)
    return [join_pieces(words) for words in cells]


# Tried in order; the first splitter that recognises the line wins. New layouts slot in here.
SPLITTERS: tuple[Callable[[str], list[str] | None], ...] = (
    _split_tabs,
    _split_pipes,
    _split_spaces,
    _split_single_spaces,
)

_RULE_CELL = lazy(r":?-{3,}:?")


def split_cells(line: str) -> list[str] | None:
    """The cleaned cells of a table line, or None when the line has no cell separators.

    A line's layout is decided once: heading detection and table reading ask about the same lines.
    """
    cells = _split_line(line)
    return None if cells is None else list(cells)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _split_line(line: str) -> tuple[str, ...] | None:
    for splitter in SPLITTERS:
        cells = splitter(line)
        if cells is not None:
            return tuple(clean(cell) for cell in cells)
    return None


def is_rule_row(cells: list[str]) -> bool:
    """True for a Markdown separator row ("|---|---|"), which carries neither labels nor values."""
    filled = [cell for cell in cells if cell]
    return bool(filled) and all(_RULE_CELL.fullmatch(cell) for cell in filled)


def chinese_numeral(text: str) -> int | None:
    """The value of a small Chinese numeral (一 … 九十九), or None."""
    if text in _NUMERALS:
        return _NUMERALS[text]
    if text == "十":
        return 10
    if len(text) == 2 and text[0] == "十" and text[1] in _NUMERALS:
        return 10 + _NUMERALS[text[1]]
    if len(text) == 2 and text[1] == "十" and text[0] in _NUMERALS:
        return 10 * _NUMERALS[text[0]]
    if len(text) == 3 and text[1] == "十" and text[0] in _NUMERALS and text[2] in _NUMERALS:
        return 10 * _NUMERALS[text[0]] + _NUMERALS[text[2]]
    return None


# ---------------------------------------------------------------- the tables' label vocabulary
# Derived from the one vocabulary file (compliance/schemas/vocabulary.json): edit labels and
# keywords there. Keywords are matched against normalised labels (see ``normalise_label``).


def _pairs(pairs: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((word, key) for word, key in pairs)


ACTIVE, APPLICATIONS, REVIEW = "active_disclosure", "applications", "review_litigation"
TABLE_KINDS = (ACTIVE, APPLICATIONS, REVIEW)
_TABLES = vocabulary.tables()
_T1, _T2, _T3 = (_TABLES[kind] for kind in TABLE_KINDS)

# Keywords that tell which table a line belongs to.
MARKERS: dict[str, tuple[str, ...]] = {kind: tuple(_TABLES[kind]["markers"]) for kind in TABLE_KINDS}

# Table 1: (keyword, id) pairs, tried in order (规范性文件 before 规章; 行政事业性收费 first).
ACTIVE_ROWS = _pairs(_T1["row_keywords"])
ACTIVE_COLUMNS = _pairs(_T1["column_keywords"])
# Columns assumed when a block's header row is missing (2021 format; any other row: decisions).
ACTIVE_DEFAULTS = {row["id"]: tuple(row["columns"]) for row in _T1["rows"] if "columns" in row}
# Signatures of the 2021 format and of the superseded 2019 trial format (domain.md §2.9).
FORMAT_2021 = tuple(_T1["signatures"]["2021"])
FORMAT_2019 = tuple(_T1["signatures"]["2019"])

# Table 2.
APPLICATION_COLUMNS = tuple(column["id"] for column in _T2["columns"])
APPLICATION_HEADERS = {column["label"]: column["id"] for column in _T2["columns"]}
# Rows that are not inside a numbered group.
TOP_ROWS = _pairs(_T2["row_keywords"])
# First-level labels; a line carrying one is a table row, never a section heading.
APPLICATION_LEVEL_ONE = tuple(_T2["level_one"])
GROUPS = tuple((group["keyword"], group["id"]) for group in _T2["groups"])
# Items of each group in form order, with a keyword that identifies them.
GROUP_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {group["id"]: _pairs(group["items"]) for group in _T2["groups"]}

# Table 3.
REVIEW_COLUMNS = tuple(column["id"] for column in _T3["columns"])
REVIEW_ROWS = tuple(row["id"] for row in _T3["rows"])
REVIEW_GROUPS = _pairs(_T3["row_keywords"])
REVIEW_HEADERS = _pairs(_T3["column_keywords"])


# Every keyword above, for telling a label from an unreadable value.
_VOCABULARY = frozenset(
    [
        *(word for markers in MARKERS.values() for word in markers),
        *(word for pairs in (ACTIVE_ROWS, ACTIVE_COLUMNS, TOP_ROWS, GROUPS, REVIEW_GROUPS, REVIEW_HEADERS)
          for word, _ in pairs),
        *(word for items in GROUP_ITEMS.values() for word, _ in items),
        *APPLICATION_HEADERS,
        *vocabulary.vocabulary()["other_words"],
    ]
)


# Longest first, so a keyword inside a longer one never cuts it short; ties in a fixed order.
_VOCABULARY_RE = lazy("|".join(re.escape(word) for word in sorted(_VOCABULARY, key=lambda w: (-len(w), w))))


def is_vocabulary(text: str) -> bool:
    """True when the normalised ``text`` holds a keyword of the tables' labels."""
    return _VOCABULARY_RE.search(text) is not None


def vocabulary_removed(text: str) -> tuple[str, int]:
    """The normalised ``text`` without the keywords of the tables' labels, and how many there were."""
    return _VOCABULARY_RE.subn("", text)
