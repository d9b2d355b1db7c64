"""Space-aligned tables on a character grid (inscriptis): a row with fewer numbers than columns is
placed by the columns' positions, never read from the right (``readers/text_grid.py``).

inscriptis pads every cell, blank ones included, to its column's width in characters and drops the
cells a rowspan covers; read from the right, "一、本年新收…  821  35  2  1  859" put 821 under
科研机构 and the rules reported a balance and two litigation totals that the report gets right.
Each test here fails without ``place_by_grid``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers.grid import Row
from compliance.readers.text_grid import place_by_grid
from tests.hypothesis_budget import examples
from tests.readers.helpers import APPLICANTS, applications_row, read, read_file
from tests.rendering.tables import Grid, applications_grid, review_grid
from tests.strategies import applications, review_litigation

EXTRACTED = Path(__file__).resolve().parents[1] / "corpus" / "extracted"
REVIEW = ("upheld", "corrected", "other", "pending", "total")


def test_the_real_inscriptis_page_reads_each_number_in_its_column() -> None:
    model = read_file(EXTRACTED / "shanghai-bgt-2019-inscriptis.txt")
    assert applications_row(model, "new_received") == [821, 35, None, None, 2, 1, 859]
    assert applications_row(model, "carried_over") == [18, None, None, None, None, None, 18]
    # a row with two label cells (三、本年度办理结果 | （一）予以公开): its values one grid column further right
    assert applications_row(model, "granted") == [258, 12, None, None, 1, 1, None]
    assert applications_row(model, "unable_not_held") == [252, 12, None, None, 1, None, None]
    assert applications_row(model, "partly_granted") == [3, None, None, None, None, None, None]
    assert applications_row(model, "results_total") == [767, 35, None, None, 2, 1, 805]
    rows = model["tables"]["review_litigation"]["rows"]
    assert [rows["review"]["values"][c] for c in REVIEW] == [5, None, None, 2, 7]
    assert [rows["litigation_direct"]["values"][c] for c in REVIEW] == [8, None, None, 1, 9]
    assert [rows["litigation_after_review"]["values"][c] for c in REVIEW] == [None] * 5


def _row(texts: tuple[str, ...], line: int) -> Row:
    return Row(texts, {"line": line}, line, False)


def test_right_aligned_numbers_are_no_grid_and_are_left_as_read() -> None:
    # pdftotext -layout right-aligns numbers: "12" starts a column before "3" does, no character grid
    lines = ["一、本年新收    12     3     4     5     6     7    37",
             "二、上年结转     3                                  3"]
    rows = [_row(("一、本年新收", "12", "3", "4", "5", "6", "7", "37"), 1), _row(("二、上年结转", "3", "3"), 2)]
    before = list(rows)
    place_by_grid(rows, [(0, lines[0]), (1, lines[1])])
    assert rows == before


def test_a_row_on_the_grid_gets_a_blank_cell_per_empty_column() -> None:
    lines = ["一、本年新收  12  3  4  5  6  7  37",
             "二、上年结转  3".ljust(27) + "3"]
    rows = [_row(("一、本年新收", "12", "3", "4", "5", "6", "7", "37"), 1), _row(("二、上年结转", "3", "3"), 2)]
    place_by_grid(rows, [(0, lines[0]), (1, lines[1])])
    assert rows[1].texts == ("二、上年结转", "3", "", "", "", "", "", "3")
    assert rows[1].exact


def _width(text: str, wide: bool) -> int:
    """How many columns ``text`` takes: characters, or display columns (a CJK character two)."""
    return sum(2 if wide and unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _inscriptis(grid: Grid, blank: frozenset[tuple[int, int]], strip: bool, wide: bool = False) -> list[str]:
    """A grid as inscriptis lays it out: a row's cells in order (a spanned cell once, the cells a
    rowspan covers left out), each padded to the widest cell of its index, two spaces between;
    ``wide``: padded by display columns, as a tool that counts a CJK character two does."""
    rows = [["" if (r, k) in blank else cell.text for k, cell in enumerate(row)] for r, row in enumerate(grid)]
    widths: dict[int, int] = {}
    for row in rows:
        for k, text in enumerate(row):
            widths[k] = max(widths.get(k, 0), _width(text, wide))
    lines = ["  ".join(text + " " * (widths[k] - _width(text, wide)) for k, text in enumerate(row)) for row in rows]
    return [line.rstrip() if strip else line for line in lines]


def _tagged(table: dict[str, Any]) -> dict[str, Any]:
    """``table`` with each cell's text its own (row id, column): the grid's shape does not depend on
    the values, so the tagged grid says which cell each grid position is."""
    rows = {row_id: {**row, "raw": {c: f"{row_id}|{c}" for c in row["values"]}}
            for row_id, row in table["rows"].items()}
    return {**table, "rows": rows}


def _value_cells(grid: Grid) -> dict[tuple[int, int], tuple[str, str]]:
    """Grid position → (row id, column) of every value cell of a tagged grid."""
    out = {}
    for r, row in enumerate(grid):
        for k, cell in enumerate(row):
            if "|" in cell.text:
                row_id, column = cell.text.split("|")
                out[(r, k)] = (row_id, column)
    return out


CASE = tuple[dict[str, Any], dict[str, Any], frozenset[tuple[str, str, str]], bool, bool]


@st.composite
def _blanked(draw: st.DrawFn) -> CASE:
    """Tables 2 and 3 with any set of their cells left blank, whether lines keep trailing spaces and
    whether the layout counts display columns."""
    table2, table3 = draw(applications()), draw(review_litigation())
    cells = [("applications", *cell) for cell in _value_cells(applications_grid(_tagged(table2))).values()]
    cells += [("review", *cell) for cell in _value_cells(review_grid(_tagged(table3))).values()]
    chosen = draw(st.sets(st.sampled_from(cells), max_size=len(cells)))
    return table2, table3, frozenset(chosen), draw(st.booleans()), draw(st.booleans())


def _layout(
    table: dict[str, Any], grid_of: Any, kind: str, blank: frozenset[tuple[str, str, str]], strip: bool, wide: bool
) -> list[str]:
    """Table ``kind`` laid out as inscriptis does, the ``blank`` cells left empty."""
    grid = grid_of(table)
    where = _value_cells(grid_of(_tagged(table)))
    gone = {at for at, (row_id, column) in where.items() if (kind, row_id, column) in blank}
    return _inscriptis(grid, frozenset(gone), strip, wide)


@settings(max_examples=examples(25), deadline=None)
@given(_blanked())
def test_blank_cells_laid_out_by_character_read_back_in_their_columns(case: CASE) -> None:
    table2, table3, blank, strip, wide = case
    lines2 = _layout(table2, applications_grid, "applications", blank, strip, wide)
    lines3 = _layout(table3, review_grid, "review", blank, strip, wide)
    text = "\n".join([
        "某某单位2023年政府信息公开工作年度报告", "",
        "一、总体情况", "", "本机关依法做好政府信息公开工作。", "",
        "三、收到和处理政府信息公开申请情况", "", *lines2, "",
        "四、政府信息公开行政复议、行政诉讼情况", "", *lines3, "",
        "五、政府信息公开工作存在的主要问题及改进情况", "", "无。", "",
    ])
    model = read(text.encode("utf-8"))
    for row_id, row in table2["rows"].items():
        expected = [None if ("applications", row_id, c) in blank else row["values"][c] for c in APPLICANTS]
        assert applications_row(model, row_id) == expected, row_id
    got = model["tables"]["review_litigation"]["rows"]
    for group, row in table3["rows"].items():
        expected = [None if ("review", group, c) in blank else row["values"][c] for c in REVIEW]
        assert [got[group]["values"][c] for c in REVIEW] == expected, group


def test_bar_rows_all_as_wide_keep_their_trailing_blank_cells() -> None:
    # trafilatura writes "| … |" rows with merged cells kept empty, every row as wide: a row whose
    # 总计 is blank ends in an empty cell that is that blank, not padding (258 was read as 商业企业)
    model = read_file(EXTRACTED / "shanghai-bgt-2019-trafilatura.txt")
    assert applications_row(model, "granted") == [258, 12, None, None, 1, 1, None]
    assert applications_row(model, "partly_granted") == [3, None, None, None, None, None, None]
    assert applications_row(model, "new_received") == [821, 35, None, None, 2, 1, 859]
