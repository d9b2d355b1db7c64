"""Text whose layout was flattened: a crawler's page text or a PDF's text, read into blocks.

Crawlers that archive portal pages write a header block of ``key: value`` lines (标题, 发布时间,
发布机构, 原文链接 …) and then the whole article on one line: headings glued to the text around
them, table cells run together ("行政规范性文件77132470"). PDF text extraction gives lines, but
the same run-together digits when cells are narrow. This module turns such text into the
``Block``s every reader produces:

- the **header block** gives the title, the publication date and the source URL (``header``);
- **tables** are the zones ``run_together`` finds by the official labels and digit runs;
- **section headings** are found inside running text by their number and heading words
  ("一、总体情况", "五、存在的主要问题及改进情况"), never inside a table zone (where
  "四、结转下年度继续办理" is a row) and only in increasing order;
- **sub-items** （一）（二）… open paragraphs of their own, in order within a section.

Every block keeps its place in the source as ``{"line", "column"}``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from compliance.readers.blocks import Block
from compliance.readers.labels import chinese_numeral
from compliance.readers.lazy_re import lazy

if TYPE_CHECKING:  # the table scanner is imported when a flattened text is read, not at start-up
    from compliance.readers.run_together import Zone

_HEADER_LINE = lazy(r"\s*([^\s:：]{1,10})\s*[:：]\s?(.*)")
_HEADER_KEYS = {
    "标题": "title", "题目": "title", "名称": "title",
    "发布时间": "published", "发布日期": "published", "发文日期": "published", "成文日期": "written",
    "日期": "published", "时间": "published",
    "发布机构": "publisher", "来源": "publisher", "发文机关": "publisher",
    "原文链接": "url", "链接": "url", "网址": "url", "url": "url", "URL": "url", "来源网址": "url",
}
_SEPARATOR = lazy(r"\s*[=\-—_*#~]{3,}.*")
_HEADER_SPAN = 15  # lines at the top where a header block may stand

_HEADING = lazy(
    r"(?<![（(0-9])([一二三四五六七八九十]{1,2})\s*[、．.]\s*"
    r"([^，,。；;：:！？0-9０-９（）()]{1,30}?(?:情况|事项|措施|计划|概述|说明))"
)
_HEADING_WORDS = lazy(
    r"总体|概述|主动公开|依申请|收到和处理|申请情况|复议|诉讼|问题|改进|其他需要|其他需报告|其他事项|报告的事项"
)
_ITEM = lazy(r"[（(]([一二三四五六七八九十]{1,2})[）)]")
# An item's label run on into its text: "（一）主动公开方面" before "平潭综合实验区切实落实…".
_ITEM_LABEL = lazy(
    r"[（(][一二三四五六七八九十]{1,2}[）)][^\s。：:，,；;（(]{1,16}?(?:方面|情况)(?=[^。：:，,；;])"
)
_MENTIONED = lazy(r"([0-9]{1,7})\s*(?:件|篇|条|个|份)")
LONG_LINE = 600  # a line this long with table labels in it is flattened page text


@dataclass(slots=True)
class Header:
    """What a crawler's header block says: fields by meaning, each with its line."""

    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)  # 1-based lines of the block (left out of the text)


def header(lines: Sequence[str]) -> Header:
    """The ``key: value`` header block at the top of ``lines`` (empty when there is none)."""
    found = Header()
    start = end = 0
    for number, line in enumerate(lines[:_HEADER_SPAN], 1):
        match = _HEADER_LINE.fullmatch(line)
        if match and match.group(1) in _HEADER_KEYS:
            key = _HEADER_KEYS[match.group(1)]
            value = match.group(2).strip()
            if value and key not in found.fields:
                found.fields[key] = (value, number)
            start = start or number
            end = number
        elif _SEPARATOR.fullmatch(line) and found.fields:
            end = number
            break
        elif match is None and found.fields and len(line) > 80:
            break
    if not found.fields:
        return Header()
    # From the first key line: a page's title line above a lone "发布日期:" line is the report's.
    found.lines = set(range(start, end + 1))
    return found


def mentioned_numbers(text: str) -> frozenset[int]:
    """Counts the prose states ("393件", "77件"): used only to rank readings of table-1 rows."""
    return frozenset(int(m.group(1)) for m in _MENTIONED.finditer(text))


def is_flattened(lines: Sequence[str]) -> bool:
    """True when some line is long and holds table labels (a page's text on one line)."""
    return any(len(line) >= LONG_LINE and ("申请人情况" in line or "第二十条" in line or "本年新收" in line)
               for line in lines)


@dataclass(slots=True)
class _Sections:
    """Heading numbers seen so far (they only increase) and the item number expected next."""

    last: int = 0
    item: int = 0


