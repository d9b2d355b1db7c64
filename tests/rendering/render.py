"""Render a report model back into a document, in every layout the readers accept.

``render(model, layout)`` returns the document's bytes:

- ``html``: a portal-like page (navigation, script, style, footer around the article; the title
  outside it; ``PubDate`` meta; tables with rowspan/colspan, ``<p>``/``<span>`` wrappers,
  ``&nbsp;`` blanks and ``<br>`` inside header labels); ``html-gbk``: the same, GBK-declared;
- ``tabs``: tab-separated rows with merged cells dropped (a text export);
- ``pipes``: cells joined by " | " with a trailing " |";
- ``cells``: one cell per line, each ending in " |";
- ``markdown``: Markdown tables (leading "|", separator row, spans left blank);
- ``gb18030`` / ``utf8-bom``: the tab layout in GB18030 / UTF-8 with a BOM;
- ``pymupdf4llm`` / ``marker`` / ``mineru``: the Markdown a PDF converter gives, on pages of ten
  lines with tables cut and their headers repeated (``tests/rendering/conversions.py``);
- ``boxes``: tables drawn with box rules as a text browser dumps a page (``w3m -dump``: wrapped
  cells, spans; ``tests/rendering/boxes.py``).
"""

from __future__ import annotations

import html as html_escape
from collections.abc import Callable
from typing import Any

from tests.rendering.tables import GRIDS, Grid, expanded

LAYOUTS = ("html", "html-gbk", "tabs", "pipes", "cells", "markdown", "gb18030", "utf8-bom",
           "pymupdf4llm", "marker", "mineru", "boxes")


def _title(model: dict[str, Any]) -> str:
    title = model["metadata"].get("title")
    return str(title) if title else "某某单位2023年政府信息公开工作年度报告"


def _table_kinds(section: dict[str, Any], model: dict[str, Any]) -> list[str]:
    return [kind for kind in section.get("tables", []) if model["tables"].get(kind) is not None]


def _placed(model: dict[str, Any]) -> set[str]:
    return {kind for section in model["sections"] for kind in _table_kinds(section, model)}


# ---------------------------------------------------------------- text layouts


def _text_rows(grid: Grid, layout: str) -> list[str]:
    if layout == "boxes":
        from tests.rendering.boxes import draw

        return draw(grid)
    if layout == "markdown":
        rows = [[text or "" for text in row] for row in expanded(grid)]
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        return [lines[0], "|" + "---|" * len(rows[0]), *lines[1:]]
    if layout == "cells":
        return [f"{cell.text} |" for row in grid for cell in row]
    separator = "\t" if layout == "tabs" else " | "
    end = "" if layout == "tabs" else " |"
    return [separator.join(cell.text for cell in row) + end for row in grid]


def render_text(model: dict[str, Any], layout: str = "tabs") -> str:
    """The model as a plain-text report in one of the text layouts."""
    lines = [_title(model), ""]
    if model.get("intro"):
        lines += [model["intro"], ""]
    placed = _placed(model)
    for section in model["sections"]:
        lines.append(section["heading"])
        for kind in _table_kinds(section, model):
            lines += ["", *_text_rows(GRIDS[kind](model["tables"][kind]), layout), ""]
        if section["text"]:
            lines.append(section["text"])
        lines.append("")
    for kind, table in model["tables"].items():
        if table is not None and kind not in placed:
            lines += ["", *_text_rows(GRIDS[kind](table), layout), ""]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- HTML

_CHROME_TOP = """<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zfxxgk/">政府信息公开年报</a></li></ul>
<script>var nav = "一、总体情况 <table>"; function go(){ return 1 < 2; }</script>
<style>td { border: 1px solid #000; } .x:before { content: "三、"; }</style></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>"""
_CHROME_BOTTOM = """<div class="related"><h3>相关文章</h3>
<ul><li><a href="#">关于开展政务公开检查的通知</a></li></ul></div>
<div class="footer"><p>主办单位：某某办公室&nbsp;&nbsp;网站标识码：3590000001</p><p>版权所有 © 2024</p></div>
<script>window.onload = function () { document.title = "x"; };</script>"""


