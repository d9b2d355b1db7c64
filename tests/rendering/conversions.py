"""A report model as a PDF converter would give it back: Markdown or text, page by page.

``render_converted(model, tool)`` lays the report out on pages of about ``page_lines`` lines (a
table row counts as one line), then writes each page the way the tool does:

- ``pymupdf4llm``: ``#`` headings by font size, bold as ``**…**``, GFM tables whose first row is
  the header row, ``<br>`` where a cell wrapped, the page's footer ("- 3 -") kept as text and
  ``-----`` between pages;
- ``marker``: ``#``/``##``/``###`` headings, Markdown escapes (``1\\. 属于国家秘密``), GFM tables,
  footers removed, ``{3}------…`` page separators (``--paginate_output``);
- ``mineru``: every heading ``#``, tables as one-line HTML with rowspan/colspan, footers removed;
- ``pdfplumber``: plain text, one line per row with cells joined by single spaces (merged cells
  gone), footers "第 3 页 共 9 页" kept;
- ``pdftotext`` (``-layout``): plain text, cells padded to their columns with runs of spaces,
  paragraphs indented with ideographic spaces, a centred footer ("— 3 —") and a form feed at
  the start of each new page.

A table that does not fit on its page continues on the next, as a new table; with
``repeat_headers`` its header rows are repeated there (as a converter does with a PDF whose
table header repeats on every page). ``generic_headers`` replaces table 2's three header rows by
one row of generic names (项目 | 数据1 … 数据6 | 总计); ``split_labels`` puts a long table-2 label
in a row of its own with its values in the next row, as converters do when the label wraps;
``running_header`` repeats the title at the top of every page after the first.
"""

from __future__ import annotations

import html as html_escape
from dataclasses import dataclass
from typing import Any

from tests.rendering.render import _placed, _table_kinds, _title
from tests.rendering.tables import GRIDS, Grid, GridCell, expanded

TOOLS = ("pymupdf4llm", "marker", "mineru", "pdfplumber", "pdftotext")
HEADER_ROWS = {"active_disclosure": 2, "applications": 3, "review_litigation": 3}
_FOOTERS = {"pymupdf4llm": "- {n} -", "pdfplumber": "第 {n} 页 共 {total} 页", "pdftotext": " " * 20 + "— {n} —"}
_PLAIN = ("pdfplumber", "pdftotext")


@dataclass
class _Table:
    kind: str
    rows: list[list[str]]  # the expanded grid: "" where a span covers the cell
    header: int  # how many leading rows are header rows
    grid: Grid | None = None  # the published grid with its spans, while the table is whole


def _text(tool: str, text: str, *, level: int = 0, bold: bool = False) -> str:
    if tool == "pdfplumber":
        return text
    if tool == "pdftotext":
        return text if level else "\u3000\u3000" + text
    if level:
        hashes = "#" if tool == "mineru" else "#" * level
        return f"{hashes} {text}"
    if bold and tool == "pymupdf4llm":
        return f"**{text}**"
    return text


def _wrap(tool: str, text: str) -> str:
    """A long cell as the tool writes it: a ``<br>`` where the line wrapped; marker escapes "1."."""
    if tool == "marker" and text[:1].isdigit() and text[1:2] == ".":
        text = text[0] + "\\" + text[1:]
    if tool in ("pymupdf4llm", "marker") and len(text) > 14:
        text = text[:10] + "<br>" + text[10:]
    return text


def _markdown_table(tool: str, rows: list[list[str]]) -> list[str]:
    lines = ["|" + "|".join(_wrap(tool, text) for text in row) + "|" for row in rows]
    return [lines[0], "|" + "---|" * len(rows[0]), *lines[1:]]


