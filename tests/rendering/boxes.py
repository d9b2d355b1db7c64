"""A table grid drawn as a text browser dumps it (``w3m -dump``): box rules, wrapped cells, spans.

Real w3m output of the portal pages (tests/corpus/extracted/*-w3m.txt) draws each table with
``┌─┬─┐ │ ├─┼─┤ └─┴─┘``; a CJK character is two columns wide; a cell wider than its column wraps
over lines, piece by piece in its column; a cell spanning rows stands in the middle of its rows,
and the rules between those rows stop at its border (``│三、本年度办理├──────┼``); a cell spanning
columns has no rule inside. This draws a ``tests.rendering.tables`` grid the same way, so the
generated reports exercise what ``readers/box_tables.py`` reads.
"""

from __future__ import annotations

import unicodedata

from tests.rendering.tables import Grid

MAX_WIDTH = 12  # display columns of the widest column: longer labels wrap, as w3m wraps them


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for char in text:
        if _width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def draw(grid: Grid) -> list[str]:
    """The grid's lines, drawn with box rules."""
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int, str]] = {}  # origin -> (rowspan, colspan, text)
    for r, row in enumerate(grid):
        col = 0
        for cell in row:
            while (r, col) in owner:
                col += 1
            spans[(r, col)] = (cell.rowspan, cell.colspan, cell.text)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, col + dc)] = (r, col)
            col += cell.colspan
    rows = 1 + max(r for r, _ in owner)
    cols = 1 + max(c for _, c in owner)
    widths = [2] * cols
    for (_r, c), (_, colspan, text) in spans.items():
        if colspan == 1:
            widths[c] = max(widths[c], min(_width(text), MAX_WIDTH))

    def span_width(c: int, colspan: int) -> int:
        return sum(widths[c : c + colspan]) + colspan - 1

    pieces = {origin: _wrap(text, span_width(origin[1], colspan)) for origin, (_, colspan, text) in spans.items()}
    heights = [1] * rows
    for (r, c), (rowspan, _, _) in spans.items():
        if rowspan == 1:
            heights[r] = max(heights[r], len(pieces[(r, c)]))
    for (r, c), (rowspan, _, _) in spans.items():
        room = sum(heights[r : r + rowspan]) + rowspan - 1
        if rowspan > 1 and room < len(pieces[(r, c)]):
            heights[r + rowspan - 1] += len(pieces[(r, c)]) - room
    starts = []
    line = 1
    for height in heights:
        starts.append(line)
        line += height + 1

    def text_at(origin: tuple[int, int], at: int) -> str:
        rowspan, colspan, _ = spans[origin]
        top = starts[origin[0]]
        bottom = starts[origin[0] + rowspan - 1] + heights[origin[0] + rowspan - 1]
        texts = pieces[origin]
        first = top + (bottom - top - len(texts)) // 2  # in the middle of its rows, as w3m sets it
        index = at - first
        return _pad(texts[index] if 0 <= index < len(texts) else "", span_width(origin[1], colspan))

    out: list[str] = []
    for r in range(rows + 1):
        # the rule above row r: broken where a cell spanning rows goes on through it
        parts = []
        c = 0
        while c < cols:
            above = owner.get((r - 1, c))
            below = owner.get((r, c))
            if above is not None and above == below:  # a cell going on through this rule
                _, colspan, _ = spans[above]
                parts.append(("text", text_at(above, starts[r] - 1)))
                c += colspan
                continue
            run = 1
            while c + run < cols and owner.get((r, c + run)) == below and owner.get((r - 1, c + run)) == above \
                    and not (above is not None and above == owner.get((r, c + run))):
                run += 1
            parts.append(("rule", "─" * span_width(c, run)))
            c += run
        joints = "┌┬┐" if r == 0 else "└┴┘" if r == rows else "├┼┤"
        line_text = ""
        for k, (kind, text) in enumerate(parts):
            edge = joints[0] if k == 0 else joints[1]
            if kind == "text" or (k and parts[k - 1][0] == "text"):
                edge = "│" if kind == "text" and (k == 0 or parts[k - 1][0] == "text") else \
                    ("├" if kind == "rule" else "┤")
            line_text += edge + text
        last = "│" if parts[-1][0] == "text" else joints[2]
        out.append(line_text + last)
        if r == rows:
            break
        for at in range(starts[r], starts[r] + heights[r]):
            cells = []
            c = 0
            while c < cols:
                origin = owner[(r, c)]
                cells.append(text_at(origin, at))
                c = origin[1] + spans[origin][1]
            out.append("│" + "│".join(cells) + "│")
    return out
