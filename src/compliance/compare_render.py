"""``Comparison`` → text, Markdown, HTML (changed cells highlighted) or JSON.

Separate from ``compliance.reporters`` (which render check results, not comparisons) so the
reporters stay independent of the engine; this module only reads a ``Comparison``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from decimal import Decimal

from compliance.compare import CellChange, Comparison, SectionChange, TableComparison

FORMATS = ("text", "markdown", "html", "json")

_T = {
    "zh": {"title": "年度报告对比", "cells": "表格单元格", "changed": "有变化", "sections": "正文变化",
           "no_change": "无变化", "cross": "跨年度核对", "checked": "核对对象", "only_a": "仅见于 A",
           "only_b": "仅见于 B", "none": "（无）",
           "summary": "单元格 {cells} 个，有变化 {changed} 个；正文有变化的部分 {sections} 个"},
    "en": {"title": "Annual reports compared", "cells": "table cells", "changed": "changed", "sections": "text changes",
           "no_change": "no change", "cross": "Across years", "checked": "checked", "only_a": "only in A",
           "only_b": "only in B", "none": "(none)",
           "summary": "{cells} cells, {changed} changed; {sections} sections with changed text"},
}
_STATUS = {"pass": "✓", "fail": "✗", "error": "!", "skip": "–"}


def _delta(cell: CellChange) -> str:
    if cell.delta is None:
        return ""
    text = format(cell.delta, "f") if isinstance(cell.delta, Decimal) else str(cell.delta)
    return f"+{text}" if cell.delta > 0 else text.replace("-", "−")


def _cell_text(cell: CellChange) -> str:
    """``a → b (Δ)`` for a changed cell, the value alone for an unchanged one."""
    if not cell.changed:
        return cell.a or "·"
    delta = _delta(cell)
    return f"{cell.a or '·'} → {cell.b or '·'}" + (f" ({delta})" if delta else "")


def _summary(c: Comparison) -> str:
    return _T[c.lang]["summary"].format(cells=sum(len(t.cells) for t in c.tables), changed=c.changed_cells,
                                        sections=sum(s.changed for s in c.sections))


def _heading_change(s: SectionChange, t: dict[str, str]) -> str:
    if s.heading_a is None:
        return f" [{t['only_b']}]"
    if s.heading_b is None:
        return f" [{t['only_a']}]"
    return ""


def render_text(c: Comparison) -> str:
    t = _T[c.lang]
    out = [t["title"], f"  A = {c.a.name()} ({c.a.source})", f"  B = {c.b.name()} ({c.b.source})", _summary(c), ""]
    for table in c.tables:
        out.append(f"{table.name} {table.title}")
        for row, label in table.rows:
            cells = [x for x in table.cells if x.row == row]
            if cells:
                out.append(f"  {label}: " + " · ".join(f"{x.column_label} {_cell_text(x)}" for x in cells))
        out.append("")
    out.append(t["sections"])
    changed = [s for s in c.sections if s.changed]
    for s in changed:
        out.append(f"  {s.heading}{_heading_change(s, t)}")
        out += [f"    {op} {text}" for op, text in s.diff]
    if not changed:
        out.append(f"  {t['none']}")
    out += ["", f"{t['cross']} ({t['checked']}: {c.checked})"]
    out += [f"  {_STATUS[f.status.value]} {f.rule}: {f.message}" for f in c.cross_year] or [f"  {t['none']}"]
    out += [f"  ! {n}" for n in c.notes]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(table: TableComparison) -> list[str]:
    columns = [(cid, label) for cid, label in table.columns if any(x.column == cid for x in table.cells)]
    out = [f"### {table.name} {table.title}", "", "| | " + " | ".join(_md(label) for _, label in columns) + " |",
           "|---|" + "---|" * len(columns)]
    for row, label in table.rows:
        cells = [table.cell(row, cid) for cid, _ in columns]
        if not any(cells):
            continue
        shown = [("" if x is None else (f"**{_md(_cell_text(x))}**" if x.changed else _md(_cell_text(x))))
                 for x in cells]
        out.append(f"| {_md(label)} | " + " | ".join(shown) + " |")
    return [*out, ""]


def render_markdown(c: Comparison) -> str:
    t = _T[c.lang]
    out = [f"# {t['title']}", "", f"- A: {_md(c.a.name())} (`{c.a.source}`)",
           f"- B: {_md(c.b.name())} (`{c.b.source}`)", f"- {_summary(c)}", ""]
    for table in c.tables:
        out += _md_table(table)
    out += [f"## {t['sections']}", ""]
    changed = [s for s in c.sections if s.changed]
    for s in changed:
        out += [f"### {_md(s.heading)}{_heading_change(s, t)}", "", "```diff"]
        out += [f"{op} {text}" for op, text in s.diff]
        out += ["```", ""]
    if not changed:
        out += [t["none"], ""]
    out += [f"## {t['cross']}", "", f"{t['checked']}: `{c.checked}`", ""]
    out += [f"- {_STATUS[f.status.value]} `{f.rule}`: {_md(f.message)}" for f in c.cross_year] or [t["none"]]
    out += [f"- ! {_md(n)}" for n in c.notes]
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}
th{background:#f4f4f4}td.label,th.label{text-align:left}td.changed{background:#fff3bf;font-weight:600}
td.flagged{outline:2px solid #c92a2a}
.del{background:#ffe3e3;text-decoration:line-through}.ins{background:#d3f9d8}
.fail,.error{color:#c92a2a}.pass{color:#2b8a3e}.skip{color:#868e96}ul.diff{list-style:none;padding-left:1em}
"""