def _html_table(table: _Table) -> list[str]:
    grid = table.grid or [[GridCell(text) for text in row] for row in table.rows]
    out = ["<table>"]
    for row in grid:
        out.append("<tr>")
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            out.append(f"<td{spans}>{html_escape.escape(cell.text, quote=False)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return ["".join(out)]


def _plain_table(rows: list[list[str]], tool: str) -> list[str]:
    if tool == "pdftotext":  # each cell padded to a column width: runs of spaces between cells
        return ["    " + "".join(text.ljust(12 if len(text) < 10 else len(text) + 3) for text in row).rstrip()
                for row in rows]
    return [" ".join(text for text in row if text) for row in rows]


def _generic(table: _Table) -> _Table:
    header = ["项目", "", "", *(f"数据{k}" for k in range(1, 7)), "总计"]
    return _Table(table.kind, [header, *table.rows[table.header:]], 1)


def _split_labels(table: _Table) -> _Table:
    """Long labels of table 2 alone in their row, the values in the next row."""
    rows = table.rows[: table.header]
    for row in table.rows[table.header:]:
        values, labels = row[-7:], row[:-7]
        if len(next((t for t in reversed(labels) if t), "")) > 20:
            rows += [[*labels, *([""] * 7)], [*([""] * len(labels)), *values]]
        else:
            rows.append(row)
    return _Table(table.kind, rows, table.header)


def _label_above_values(row: list[str], after: list[str]) -> bool:
    return not any(row[-7:]) and any(row[:-7]) and not any(after[:-7]) and any(after[-7:])


def _items(model: dict[str, Any], *, generic_headers: bool, split_labels: bool) -> list[tuple[str, Any]]:
    """The report as a flow of ("title" | "heading" | "line", text) and ("table", _Table)."""
    flow: list[tuple[str, Any]] = [("title", _title(model))]
    if model.get("intro"):
        flow += [("line", line) for line in model["intro"].split("\n") if line]

    def table(kind: str) -> _Table:
        grid: Grid = GRIDS[kind](model["tables"][kind])
        rows = [[text or "" for text in row] for row in expanded(grid)]
        out = _Table(kind, rows, HEADER_ROWS[kind], grid)
        if kind == "applications" and generic_headers:
            out = _generic(out)
        if kind == "applications" and split_labels:
            out = _split_labels(out)
        return out

    placed = _placed(model)
    for section in model["sections"]:
        flow.append(("heading", section["heading"]))
        for kind in _table_kinds(section, model):
            flow.append(("table", table(kind)))
        flow += [("line", line) for line in section["text"].split("\n") if line]
    for kind, value in model["tables"].items():
        if value is not None and kind not in placed:
            flow.append(("table", table(kind)))
    return flow


def _pages(flow: list[tuple[str, Any]], page_lines: int, repeat_headers: bool) -> list[list[tuple[str, Any]]]:
    """The flow cut into pages; a table split at a page end continues as a new table."""
    pages: list[list[tuple[str, Any]]] = [[]]
    used = 0
    for kind, item in flow:
        if kind != "table":
            if used >= page_lines:
                pages.append([])
                used = 0
            pages[-1].append((kind, item))
            used += 1
            continue
        header = item.header
        rows = item.rows[header:]
        first = True
        while rows:
            room = max(page_lines - used, 2)
            if room < len(rows) and _label_above_values(rows[room - 1], rows[room]):
                room += 1  # one row of the PDF: the label and its values stay on one page
            part, rows = rows[:room], rows[room:]
            head = item.rows[:header] if first or repeat_headers else []
            whole = first and not rows
            pages[-1].append(("table", _Table(item.kind, head + part, len(head), item.grid if whole else None)))
            used += len(head) + len(part)
            first = False
            if rows:
                pages.append([])
                used = 0
    return pages


def render_converted(
    model: dict[str, Any],
    tool: str = "pymupdf4llm",
    *,
    page_lines: int = 30,
    repeat_headers: bool = True,
    generic_headers: bool = False,
    split_labels: bool = False,
    running_header: bool = False,
) -> str:
    """The model as ``tool`` converts its PDF (see the module docstring)."""
    pages = _pages(_items(model, generic_headers=generic_headers, split_labels=split_labels), page_lines,
                   repeat_headers)
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1 and tool == "marker":
            out += [f"{{{n - 1}}}" + "-" * 48, ""]
        if n > 1 and running_header and tool in ("pymupdf4llm", *_PLAIN):
            out += [_title(model), ""]
        if n > 1 and tool == "pdftotext":
            out.append("\f")
        for kind, item in page:
            if kind == "title":
                out += [_text(tool, item, level=1), ""]
            elif kind == "heading":
                out += [_text(tool, item, level=2), ""]
            elif kind == "line":
                out += [_text(tool, item, bold=len(item) <= 20), ""]
            elif tool == "mineru":
                out += [*_html_table(item), ""]
            elif tool in _PLAIN:
                out += _plain_table(item.rows, tool)
            else:
                out += [*_markdown_table(tool, item.rows), ""]
        footer = _FOOTERS.get(tool)
        if footer:
            out += ["", footer.format(n=n, total=len(pages)), ""]
        if tool == "pymupdf4llm" and n < len(pages):
            out += ["-----", ""]
    return "\n".join(out) + "\n"
