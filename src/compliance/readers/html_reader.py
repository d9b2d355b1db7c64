"""``HtmlReader``: an annual report as published on a portal page (HTML, any common charset).

The page is decoded (BOM, ``<meta charset>``, UTF-8, GB18030) and parsed with lxml into blocks
(``html_blocks``). The report is located *by content*: the deepest element holding every section
heading and every report table; navigation, scripts, footers and the rest of the page outside it
are ignored. The title is the nearest title-like paragraph before the report (else the page's
``ArticleTitle`` meta or ``<title>``); when the body's title states no year, the page's title
metas and ``<title>`` are asked before the introduction and the period (``readers.metadata``).
``metadata.published`` comes from a publication-date meta (``PubDate``, ``publishdate``,
``firstpublishedtime``…), ``metadata.url`` from a ``Url``/``og:url`` meta. Tables go through the shared recognition
with their expanded grids, so columns are matched to the header labels above them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from compliance.errors import DocumentError
from compliance.model.report import Report, check_reader_output
from compliance.readers.blocks import Block, heading_blocks, is_report_table, model_from_blocks
from compliance.readers.decoding import decode_text
from compliance.readers.lazy_re import lazy
from compliance.readers.metadata import Candidate, body_candidates, is_title, metadata
from compliance.source import SourceRef

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<body", b"<table", b"<meta", b"<head", b"<div", b"<p>", b"<p ")
_DATE_METAS = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "publishtime",
    "published",
    "publish_date",
    "article:published_time",
    "dc.date",
    "dcterms.issued",
    "date",
    "maketime",
)
_TITLE_METAS = ("articletitle", "og:title", "dc.title")
_URL_METAS = ("url", "og:url", "dc.identifier")
_DATE = lazy(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})")
_TITLE_SEPARATORS = lazy(r"\s*[_|｜]\s*|\s+-\s+")


def looks_like_html(data: bytes) -> bool:
    """True when the first 4 KB hold HTML markup (content, not the file name, decides)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if head.lstrip().startswith(b"<"):
        return any(marker in head for marker in _HTML_MARKERS)
    return any(marker in head for marker in _HTML_MARKERS[:4])


def iso_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD (2024-03-08 15:34, 2024年3月8日, 2024/3/8), if valid."""
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def published(metas: dict[str, tuple[str, int]]) -> str | None:
    """The publication date the page's meta tags state, if any."""
    for name in _DATE_METAS:
        if name in metas:
            found = iso_date(metas[name][0])
            if found:
                return found
    return None


def _meta_title(root: Any, metas: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    for name in _TITLE_METAS:
        if name in metas and is_title(metas[name][0]):
            return metas[name]
    title = root.find(".//title")
    if title is not None and title.text:
        first = _TITLE_SEPARATORS.split(title.text.strip())[0]
        if is_title(first):
            return first, title.sourceline or 1
    return None


def page_url(metas: dict[str, tuple[str, int]]) -> str | None:
    """The page's own address, when a meta tag states it (``Url``, ``og:url``)."""
    for name in _URL_METAS:
        value = metas.get(name, ("", 0))[0].strip()
        if value.startswith(("http://", "https://")):
            return value
    return None


def page_candidates(root: Any, metas: dict[str, tuple[str, int]]) -> list[Candidate]:
    """What the page says about the report outside its body: the title metas and ``<title>`` (its
    first part, before the site name), as ``"meta"`` candidates for ``metadata``."""
    out: list[Candidate] = [(metas[name][0], "meta") for name in _TITLE_METAS if name in metas]
    title = root.find(".//title")
    if title is not None and title.text:
        out.append((_TITLE_SEPARATORS.split(title.text.strip())[0], "meta"))
    return out


def report_blocks(blocks: list[Block], root: Any, metas: dict[str, tuple[str, int]]) -> list[Block]:
    """The blocks of the report itself: its title, then everything inside the report's element."""
    headings = heading_blocks(blocks)
    anchors = [blocks[k].node for k in headings] + [b.node for b in blocks if is_report_table(b)]
    if not anchors:
        return []
    from compliance.readers.html_blocks import common_ancestor, inside

    element = common_ancestor(anchors)
    kept = [k for k, block in enumerate(blocks) if inside(block.node, element)]
    first_heading = min(headings, default=len(blocks))
    if any(is_title(blocks[k].text) for k in kept if k < first_heading):
        return [blocks[k] for k in kept]
    before = [k for k in range(kept[0] if kept else 0) if is_title(blocks[k].text)]
    with_year = [k for k in before if re.search(r"[0-9０-９]{4}\s*年", blocks[k].text)]
    title: Block | None = None
    if with_year or before:
        title = blocks[(with_year or before)[-1]]
    else:
        meta = _meta_title(root, metas)
        if meta is not None:
            title = Block(meta[0], {"line": meta[1]})
    return ([title] if title else []) + [blocks[k] for k in kept]


def model_from_html(data: bytes, *, uri: str) -> dict[str, Any]:
    """Read an HTML page into a report model (not yet validated); ``DocumentError`` when it is none."""
    # lxml and the page walker load with the first page (start-up: text-only checks never need them)
    from compliance.readers.html_blocks import meta_tags, page_blocks, parse

    source = SourceRef(uri)
    text = decode_text(data, uri=uri, html=True)
    try:
        root = parse(text)
    except (ValueError, TypeError) as exc:  # lxml: empty or unparsable document
        raise DocumentError(f"not a readable HTML page: {exc}", source=source) from exc
    metas = meta_tags(root)
    blocks = report_blocks(page_blocks(root), root, metas)
    if not blocks:
        raise DocumentError(
            "no annual-report content found on the page (no section headings or report tables)", source=source
        )
    model = model_from_blocks(blocks, uri=uri, reader="html")
    # The body's own title (which may be bare: "政府信息公开工作年度报告") and lines first; then
    # the page's title metas and <title>; then the introduction and the period statement.
    body_title = model["metadata"]["title"]
    own = body_title if model["metadata"]["year_from"] in (None, "title") else None
    lines = [] if own or not body_title else [(body_title, "heading")]
    model["metadata"] = metadata(
        own, uri, "html", page_candidates(root, metas) + lines + body_candidates(model),
        published=published(metas), url=page_url(metas),
    )
    return model


class HtmlReader:
    """Reads portal pages (``.html``/``.htm``/``.shtml``), charset from BOM, meta or content."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")

    def sniff(self, data: bytes) -> bool:
        """True when the content is HTML markup."""
        return looks_like_html(data)

    def read(self, data: bytes, *, uri: str) -> Report:
        """Read the page ``data`` named ``uri``; raise ``DocumentError`` when it holds no report."""
        source = SourceRef(uri)
        model = model_from_html(data, uri=uri)
        check_reader_output(model, source=source)
        return Report(model, source)
