"""Rows without per-cell objects (issue 12 item 1, session 17): what is computed when asked, or
remembered per line, equals what was computed eagerly before.

The whole-model bar (every model byte for byte against the base readers) is
``benchmarks/read_models.py``; these tests pin each piece on its own.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers import document
from compliance.readers.grid import Cell, Row
from compliance.readers.labels import clean, is_rule_row, split_cells
from compliance.readers.per_line import LONGEST, LineMemo
from compliance.readers.text_tables import _runs, _split
from tests.hypothesis_budget import examples
from tests.readers.helpers import read, seed_model
from tests.rendering.render import render
from tests.strategies import consistent_models

_CELL = st.sampled_from(["", "0", "12", "1.5", "规章", "（一）予以公开", "1. 属于国家秘密", "—", "约3", "-", "---",
                         ":--"])
_ROWS = st.lists(st.lists(_CELL, min_size=1, max_size=8), min_size=1, max_size=8)
_LAYOUT = st.sampled_from(["\t", " | ", "markdown", "cells"])


def _lines(rows: list[list[str]], layout: str) -> list[str]:
    if layout == "markdown":
        width = max(len(row) for row in rows)
        grid = [row + [""] * (width - len(row)) for row in rows]
        body = ["| " + " | ".join(row) + " |" for row in grid]
        return [body[0], "|" + "---|" * width, *body[1:]]
    if layout == "cells":
        return [f"{text} |" for row in rows for text in row if text] + [""]
    return [layout.join(row) for row in rows]


@settings(max_examples=examples(200), deadline=None)
@given(_ROWS, _LAYOUT)
def test_a_text_rows_cell_locations_are_the_eager_ones(rows: list[list[str]], layout: str) -> None:
    """Each cell of a row read from text lines is where the eager reader put it: cell k of line n at
    {line: n, column: k + 1} (a one-cell-per-line row: each cell at its own line, column 1), with
    grid column k on a Markdown row; the row's texts are the line's cells."""
    lines = ["前言", "", *_lines(rows, layout), "", "结束语"]
    for run in _runs(lines, ()).runs:
        for row in run:
            assert len(row.cells) == len(row.texts)
            for k, cell in enumerate(row.cells):
                assert cell.text == row.texts[k]
                assert row.cell_loc(k) == cell.loc
                assert row.cell_loc(k) is not row.cell_loc(k)  # a new dict each time, the caller's
                if row.locs is None:  # a line's cells
                    assert cell.loc == {"line": row.block, "column": k + 1}
                    assert cell.col == (k if row.cols is not None else None)
                else:  # one cell per line
                    assert lines[cell.loc["line"] - 1].startswith(cell.text)
            if row.locs is None:
                line = lines[row.block - 1]
                assert row.texts == (_split(line)[0] or (clean(line),))  # a label alone on its line: one cell


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(_CELL, st.dictionaries(st.sampled_from(["page", "line", "row", "cell"]),
                                                 st.integers(1, 99), min_size=1),
                          st.none() | st.integers(0, 9), st.integers(1, 3)), max_size=6),
       st.integers(0, 6), st.integers(0, 6))
def test_rows_built_from_cells_and_joined_keep_each_cells_parts(
    parts: list[tuple[str, dict[str, int], int | None, int]], cut: int, start: int
) -> None:
    """``Row.of_cells`` gives back the cells it was given; ``joined`` is the first row's first cells
    and the second row's cells from ``start`` on, each as it was (the eager tuple concatenation)."""
    cells = tuple(Cell(text, loc, col, width) for text, loc, col, width in parts)
    row = Row.of_cells(cells, {"line": 1}, 1)
    assert row.cells == cells
    assert all(row.covers(k, c) == (cell.col is not None and cell.col <= c < cell.col + cell.width)
               for k, cell in enumerate(cells) for c in range(12))
    other = Row(("a", "1", "2"), {"line": 2}, 2, False)
    joined = row.joined(min(cut, len(cells)), other, min(start, 3))
    assert joined.cells == (*cells[: min(cut, len(cells))], *other.cells[min(start, 3):])
    assert (joined.loc, joined.block, joined.exact) == (row.loc, row.block, other.exact)


