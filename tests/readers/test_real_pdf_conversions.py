"""Real converters' output of real reports printed to PDF (tests/corpus/converted, made by make.py).

What pdftotext -layout, PyMuPDF's get_text and pymupdf4llm do to a ruled table with merged cells, and
that the readers now read through (each test fails without its fix):

- PyMuPDF breaks a wrapped label after its item number: "2." alone on a line before "其他法律…";
- pymupdf4llm tears a merged label over the grid's columns: "一、本年" | "新收政府信" | "息公开申请数量";
- pdftotext -layout writes a wrapped label around its row's values ("4.无正当理由大量反复申" /
  "予处理  0  0 …" / "请"), and a row that leaves cells blank as values at their columns' places;
- a label with no values at all is a blank row when the table leaves other cells blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_budget import examples
from tests.readers.helpers import applications_row, read, read_file

CONVERTED = Path(__file__).resolve().parents[1] / "corpus" / "converted"


def _model(name: str) -> dict[str, Any]:
    return read_file(CONVERTED / name)


def test_an_item_number_alone_on_its_line_opens_the_next_label() -> None:
    model = _model("liaocheng-hrss-2023-pymupdf.txt")
    assert applications_row(model, "denied_prohibited_by_law") == [0] * 7
    assert applications_row(model, "unable_not_held") == [2, 0, 0, 0, 0, 0, 0]  # the seed's 总计 left 0
    assert applications_row(model, "unable_needs_creation") == [1, 0, 0, 0, 0, 0, 0]
    raws = [raw for row in model["tables"]["applications"]["rows"].values() for raw in row["raw"].values()]
    assert not [raw for raw in raws if "\n" in raw]


def test_a_label_torn_over_the_grid_columns_names_its_row() -> None:
    model = _model("pingtan-2021-pymupdf4llm.md")
    assert applications_row(model, "new_received") == [64, 0, 0, 2, 0, 4, 70]
    assert applications_row(model, "carried_over") == [0] * 7
    assert applications_row(model, "granted") == [27, 0, 0, 2, 0, 1, 30]
    assert applications_row(model, "carried_forward") == [1, 0, 0, 0, 0, 0, 1]


def test_a_label_written_around_its_values_keeps_the_table_together() -> None:
    model = _model("pingtan-2022-pdftotext-layout.txt")
    assert applications_row(model, "not_processed_excessive") == [0] * 7
    assert applications_row(model, "other_no_correction") == [2, 0, 0, 0, 0, 0, 2]
    assert applications_row(model, "other_unpaid_fee") == [0] * 7
    assert applications_row(model, "other_other") == [0, 2, 0, 0, 0, 0, 2]


def test_layout_values_go_under_their_columns_and_label_only_rows_are_blank() -> None:
    model = _model("shanghai-bgt-2019-pdftotext-layout.txt")
    assert applications_row(model, "granted") == [258, 12, None, None, 1, 1, None]  # blank 总计: a real defect
    assert applications_row(model, "new_received") == [821, 35, None, None, 2, 1, 859]
    assert applications_row(model, "partly_granted") == [3] + [None] * 6  # "3" alone between its label's lines
    assert applications_row(model, "denied_prohibited_by_law") == [None] * 7  # a label with no values at all
    assert model["tables"]["review_litigation"]["rows"]["review"]["values"] == {
        "upheld": 5, "corrected": None, "other": None, "pending": 2, "total": 7}


HEADER = (
    "                                           申请人情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之                      法人或其他组织\n"
    "   和，等于第三项加第四项之和）       自然人    商业企     科研机 社会公 法律服          总计\n"
    "                                                       其他\n"
    "                                业       构   益组织 务机构\n"
)
CENTRES = (26, 33, 41, 45, 49, 56, 62)  # where the header words stand (their centres)
LABELS = (("一、本年新收政府信息公开申请数量", "new_received"), ("二、上年结转政府信息公开申请数量", "carried_over"),
          ("    （一）予以公开", "granted"), ("    （七）总计", "results_total"),
          ("四、结转下年度继续办理", "carried_forward"))


def _layout_line(label: str, values: list[int | None]) -> str:
    line = label
    for centre, value in zip(CENTRES, values, strict=True):
        if value is None:
            continue
        text = str(value)
        at = max(len(line) + 2, centre - len(text) // 2)
        line += " " * (at - len(line)) + text
    return line


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 999)), min_size=7, max_size=7)
                .filter(lambda values: any(v is not None for v in values)), min_size=5, max_size=5))
def test_a_layout_row_with_blank_cells_keeps_each_value_in_its_column(rows: list[list[int | None]]) -> None:
    lines = [_layout_line(label, values) for (label, _), values in zip(LABELS, rows, strict=True)]
    text = (
        "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度做好政务公开工作。\n\n"
        "三、收到和处理政府信息公开申请情况\n" + HEADER + "\n".join(lines) + "\n\n"
        "五、存在的主要问题及改进情况\n\n问题与改进。\n"
    )
    model = read(text.encode(), uri="layout.txt")
    for (_, row_id), values in zip(LABELS, rows, strict=True):
        assert applications_row(model, row_id) == values, (row_id, text)


def test_labels_written_before_their_values_take_them_in_order() -> None:
    from tests.readers.test_converted_markdown import TABLE3_ONE_ROW, _doc

    table2 = "\n".join([
        "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
        "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "",
        "5.属于三类内部事务信",  # two labels cut short, then their two rows of values
        "息",
        "1.本机关不掌握相关政",
        "府信息",
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "|---|---|---|---|---|---|---|",
        "| 6.属于四类过程性信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        "| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |",  # 1.本机关不掌握…, its label written above with 5.
        "| （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
    ])
    rows = read(_doc(table2, TABLE3_ONE_ROW))["tables"]["applications"]["rows"]
    assert list(rows["denied_internal_affairs"]["values"].values()) == [1, 0, 0, 0, 0, 0, 1]
    assert list(rows["denied_process_info"]["values"].values()) == [2, 0, 0, 0, 0, 0, 2]
    assert list(rows["unable_not_held"]["values"].values()) == [3, 0, 0, 0, 0, 0, 3]


@pytest.mark.parametrize(("pdf", "verdicts"), [("liaocheng-hrss-2023.pdf", "liaocheng-hrss-2023-pdftotext"),
                                               ("shanghai-bgt-2019.pdf", "shanghai-bgt-2019-html")])
def test_the_pdf_reader_reads_an_agency_laid_out_pdf(pdf: str, verdicts: str) -> None:
    """The PDFs themselves (ruled tables, merged cells, a table across pages, page numbers): every
    hand-verified cell, read by the PDF reader (pdfplumber, the ``pdf`` extra)."""
    pytest.importorskip("pdfplumber")
    from tests.corpus import score

    doc = next(d for d in score.load_manifest()["documents"] if d["id"] == verdicts)
    model = _model(f"pdf/{pdf}")
    wrong = [(table, row, column, value, score._model_cell(model, table, row, column))
             for table, row, column, value in score.expected_cells(doc["tables"])
             if not score._same_number(value, score._model_cell(model, table, row, column))]
    assert not wrong
    assert model["metadata"]["year"] == doc["year"]


def test_cells_one_a_line_are_never_one_number() -> None:
    from compliance.readers.labels import parse_number

    assert parse_number("1\n\n0\n\n2\n\n0\n\n3") is None  # pdftotext's five cells, not 10203
    assert parse_number(" 12 ") == 12


def test_words_after_a_table_1_label_are_not_its_values() -> None:
    """pdftotext (default mode) writes table 1 column by column: the row labels one under the other,
    then the figures; a label is never read as the figures of the label above it."""
    model = _model("pingtan-2021-pdftotext.txt")
    rows = model["tables"]["active_disclosure"]["rows"]
    raws = [raw for row in rows.values() for raw in row["raw"].values()]
    assert not [raw for raw in raws if raw and parse_or_blank(raw)]


def parse_or_blank(raw: str) -> bool:
    """True when ``raw`` is words: neither a number nor a blank placeholder."""
    from compliance.readers.labels import is_value_cell

    return not is_value_cell(raw)


def test_a_last_section_joined_to_its_paragraph_is_a_section() -> None:
    """pymupdf4llm joins a short last section onto one line: "六、其他需要报告的事项 2022年，无收取…"."""
    model = _model("pingtan-2022-pymupdf4llm.md")
    last = model["sections"][-1]
    assert last["number"] == 6
    assert last["heading"] == "六、其他需要报告的事项"
    assert "信息处理费" in last["text"]


def test_inline_tags_around_a_table_block_are_taken_off() -> None:
    """pymupdf4llm marks a table block it did not take for a table: "<mark>信息内容 … 24252.311082</mark>"."""
    model = _model("pingtan-2021-pymupdf4llm.md")
    assert str(model["tables"]["active_disclosure"]["rows"]["administrative_fees"]["values"]["amount"]) == (
        "24252.311082")
