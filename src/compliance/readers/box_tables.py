"""Tables drawn with box rules (``w3m -dump``, ``tabulate``'s grids) rewritten as Markdown rows.

Why: a text browser's dump of a portal page draws each table with rules (``┌──┬──┐``, ``│``,
``├──┼──┤``; ASCII ``+----+`` grids elsewhere) and wraps a long cell over several lines, each
piece in its own column::

    │               │（二）部分公开（区分处理的，│     │      │
    │               │只计这一情形，不计其他情形）│8    │1     │

Read line by line, each line would be a row of fragments. Here the lines between two rules are
one row: the pieces that stand in the same column (same display position; a CJK character is two
columns wide, as the browser laid it out) are joined into that column's cell. A rule under some
columns only (``│自然 ├──┬──┤``: a header over sub-columns, or the rows beside a cell that spans
rows) ends the row for all; a cell the rule does not cross goes on, and its pieces below are
joined to it (it is written on the first row it spans, blank on the others). Each row is written
as a Markdown table row (``| a | b | |``, blank cells kept, so values stay in their columns) on its
first line; its other lines and the rules become blank, so every line keeps its number.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.hanzi import display_width

__all__ = ["has_box_rules", "unbox"]

_VERTICAL = "│┃║"
_JUNCTIONS = "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╪╟╢╫╓╖╙╜╒╕╘╛╤╧╥╨"
_HORIZONTAL = "─━═"
_SPLIT = set(_VERTICAL + _JUNCTIONS)
_RULE = set(_HORIZONTAL)
_ASCII_SPLIT = set("|+")
_ASCII_RULE = set("-=:")


def has_box_rules(text: str) -> bool:
    """True when ``text`` may hold a box-drawn table (a cheap test before ``unbox``)."""
    return "─" in text or "━" in text or "═" in text or "+--" in text or "+==" in text


def _segments(line: str, split: set[str]) -> list[tuple[int, int, str]]:
    """(display column where it starts, where it ends, text) of each piece between separators."""
    out: list[tuple[int, int, str]] = []
    column = 0
    start = 0
    piece: list[str] = []
    for char in line:
        if char in split:
            if piece or out or column:
                out.append((start, column, "".join(piece)))
            piece = []
            column += 1
            start = column
            continue
        piece.append(char)
        column += display_width(char)
    if piece and "".join(piece).strip():
        out.append((start, column, "".join(piece)))
    return out


def _is_rule(text: str, rule: set[str]) -> bool:
    stripped = text.strip()
    return bool(stripped) and set(stripped) <= rule


def _rule_line(line: str, split: set[str], rule: set[str]) -> bool:
    """A line of rules and junctions only; in ASCII, a ``+---+---+`` line (a Markdown ``|---|`` or an
    org-mode ``|---+---|`` separator is no grid rule: those tables' rows are one line each)."""
    stripped = line.strip()
    if split is _ASCII_SPLIT and not stripped.startswith("+"):
        return False
    return bool(stripped) and set(stripped) <= split | rule and bool(set(stripped) & rule)


def _box_line(line: str, split: set[str]) -> bool:
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] in split and stripped[-1] in split


def _join(left: str, right: str) -> str:
    """Two pieces of one wrapped cell: no space between CJK text, one between ASCII words."""
    if not left:
        return right
    if not right:
        return left
    return f"{left} {right}" if left[-1].isascii() and right[0].isascii() else left + right


def _unbox_block(lines: list[str], start: int, end: int, split: set[str], rule: set[str]) -> None:
    """Rewrite the box lines ``lines[start:end]`` in place (see the module docstring)."""
    rows: list[tuple[int, dict[int, str]]] = []  # (line, column -> cell text)
    current: dict[int, str] | None = None
    spans: dict[int, tuple[int, str]] = {}  # column of a cell that spans rows -> (its first row, its text)
    carried: list[tuple[int, str]] = []  # pieces of a rule line with no row above: they open the next row

    def close(column: int) -> None:
        position, text = spans.pop(column)
        rows[position][1][column] = text

    for index in range(start, end):
        pieces = _segments(lines[index].strip(), split)
        lines[index] = ""
        if pieces and not any(_is_rule(text, rule) for _, _, text in pieces):
            if current is None:
                current = dict(carried)
                carried = []
                rows.append((index, current))
            for column, _, text in pieces:
                if column in spans:
                    position, before = spans[column]
                    spans[column] = (position, _join(before, text.strip()))
                    current[column] = ""
                else:
                    current[column] = _join(current.get(column, ""), text.strip())
            continue
        current = None  # a rule: the row ends; a cell the rule does not cross goes on into the next row
        for left, right, text in pieces:
            if _is_rule(text, rule):
                for column in [c for c in spans if left <= c < right]:
                    close(column)
        for column, _, text in pieces:
            if _is_rule(text, rule):
                continue
            if column in spans:
                position, before = spans[column]
                spans[column] = (position, _join(before, text.strip()))
            elif rows and column in rows[-1][1]:
                spans[column] = (len(rows) - 1, _join(rows[-1][1][column], text.strip()))
            else:
                carried.append((column, text.strip()))
    for column in list(spans):
        close(column)
    for index, row in rows:
        if any(row.values()):
            lines[index] = "| " + " | ".join(row[column] for column in sorted(row)) + " |"


def unbox(lines: Sequence[str]) -> list[str]:
    """The lines with each box-drawn table's rows rewritten as Markdown rows (same count).

    A block is a run of lines that open and close with a rule character and hold at least one rule
    line; Unicode box drawing, or an ASCII grid whose rules are ``+---+`` lines.
    """
    out = list(lines)
    for split, rule in ((_SPLIT, _RULE), (_ASCII_SPLIT, _ASCII_RULE)):
        index = 0
        while index < len(out):
            if not _box_line(out[index], split):
                index += 1
                continue
            end = index
            while end < len(out) and _box_line(out[end], split):
                end += 1
            if any(_rule_line(out[n], split, rule) for n in range(index, end)):
                _unbox_block(out, index, end, split, rule)
            index = end
    return out
