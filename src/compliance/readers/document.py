"""The text side of a report, shared by every reader: title, intro, sections and items.

A reader turns its document into *blocks*: one string per text line or paragraph, in order, each
with its location in the source (``{"line": n}`` for text and HTML, ``{"page": p, "line": n}`` for
PDF…), and with the blocks used by tables excluded. ``build_model`` finds the numbered section
headings, the title before them, the introduction between the two, and each section's prose and
（一）/(一) sub-items, and assembles the report model around the tables already found. What the
report says about itself (title, agency, year, level) is worked out by ``readers.metadata`` from
the title and the other lines before section 一.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any

from compliance.errors import DocumentError
from compliance.model.provenance import Provenance
from compliance.model.report import empty_model
from compliance.readers.conversions import clean_lines, strip_markup
from compliance.readers.labels import TABLE_KINDS, chinese_numeral, clean, is_label_cell, split_cells
from compliance.readers.lazy_re import lazy
from compliance.readers.metadata import (
    body_candidates,
    is_title,
    level_of,
    looks_like_agency,
    metadata,
    title_facts,
)
from compliance.readers.per_line import LineMemo
from compliance.readers.tables import TablesFound
from compliance.readers.text_tables import is_application_row_label, stream_cell
from compliance.source import SourceRef

# is_title, level_of and metadata moved to ``readers.metadata``; still importable from here.
__all__ = ["Heading", "build_model", "find_headings", "is_title", "level_of", "metadata", "split_glued",
           "unglue_headings"]

_HEADING = lazy(r"([一二三四五六七八九十]{1,3})\s*[、．.，,]\s*(\S.*)")
# "第一部分 总体情况" / "第一部分：总体情况", the other numbering some reports use for the six parts.
_PART_HEADING = lazy(r"第([一二三四五六七八九十]{1,3})部分\s*[:：、．.]?\s*(\S.*)")
_HEADING_MAX = 40
_ITEM = lazy(r"[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")
_YEAR_FIRST = lazy(r"([0-9]{4})\s*年")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# "平潭综合实验区2020年" / "平潭综合实验区2020年度" alone on the line above a bare title.
_AGENCY_AND_YEAR = lazy(r"[^。，,：:；;！？\s\d]{2,30}\s*[0-9０-９]{4}\s*年度?")
@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading: its block (1-based), numeral value and text as written."""

    line: int
    number: int
    text: str


_HEADING_START = frozenset("一二三四五六七八九十第|")


def _heading_candidate(line: str) -> tuple[int, str] | None:
    """(number, heading text) when ``line`` looks like a top-level section heading."""
    if stream_cell(line) is not None:
        return None
    line = strip_markup(line)
    if clean(line)[:1] not in _HEADING_START:
        return None  # most lines: no numeral where a heading starts
    cells = split_cells(line)
    if cells is None:
        text = clean(line)
    else:
        filled = [cell for cell in cells if cell]
        # A line with a value among several cells is a table row (四、结转下年度继续办理 then numbers);
        # label cells alone ("第一部分  总体情况" split at a double space) may still be a heading.
        if not filled or (len(filled) > 1 and any(not is_label_cell(cell) for cell in filled)):
            return None
        text = " ".join(filled)
    match = _HEADING.fullmatch(text) or _PART_HEADING.fullmatch(text)
    if not match or len(text) > _HEADING_MAX or text[-1] in "。；，;,":
        return None
    if is_application_row_label(text):
        return None
    number = chinese_numeral(match.group(1))
    return None if number is None else (number, text)


_HEADING_CANDIDATES = LineMemo(_heading_candidate)

# How top-level section headings end ("…情况", "…事项", "…措施"); an enumeration inside a section
# ("一、加强组织领导") does not. Used only to accept a heading that breaks the numbering.
_SECTION_ENDING = lazy(r"(情况|事项|措施|问题)[:：]?$")


def find_headings(lines: Sequence[str], skip: Container[int] = ()) -> list[Heading]:
    """Section headings in order. A heading normally numbers higher than the one before it (so a
    stray "二、…" enumeration inside a section does not start a section); one that repeats or goes
    back is kept when it reads like a section heading ("…情况"/"…事项"), so sections out of order
    or misnumbered are reported by the rules rather than lost."""
    found: list[Heading] = []
    for index, line in enumerate(lines, 1):
        if index in skip:
            continue
        candidate = _HEADING_CANDIDATES[line]
        if candidate and (not found or candidate[0] > found[-1].number
                          or _SECTION_ENDING.search(candidate[1])):
            found.append(Heading(index, *candidate))
    return found