def _cell_html(text: str, header: bool) -> str:
    if not text:
        return "<p>&nbsp;</p>"
    escaped = html_escape.escape(text, quote=False)
    if header and len(text) == 4 and not text[0].isdigit():
        escaped = f"{escaped[:2]}<br>{escaped[2:]}"  # 结果<br>维持, 商业<br>企业
    return f'<p style="text-align:center"><span style="font-family:宋体">{escaped}</span></p>'


def table_html(grid: Grid) -> str:
    """A grid as an HTML table with rowspan/colspan, as the portals publish it."""
    out = ['<table border="1" cellspacing="0" cellpadding="0"><tbody>']
    for row in grid:
        out.append("<tr>")
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            header = bool(cell.text) and not cell.text.replace(".", "").isdigit()
            out.append(f'<td valign="center"{spans}>{_cell_html(cell.text, header)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _paragraphs(text: str) -> list[str]:
    return [f"<p>&nbsp;&nbsp;{html_escape.escape(line, quote=False)}</p>" for line in text.split("\n") if line]


def render_html(model: dict[str, Any], *, charset: str = "utf-8", published: str | None = None) -> bytes:
    """The model as a portal page; ``published`` (or the model's) goes into a ``PubDate`` meta."""
    date = published or model["metadata"].get("published")
    meta = f'<meta name="PubDate" content="{date} 15:34"/>' if date else ""
    body = [
        _CHROME_TOP,
        f'<div class="article_title">{html_escape.escape(_title(model))}</div>',
        '<div class="article_extend"><span>来源：某某办公室</span></div>',
        '<div class="article_content"><div>',
    ]
    if model.get("intro"):
        body += _paragraphs(model["intro"])
    placed = _placed(model)
    for section in model["sections"]:
        body.append(f"<p><strong>{html_escape.escape(section['heading'], quote=False)}</strong></p>")
        for kind in _table_kinds(section, model):
            body.append(table_html(GRIDS[kind](model["tables"][kind])))
        body += _paragraphs(section["text"])
    for kind, table in model["tables"].items():
        if table is not None and kind not in placed:
            body.append(table_html(GRIDS[kind](table)))
    body += ["</div></div>", _CHROME_BOTTOM]
    page = (
        f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"/>\n'
        f"{meta}\n<title>{html_escape.escape(_title(model))}_政府信息公开年报</title></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "html": lambda m: render_html(m),
    "html-gbk": lambda m: render_html(m, charset="GBK"),
    "tabs": lambda m: render_text(m, "tabs").encode("utf-8"),
    "pipes": lambda m: render_text(m, "pipes").encode("utf-8"),
    "cells": lambda m: render_text(m, "cells").encode("utf-8"),
    "markdown": lambda m: render_text(m, "markdown").encode("utf-8"),
    "gb18030": lambda m: render_text(m, "tabs").encode("gb18030"),
    "utf8-bom": lambda m: render_text(m, "tabs").encode("utf-8-sig"),
    "boxes": lambda m: render_text(m, "boxes").encode("utf-8"),
}


def _converted(tool: str) -> Callable[[dict[str, Any]], bytes]:
    def convert(model: dict[str, Any]) -> bytes:
        from tests.rendering.conversions import render_converted

        return render_converted(model, tool, page_lines=10, running_header=True).encode("utf-8")

    return convert


RENDERERS.update({tool: _converted(tool) for tool in ("pymupdf4llm", "marker", "mineru")})


def render(model: dict[str, Any], layout: str) -> bytes:
    """The model rendered in ``layout`` (one of ``LAYOUTS``), as bytes."""
    return RENDERERS[layout](model)
