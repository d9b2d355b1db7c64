"""What PDF-to-Markdown and PDF-to-text conversions add to a report's lines, taken off before reading.

Offices and evaluators often get a report's text out of its PDF with a converter (pymupdf4llm,
marker, MinerU, pdfplumber, pdftotext). The words and tables survive, wrapped in markup that a
report written as text or HTML never has:

- ATX headings and emphasis: ``## 一、总体情况``, ``**二、主动公开政府信息情况**``, ``# 标题 #``;
- Markdown escapes (``1\\. 属于国家秘密``) and ``<br>`` where a cell or line wrapped; inline tags
  (``<mark>``, ``<b>``, ``<span>`` …) around text;
- page furniture: footers ("— 3 —", "- 3 -", "第 3 页 共 9 页", "3/9"), page rules ("-----",
  marker's ``{3}------``), form feeds, HTML comments, images (``![](images/p3.jpg)``), and the
  title repeated at the top of every page.

A text browser's dump (``w3m -dump``) draws tables with box rules and wraps cells over lines;
``box_tables.unbox`` rewrites such a table as Markdown rows first.

``clean_lines`` returns the lines with that taken off, one output line per input line (a line of
furniture becomes blank, which ends no table run), so line numbers and provenance are unchanged.
Table lines keep their bars; ``text_tables`` reads them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compliance.readers.box_tables import has_box_rules, unbox
from compliance.readers.lazy_re import lazy
from compliance.readers.per_line import LineMemo

_ATX = lazy(r" {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
# Spaces just inside the marks are the page's own (html2text writes <strong>&nbsp; 一、总体情况</strong>
# as "**  一、总体情况**"): they go with the marks.
_EMPHASIS = lazy(r"(\*\*|__)[ \t\u3000\xa0]*(?=\S)(.+?)(?<=\S)[ \t\u3000\xa0]*\1")
_BR = lazy(r"\s*<br\s*/?>\s*", re.IGNORECASE)
# Inline HTML a converter wraps text in (pymupdf4llm marks a table block it did not take for a table:
# "<mark>信息内容 本年收费金额（单位：万元） 行政事业性收费 24252.311082</mark>").
_INLINE_TAG = lazy(r"</?(?:mark|b|strong|i|em|u|span)(?:\s[^<>]*)?>", re.IGNORECASE)
_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!>~])")
_DASHES = "-—–－―~"
_FOOTER = lazy(
    rf"[{_DASHES}]{{1,2}}\s*\d{{1,3}}\s*[{_DASHES}]{{1,2}}"  # — 3 —, - 3 -
    r"|第\s*\d{1,3}\s*页\s*(?:[/，,]?\s*共\s*\d{1,3}\s*页)?"  # 第 3 页 共 9 页, 第3页
    r"|共\s*\d{1,3}\s*页\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}"  # 3/9
    r"|[Pp]age\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?"
)
_FURNITURE = lazy(
    r"\{\d{1,4}\}-{3,}"  # marker's paginated output
    r"|[-*_=]{3,}"  # a page rule
    r"|<!--.*?-->"  # a converter's page or image comment
    r"|!\[[^\]]*\]\([^)]*\)"  # an image
)


_FURNITURE_MAX = 64  # a footer or rule is short; comments and images may be longer


def _join_br(match: re.Match[str]) -> str:
    """A ``<br>`` becomes nothing between CJK characters and a space beside ASCII (as in HTML cells)."""
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return " " if (before and before.isascii()) or (after and after.isascii()) else ""


def is_furniture(line: str) -> bool:
    """True for a page footer, page rule, comment or image line of a converted document."""
    text = line.strip().strip("\f")
    if not text or (len(text) > _FURNITURE_MAX and not text.startswith(("<!--", "!["))):
        return False
    return bool(_FOOTER.fullmatch(text) or _FURNITURE.fullmatch(text))


def strip_markup(line: str) -> str:
    """One line without heading marks, emphasis, escapes and ``<br>`` (cells keep their bars)."""
    if "\f" in line:
        line = line.replace("\f", "")
    if "#" in line:
        heading = _ATX.fullmatch(line)
        if heading:
            line = heading.group(1)
    if "**" in line or "__" in line:
        line = _EMPHASIS.sub(r"\2", line)
    if "<" in line:
        line = _BR.sub(_join_br, line)
        if "<" in line:
            line = _INLINE_TAG.sub("", line)
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    return line


def _clean(line: str) -> str:
    """A stripped line that turns out to be furniture (``**— 3 —**``, ``## - 3 -``) is blank too."""
    return "" if is_furniture(line) else line


def _cleaned(line: str) -> str:
    """``line`` (not furniture) without its markup, blank if that turns out to be furniture; a line
    with no markup (most lines: ``strip_markup`` returns the very same string) is not tested again."""
    stripped = strip_markup(line)
    return line if stripped is line else _clean(stripped)


def _clean_line(line: str) -> str:
    """One line of ``clean_lines``: blank when it is furniture, else without its markup."""
    return "" if is_furniture(line) else _cleaned(line)


_CLEAN_LINES = LineMemo(_clean_line)


def _running_header(text: str) -> bool:
    """A line that may be the title repeated at the top of every page."""
    return len(text) <= _TITLE_MAX and "政府信息公开" in text and "年" in text and "。" not in text and "|" not in text


_TITLE_MAX = 80
_SPACES = lazy(r"\s+")


def clean_lines(lines: Sequence[str]) -> list[str]:
    """The lines with conversion markup taken off and page furniture blanked (same count, same order).

    The report's title repeated at the top of each page (a running header) is kept only where it
    first stands.
    """
    if has_box_rules("\n".join(lines)):  # one scan of the text (no rule piece holds a line break)
        lines = unbox(lines)  # a text browser's ruled tables (w3m -dump): one Markdown row per table row
    memo = _CLEAN_LINES
    out = [memo[line] if line else line for line in lines]
    seen: set[str] = set()
    for index, line in enumerate(out):
        if "政府信息公开" not in line:
            continue
        text = _SPACES.sub("", line)
        if _running_header(text):
            if text in seen:
                out[index] = ""
            seen.add(text)
    return out
