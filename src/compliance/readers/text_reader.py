"""``TextReader``: a plain-text copy of an annual report (UTF-8 or GB18030) read into the report model.

It finds the title, the introduction, the numbered sections with their sub-items, and the three
tables (through ``text_tables``), recording the source line of everything it reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from compliance.errors import DocumentError
from compliance.model.report import Report, empty_model, validate_model
from compliance.readers.labels import TABLE_KINDS, chinese_numeral, clean, split_cells
from compliance.readers.text_tables import find_tables, is_application_row_label
from compliance.source import SourceRef

_HEADING = re.compile(r"([一二三四五六七八九十]{1,3})\s*[、．.，,]\s*(\S.*)")
_HEADING_MAX = 40
_ITEM = re.compile(r"[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")
_YEAR = re.compile(r"([0-9]{4})\s*年")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TITLE_MAX = 80
_CONTROL_SHARE = 0.05

_DEPARTMENT_SUFFIXES = (
    "街道办事处",
    "委员会",
    "办公室",
    "办公厅",
    "公司",
    "局",
    "委",
    "办",
    "中心",
    "厅",
    "院",
    "署",
    "所",
    "站",
    "队",
    "会",
    "处",
    "社",
    "馆",
)
_REGION_SUFFIXES = ("实验区", "新区", "开发区", "省", "市", "区", "县", "州", "旗", "盟", "镇", "乡")


@dataclass(frozen=True, slots=True)
class _Heading:
    line: int
    number: int
    text: str


def decode_text(data: bytes, *, uri: str = "<memory>") -> str:
    """Decode report bytes (UTF-8 with or without BOM, else GB18030) into text with ``\\n`` line ends.

    Raises ``DocumentError`` for empty or binary input.
    """
    source = SourceRef(uri)
    text: str | None = None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    if text is None:
        if b"\x00" in data:
            raise DocumentError("binary data, not a text report", source=source)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise DocumentError("binary data, not a text report", source=source)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not clean(text):
        raise DocumentError("empty document", source=source)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\f\v")
    if "\x00" in text or controls > _CONTROL_SHARE * len(text):
        raise DocumentError("binary data, not a text report", source=source)
    return text


def _heading_candidate(line: str) -> tuple[int, str] | None:
    """(number, heading text) when ``line`` looks like a top-level section heading."""
    cells = split_cells(line)
    if cells is None:
        text = clean(line)
    else:
        filled = [cell for cell in cells if cell]
        # A line with several cells is a table row (e.g. 四、结转下年度继续办理 followed by numbers).
        if len(filled) != 1:
            return None
        text = filled[0]
    match = _HEADING.fullmatch(text)
    if not match or len(text) > _HEADING_MAX or text[-1] in "。；，;,":
        return None
    if is_application_row_label(text):
        return None
    number = chinese_numeral(match.group(1))
    return None if number is None else (number, text)


def _headings(lines: Sequence[str]) -> list[_Heading]:
    """Section headings in order; a heading must number higher than the one before it."""
    found: list[_Heading] = []
    for index, line in enumerate(lines, 1):
        candidate = _heading_candidate(line)
        if candidate and (not found or candidate[0] > found[-1].number):
            found.append(_Heading(index, *candidate))
    return found


def _title(lines: Sequence[str], end: int) -> tuple[int, str] | None:
    """(line, title) of the first title-like line before line ``end``."""
    for index, line in enumerate(lines[: end - 1], 1):
        text = clean(line)
        compact = re.sub(r"\s+", "", text)
        if (
            "政府信息公开" in compact
            and ("年度报告" in compact or "年报" in compact)
            and len(text) <= _TITLE_MAX
            and not text.endswith("。")
        ):
            return index, text
    return None


def _level(agency: str | None) -> str | None:
    """department / government from the agency's name, or None when the name does not tell."""
    if not agency:
        return None
    if agency.endswith("人民政府"):
        return "government"
    if agency.endswith(_DEPARTMENT_SUFFIXES):
        return "department"
    if agency.endswith(_REGION_SUFFIXES):
        return "government"
    return None


