"""Real HTML-to-text tools' output of real portal pages (tests/corpus/extracted, made by make.py).

What the tools crawlers use do to a report's tables, and that the readers now read through (each
test fails without its fix):

- ``w3m -dump`` draws a table with box rules and wraps a long cell over lines, each piece in its
  column; a cell spanning rows has its pieces beside several rows (``box_tables.unbox``);
- BeautifulSoup ``get_text(" ")`` / ``get_text("\\n")`` drop a blank cell's no-break space, so a row
  of table 2 with blank cells is fewer numbers than columns ("821 35 2 1 859"): splitting those
  numbers made figures up (8 21 35 2 1 8 59); they are now placed in the columns every way;
- a table marked unreadable drops rows; readings of those rows no longer reach the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.readers.box_tables import unbox
from compliance.readers.digit_runs import split_run, sums_to_last
from tests.hypothesis_budget import examples
from tests.readers.helpers import APPLICANTS, applications_row, read, read_file

EXTRACTED = Path(__file__).resolve().parents[1] / "corpus" / "extracted"


def _model(name: str) -> dict[str, Any]:
    return read_file(EXTRACTED / name)


W3M = """\
┌──────────────┬─────────────────┬─────┬──────┐
│              │（二）部分公开（ │5    │5     │
│              │区分处理的）     │     │      │
│三、本年度办理├────────┬────────┼─────┼──────┤
│结果          │（三）不│1.属于  │0    │0     │
│              │予公开  │国家秘密│     │      │
│              │        ├────────┼─────┼──────┤
│              │        │2.其他  │1    │1     │
└──────────────┴────────┴────────┴─────┴──────┘"""


def test_a_box_drawn_table_is_one_markdown_row_per_table_row() -> None:
    lines = W3M.split("\n")
    out = unbox(lines)
    assert len(out) == len(lines)  # line numbers kept
    rows = [line for line in out if line]
    assert rows == [
        "| 三、本年度办理结果 | （二）部分公开（区分处理的） | 5 | 5 |",
        "|  | （三）不予公开 | 1.属于国家秘密 | 0 | 0 |",
        "|  |  | 2.其他 | 1 | 1 |",
    ]
    assert out[1].startswith("| 三、本年度办理结果")  # a row stands on its first line


def test_markdown_and_ascii_grids() -> None:
    markdown = ["| 规章 | 0 | 0 |", "|---|---|---|", "| 行政规范性文件 | 8 | 9 |"]
    assert unbox(markdown) == markdown  # a Markdown separator is no grid rule
    grid = ["+------+----+", "| 行政 | 12 |", "| 许可 |    |", "+------+----+", "| 行政处罚 | 3 |", "+---+---+"]
    assert [line for line in unbox(grid) if line] == ["| 行政许可 | 12 |", "| 行政处罚 | 3 |"]


def test_w3m_dumps_read_like_the_pages() -> None:
    model = _model("pingtan-2021-w3m.txt")
    assert applications_row(model, "new_received") == [64, 0, 0, 2, 0, 4, 70]
    assert applications_row(model, "partly_granted") == [5, 0, 0, 0, 0, 0, 5]  # its label wrapped over two lines
    assert applications_row(model, "results_total") == [63, 0, 0, 2, 0, 4, 69]
    review = model["tables"]["review_litigation"]["rows"]["review"]["values"]
    assert [review[c] for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 0, 2, 0, 3]
    shanghai = _model("shanghai-bgt-2019-w3m.txt")  # blank cells stay blank, in their columns
    assert applications_row(shanghai, "new_received") == [821, 35, None, None, 2, 1, 859]
    assert applications_row(shanghai, "granted") == [258, 12, None, None, 1, 1, None]


def test_numbers_fewer_than_the_columns_are_not_split_into_made_up_figures() -> None:
    split = split_run("821 35 2 1 859", 7, sums_to_last)
    assert (821, 35, None, None, 2, 1, 859) in split.readings
    assert split.consistent
    assert split.ambiguous
    assert split.reading is not None  # the numbers as written, first (which columns are blank: ambiguous)
    assert [v for v in split.reading if v is not None] == [821, 35, 2, 1, 859]
    assert all({821, 35, 859} <= set(reading) for reading in split.readings if None in reading)
    # digits that ran together still split as before, and a group of zeros splits one way
    assert split_run("500000 5", 7, sums_to_last).reading == (5, 0, 0, 0, 0, 0, 5)
    assert split_run("6 000000", 7, sums_to_last).readings == ((6, 0, 0, 0, 0, 0, 0),)
    assert split_run("1 0 0 0 0 01", 7, sums_to_last).readings == ((1, 0, 0, 0, 0, 0, 1),)
    assert split_run("713000074", 7, sums_to_last).reading == (71, 3, 0, 0, 0, 0, 74)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(1, 999)), min_size=6, max_size=6).filter(
    lambda values: 2 <= sum(v is not None for v in values) <= 5 and any(v and v >= 10 for v in values)))
def test_a_row_with_blank_cells_dropped_keeps_its_numbers(values: list[int | None]) -> None:
    """Whatever the blank cells, a row written with them left out is read as written first (its
    numbers in their columns); other readings the text allows come after."""
    total = sum(v or 0 for v in values)
    row = (*values, total)
    run = " ".join(str(v) for v in row if v is not None)
    split = split_run(run, 7, sums_to_last)
    written = sorted(v for v in row if v is not None)
    assert row in split.readings
    assert sorted(v for v in split.reading or () if v is not None) == written


def test_readings_of_rows_a_table_no_longer_has_are_dropped() -> None:
    from compliance.api import check
    from compliance.readers import read_document

    path = EXTRACTED / "shanghai-bgt-2019-bs4-newline.txt"
    report = read_document(path)
    rows = {f"/tables/{kind}/rows/{row}" for kind, table in report.data["tables"].items() if table
            for row in table.get("rows") or {}}
    assert all(alternative["row"] in rows for alternative in report.data.get("alternatives") or ())
    check(path)  # no KeyError from the engine's readings


def test_a_heading_in_emphasis_with_spaces_inside_is_a_heading() -> None:
    from compliance.readers.conversions import strip_markup

    assert strip_markup("**  一、总体情况**") == "一、总体情况"  # html2text: <strong>&nbsp; 一、总体情况</strong>
    model = _model("pingtan-2023-html2text.md")
    assert [section["number"] for section in model["sections"]][:1] == [1]


def test_rows_a_page_left_blank_are_rows_in_run_together_text() -> None:
    model = _model("shanghai-bgt-2019-bs4-space.txt")  # "2.其他法律行政法规禁止公开 3.危及… 4.保护… 5.属于… 5"
    rows = model["tables"]["applications"]["rows"]
    for row in ("denied_prohibited_by_law", "denied_three_securities", "denied_third_party"):
        assert applications_row(model, row) == [None] * 7
    assert applications_row(model, "denied_internal_affairs")[0] == 5
    assert "unable_not_held" in rows


def test_no_break_spaces_are_the_blank_cells_of_text_run_together() -> None:
    for name in ("shanghai-bgt-2019-bs4.txt", "shanghai-bgt-2019-lxml.txt"):  # "82135\xa0\xa021859"
        model = _model(name)
        assert applications_row(model, "new_received") == [821, 35, None, None, 2, 1, 859]
        assert applications_row(model, "carried_over") == [18, None, None, None, None, None, 18]
        assert applications_row(model, "results_total") == [767, 35, None, None, 2, 1, 805]
        review = model["tables"]["review_litigation"]["rows"]["review"]["values"]
        assert [review[c] for c in ("upheld", "corrected", "other", "pending", "total")] == [5, None, None, 2, 7]
    # a no-break space inside a label or a cell's text is no blank cell: the 平潭 crawler's pages
    assert applications_row(_model("pingtan-2021-bs4.txt"), "partly_granted") == [5, 0, 0, 0, 0, 0, 5]


def test_a_blank_row_stands_at_its_label_and_infers_nothing() -> None:
    # "…缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计5000005": two rows with no figures
    path = EXTRACTED.parent / "pairs" / "pingtan-scj-2021-flat.txt"
    model = read(path.read_bytes(), uri=str(path))
    rows = model["tables"]["applications"]["rows"]
    assert [rows["other_other"]["values"][c] for c in APPLICANTS] == [None] * 7
    assert rows["results_total"]["values"]["total"] == 5
    blank = model["provenance"]["/tables/applications/rows/other_other/values/total"]
    total = model["provenance"]["/tables/applications/rows/results_total/values/total"]
    assert "inferred" not in blank
    assert blank["column"] < total["column"]


def test_a_group_too_long_for_a_count_is_never_placed_as_one() -> None:
    split = split_run("77143166867510222088 342", 7, sums_to_last)
    assert all(v is None or v < 10_000_000 for reading in split.readings for v in reading)


def test_a_stray_empty_column_among_a_full_rows_numbers_is_skipped() -> None:
    # trafilatura writes 平潭 2021's irregular table 2 with an empty cell of its own in every row:
    # "| 一、本年新收… |  |  | 64 | 0 |  | 0 | 2 | 0 | 4 | 70 |"
    model = _model("pingtan-2021-trafilatura.txt")
    assert applications_row(model, "new_received") == [64, 0, 0, 2, 0, 4, 70]
    assert applications_row(model, "results_total") == [63, 0, 0, 2, 0, 4, 69]
    shanghai = _model("shanghai-bgt-2019-w3m.txt")  # blank cells of a row short of numbers stay blank
    assert applications_row(shanghai, "granted") == [258, 12, None, None, 1, 1, None]