def _prose_blocks(text: str, where: dict[str, int], state: _Sections) -> list[Block]:
    """Paragraph blocks of one stretch of prose: split before headings and before sub-items.

    A heading counts when its number is above the last one and its words are heading words; a
    sub-item （N） counts when it is the next in its section (（一） after the heading, then （二）…).
    """
    marks = sorted([(m.start(), m.end(), "h", m) for m in _HEADING.finditer(text)]
                   + [(m.start(), -1, "i", m) for m in _ITEM.finditer(text)], key=lambda mark: mark[0])
    points = {0, len(text)}
    for start, end, kind, match in marks:
        number = chinese_numeral(match.group(1)) or 0
        if kind == "h":
            if number <= state.last or not _HEADING_WORDS.search(match.group(2)):
                continue
            state.last, state.item = number, 0
            points |= {start, end}
        elif number == state.item + 1:
            state.item = number
            points.add(start)
            label = _ITEM_LABEL.match(text, start)
            if label and label.end() < len(text):  # "（一）主动公开方面平潭…": the label is a line of its own
                points.add(label.end())
    blocks: list[Block] = []
    ordered = sorted(points)
    for start, end in itertools.pairwise(ordered):
        piece = text[start:end]
        if piece.strip():
            offset = start + len(piece) - len(piece.lstrip())
            blocks.append(Block(piece.strip(), {"line": where["line"], "column": where["column"] + offset}))
    return blocks


# A report title inside page chrome ("…政府信息公开年报 平潭综合实验区2021年度政府信息公开工作年度报告 来源：…").
_EMBEDDED_TITLE = lazy(
    r"(?<![^\s：:>》|／/])[^\s：:，,。；;>》|／/]{2,40}?(?:19|20)[0-9]{2}\s*年度?(?:政府)?信息公开(?:工作)?年度报告"
)


def _title_apart(text: str) -> list[tuple[str, int]]:
    """``text`` cut before and after the first report title inside it, as (part, offset) pairs, so
    the title is a block of its own (the text before the first heading only)."""
    match = _EMBEDDED_TITLE.search(text)
    if match is None or (match.start() == 0 and match.end() == len(text)):
        return [(text, 0)]
    cuts = [(text[: match.start()], 0), (match.group(0), match.start()), (text[match.end() :], match.end())]
    return [(part, offset) for part, offset in cuts if part.strip()]


def blocks_of(lines: Sequence[str], skip: set[int], title: tuple[str, int] | None,
              mentioned: frozenset[int]) -> tuple[list[Block], list[Zone]]:
    """The blocks of flattened text (``skip``: header lines), and the table zones found.

    The lines are read as one text so a table whose rows a PDF put on lines of their own is one
    zone; prose outside the zones is a block per line, split before headings and sub-items.
    """
    text = "\n".join("" if number in skip else line for number, line in enumerate(lines, 1))
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def locate(offset: int) -> dict[str, int]:
        line = bisect.bisect_right(starts, offset)
        return {"line": line, "column": offset - starts[line - 1] + 1}

    blocks: list[Block] = []
    if title is not None:
        blocks.append(Block(title[0], {"line": title[1]}))
    from compliance.readers.run_together import read_zones  # start-up: only flattened text needs it

    state = _Sections()
    zones = read_zones(text, locate, mentioned)

    def prose(start: int, end: int) -> None:
        at = start
        for piece in text[start:end].split("\n"):
            for part, offset in _title_apart(piece) if title is None and state.last == 0 else [(piece, 0)]:
                blocks.extend(_prose_blocks(part, locate(at + offset), state))
            at += len(piece) + 1

    at = 0
    for zone in zones:
        prose(at, zone.start)
        blocks.append(Block("", locate(zone.start), rows=tuple(zone.rows)))
        at = zone.end
    prose(at, len(text))
    return blocks, zones


def annotate(model: dict[str, Any], zones: Sequence[Zone]) -> None:
    """Record in the model's provenance how each inferred cell was read, and, for every run the
    text allows to read in several ways, all its readings under ``alternatives``."""
    inferred: dict[tuple[int, int], dict[str, Any]] = {}
    splits: dict[tuple[int, int], Any] = {}
    for zone in zones:
        inferred.update(zone.inferred)
        splits.update(zone.splits)
    at: dict[tuple[int, int], str] = {}
    for pointer, loc in model["provenance"].items():
        key = (loc.get("line"), loc.get("column"))
        if "/values/" in pointer and key in inferred:
            loc["inferred"] = dict(inferred[key])
            at[key] = pointer
    alternatives: list[dict[str, Any]] = []
    for first, (split, keys) in splits.items():
        pointers = [at.get(key) for key in keys]
        if first not in at or any(p is None for p in pointers):
            continue
        row = at[first].rsplit("/values/", 1)[0]
        columns = [p.rsplit("/", 1)[1] for p in pointers if p is not None]
        alternatives.append({"row": row, "run": split.run, "columns": columns,
                             "readings": [list(r) for r in split.readings[:MAX_ALTERNATIVES]]})
    if alternatives:
        model["alternatives"] = alternatives


MAX_ALTERNATIVES = 8  # readings kept per run in the model (the most plausible first)
