"""An HTML page → blocks: paragraphs of visible text and data tables, in document order (lxml).

Scripts, styles, forms and the like are dropped. Block-level elements (``p``, ``div``, ``h1``…,
``li``, ``br``) end a paragraph; whitespace collapses as a browser would, ``&nbsp;`` included. A
``<table>`` without nested tables is a data table: its ``tr``/``td``/``th`` become rows on the
expanded grid (``grid.expand``), each cell located as ``{"table": i, "row": r, "cell": c}``
(``i`` counts every ``<table>`` of the page, 1-based). A table that holds other tables is page
layout: its cells are read as paragraphs. A table whose spans expand it beyond the grid bound
(readers/limits.py) is skipped with a warning (logger ``compliance.readers``), so a decoy of
absurd spans anywhere on a page does not refuse the report's own tables. Pages are parsed
without libxml2's 256-level depth cut (a report nested in 250 ``div``s is read) and walked with
an explicit stack; nesting beyond 2,048 levels is a ``LimitExceededError``, not "no content".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html

from compliance.errors import LimitExceededError
from compliance.readers.blocks import Block
from compliance.readers.grid import RawCell, expand, join_pieces
from compliance.readers.lazy_re import lazy

_LOG = logging.getLogger("compliance.readers")
_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "head",
        "title",
        "map",
        "area",
        "audio",
        "video",
        "canvas",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "hr",
    ]
)
_SPACE = lazy(r"[ \t\n\r\f\u00a0]+")
_DIGITS = lazy(r"[0-9]+")
_XML_DECLARATION = lazy(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse(text: str) -> Any:
    """The page's root element (lxml), comments and processing instructions removed."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)  # no 256-level depth cut
    root = html.document_fromstring(_XML_DECLARATION.sub("", text, count=1) or "<html></html>", parser=parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise LimitExceededError("the page nests its elements more than 2,048 deep (libxml2's limit); "
                                 "what is deeper cannot be read")
    return root


def meta_tags(root: Any) -> dict[str, tuple[str, int]]:
    """``<meta name|property|http-equiv=… content=…>`` by lower-case name → (content, source line)."""
    out: dict[str, tuple[str, int]] = {}
    for meta in root.iter("meta"):
        name = meta.get("name") or meta.get("property") or meta.get("http-equiv")
        content = meta.get("content")
        if name and content is not None:
            out.setdefault(name.strip().lower(), (content.strip(), meta.sourceline or 1))
    return out


def _tag(node: Any) -> str:
    tag = node.tag
    return tag.lower() if isinstance(tag, str) else ""


def cell_text(node: Any) -> str:
    """A cell's text as read: line breaks and paragraphs joined, whitespace collapsed."""
    parts: list[str] = [""]

    def add(text: str | None) -> None:
        if text:
            parts[-1] += text

    def walk(el: Any) -> None:
        tag = _tag(el)
        if tag in _DROP or not tag:
            return
        if tag in _BLOCK or tag == "br":
            parts.append("")
        add(el.text)
        for child in el:
            walk(child)
            add(child.tail)
        if tag in _BLOCK:
            parts.append("")

    add(node.text)
    for child in node:
        walk(child)
        add(child.tail)
    return join_pieces(parts)


def _span(value: str | None) -> int:
    match = _DIGITS.search(value or "")
    return int(match.group()) if match else 1


def table_rows(table: Any, index: int, block: int) -> tuple[Any, ...]:
    """The rows of one data table, on the expanded grid, with table/row/cell locations."""
    raw: list[list[RawCell]] = []
    for tr in table.iter("tr"):
        cells = [
            RawCell(cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
            for td in tr
            if _tag(td) in ("td", "th")
        ]
        raw.append(cells)
    return tuple(
        expand(
            raw,
            lambda r, c: {"table": index, "row": r, "cell": c},
            lambda r: {"table": index, "row": r},
            block,
        )
    )


@dataclass(slots=True)
class _Walker:
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int = 0
    node: Any = None
    tables: int = 0

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        if text:
            self.blocks.append(Block(text, {"line": self.line or 1}, None, self.node))
        self.parts = []
        self.line = 0

    def add(self, text: str | None, node: Any) -> None:
        if text:
            if not self.parts or not "".join(self.parts).strip():
                self.line, self.node = node.sourceline or 0, node
            self.parts.append(text)

    def walk(self, root: Any) -> None:
        """Visit ``root``'s subtree in document order, with an explicit stack: a page may nest its
        report thousands of elements deep (250 ``div``s), deeper than Python's recursion."""
        stack: list[tuple[str, Any, Any]] = [("enter", root, None)]
        while stack:
            action, node, parent = stack.pop()
            if action == "tail":
                self.add(node.tail, parent)
                continue
            if action == "exit":
                self.flush()
                continue
            tag = _tag(node)
            if tag in _DROP or not tag:
                continue
            if tag == "table":
                self.tables += 1
                if not any(True for _ in node.iterdescendants("table")):
                    self.flush()
                    number = self.tables
                    try:
                        rows = table_rows(node, number, 0)
                    except LimitExceededError as exc:  # a decoy of absurd spans: skip it, read the rest
                        _LOG.warning("HTML table %d skipped: %s", number, exc.message)
                        continue
                    self.blocks.append(Block("", {"table": number}, rows, node))
                    continue
            block = tag in _BLOCK or tag == "br"
            if block:
                self.flush()
                stack.append(("exit", node, None))
            self.add(node.text, node)
            for child in reversed(node):
                stack.append(("tail", child, node))
                stack.append(("enter", child, None))


def page_blocks(root: Any) -> list[Block]:
    """The page's paragraphs and data tables in document order."""
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.blocks


def ancestors(node: Any) -> list[Any]:
    """``node`` and its ancestors, root first."""
    chain = [node, *node.iterancestors()]
    chain.reverse()
    return chain


def common_ancestor(nodes: list[Any]) -> Any:
    """The deepest element that contains every node of ``nodes`` (at least one)."""
    chains = [ancestors(node) for node in nodes]
    common = chains[0][0]
    for depth in range(min(len(chain) for chain in chains)):
        first = chains[0][depth]
        if any(chain[depth] is not first for chain in chains):
            break
        common = first
    return common


def inside(node: Any, root: Any) -> bool:
    """True when ``node`` is ``root`` or one of its descendants."""
    return node is root or any(parent is root for parent in node.iterancestors())


__all__ = ["cell_text", "common_ancestor", "inside", "meta_tags", "page_blocks", "parse", "table_rows"]