def render_html(c: Comparison) -> str:
    t = _T[c.lang]
    e = html.escape
    out = ["<!DOCTYPE html>", f'<html lang="{"en" if c.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
           f"<title>{e(t['title'])}: {e(c.a.name())} / {e(c.b.name())}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(t['title'])}</h1>", f"<p>A: {e(c.a.name())} <code>{e(c.a.source)}</code><br>"
           f"B: {e(c.b.name())} <code>{e(c.b.source)}</code></p>", f"<p>{e(_summary(c))}</p>"]
    flagged = {f.pointer for f in c.cross_year if f.status.value in ("fail", "error") and f.pointer}
    for table in c.tables:
        columns = [(cid, label) for cid, label in table.columns if any(x.column == cid for x in table.cells)]
        out.append(f"<h2>{e(table.name)} {e(table.title)}</h2><table><tr><th class=\"label\"></th>"
                   + "".join(f"<th>{e(label)}</th>" for _, label in columns) + "</tr>")
        for row, label in table.rows:
            cells = [table.cell(row, cid) for cid, _ in columns]
            if not any(cells):
                continue
            tds = []
            for x in cells:
                if x is None:
                    tds.append("<td></td>")
                else:  # changed cells highlighted; a cell a cross-year finding is about, outlined
                    classes = " ".join(k for k, on in (("changed", x.changed), ("flagged", x.pointer in flagged)) if on)
                    attrs = f' class="{classes}" data-pointer="{e(x.pointer)}"' if classes else ""
                    tip = f' title="A {e(x.a)} / B {e(x.b)}"' if x.changed else ""
                    tds.append(f"<td{attrs}{tip}>{e(_cell_text(x))}</td>")
            out.append(f'<tr><td class="label">{e(label)}</td>{"".join(tds)}</tr>')
        out.append("</table>")
    out.append(f"<h2>{e(t['sections'])}</h2>")
    changed = [s for s in c.sections if s.changed]
    for s in changed:
        out.append(f"<h3>{e(s.heading)}{e(_heading_change(s, t))}</h3><ul class=\"diff\">")
        out += [f'<li class="{"ins" if op == "+" else "del"}">{e(op)} {e(text)}</li>' for op, text in s.diff]
        out.append("</ul>")
    if not changed:
        out.append(f"<p>{e(t['none'])}</p>")
    out.append(f"<h2>{e(t['cross'])}</h2><p>{e(t['checked'])}: <code>{e(c.checked or '')}</code></p><ul>")
    out += [f'<li class="{f.status.value}">{_STATUS[f.status.value]} <code>{e(f.rule)}</code>: {e(f.message)}</li>'
            for f in c.cross_year]
    out += [f"<li>! {e(n)}</li>" for n in c.notes]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


def _exact(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def render_json(c: Comparison) -> str:
    return json.dumps(c.to_dict(), ensure_ascii=False, indent=2, default=_exact) + "\n"


RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "text": render_text, "markdown": render_markdown, "html": render_html, "json": render_json,
}


def render(c: Comparison, fmt: str) -> str:
    """``c`` in format ``fmt`` (one of ``FORMATS``)."""
    return RENDERERS[fmt](c)