def _metadata(title: str | None, uri: str) -> dict[str, Any]:
    meta: dict[str, Any] = dict(empty_model()["metadata"])
    meta.update(title=title, source=uri, reader="text")
    if title is None:
        return meta
    # Full-width digits map one-to-one, so positions in the mapped title hold in the original.
    match = _YEAR.search(title.translate(_DIGITS))
    if match:
        meta["year"] = int(match.group(1))
        agency = re.sub(r"\s+", "", title[: match.start()]).strip("《》〈〉「」“”\"'")
        agency = agency.removesuffix("关于")
        meta["agency"] = agency or None
        meta["level"] = _level(meta["agency"])
    return meta


def _prose(lines: Sequence[str], start: int, end: int, skip: set[int]) -> list[tuple[int, str]]:
    """(line, text) of the non-blank, non-table lines in [start, end) (1-based)."""
    out: list[tuple[int, str]] = []
    for number in range(start, end):
        if number in skip:
            continue
        text = clean(lines[number - 1])
        if text:
            out.append((number, text))
    return out


def _items(body: list[tuple[int, str]]) -> list[tuple[int, dict[str, str]]]:
    """Sub-items opening with （一）/(一) numbering, each with the lines up to the next one."""
    starts = [k for k, (_, text) in enumerate(body) if _ITEM.match(text)]
    items: list[tuple[int, dict[str, str]]] = []
    for n, k in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(body)
        first = body[k][1]
        cut = min((i for i in (first.find("。"), first.find("：")) if i > 0), default=len(first))
        text = "\n".join(text for _, text in body[k:stop])
        items.append((body[k][0], {"label": first[:cut].strip(), "text": text}))
    return items


def model_from_text(text: str, *, uri: str, reader: str = "text") -> dict[str, Any]:
    """Read decoded report text into a report model (not yet validated).

    Raises ``DocumentError`` when the text has neither section headings nor tables.
    """
    lines = text.split("\n")
    headings = _headings(lines)
    found = find_tables(lines, skip={heading.line for heading in headings})
    if not headings and not any(found.tables.values()):
        raise DocumentError(
            "no annual-report content found (no section headings or tables)", source=SourceRef(uri)
        )
    model = empty_model()
    provenance: dict[str, dict[str, int]] = model["provenance"]
    first = headings[0].line if headings else len(lines) + 1
    title = _title(lines, first)
    model["metadata"] = _metadata(title[1] if title else None, uri)
    model["metadata"]["reader"] = reader
    if headings:
        intro = _prose(lines, title[0] + 1 if title else 1, first, found.lines)
        model["intro"] = "\n".join(text for _, text in intro) or None
    sections: list[dict[str, Any]] = []
    for k, heading in enumerate(headings):
        end = headings[k + 1].line if k + 1 < len(headings) else len(lines) + 1
        body = _prose(lines, heading.line + 1, end, found.lines)
        pointer = f"/sections/{k}"
        provenance[pointer] = {"line": heading.line}
        items = []
        for n, (line, item) in enumerate(_items(body)):
            provenance[f"{pointer}/items/{n}"] = {"line": line}
            items.append(item)
        tables = sorted(
            (kind for kind in TABLE_KINDS if heading.line < found.first_lines.get(kind, 0) < end),
            key=lambda kind: found.first_lines[kind],
        )
        sections.append(
            {
                "number": heading.number,
                "heading": heading.text,
                "text": "\n".join(text for _, text in body),
                "items": items,
                "tables": tables,
            }
        )
    model["sections"] = sections
    model["tables"] = found.tables
    provenance.update(found.provenance)
    return model


class TextReader:
    """Reads plain-text annual reports (``.txt``), as saved from a portal page or a word processor."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")
    media_types: tuple[str, ...] = ("text/plain",)

    def sniff(self, data: bytes) -> bool:
        """True when ``data`` decodes as text and is neither HTML nor JSON."""
        try:
            text = decode_text(data)
        except DocumentError:
            return False
        head = text.lstrip()[:1024].lower()
        if head.startswith(("{", "[")):
            return False
        return not (head.startswith("<") or "<html" in head or "<!doctype" in head)

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read report text ``data`` named ``uri``; raise ``DocumentError`` when it is not a report."""
        source = SourceRef(uri)
        model = model_from_text(decode_text(data, uri=uri), uri=uri)
        validate_model(model, source=source)
        return Report(model, source)