# A section heading glued to the end of the previous paragraph, as HTML-to-text copies often
# produce ("…实现社保卡制发自助办理。二、主动公开政府信息情况"): a sentence end, then a numeral
# heading that is short and has no sentence punctuation of its own. Table rows (tabs) never match.
_GLUED_BEFORE = lazy(r"(.*[。！？；;])\s*([一二三四五六七八九十]{1,3}、[^。；;，,！？\t]{2,30})")
# … or a heading with its first sub-item run on ("六、其他需要报告的事项（一）依申请公开…").
_GLUED_AFTER = lazy(r"([一二三四五六七八九十]{1,3}、[^。；;，,！？\t（(]{2,30}?)\s*([（(]\s*一\s*[）)].+)")
# … or a section heading and its one paragraph on one line, a space between (pymupdf4llm joins a short
# last section: "六、其他需要报告的事项 2022年，无收取信息处理费情况。"); only the report's own part names.
_GLUED_TEXT = lazy(
    r"([一二三四五六七八九十]{1,3}、[^。；;，,！？\t\s（(]{0,20}?"
    r"(?:总体情况|主动公开政府信息情况|申请情况|诉讼情况|改进情况|报告的事项))\s+(\S.*)"
)


_NUMERALS = "一二三四五六七八九十"
# The heading that _GLUED_BEFORE finds ends the line and is at most 3 + 1 + 30 characters long.
_GLUED_TAIL = 34


def split_glued(text: str) -> tuple[str, str] | None:
    """The two parts of a line that holds a section heading glued to other text, or None."""
    return _GLUED[text]


def _split_glued(text: str) -> tuple[str, str] | None:
    if "\t" in text or "、" not in text:
        return None  # both patterns need a numeral and "、" ("二、"): most lines have neither
    stripped = text.strip()
    # _GLUED_AFTER's heading opens the line; _GLUED_BEFORE's ends it, so its "、" is in the last
    # 34 characters: a long paragraph with 、 only in its body is not matched (no backtracking over it).
    after = stripped[:1] in _NUMERALS
    before = "、" in stripped[-_GLUED_TAIL:] and any(numeral + "、" in stripped for numeral in _NUMERALS)
    for pattern in ((_GLUED_BEFORE,) if before else ()) + ((_GLUED_AFTER, _GLUED_TEXT) if after else ()):
        match = pattern.fullmatch(stripped)
        if match:
            # A table row ("三、本年度办理结果 （一）予以公开 6 0 …" from PDF text) is no heading.
            heading = match.group(2) if pattern is _GLUED_BEFORE else match.group(1)
            if is_application_row_label(heading) or split_cells(stripped) is not None:
                return None
            return match.group(1), match.group(2)
    return None


_GLUED = LineMemo(_split_glued)