def _every_value_located(model: dict[str, Any], lines: list[str]) -> int:
    """How many values were checked: each value's location is the line and column of its raw text."""
    checked = 0
    for kind, table in model["tables"].items():
        for row_id, row in (table or {"rows": {}})["rows"].items():
            for column, raw in row["raw"].items():
                loc = model["provenance"][f"/tables/{kind}/rows/{row_id}/values/{column}"]
                line = lines[loc["line"] - 1]
                cells = _split(line)[0]
                if cells is None:  # one cell per line: "text |"
                    assert loc["column"] == 1
                    assert line.rstrip(" |") == raw
                else:
                    assert cells[loc["column"] - 1] == raw
                checked += 1
    return checked


@settings(max_examples=examples(15), deadline=None)
@given(consistent_models(seed_model()), st.sampled_from(["tabs", "pipes", "markdown", "cells"]))
def test_every_value_of_a_text_report_points_at_its_own_cell(model: dict[str, Any], layout: str) -> None:
    """Locations made only when a value is kept still point at the cell the value was read from."""
    data = render(model, layout)
    got = read(data, uri=f"generated.{layout}")
    assert _every_value_located(got, data.decode("utf-8").split("\n")) > 100


_GLUED_PIECES = st.sampled_from(["二、主动公开政府信息情况", "三、", "。", "；", "（一）依申请", "本年度", "、", "十",
                                 "工作要点", " ", "\t", "一", "，", "报告", "六、其他需要报告的事项 ", "2022年"])


def _split_glued_reference(text: str) -> tuple[str, str] | None:
    """``split_glued`` as it was before its shortcuts (session 16), with the heading-and-paragraph line
    of session 17 (``_GLUED_TEXT``)."""
    if "\t" in text or "、" not in text or not any(numeral + "、" in text for numeral in "一二三四五六七八九十"):
        return None
    stripped = text.strip()
    for pattern in (document._GLUED_BEFORE, document._GLUED_AFTER, document._GLUED_TEXT):
        match = pattern.fullmatch(stripped)
        if match:
            heading = match.group(2) if pattern is document._GLUED_BEFORE else match.group(1)
            if document.is_application_row_label(heading) or split_cells(stripped) is not None:
                return None
            return match.group(1), match.group(2)
    return None


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_GLUED_PIECES, max_size=14).map("".join), st.text(alphabet="政府信息公开。、", max_size=60))
def test_split_glued_with_its_shortcuts_is_the_plain_computation(glued: str, prose: str) -> None:
    """Only lines whose 、 stands where a glued heading can be are matched; nothing else changes."""
    for line in (glued, prose + glued, glued + prose, prose):
        assert document.split_glued(line) == _split_glued_reference(line)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=" |\t-:｜a0规\u200b", max_size=30))
def test_a_lines_separator_row_test_is_decided_as_before(line: str) -> None:
    """``_split``'s rule flag (skipped for a line without "-") is ``is_rule_row`` of the line's cells."""
    cells, _, rule = _split(line)
    assert rule == (cells is not None and is_rule_row(list(cells)))


def test_a_line_memo_remembers_short_lines_only_and_can_forget() -> None:
    calls: list[str] = []

    def upper(line: str) -> str:
        calls.append(line)
        return line.upper()

    memo = LineMemo(upper, maxsize=2)
    long = "x" * (LONGEST + 1)
    assert [memo["ab"], memo["ab"], memo[long], memo[long]] == ["AB", "AB", long.upper(), long.upper()]
    assert calls == ["ab", long, long]  # the long line computed each time, not kept
    assert [memo["cd"], memo["ef"]] == ["CD", "EF"]  # full at two lines: started again empty
    assert list(memo) == ["ef"]
    memo.cache_clear()
    assert not memo
    assert memo["ab"] == "AB"
    assert calls[-1] == "ab"


def test_a_rule_row_needs_a_dash() -> None:
    """The premise of ``_split``'s shortcut: every separator cell holds "-"."""
    assert all("-" in cell for cell in ("---", ":--", "--:", ":---:"))
    assert not re.fullmatch(r":?-{3,}:?", ":::")