def unglue_headings(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with glued headings split off, and each line's 1-based number in the original.

    The markup and page furniture of a PDF conversion (``## 一、总体情况``, "— 3 —") are taken
    off first (``conversions.clean_lines``), so such a copy reads as the report itself.
    """
    out: list[str] = []
    numbers: list[int] = []
    glued = _GLUED
    for number, line in enumerate(clean_lines(lines), 1):
        parts = glued[line]
        if parts:
            out += parts
            numbers += (number, number)
        else:
            out.append(line)
            numbers.append(number)
    return out, numbers


def _title(lines: Sequence[str], end: int) -> tuple[int, str] | None:
    """(line, title) of the first title-like line before line ``end``. A title split over two
    lines is joined: the agency alone above "2023年政府信息公开工作年度报告", or the agency and year
    above a bare "政府信息公开工作年度报告" (平潭综合实验区2020年 / 政府信息公开工作年度报告)."""
    for index, line in enumerate(lines[: end - 1], 1):
        text = clean(line)
        after = clean(lines[index]) if index < end - 1 else ""
        if not is_title(text) and after and not is_title(after) and is_title(text + after):
            return index + 1, text + after  # "市政府研究室2019年政府信息公开" / "工作年度报告"
        if is_title(text):
            before = [clean(x) for x in lines[: index - 1] if clean(x)]
            if before and _YEAR_FIRST.match(text.translate(_DIGITS)) and looks_like_agency(before[-1]):
                return index, before[-1] + text
            if before and title_facts(text)[0] is None and _AGENCY_AND_YEAR.fullmatch(before[-1]):
                return index, before[-1] + text
            return index, text
    return None


def _prose(lines: Sequence[str], start: int, end: int, skip: Container[int]) -> list[tuple[int, str]]:
    """(line, text) of the non-blank, non-table lines in [start, end) (1-based)."""
    return [(number, text) for number in range(start, end)
            if number not in skip and (text := clean(lines[number - 1]))]


def _items(body: list[tuple[int, str]]) -> list[tuple[int, dict[str, str]]]:
    """Sub-items opening with （一）/(一) numbering, each with the lines up to the next one."""
    # A bracket first: most lines are not items and need no regex.
    starts = [k for k, (_, text) in enumerate(body) if text[:1] in "（(" and _ITEM.match(text)]
    items: list[tuple[int, dict[str, str]]] = []
    for n, k in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(body)
        first = body[k][1]
        cut = min([i for i in (first.find("。"), first.find("："), first.find(":")) if i > 0], default=len(first))
        text = "\n".join([text for _, text in body[k:stop]])
        items.append((body[k][0], {"label": first[:cut].strip(), "text": text}))
    return items


def _end(headings: Sequence[Heading], k: int, lines: Sequence[str]) -> int:
    """The line after the last line of section ``k``."""
    return headings[k + 1].line if k + 1 < len(headings) else len(lines) + 1


_OPENING = 5  # lines: where a report's title stands when no heading or table says what the text is


def build_model(
    lines: Sequence[str],
    headings: Sequence[Heading],
    found: TablesFound,
    *,
    uri: str,
    reader: str,
    locs: Sequence[dict[str, int]] | None = None,
) -> dict[str, Any]:
    """The report model (not yet validated) of a document read into blocks ``lines``.

    ``found.blocks`` are the blocks the tables used (left out of the prose); ``locs[n - 1]`` is the
    location of block ``n`` (default ``{"line": n}``). Raises ``DocumentError`` when the document
    has neither section headings nor tables.
    """
    first = headings[0].line if headings else len(lines) + 1
    title = _title(lines, first)
    intro = _prose(lines, title[0] + 1 if title else 1, first, found.blocks)
    if not headings and not any(found.tables.values()) and not (title and title[0] <= _OPENING and intro):
        # A text that opens with a title naming it an annual report and says something after it
        # is read (its sections are then reported missing); anything else is not a report (a
        # note that mentions a report's title further down is not one).
        raise DocumentError("no annual-report content found (no section headings or tables)", source=SourceRef(uri))

    def loc(block: int) -> dict[str, int]:
        return dict(locs[block - 1]) if locs is not None else {"line": block}

    model = empty_model()
    provenance: dict[str, dict[str, int]] = {}
    if headings or title:
        model["intro"] = "\n".join(text for _, text in intro) or None
    sections: list[dict[str, Any]] = []
    for k, heading in enumerate(headings):
        end = _end(headings, k, lines)
        body = _prose(lines, heading.line + 1, end, found.blocks)
        pointer = f"/sections/{k}"
        provenance[pointer] = loc(heading.line)
        items = []
        for n, (line, item) in enumerate(_items(body)):
            provenance[f"{pointer}/items/{n}"] = loc(line)
            items.append(item)
        tables = sorted(
            (kind for kind in TABLE_KINDS if heading.line < found.first_blocks.get(kind, 0) < end),
            key=lambda kind: found.first_blocks[kind],
        )
        sections.append(
            {
                "number": heading.number,
                "heading": heading.text,
                "text": "\n".join([text for _, text in body]),
                "items": items,
                "tables": tables,
            }
        )
    model["sections"] = sections
    # The lines above the title, for a page's publisher field ("发布机构: 开远市人民政府").
    page = [(text, "page") for line in lines[: title[0] - 1] if (text := clean(line))] if title else []
    model["metadata"] = metadata(title[1] if title else None, uri, reader, page + body_candidates(model))
    model["tables"] = found.tables
    model["provenance"] = Provenance.deferred(provenance, found.provenance)  # the tables' entries on demand
    return model
